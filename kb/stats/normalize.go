package stats

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// MaxQueryRunes bounds a grouped query: longer queries are pasted text, not searches worth a
// row of their own, and the bound keeps the roll-up tables' keys short.
const MaxQueryRunes = 100

// Letters the query normalization produces or inspects.
const (
	zwnj     = '\u200c'
	yeh      = '\u06cc' // Persian yeh ی
	yehHamza = '\u0626' // ئ, kept: folding it would merge words such as رئال and ریال
	hamza    = '\u0621' // standalone ء, dropped
)

// queryLetters maps Arabic letter variants to the Persian letter people mean; the same table
// as the search analyzer's (search/persian), so a query groups the way it is searched.
var queryLetters = map[rune]rune{
	'\u064a': yeh, '\u0649': yeh, '\u06d2': yeh, '\u06d0': yeh, '\u06cd': yeh, // ي ى ے ې ۍ
	'\u0643': '\u06a9', '\u06aa': '\u06a9', // ك ڪ → ک
	'\u0629': 'ه', '\u06c0': 'ه', '\u06c1': 'ه', '\u06c2': 'ه', '\u06c3': 'ه', '\u06be': 'ه', '\u06d5': 'ه', // ة ۀ ہ ۂ ۃ ھ ە
	'\u0623': 'ا', '\u0625': 'ا', '\u0671': 'ا', '\u0622': 'ا', '\u0672': 'ا', '\u0673': 'ا', '\u0675': 'ا', // أ إ ٱ آ ٲ ٳ ٵ
	'\u0624': 'و', '\u0676': 'و', // ؤ ٶ
	'\u066b': '.', '\u066c': ',', // Arabic decimal and thousands separators
}

// wordPunct are the punctuation marks kept between two letters or digits ("e-mail", "1.5",
// "tcp/ip"); every other punctuation mark separates words, like a space.
const wordPunct = ".-_/'"

// NormalizeQuery is the form queries are grouped by in the metrics (content gaps, top searches),
// so that spelling variants of one query count together:
//
//   - Arabic letter variants become Persian (ي ى → ی, ك → ک, ة ۀ → ه, أ إ آ → ا, ؤ → و), and
//     Arabic presentation forms and fullwidth letters their plain letters;
//   - diacritics, tatweel, the hamza ء, and bidi and zero-width marks are removed;
//   - Persian and Arabic-Indic digits become ASCII digits, letters are lower-cased;
//   - a zero-width non-joiner between two letters counts as a space ("می‌خواهم" = "می خواهم");
//   - punctuation separates words, except . - _ / ' between two letters or digits;
//   - runs of spaces become one space, leading and trailing ones are dropped, and the result is
//     cut to MaxQueryRunes runes.
//
// Every two queries the search analyzer's normalization (search/persian.Normalize) makes equal
// also group together, and NormalizeQuery(NormalizeQuery(q)) == NormalizeQuery(q).
func NormalizeQuery(q string) string {
	folded := foldQuery(q)
	out := make([]rune, 0, len(folded))
	space := false
	for i, r := range folded {
		if r == zwnj || unicode.IsSpace(r) || (unicode.IsPunct(r) && !inWord(folded, i)) {
			space = true
			continue
		}
		if space && len(out) > 0 {
			out = append(out, ' ')
		}
		space = false
		out = append(out, r)
	}
	if len(out) > MaxQueryRunes {
		// Cut, then drop what the cut left at the end: a space, or a mark that was between two
		// letters and no longer is.
		out = out[:MaxQueryRunes]
		for len(out) > 0 && (out[len(out)-1] == ' ' || unicode.IsPunct(out[len(out)-1])) {
			out = out[:len(out)-1]
		}
	}
	return string(out)
}

// inWord reports whether the punctuation mark rs[i] is one of wordPunct between two letters or
// digits.
func inWord(rs []rune, i int) bool {
	return i > 0 && i+1 < len(rs) && strings.ContainsRune(wordPunct, rs[i]) &&
		isAlnum(rs[i-1]) && isAlnum(rs[i+1])
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// folder is the state of foldQuery: the character folding of the search analyzer, with ZWNJ
// kept (once) only between letters, where NormalizeQuery reads it as a space.
type folder struct {
	out         []rune
	pendingZWNJ bool
}

// foldQuery folds letters, digits and case and drops marks; see NormalizeQuery.
func foldQuery(q string) []rune {
	f := folder{out: make([]rune, 0, len(q))}
	for _, r := range q {
		f.add(r)
	}
	return f.out
}

func (f *folder) add(r rune) {
	switch {
	case r >= 0x06f0 && r <= 0x06f9:
		f.emit('0' + r - 0x06f0)
	case r >= 0x0660 && r <= 0x0669:
		f.emit('0' + r - 0x0660)
	case queryLetters[r] != 0:
		f.emit(queryLetters[r])
	case r == '\u0654' && f.last() == yeh && !f.pendingZWNJ: // ی + combining hamza = ئ
		f.out[len(f.out)-1] = yehHamza
	case r == hamza, isArabicMark(r), r == '\u0640', r == '\u061c', isInvisible(r):
		// dropped
	case r == zwnj:
		if unicode.IsLetter(f.last()) {
			f.pendingZWNJ = true
		}
	case isPresentationForm(r):
		for _, d := range norm.NFKC.String(string(r)) {
			if d != ' ' && !isPresentationForm(d) {
				f.add(d)
			}
		}
	default:
		f.emit(unicode.ToLower(r))
	}
}

func (f *folder) emit(r rune) {
	if f.pendingZWNJ && unicode.IsLetter(r) {
		f.out = append(f.out, zwnj)
	}
	f.pendingZWNJ = false
	f.out = append(f.out, r)
}

func (f *folder) last() rune {
	if len(f.out) == 0 {
		return 0
	}
	return f.out[len(f.out)-1]
}

// isArabicMark covers diacritics, Koranic marks and the combining hamza and madda.
func isArabicMark(r rune) bool {
	return (r >= 0x064b && r <= 0x065f) || r == 0x0670 || (r >= 0x0610 && r <= 0x061a) || (r >= 0x06d6 && r <= 0x06ed)
}

// isInvisible covers zero-width and bidi controls (ZWNJ apart), the BOM, the soft hyphen and
// the replacement character of invalid UTF-8.
func isInvisible(r rune) bool {
	return (r >= 0x200b && r <= 0x200f && r != zwnj) || (r >= 0x202a && r <= 0x202e) ||
		(r >= 0x2066 && r <= 0x2069) || r == '\ufeff' || r == '\u00ad' || r == utf8.RuneError
}

// isPresentationForm covers Arabic presentation forms and fullwidth ASCII.
func isPresentationForm(r rune) bool {
	return (r >= 0xfb50 && r <= 0xfdff) || (r >= 0xfe70 && r <= 0xfefc) || (r >= 0xff01 && r <= 0xff5e)
}
