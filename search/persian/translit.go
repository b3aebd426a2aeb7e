package persian

import (
	"strings"
	"unicode/utf8"
)

// Loanwords cross scripts: an article writes eSIM, APN or رومینگ, a customer types ای‌سیم,
// roaming or پسورد. Transliteration gives the spelling of a word in the other script the way
// Persian writers usually spell loanwords. It is approximate on purpose (short vowels are not
// written in Persian, so the way back guesses them): the caller looks for known words within
// an edit or two of the result, never for the result alone.

// latinDigraphs are letter pairs read as one sound, tried before single letters.
var latinDigraphs = map[string]string{
	"sh": "ش", "ch": "چ", "kh": "خ", "gh": "ق", "zh": "ژ", "ph": "ف", "th": "ت", "ng": "نگ",
	"ck": "ک", "oo": "و", "ou": "و", "oa": "و", "ee": "ی", "ea": "ی", "ai": "ی", "ay": "ی",
	"ey": "ی", "ie": "ی", "qu": "کو",
}

// latinLetters are the consonants' usual Persian letters; vowels are in latinVowel.
var latinLetters = map[byte]string{
	'b': "ب", 'c': "ک", 'd': "د", 'f': "ف", 'g': "گ", 'h': "ه", 'j': "ج", 'k': "ک", 'l': "ل",
	'm': "م", 'n': "ن", 'p': "پ", 'q': "ک", 'r': "ر", 's': "س", 't': "ت", 'v': "و", 'w': "و",
	'x': "کس", 'z': "ز",
}

// minTranslitLetters is the shortest word transliterated: shorter ones (ok, pc) are acronyms
// or too ambiguous to find anything by.
const minTranslitLetters = 4

// FromLatinScript writes a Latin word in Persian letters the way loanwords are usually spelt:
// roaming → رومینگ, modem → مودم, email → امیل. It returns "" for a word shorter than
// minTranslitLetters or with anything but ASCII letters.
func FromLatinScript(word string) string { return fromLatin(strings.ToLower(word), false) }

// fromLatin is FromLatinScript of a lower-case word; with short, a short vowel (shortVowel) is
// not written.
func fromLatin(w string, short bool) string {
	if len(w) < minTranslitLetters || !isLatinWord(w) {
		return ""
	}
	var b strings.Builder
	last := ""
	emit := func(s string) {
		if s != "" && s != last { // doubled letters are written once: ll → ل, ss → س
			b.WriteString(s)
		}
		last = s
	}
	for i := 0; i < len(w); {
		if i+1 < len(w) {
			if p, ok := latinDigraphs[w[i:i+2]]; ok {
				if i == 0 && isLatinVowel(w[0]) {
					p = "ا" + p // an initial vowel is carried by alef: oo → او, ea → ای
				}
				emit(p)
				i += 2
				continue
			}
		}
		if short && shortVowel(w, i) {
			last = "" // the consonants around it are two letters: kasas → کسس
		} else {
			emit(latinLetter(w, i))
		}
		i++
	}
	return b.String()
}

// FromFinglish writes a Latin word the way Persian itself is typed in Latin letters
// ("Finglish": tahvil for تحویل, mahsul for محصول): like FromLatinScript, but an a or an o
// between consonants is read as a short vowel, which Persian does not write. Writers of
// Finglish spell long and short a alike, so the caller tries both readings. It returns "" when
// the word has no such vowel (the reading would be FromLatinScript's) or FromLatinScript would.
func FromFinglish(word string) string {
	w := strings.ToLower(word)
	for i := 1; i+1 < len(w); i++ {
		if shortVowel(w, i) {
			return fromLatin(w, true)
		}
	}
	return ""
}

// shortVowel reports whether w[i] is an a or an o between two consonants.
func shortVowel(w string, i int) bool {
	return (w[i] == 'a' || w[i] == 'o') && i > 0 && i+1 < len(w) && !isLatinVowel(w[i-1]) && !isLatinVowel(w[i+1])
}

// latinLetter is the Persian spelling of the letter w[i] on its own.
func latinLetter(w string, i int) string {
	c := w[i]
	if !isLatinVowel(c) {
		if c == 'c' && i+1 < len(w) && strings.IndexByte("eiy", w[i+1]) >= 0 {
			return "س" // ce, ci: a soft c
		}
		return latinLetters[c]
	}
	return latinVowel(c, i == 0)
}

// latinVowel spells a vowel: a long vowel letter inside a word, alef-borne at the start, and
// nothing for a short e inside or at the end (update → اپدیت).
func latinVowel(c byte, initial bool) string {
	switch c {
	case 'a':
		return "ا"
	case 'e':
		if initial {
			return "ا"
		}
		return ""
	case 'i':
		if initial {
			return "ای"
		}
		return "ی"
	case 'y':
		return "ی"
	default: // o, u
		if initial {
			return "او"
		}
		return "و"
	}
}

func isLatinVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

// persianToLatinSound is the usual Latin spelling of each Persian consonant; the letters that
// also write vowels (ا، و، ی، ه) are read in ToLatinScript by their place in the word.
var persianToLatinSound = map[rune]string{
	'ب': "b", 'پ': "p", 'ت': "t", 'ث': "s", 'ج': "j", 'چ': "ch", 'ح': "h", 'خ': "kh", 'د': "d",
	'ذ': "z", 'ر': "r", 'ز': "z", 'ژ': "zh", 'س': "s", 'ش': "sh", 'ص': "s", 'ض': "z", 'ط': "t",
	'ظ': "z", 'غ': "gh", 'ف': "f", 'ق': "gh", 'ک': "k", 'گ': "g", 'ل': "l", 'م': "m", 'ن': "n",
	'آ': "a", 'ع': "", 'ء': "",
}

// ToLatinScript writes a Persian word in Latin letters the way a loanword would be spelt in
// English: ایسیم → isim, رومینگ → roming. Short vowels are not written in Persian, so the
// result is a guess (مودم → modm) that callers match within an edit or two. It normalizes the
// word first and returns "" for a word shorter than minTranslitLetters letters or with a
// non-Persian letter.
func ToLatinScript(word string) string {
	runes := []rune(string(appendNormalized(nil, word, false)))
	if len(runes) < minTranslitLetters {
		return ""
	}
	var b strings.Builder
	for i, r := range runes {
		s, ok := persianVowelLetter(runes, i)
		if !ok {
			if s, ok = persianToLatinSound[r]; !ok {
				return ""
			}
		}
		b.WriteString(s)
	}
	if utf8.RuneCountInString(b.String()) < minTranslitLetters-1 {
		return ""
	}
	return b.String()
}

// persianVowelLetter reads ا، و، ی، ه at runes[i]: و and ی are consonants (v, y) at the start
// of a word or after a vowel letter and vowels (o, i) between consonants; ا is a, or nothing
// as the bearer of an initial ای or او; a final ه is e.
func persianVowelLetter(runes []rune, i int) (string, bool) {
	afterVowel := i == 0 || strings.ContainsRune("اوی", runes[i-1])
	switch runes[i] {
	case 'ا':
		if i == 0 && len(runes) > 1 && (runes[1] == 'ی' || runes[1] == 'و') {
			return "", true
		}
		return "a", true
	case 'و':
		if afterVowel && !(i == 1 && runes[0] == 'ا') {
			return "v", true
		}
		return "o", true
	case 'ی':
		if afterVowel && !(i == 1 && runes[0] == 'ا') {
			return "y", true
		}
		return "i", true
	case 'ه':
		if i == len(runes)-1 {
			return "e", true
		}
		return "h", true
	}
	return "", false
}
