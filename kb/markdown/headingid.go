package markdown

import (
	"net/url"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// MaxIDRunes caps a heading ID: long enough to stay readable for any real heading, short enough
// that a section link pasted into a chat stays manageable.
const MaxIDRunes = 80

// HeadingID turns heading text into a human-readable anchor: Persian and other letters and
// digits are kept, Arabic yeh and kaf become Persian ones, Arabic and Persian digits become
// ASCII, diacritics and tatweel are dropped, Latin is lower-cased, spaces, ZWNJ, '-' and '_'
// become single '-', and punctuation, symbols and emoji are dropped. It is idempotent and may
// return "" (for a heading of only emoji or punctuation); callers supply a fallback.
func HeadingID(text string) string {
	var b strings.Builder
	n := 0
	sep, afterLetter := false, false
	for _, r := range norm.NFC.String(text) {
		r = foldRune(r)
		switch {
		case r == -1:
			continue
		case r == '-' || r == '_' || r == '\u200c' || unicode.IsSpace(r):
			sep = b.Len() > 0
			afterLetter = false
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			afterLetter = true
		case unicode.IsMark(r) && afterLetter:
			// a combining mark on the letter before it
		default:
			afterLetter = false
			continue
		}
		need := 1
		if sep {
			need = 2
		}
		if n+need > MaxIDRunes {
			break
		}
		if sep {
			b.WriteByte('-')
			n++
			sep = false
		}
		b.WriteRune(unicode.ToLower(r))
		n++
	}
	return b.String()
}

// foldRune normalizes one rune for IDs; -1 means drop it.
func foldRune(r rune) rune {
	switch {
	case r == 'ي' || r == 'ى': // Arabic yeh, alef maksura
		return 'ی'
	case r == 'ك': // Arabic kaf
		return 'ک'
	case r >= '٠' && r <= '٩': // Arabic-Indic digits
		return '0' + r - '٠'
	case r >= '۰' && r <= '۹': // Persian digits
		return '0' + r - '۰'
	case r == 'ـ', r >= '\u064b' && r <= '\u065f', r == '\u0670': // tatweel, harakat
		return -1
	case unicode.Is(unicode.Variation_Selector, r):
		return -1
	}
	return r
}

// idSet hands out IDs unique within one document.
type idSet map[string]bool

// unique returns id, or id with the first free "-2", "-3"… suffix, and marks it used.
// An empty id becomes "section-N", N being the heading's 1-based position.
func (s idSet) unique(id string, position int) string {
	if id == "" {
		id = "section-" + strconv.Itoa(position)
	}
	cand := id
	for i := 2; s[cand]; i++ {
		cand = id + "-" + strconv.Itoa(i)
	}
	s[cand] = true
	return cand
}

// ResolveAnchor finds the heading a link fragment points at: the fragment itself when it is an
// existing ID (also after percent-decoding), else the fragment passed through HeadingID, so
// that writers may type the heading's text. has reports whether an ID exists in the target.
// It returns the ID to link to and whether it exists.
func ResolveAnchor(fragment string, has func(id string) bool) (string, bool) {
	if has(fragment) {
		return fragment, true
	}
	if f, err := url.PathUnescape(fragment); err == nil {
		fragment = f
	}
	if has(fragment) {
		return fragment, true
	}
	id := HeadingID(fragment)
	return id, id != "" && has(id)
}
