package search

import (
	"container/list"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"

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

// sectionTerms is one part of an article analyzed with the index's analyzer: the terms of its
// heading and of its text. The part before the first heading (the intro) has no heading.
type sectionTerms struct {
	heading *kb.Heading
	head    map[string]struct{}
	text    map[string]struct{}
}

// maxCachedSections bounds the section cache: the articles of the last few thousand hits
// shown. Each entry is an article's analyzed terms (~4.5 KB measured at the generated
// articles' ~1 KB of text; unbounded, 10,000 of them held ~45 MB), so the cache stays near
// ~10 MB however large the library is, while the articles popular queries keep returning
// stay analyzed; an article that drops out costs one analysis (~50 µs) when it is a hit again.
const maxCachedSections = 2000

// sectionCache holds the analyzed sections of the articles hits came from, computed once per
// index and article (an article is analyzed the first time it is a hit, not per query), the
// least recently used dropped beyond maxCachedSections. It is keyed by the article itself, so
// that a changed article is analyzed again. The zero value is an empty cache.
type sectionCache struct {
	mu      sync.Mutex
	entries map[*kb.Article]*list.Element // of the lru list, whose values are *sectionEntry
	lru     list.List                     // most recently used first
}

type sectionEntry struct {
	a     *kb.Article
	parts []sectionTerms
}

// of returns the analyzed sections of a.
func (c *sectionCache) of(an analysis.Analyzer, a *kb.Article) []sectionTerms {
	c.mu.Lock()
	if e, ok := c.entries[a]; ok {
		c.lru.MoveToFront(e)
		c.mu.Unlock()
		return e.Value.(*sectionEntry).parts
	}
	c.mu.Unlock()
	parts := analyzeSections(an, a) // outside the lock: other searches go on meanwhile
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries = map[*kb.Article]*list.Element{}
	}
	if e, ok := c.entries[a]; ok { // analyzed by another search meanwhile
		c.lru.MoveToFront(e)
		return parts
	}
	c.entries[a] = c.lru.PushFront(&sectionEntry{a: a, parts: parts})
	for c.lru.Len() > maxCachedSections {
		old := c.lru.Remove(c.lru.Back()).(*sectionEntry)
		delete(c.entries, old.a)
	}
	return parts
}

// len is the number of articles cached.
func (c *sectionCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.lru.Len()
}

// analyzeSections splits a's text at its headings and analyzes each part. A heading is found
// as a line of the text (kb writes every block on its own line); a heading that cannot be
// found, which kb never produces, is left out and its text counts for the part before.
func analyzeSections(an analysis.Analyzer, a *kb.Article) []sectionTerms {
	var texts []string
	parts := []sectionTerms{{}}
	var b strings.Builder
	h := 0
	for line := range strings.Lines(a.Text) {
		if h < len(a.Headings) && strings.TrimSpace(line) == a.Headings[h].Text {
			texts = append(texts, b.String())
			b.Reset()
			parts = append(parts, sectionTerms{heading: &a.Headings[h], head: termSet(an, line)})
			h++
			continue
		}
		b.WriteString(line)
	}
	texts = append(texts, b.String())
	for i := range parts {
		parts[i].text = termSet(an, texts[i])
	}
	return parts
}

// termSet is the set of terms an analyzes s into.
func termSet(an analysis.Analyzer, s string) map[string]struct{} {
	set := map[string]struct{}{}
	if strings.TrimSpace(s) == "" {
		return set
	}
	for _, t := range an.Analyze([]byte(s)) {
		set[string(t.Term)] = struct{}{}
	}
	return set
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
func (sectionTerms) match(set map[string]struct{}, w queryWord) float64 {
	best := 0.0
	for _, t := range w.terms {
		if _, ok := set[t.term]; ok {
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
func containsAll(set map[string]struct{}, positions [][]string) bool {
	for _, pos := range positions {
		found := false
		for _, t := range pos {
			if _, ok := set[t]; ok {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// addSections fills the Section of every hit with the section of its article that matches
// the plan best.
func (ix *Index) addSections(hits []Hit, p *plan) {
	if p == nil {
		return
	}
	ix.addSectionsFor(hits, sectionWords(p))
}

// addSectionsFor fills the Section of every hit with the section of its article that matches
// words best.
func (ix *Index) addSectionsFor(hits []Hit, words []queryWord) {
	for i := range hits {
		a, ok := ix.lib.Article(hits[i].Slug)
		if !ok || len(a.Headings) == 0 {
			continue
		}
		if h := bestSection(ix.sections.of(ix.an, a), words); h != nil {
			hits[i].Section = &Section{ID: h.ID, Title: h.Text}
		}
	}
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
