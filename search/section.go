package search

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"persiankb/kb"
)

// Weights of the section match. A query word found in a heading says more about the section
// than the same word in its text: the heading is what the writer says the section is about.
const (
	sectionHeadingWeight = 2.0
	sectionTextWeight    = 1.0
	// sectionWeakWeight scales a weak query word (question word, light verb): it may help pick
	// between sections that match the same content words, never pick one on its own.
	sectionWeakWeight = 0.25
)

// Section is the part of an article, under one heading, that matches a query best.
type Section struct {
	ID    string // the heading's anchor (kb.Heading.ID): link to URL + "#" + ID
	Title string // the heading's text
}

// sectionTerms is one part of an article with the query's terms found in it: in its heading
// and in its text. The part before the first heading (the intro) has no heading.
type sectionTerms struct {
	heading *kb.Heading
	head    []string
	text    []string
}

// headingLine is where a heading of an article stands in its text: a line of its own, bytes
// [start, end) (headingLines finds headings in order: the k-th is a.Headings[k]).
type headingLine struct{ start, end int }

// headingLines finds a's headings in its text, in order: each is the first line after the
// previous one whose text, trimmed, is the heading (kb writes every block on its own line). A
// heading that cannot be found, which kb never produces, is left out, with the ones after it,
// and its text counts for the part before.
func headingLines(a *kb.Article) []headingLine {
	out := make([]headingLine, 0, len(a.Headings))
	for at := 0; at < len(a.Text) && len(out) < len(a.Headings); {
		end := len(a.Text)
		if i := strings.IndexByte(a.Text[at:], '\n'); i >= 0 {
			end = at + i + 1
		}
		if isLine(a.Text[at:end], a.Headings[len(out)].Text) {
			out = append(out, headingLine{at, end})
		}
		at = end
	}
	return out
}

// isLine reports whether strings.TrimSpace(line) == s, trimming ASCII white space first: the
// full trim, slow on Persian text, only runs where Unicode white space could make them equal.
func isLine(line, s string) bool {
	t := trimASCIISpace(line)
	switch {
	case t == s:
		return strings.TrimSpace(t) == s
	case len(t) <= len(s): // the full trim would only be shorter
		return false
	}
	first, _ := utf8.DecodeRuneInString(t)
	last, _ := utf8.DecodeLastRuneInString(t)
	return (unicode.IsSpace(first) || unicode.IsSpace(last)) && strings.TrimSpace(t) == s
}

// trimASCIISpace is s without the ASCII white space at its ends.
func trimASCIISpace(s string) string {
	i, j := 0, len(s)
	for i < j && s[i] < utf8.RuneSelf && isSpace(rune(s[i])) {
		i++
	}
	for j > i && s[j-1] < utf8.RuneSelf && isSpace(rune(s[j-1])) {
		j--
	}
	return s[i:j]
}

// sectionsOf splits a at its headings and files the query terms dm holds places of (as the
// index analyzed the article: its headings field, and its body by byte offset) under the part
// they are in; a body place on a heading's own line counts for the heading only.
func sectionsOf(a *kb.Article, dm *bsearch.DocumentMatch) []sectionTerms {
	lines := headingLines(a)
	parts := make([]sectionTerms, len(lines)+1)
	for k := range lines {
		parts[k+1].heading = &a.Headings[k]
	}
	eachPlace(dm, func(field, term string, loc *bsearch.Location) {
		switch field {
		case fieldHeadings:
			if len(loc.ArrayPositions) == 0 {
				return
			}
			if k := int(loc.ArrayPositions[0]) + 1; k < len(parts) && !slices.Contains(parts[k].head, term) {
				parts[k].head = append(parts[k].head, term)
			}
		case fieldBody:
			at := int(loc.Start)
			k := sort.Search(len(lines), func(i int) bool { return lines[i].start > at }) // lines before: part k
			if k > 0 && at < lines[k-1].end {
				return // on the heading's line
			}
			if !slices.Contains(parts[k].text, term) {
				parts[k].text = append(parts[k].text, term)
			}
		}
	})
	return parts
}

