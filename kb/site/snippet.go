package site

import (
	"html"
	"html/template"
	"strings"
)

// Highlight tags allowed in search snippets.
const (
	markOpen  = "<mark>"
	markClose = "</mark>"
)

// safeSnippet turns a search snippet into HTML for the page. The search package promises escaped
// text with <mark> highlights; this does not rely on it: every piece of text between the mark tags
// is unescaped and escaped again (which leaves correctly escaped text as it was and escapes
// anything else), and marks are re-balanced, so the result can only contain text and <mark>.
func safeSnippet(s string) template.HTML {
	var b strings.Builder
	open := false
	for s != "" {
		i := strings.Index(s, "<")
		text := s
		if i >= 0 {
			text = s[:i]
		}
		b.WriteString(html.EscapeString(html.UnescapeString(text)))
		if i < 0 {
			break
		}
		s = s[i:]
		switch {
		case strings.HasPrefix(s, markOpen) && !open:
			b.WriteString(markOpen)
			open = true
			s = s[len(markOpen):]
		case strings.HasPrefix(s, markClose) && open:
			b.WriteString(markClose)
			open = false
			s = s[len(markClose):]
		default:
			b.WriteString("&lt;")
			s = s[1:]
		}
	}
	if open {
		b.WriteString(markClose)
	}
	return template.HTML(b.String())
}
