package kb

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// SummaryRunes is the length of a summary made from an article's first paragraph: about what
// search results and link previews (og:description) show before cutting it themselves.
const SummaryRunes = 160

// truncateText shortens s to at most max runes (plus "…"), cutting at a word boundary when one
// is in the second half, and collapses whitespace so that a paragraph becomes one line.
func truncateText(s string, max int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut, n := len(s), 0
	for i := range s {
		if n == max {
			cut = i
			break
		}
		n++
	}
	head := s[:cut]
	if s[cut] != ' ' { // the cut is inside a word: go back to the space before it
		if sp := strings.LastIndexByte(head, ' '); sp > 0 && utf8.RuneCountInString(head[:sp]) >= max/2 {
			head = head[:sp]
		}
	}
	head = strings.TrimRightFunc(head, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.IsPunct(r) && r != ')' && r != '»'
	})
	return head + "…"
}
