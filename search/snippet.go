package search

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

const (
	// snippetRunes is the length of a snippet in letters: two lines of results on a desktop,
	// four on a phone.
	snippetRunes = 160
	// maxSnippetSpans bounds the matched terms considered in one text, so that an article that
	// repeats a query word thousands of times costs no more to excerpt than a normal one.
	maxSnippetSpans = 512
	// distinctWeight makes a window with more different query terms always beat a window that
	// only repeats one term more often.
	distinctWeight = maxSnippetSpans + 1
	zwnj           = '\u200C'
	ellipsis       = "…"
)

// span is one matched term in a text: byte offsets [start, end) and the analyzed term.
type span struct {
	start, end int
	term       string
}

// eachPlace calls fn with every place of a query term a hit holds: a search's hits have them
// as FieldTermLocations (setSnippetLocations), a suggestion's as Bleve's Locations.
func eachPlace(dm *bsearch.DocumentMatch, fn func(field, term string, loc *bsearch.Location)) {
	for i := range dm.FieldTermLocations {
		l := &dm.FieldTermLocations[i]
		fn(l.Field, l.Term, &l.Location)
	}
	for field, terms := range dm.Locations {
		for term, ls := range terms {
			for _, l := range ls {
				fn(field, term, l)
			}
		}
	}
}

// spansOf collects the matched terms of one field from a hit's term locations.
func spansOf(dm *bsearch.DocumentMatch, field string) []span {
	var out []span
	eachPlace(dm, func(f, term string, l *bsearch.Location) {
		if f == field {
			out = append(out, span{start: int(l.Start), end: int(l.End), term: term})
		}
	})
	return out
}

// hasTerm reports whether dm holds term in its body or summary.
func hasTerm(dm *bsearch.DocumentMatch, term string) bool {
	found := false
	eachPlace(dm, func(field, t string, _ *bsearch.Location) {
		found = found || t == term && (field == fieldBody || field == fieldSummary)
	})
	return found
}

// snippet returns an HTML excerpt of about snippetRunes letters of text around its densest
// group of spans, cut at word boundaries, with "…" where text was cut, the spans wrapped in
// <mark>…</mark> and everything else escaped. With no usable span it is the text's beginning.
// It reorders spans.
func snippet(text string, spans []span) string {
	spans = cleanSpans(text, spans)
	if len(spans) == 0 {
		return render(text, 0, cutAfter(text, 0, snippetRunes), nil)
	}
	first, last := densestWindow(text, spans)
	start, end := frame(text, spans[first].start, spans[last].end)
	return render(text, start, end, spans)
}

// cleanSpans keeps the spans that lie inside text on rune boundaries, sorted, with
// overlapping spans joined, at most maxSnippetSpans of them, in spans' own array.
func cleanSpans(text string, spans []span) []span {
	ok := spans[:0]
	for _, s := range spans {
		if s.start >= 0 && s.start < s.end && s.end <= len(text) &&
			utf8.RuneStart(text[s.start]) && (s.end == len(text) || utf8.RuneStart(text[s.end])) {
			ok = append(ok, s)
		}
	}
	sort.Slice(ok, func(i, j int) bool {
		if ok[i].start != ok[j].start {
			return ok[i].start < ok[j].start
		}
		return ok[i].end > ok[j].end
	})
	out := ok[:0]
	for _, s := range ok {
		if n := len(out); n > 0 && s.start < out[n-1].end {
			out[n-1].end = max(out[n-1].end, s.end)
			continue
		}
		out = append(out, s)
	}
	if len(out) > maxSnippetSpans {
		out = out[:maxSnippetSpans]
	}
	return out
}

// densestWindow returns the first and last index of the group of spans that fits in
// snippetRunes letters and holds the most different terms, then the most spans; the earliest
// such group on ties.
func densestWindow(text string, spans []span) (first, last int) {
	starts, ends := runePositions(text, spans)
	best := -1
	j := 0
	var seen []string // the distinct terms of the window: a few
	for i := range spans {
		j = max(j, i)
		for j+1 < len(spans) && ends[j+1]-starts[i] <= snippetRunes {
			j++
		}
		seen = seen[:0]
		for _, s := range spans[i : j+1] {
			if !slices.Contains(seen, s.term) {
				seen = append(seen, s.term)
			}
		}
		if score := len(seen)*distinctWeight + (j - i + 1); score > best {
			best, first, last = score, i, j
		}
	}
	return first, last
}

// runePositions returns the letter offsets of the starts and ends of sorted, disjoint spans.
func runePositions(text string, spans []span) (starts, ends []int) {
	starts, ends = make([]int, len(spans)), make([]int, len(spans))
	pos, at := 0, 0
	for i, s := range spans {
		pos += runeCount(text[at:s.start])
		starts[i] = pos
		pos += runeCount(text[s.start:s.end])
		ends[i] = pos
		at = s.end
	}
	return starts, ends
}

