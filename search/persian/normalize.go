package persian

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"golang.org/x/text/unicode/norm"
)

// NormalizeName is the registered name of the character-normalization token filter.
const NormalizeName = "persian_normalize"

// Letters the normalizer produces or inspects.
const (
	zwnj     = '\u200c'
	yeh      = '\u06cc' // Persian yeh ی
	yehHamza = '\u0626' // ئ
	heh      = '\u0647'
	waw      = '\u0648'
	alef     = '\u0627'
	hamza    = '\u0621' // standalone ء
	kaf      = '\u06a9' // Persian kaf (keheh) ک
)

// letterMap maps single letters to their Persian form. Composed hamza letters
// are folded as Lucene's Arabic/Persian normalizers do, except ئ, which is kept:
// Lucene and hazm keep it, and folding it would merge words such as رئال and ریال.
var letterMap = map[rune]rune{
	'\u064a': yeh, '\u0649': yeh, '\u06d2': yeh, '\u06d0': yeh, '\u06cd': yeh, // ي ى ے ې ۍ
	'\u0643': kaf, '\u06aa': kaf, // ك ڪ
	'\u0629': heh, '\u06c0': heh, '\u06c1': heh, '\u06c2': heh, '\u06c3': heh, '\u06be': heh, '\u06d5': heh, // ة ۀ ہ ۂ ۃ ھ ە
	'\u0623': alef, '\u0625': alef, '\u0671': alef, '\u0622': alef, '\u0672': alef, '\u0673': alef, '\u0675': alef, // أ إ ٱ آ ٲ ٳ ٵ
	'\u0624': waw, '\u0676': waw, // ؤ ٶ
	'\u066b': '.', '\u066c': ',', // Arabic decimal and thousands separators
}

// Fold actions for runes of the Arabic block (U+0600–U+06FF), indexed by r-0x600.
const (
	foldKeep    = 0
	foldDrop    = -1 // diacritics, tatweel, Koranic marks
	foldContext = -2 // combining hamza and madda: depends on the previous letter
)

// arabicFold is built once from letterMap and the mark ranges; read-only after.
var arabicFold = buildArabicFold()

func buildArabicFold() [0x100]rune {
	var t [0x100]rune
	for r := rune(0x0600); r <= 0x06ff; r++ {
		switch {
		case r == '\u0653' || r == '\u0654' || r == '\u0655':
			t[r-0x600] = foldContext
		case isArabicMark(r) || r == '\u0640' || r == '\u061c':
			t[r-0x600] = foldDrop
		case isArabicDigit(r):
			t[r-0x600] = asciiDigit(r)
		case letterMap[r] != 0:
			t[r-0x600] = letterMap[r]
		}
	}
	return t
}

// Normalize folds Persian text to the form the index stores: Arabic letter
// variants become Persian ones, diacritics, tatweel and bidi/zero-width marks are
// removed, Persian and Arabic-Indic digits become ASCII and letters are lower-cased.
// A zero-width non-joiner is kept (once) only between two letters, because it
// marks a word-internal boundary that the analyzer uses. The result never has
// more runes than the input, and Normalize(Normalize(s)) == Normalize(s).
func Normalize(s string) string {
	b := []byte(s)
	if isNormalized(b) {
		return s
	}
	return string(appendNormalizedBytes(make([]byte, 0, len(b)), b, true))
}

// isNormalized reports whether s is already in normal form, so that the common
// case (clean Persian text) costs one scan and no allocation.
func isNormalized(s []byte) bool {
	prevLetter := false
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if 'A' <= c && c <= 'Z' {
				return false
			}
			prevLetter = 'a' <= c && c <= 'z'
			i++
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		i += size
		if r == zwnj {
			if !prevLetter || i >= len(s) {
				return false
			}
			next, _ := utf8.DecodeRune(s[i:])
			if !unicode.IsLetter(next) {
				return false
			}
			prevLetter = false
			continue
		}
		if r == hamza || needsFolding(r) {
			return false
		}
		prevLetter = isLetter(r)
	}
	return true
}

// needsFolding reports whether r is changed or dropped by the normalizer
// (hamza and ZWNJ, which depend on context, are checked by the callers).
func needsFolding(r rune) bool {
	switch {
	case r >= 0x0600 && r <= 0x06ff:
		return arabicFold[r-0x600] != foldKeep
	case r >= 0x200b && r <= 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == '\ufeff', r == '\u00ad', r == utf8.RuneError:
		return true
	case isPresentationForm(r):
		return true
	}
	return unicode.IsUpper(r) || unicode.IsTitle(r)
}

// isLetter is unicode.IsLetter with a fast path for the Arabic letters.
func isLetter(r rune) bool {
	if r >= 0x0621 && r <= 0x064a {
		return true
	}
	return unicode.IsLetter(r)
}

func isArabicMark(r rune) bool {
	return (r >= 0x064b && r <= 0x065f) || r == 0x0670 || (r >= 0x0610 && r <= 0x061a) || (r >= 0x06d6 && r <= 0x06ed)
}

