package kb

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// zwnj is the zero-width non-joiner that Persian writes between a word and its prefix or suffix.
const zwnj = "\u200c"

// typo is one typography finding in a text: the bytes [start, end) read old and should read
// repl. Offsets are relative to the text given to findTypos.
type typo struct {
	start, end int
	old, repl  string
	rule       string // what is wrong, for the message
	safe       bool   // kb check --fix applies it: it never changes meaning, links or anchors
}

// message is the warning shown for the typo, with the suggested fix.
func (t typo) message() string { return t.rule + ": " + t.fix() }

// fix shows the suggested change: `"old" → "new"`, or `"old" → remove`. Quoting shows
// invisible characters (ZWNJ, bidi marks) as \u escapes.
func (t typo) fix() string {
	if t.repl == "" {
		return fmt.Sprintf("%q → remove", t.old)
	}
	return fmt.Sprintf("%q → %q", t.old, t.repl)
}

// Rule names, the start of each typography warning.
const (
	ruleArabicLetter = "Arabic letter in Persian text (ي→ی, ك→ک)"
	ruleArabicDigit  = "Arabic-Indic digits (use Persian ۰–۹)"
	ruleMixedNumber  = "Latin and Persian digits in one number"
	ruleLatinDigits  = "Latin digits in text that uses Persian digits"
	ruleZWNJ         = "missing ZWNJ (zero-width non-joiner) instead of the space"
	ruleQuestion     = "Latin question mark after Persian text"
	ruleBidi         = "stray bidi control character"
)

// findTypos returns the typography findings of one run of prose (no line breaks, no code, no
// URLs), ordered by position. Findings may overlap; fixes apply the first of overlapping ones
// and find the rest again on the next round.
func findTypos(s string) []typo {
	var ts []typo
	ts = append(ts, arabicLetters(s)...)
	ts = append(ts, digitTypos(s)...)
	ts = append(ts, zwnjTypos(s)...)
	ts = append(ts, questionMarks(s)...)
	ts = append(ts, bidiTypos(s)...)
	sortTypos(ts)
	return ts
}

// word is a run of letters, marks and ZWNJ in a text.
type word struct {
	start, end int
	text       string
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsMark(r) || r == '\u200c'
}

// isFaLetter reports whether r is a letter of the Arabic script, which Persian is written in.
func isFaLetter(r rune) bool {
	return r > 0x600 && unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r)
}

// words splits s into words.
func words(s string) []word {
	var ws []word
	start := -1
	for i, r := range s {
		switch in := isWordRune(r); {
		case in && start < 0:
			start = i
		case !in && start >= 0:
			ws = append(ws, word{start, i, s[start:i]})
			start = -1
		}
	}
	if start >= 0 {
		ws = append(ws, word{start, len(s), s[start:]})
	}
	return ws
}

// foldArabic replaces Arabic yeh and kaf with the Persian letters.
var foldArabic = strings.NewReplacer("ي", "ی", "ك", "ک")

// arabicLetters finds words written with Arabic yeh (ي) or kaf (ك). A text with tāʾ marbūṭa
// (ة), which Persian spelling does not use, is taken to be an Arabic quotation and left alone.
func arabicLetters(s string) []typo {
	if !strings.ContainsAny(s, "يك") || strings.ContainsRune(s, 'ة') {
		return nil
	}
	var ts []typo
	for _, w := range words(s) {
		if strings.ContainsAny(w.text, "يك") {
			ts = append(ts, typo{w.start, w.end, w.text, foldArabic.Replace(w.text), ruleArabicLetter, true})
		}
	}
	return ts
}

// digitSystem tells Latin (1), Persian (2) and Arabic-Indic (3) digits apart; 0 is no digit.
func digitSystem(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return 1
	case r >= '۰' && r <= '۹':
		return 2
	case r >= '٠' && r <= '٩':
		return 3
	}
	return 0
}

// toPersianDigits writes every digit of s with Persian digits.
func toPersianDigits(s string) string {
	return strings.Map(func(r rune) rune {
		switch digitSystem(r) {
		case 1:
			return '۰' + r - '0'
		case 3:
			return '۰' + r - '٠'
		}
		return r
	}, s)
}

// number is a run of digits, with the separators inside it (1.5, 12:30, 1/2, ۱۲٬۰۰۰).
type number struct {
	start, end int
	systems    [4]bool // by digitSystem
}

func numbers(s string) []number {
	var ns []number
	cur := number{start: -1}
	for i, r := range s {
		sys := digitSystem(r)
		switch {
		case sys > 0 && cur.start < 0:
			cur.start = i
			fallthrough
		case sys > 0:
			cur.systems[sys] = true
			cur.end = i + utf8.RuneLen(r)
		case cur.start >= 0 && strings.ContainsRune(".,:/٫٬", r) && i == cur.end:
			// a separator: the number goes on if a digit follows
		case cur.start >= 0:
			ns = append(ns, cur)
			cur = number{start: -1}
		}
	}
	if cur.start >= 0 {
		ns = append(ns, cur)
	}
	return ns
}