// queryWord is one word of a query as the section match sees it: the index terms that stand
// for it (as typed, or an alternative with its weight), and how much the word counts.
type queryWord struct {
	weight float64
	terms  []weightedTerm
	// phrases are alternatives of several positions (a synonym of several words): each
	// matches when all its positions do.
	phrases []weightedPhrase
}

type weightedPhrase struct {
	positions [][]string
	weight    float64
}

// sectionWords turns a plan into the words the section match scores: each slot with its
// terms, and the alternatives that stand in for it, weighted like the query weights them.
func sectionWords(p *plan) []queryWord {
	words := make([]queryWord, len(p.slots))
	for i, s := range p.slots {
		if s == nil {
			continue
		}
		words[i].weight = 1
		if s.weak {
			words[i].weight = sectionWeakWeight
		}
		for _, t := range s.terms {
			words[i].terms = append(words[i].terms, weightedTerm{term: t, weight: 1})
		}
	}
	for _, a := range p.alts {
		w := &queryWord{weight: 1} // a completion of a stop word's place stands alone
		if a.slot >= 0 && a.slot < len(words) {
			w = &words[a.slot]
		} else {
			words = append(words, *w)
			w = &words[len(words)-1]
		}
		if len(a.phrase) == 1 {
			for _, t := range a.phrase[0] {
				w.terms = append(w.terms, weightedTerm{term: t, weight: a.boost})
			}
			continue
		}
		w.phrases = append(w.phrases, weightedPhrase{positions: a.phrase, weight: a.boost})
	}
	return words
}

// bestSection returns the heading of the section of parts that matches words best, or nil when
// no section matches better than the intro (the part before the first heading): a query that
// the article's title or intro answers is best sent to the article itself. A section's score
// is the sum over the query's words of the best weight with which the word occurs in it,
// twice as much in its heading; ties go to the earlier section.
func bestSection(parts []sectionTerms, words []queryWord) *kb.Heading {
	if len(parts) < 2 || len(words) == 0 {
		return nil
	}
	best, bestScore := -1, 0.0
	for i, part := range parts {
		score := part.score(words)
		if i == 0 {
			bestScore = score // the intro: a section must do better
			continue
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return nil
	}
	return parts[best].heading
}

// score is how well the part matches the query's words.
func (st sectionTerms) score(words []queryWord) float64 {
	total := 0.0
	for _, w := range words {
		total += w.weight * max(st.match(st.head, w)*sectionHeadingWeight, st.match(st.text, w)*sectionTextWeight)
	}
	return total
}

// match is the best weight of the word's terms and phrases found in set; 0 for none.
func (sectionTerms) match(set []string, w queryWord) float64 {
	best := 0.0
	for _, t := range w.terms {
		if slices.Contains(set, t.term) {
			best = max(best, t.weight)
		}
	}
	for _, ph := range w.phrases {
		if ph.weight > best && containsAll(set, ph.positions) {
			best = ph.weight
		}
	}
	return best
}

// containsAll reports whether set has some term of every position.
func containsAll(set []string, positions [][]string) bool {
	for _, pos := range positions {
		if !slices.ContainsFunc(pos, func(t string) bool { return slices.Contains(set, t) }) {
			return false
		}
	}
	return true
}

// section is the heading of the section of a (dm's article) that matches words best, as a
// Section; nil when none does better than the intro.
func section(a *kb.Article, dm *bsearch.DocumentMatch, words []queryWord) *Section {
	if len(a.Headings) == 0 || len(words) == 0 {
		return nil
	}
	if h := bestSection(sectionsOf(a, dm), words); h != nil {
		return &Section{ID: h.ID, Title: h.Text}
	}
	return nil
}

// suggestWords are the terms a suggestion chose from a message, as words to match sections
// with: each term a word of its own, with its weight (rarer and repeated words count more).
func suggestWords(terms []weightedTerm) []queryWord {
	words := make([]queryWord, len(terms))
	for i, t := range terms {
		words[i] = queryWord{weight: t.weight, terms: []weightedTerm{{term: t.term, weight: 1}}}
	}
	return words
}
