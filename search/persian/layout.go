package persian

import (
	"strings"
	"unicode"
)

// latinToPersian is the unshifted layer of the standard Persian keyboard
// (ISIRI 9147), keyed by the US-layout character on the same key. The legacy
// Windows Farsi layout differs where it matters for letters: \ gives پ there
// (ISIRI: m), so \ maps to پ too.
var latinToPersian = map[rune]rune{
	'q': 'ض', 'w': 'ص', 'e': 'ث', 'r': 'ق', 't': 'ف', 'y': 'غ', 'u': 'ع', 'i': 'ه', 'o': 'خ', 'p': 'ح',
	'[': 'ج', ']': 'چ', 'a': 'ش', 's': 'س', 'd': 'ی', 'f': 'ب', 'g': 'ل', 'h': 'ا', 'j': 'ت', 'k': 'ن',
	'l': 'م', ';': 'ک', '\'': 'گ', 'z': 'ظ', 'x': 'ط', 'c': 'ز', 'v': 'ر', 'b': 'ذ', 'n': 'د', 'm': 'پ',
	',': 'و', '\\': 'پ', '?': '؟',
	'1': '۱', '2': '۲', '3': '۳', '4': '۴', '5': '۵', '6': '۶', '7': '۷', '8': '۸', '9': '۹', '0': '۰',
}

// latinShiftToPersian is the Shift layer for keys that give letters a Persian
// writer types on purpose (Shift+H آ, Shift+C ژ, Shift+M ء, Shift+B ZWNJ).
var latinShiftToPersian = map[rune]rune{
	'H': 'آ', 'C': 'ژ', 'S': 'ئ', 'M': 'ء', 'A': 'ؤ', 'G': 'أ', 'F': 'إ', 'D': 'ي', 'J': 'ة', 'Z': 'ك',
	'B': zwnj,
}

// persianToLatin inverts both layers (to lower-case keys) for Latin words typed
// while the Persian layout was active: سسم → ssl.
var persianToLatin = buildPersianToLatin()

func buildPersianToLatin() map[rune]rune {
	m := make(map[rune]rune, len(latinToPersian)+len(latinShiftToPersian)+4)
	for k, v := range latinShiftToPersian {
		if v != zwnj {
			m[v] = unicode.ToLower(k)
		}
	}
	for k, v := range latinToPersian {
		if k != '\\' {
			m[v] = k
		}
	}
	m['ي'], m['ك'] = 'd', ';' // Arabic yeh and kaf of the legacy layout
	for d := '0'; d <= '9'; d++ {
		m['٠'+d-'0'] = d
	}
	return m
}

// FromLatinLayout rewrites text typed on a US keyboard while the writer meant
// Persian: sghl → سلام. A capital at the start of a word or in an all-capital
// word is read as auto-capitalization or Caps Lock (the unshifted letter);
// elsewhere it is read as Shift. ok is false when text has no Latin letter.
func FromLatinLayout(text string) (converted string, ok bool) {
	var b strings.Builder
	b.Grow(len(text) * 2)
	runes := []rune(text)
	for i, r := range runes {
		if p, found := latinToPersian[r]; found {
			b.WriteRune(p)
			ok = ok || isASCIILetter(r)
			continue
		}
		if 'A' <= r && r <= 'Z' {
			ok = true
			if p, found := latinShiftToPersian[r]; found && !readAsUnshifted(runes, i) {
				b.WriteRune(p)
			} else {
				b.WriteRune(latinToPersian[unicode.ToLower(r)])
			}
			continue
		}
		b.WriteRune(r)
	}
	return b.String(), ok
}

// readAsUnshifted reports whether the capital at runes[i] is more likely
// automatic (first letter of a word, or a word in capitals) than Shift.
func readAsUnshifted(runes []rune, i int) bool {
	if i == 0 || !isLayoutKey(runes[i-1]) {
		return true
	}
	start, end := i, i
	for start > 0 && isLayoutKey(runes[start-1]) {
		start--
	}
	for end < len(runes) && isLayoutKey(runes[end]) {
		end++
	}
	for _, r := range runes[start:end] {
		if 'a' <= r && r <= 'z' {
			return false
		}
	}
	return true // all capitals: Caps Lock
}

// isLayoutKey reports whether r is a key that types a Persian letter.
func isLayoutKey(r rune) bool {
	_, letter := latinToPersian[r]
	return isASCIILetter(r) || (letter && !('0' <= r && r <= '9') && r != '?')
}

func isASCIILetter(r rune) bool {
	return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
}

// ToLatinLayout rewrites text typed with the Persian layout active while the
// writer meant Latin (a product name, an e-mail): ثئشهم → email. ok is false
// when text has no Persian letter.
func ToLatinLayout(text string) (converted string, ok bool) {
	var b strings.Builder
	b.Grow(len(text))
	for _, r := range text {
		if l, found := persianToLatin[r]; found {
			b.WriteRune(l)
			ok = ok || r > unicode.MaxASCII && !isArabicDigit(r)
			continue
		}
		if r == zwnj {
			continue
		}
		b.WriteRune(r)
	}
	return b.String(), ok
}