// frame widens the byte range [s, e) to about snippetRunes letters, a third of the spare room
// before it and the rest after, then snaps both ends to word boundaries outside [s, e).
func frame(text string, s, e int) (start, end int) {
	spare := max(snippetRunes-runeCount(text[s:e]), 0)
	start = cutBefore(text, s, spare/3)
	before := runeCount(text[start:s])
	end = cutAfter(text, e, spare-before)
	if end == len(text) { // room left at the end: give it to the beginning
		after := runeCount(text[e:end])
		start = cutBefore(text, s, spare-after)
	}
	return start, end
}

// cutBefore returns the offset n letters before i, moved forward past the first space so that
// no word is cut; 0 when the text begins within n letters.
func cutBefore(text string, i, n int) int {
	start := i
	for ; n > 0 && start > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(text[:start])
		start -= size
	}
	if start == 0 {
		return 0
	}
	if k := strings.IndexFunc(text[start:i], isSpace); k >= 0 {
		return start + k
	}
	return start
}

// cutAfter returns the offset n letters after i, moved back to the last space so that no word
// is cut; len(text) when the text ends within n letters.
func cutAfter(text string, i, n int) int {
	end := i
	for ; n > 0 && end < len(text); n-- {
		_, size := utf8.DecodeRuneInString(text[end:])
		end += size
	}
	if end == len(text) {
		return end
	}
	if k := strings.LastIndexFunc(text[i:end], isSpace); k >= 0 {
		return i + k
	}
	return end
}

// render writes text[start:end] as HTML: the spans inside it marked (neighbours separated by
// nothing but spaces or ZWNJ share one mark), whitespace runs collapsed, "…" where cut.
func render(text string, start, end int, spans []span) string {
	start, end = trimSpace(text, start, end)
	var b strings.Builder
	b.Grow(end - start + 64) // the text, two ellipses and a few marks
	if strings.TrimSpace(text[:start]) != "" {
		b.WriteString(ellipsis)
	}
	pos := start
	for k := 0; k < len(spans); k++ {
		s := spans[k]
		if s.start < start || s.end > end {
			continue
		}
		e := s.end
		for k+1 < len(spans) && spans[k+1].end <= end && onlyGap(text[e:spans[k+1].start]) {
			k++
			e = spans[k].end
		}
		writeText(&b, text[pos:s.start])
		b.WriteString("<mark>")
		writeText(&b, text[s.start:e])
		b.WriteString("</mark>")
		pos = e
	}
	writeText(&b, text[pos:end])
	if strings.TrimSpace(text[end:]) != "" {
		b.WriteString(ellipsis)
	}
	return b.String()
}

// trimSpace narrows [start, end) of text to leave out whitespace at both ends.
func trimSpace(text string, start, end int) (int, int) {
	for start < end {
		r, size := utf8.DecodeRuneInString(text[start:end])
		if !isSpace(r) {
			break
		}
		start += size
	}
	for end > start {
		r, size := utf8.DecodeLastRuneInString(text[start:end])
		if !isSpace(r) {
			break
		}
		end -= size
	}
	return start, end
}

// onlyGap reports whether s separates two marks only by spaces or ZWNJ.
func onlyGap(s string) bool {
	for _, r := range s {
		if !isSpace(r) && r != zwnj {
			return false
		}
	}
	return true
}

// writeText writes s HTML-escaped (as html.EscapeString does, with invalid UTF-8 replaced),
// with each run of whitespace (newlines too) as one space.
func writeText(b *strings.Builder, s string) {
	space := false
	at := 0 // s[at:i] is plain text not written yet
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if c := s[i]; c >= 0xD0 && c <= 0xDF && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			space, i = false, i+2 // a two-byte letter from U+0400 on (Persian): no space, no entity
			continue
		} else if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if isSpace(r) {
			b.WriteString(s[at:i])
			if !space {
				b.WriteByte(' ')
			}
			space, i = true, i+size
			at = i
			continue
		}
		space = false
		sub := htmlEntity(r, size)
		if sub == "" {
			i += size
			continue
		}
		b.WriteString(s[at:i])
		b.WriteString(sub)
		for i += size; r == utf8.RuneError && i < len(s); i++ { // a run of invalid bytes is one replacement
			if r, size := utf8.DecodeRuneInString(s[i:]); r != utf8.RuneError || size != 1 {
				break
			}
		}
		at = i
	}
	b.WriteString(s[at:])
}

// htmlEntity is what writeText writes for rune r (of size bytes) instead of itself: the
// entities of html.EscapeString, and U+FFFD for invalid UTF-8; "" for r itself.
func htmlEntity(r rune, size int) string {
	switch {
	case r == utf8.RuneError && size == 1:
		return "\uFFFD"
	case r == '<':
		return "&lt;"
	case r == '>':
		return "&gt;"
	case r == '&':
		return "&amp;"
	case r == '\'':
		return "&#39;"
	case r == '"':
		return "&#34;"
	}
	return ""
}

// isSpace is unicode.IsSpace, quicker for the letters of Persian and Latin text: no rune
// between U+0100 and U+167F is a space, and unicode.IsSpace looks those up in a table.
func isSpace(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r == ' ' || '\t' <= r && r <= '\r'
	case r < 0x100 || r >= 0x1680:
		return unicode.IsSpace(r)
	}
	return false
}