// asciiDigit maps a Persian (۰-۹) or Arabic-Indic (٠-٩) digit to ASCII.
func asciiDigit(r rune) rune {
	if r >= 0x06f0 {
		return '0' + r - 0x06f0
	}
	return '0' + r - 0x0660
}

func isArabicDigit(r rune) bool {
	return (r >= 0x06f0 && r <= 0x06f9) || (r >= 0x0660 && r <= 0x0669)
}

// isPresentationForm covers Arabic presentation forms and fullwidth ASCII,
// which old PDFs and some keyboards produce; NFKC maps them to plain letters.
func isPresentationForm(r rune) bool {
	return (r >= 0xfb50 && r <= 0xfdff) || (r >= 0xfe70 && r <= 0xfefc) || (r >= 0xff01 && r <= 0xff5e)
}

// normalizer holds the state of one normalization.
type normalizer struct {
	out         []byte
	keepZWNJ    bool
	pendingZWNJ bool // a ZWNJ seen after a letter, emitted only if a letter follows
	pendingHmz  bool // a ء after ا, dropped at the end of a word (اعضاء → اعضا)
	last        rune // last rune written to out, 0 if none
}

// appendNormalized appends the normalized form of s to dst. With keepZWNJ false
// every ZWNJ is dropped (parts are joined).
func appendNormalized(dst []byte, s string, keepZWNJ bool) []byte {
	n := normalizer{out: dst, keepZWNJ: keepZWNJ}
	for _, r := range s {
		n.add(r)
	}
	return n.out
}

// appendNormalizedBytes is appendNormalized for a byte slice, without copying it.
func appendNormalizedBytes(dst, src []byte, keepZWNJ bool) []byte {
	n := normalizer{out: dst, keepZWNJ: keepZWNJ}
	for _, r := range string(src) {
		n.add(r)
	}
	return n.out
}

func (n *normalizer) add(r rune) {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		n.emit(r)
		return
	}
	if r >= 0x0600 && r <= 0x06ff {
		switch f := arabicFold[r-0x600]; {
		case f == foldDrop:
		case f == foldContext:
			n.combineHamza(r)
		case r == hamza && n.last == alef && !n.pendingZWNJ:
			n.pendingHmz = true
		case f == foldKeep:
			n.emit(r)
		default:
			n.emit(f)
		}
		return
	}
	switch {
	case r == zwnj:
		n.pendingHmz = false // a ZWNJ ends a word part: اجزاء‌ها → اجزا‌ها
		if n.keepZWNJ && unicode.IsLetter(n.last) {
			n.pendingZWNJ = true
		}
	case isPresentationForm(r):
		for _, d := range norm.NFKC.String(string(r)) {
			if d != ' ' && !isPresentationForm(d) {
				n.add(d)
			}
		}
	case needsFolding(r):
		if unicode.IsUpper(r) || unicode.IsTitle(r) {
			n.emit(unicode.ToLower(r))
		}
		// bidi and zero-width controls are dropped
	default:
		n.emit(r)
	}
}

// combineHamza handles a combining hamza or madda: the precomposed letter it
// would form with the previous letter is folded like its precomposed form
// (ي+ٔ → ئ, ه+ٔ → ه, ا+ٓ → ا, و+ٔ → و); elsewhere the mark is dropped.
func (n *normalizer) combineHamza(r rune) {
	if r == '\u0654' && n.last == yeh && !n.pendingZWNJ && !n.pendingHmz {
		n.out = n.out[:len(n.out)-utf8.RuneLen(yeh)]
		n.out = utf8.AppendRune(n.out, yehHamza)
		n.last = yehHamza
	}
}

func (n *normalizer) emit(r rune) {
	if n.pendingHmz || n.pendingZWNJ {
		letter := isLetter(r)
		if n.pendingHmz && letter {
			n.out = utf8.AppendRune(n.out, hamza)
		}
		if n.pendingZWNJ && letter {
			n.out = utf8.AppendRune(n.out, zwnj)
		}
		n.pendingHmz, n.pendingZWNJ = false, false
	}
	n.out = utf8.AppendRune(n.out, r)
	n.last = r
}

// NormalizeFilter is a token filter applying Normalize to each term. Tokens
// whose term normalizes to nothing (a lone diacritic) are removed. Offsets are
// untouched, so they still point at the original text.
type NormalizeFilter struct{}

// Filter implements analysis.TokenFilter.
func (NormalizeFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	out := input[:0]
	for _, tok := range input {
		if !isNormalized(tok.Term) {
			tok.Term = appendNormalizedBytes(make([]byte, 0, len(tok.Term)), tok.Term, true)
		}
		if len(tok.Term) > 0 {
			out = append(out, tok)
		}
	}
	return out
}

func normalizeFilterConstructor(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
	return NormalizeFilter{}, nil
}