// digitTypos finds Arabic-Indic digits and numbers mixing digit systems (both fixed to Persian
// digits), and Latin numbers standing in Persian text next to Persian ones (only suggested:
// "iOS 17" or "HTTP 404" are right as they are).
func digitTypos(s string) []typo {
	ns := numbers(s)
	persian := false
	for _, n := range ns {
		persian = persian || n.systems[2]
	}
	var ts []typo
	for _, n := range ns {
		old := s[n.start:n.end]
		switch {
		case n.systems[1] && (n.systems[2] || n.systems[3]):
			ts = append(ts, typo{n.start, n.end, old, toPersianDigits(old), ruleMixedNumber, true})
		case n.systems[3]:
			ts = append(ts, typo{n.start, n.end, old, toPersianDigits(old), ruleArabicDigit, true})
		case persian && n.systems[1] && !nextToLatin(s, n.start, n.end):
			ts = append(ts, typo{n.start, n.end, old, toPersianDigits(old), ruleLatinDigits, false})
		}
	}
	return ts
}

// nextToLatin reports whether s[start:end] touches a Latin letter or a Latin word across one
// space or hyphen: "MP3", "iOS 17", "HTTP 404", "A4".
func nextToLatin(s string, start, end int) bool {
	before := strings.TrimRight(s[:start], " -")
	after := strings.TrimLeft(s[end:], " -")
	r1, _ := utf8.DecodeLastRuneInString(before)
	r2, _ := utf8.DecodeRuneInString(after)
	return r1 < utf8.RuneSelf && unicode.IsLetter(r1) || r2 < utf8.RuneSelf && unicode.IsLetter(r2)
}

// Affixes Persian joins to a word with ZWNJ. The lists hold the common, unambiguous ones only.
var (
	zwnjPrefixes = map[string]bool{"می": true, "نمی": true}
	zwnjSuffixes = map[string]bool{
		"ها": true, "های": true, "هایی": true, "هایم": true, "هایت": true, "هایش": true,
		"هایمان": true, "هایتان": true, "هایشان": true, "تر": true, "ترین": true,
	}
	// after a final ه (هٔ is ه with a mark): "مرحله ای" → "مرحله‌ای", "کرده اید" → "کرده‌اید"
	zwnjAfterHeh = map[string]bool{"ای": true, "اید": true, "ایم": true, "اند": true}
)

// zwnjTypos finds a space where Persian writes ZWNJ: after the verb prefixes می and نمی
// ("می شود" → "می‌شود") and before the suffixes ها, تر, ترین ("کتاب ها" → "کتاب‌ها").
func zwnjTypos(s string) []typo {
	ws := words(s)
	var ts []typo
	for i := 0; i+1 < len(ws); i++ {
		a, b := ws[i], ws[i+1]
		gap := s[a.end:b.start]
		if strings.Trim(gap, " ") != "" || !isPersianWord(a.text) || !isPersianWord(b.text) {
			continue
		}
		fa, fb := foldArabic.Replace(a.text), foldArabic.Replace(b.text)
		if zwnjPrefixes[fa] || zwnjSuffixes[fb] || zwnjAfterHeh[fb] && strings.HasSuffix(strings.TrimRight(fa, "\u0654"), "ه") {
			ts = append(ts, typo{a.start, b.end, s[a.start:b.end], a.text + zwnj + b.text, ruleZWNJ, true})
		}
	}
	return ts
}

// isPersianWord reports whether w starts with a letter of the Arabic script.
func isPersianWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return isFaLetter(r)
}

// questionMarks finds '?' after Persian text ("چطور?" → "چطور؟"); the finding covers the
// word before it, for a readable message.
func questionMarks(s string) []typo {
	var ts []typo
	for i := strings.IndexByte(s, '?'); i >= 0; {
		before := strings.TrimRight(s[:i], " ")
		r, _ := utf8.DecodeLastRuneInString(before)
		if unicode.Is(unicode.Arabic, r) {
			start := 0
			if j := strings.LastIndexFunc(before, func(r rune) bool { return !isWordRune(r) && r != '؟' }); j >= 0 {
				_, n := utf8.DecodeRuneInString(before[j:])
				start = j + n
			}
			ts = append(ts, typo{start, i + 1, s[start : i+1], s[start:i] + "؟", ruleQuestion, true})
		}
		next := strings.IndexByte(s[i+1:], '?')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return ts
}

// Bidi controls. Embeddings, overrides and isolates are never needed in Markdown (the page
// sets the direction) and can make text read differently from how it is stored. The marks LRM,
// RLM and ALM can be needed next to neutral characters ("C++‏ را"), so only the useless ones
// are flagged: between two letters, at either end of a text, or right after another control.
func isBidiMark(r rune) bool { return r == '\u200e' || r == '\u200f' || r == '\u061c' }

func isBidiControl(r rune) bool {
	return r >= '\u202a' && r <= '\u202e' || r >= '\u2066' && r <= '\u2069'
}

func bidiTypos(s string) []typo {
	var ts []typo
	for i, r := range s {
		if !isBidiMark(r) && !isBidiControl(r) {
			continue
		}
		end := i + utf8.RuneLen(r)
		before, _ := utf8.DecodeLastRuneInString(s[:i])
		after, _ := utf8.DecodeRuneInString(s[end:])
		useless := func(n rune) bool {
			return n == utf8.RuneError || unicode.IsLetter(n) || isBidiMark(n) || isBidiControl(n)
		}
		doubled := isBidiMark(before) || isBidiControl(before)
		if isBidiControl(r) || doubled || useless(before) && useless(after) {
			rule := fmt.Sprintf("%s U+%04X", ruleBidi, r)
			ts = append(ts, typo{i, end, s[i:end], "", rule, true})
		}
	}
	return ts
}

// sortTypos orders findings by start, longest first.
func sortTypos(ts []typo) {
	slices.SortStableFunc(ts, func(a, b typo) int {
		return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end))
	})
}
