package search

import (
	"slices"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

// synonyms are the library's synonym groups (kb.Library.Synonyms) analyzed like the index, so
// that a query matches a synonym whatever its spelling (ZWNJ, Arabic letters, plural forms).
type synonyms struct {
	entries []synEntry
	byFirst map[string][]int // a term of an entry's first position → indexes into entries
}

// synEntry is one term of a group as the index sees it: the main term of each position (the
// whole word, not the parts of a compound: نام alone must not match ثبت‌نام), "" where the
// analyzer dropped a stop word (a gap, as in the analyzed query).
type synEntry struct {
	group  int
	phrase []string
}

// compileSynonyms analyzes every term of every group with an. Terms that analyze to nothing
// (only stop words) are left out: they could never match a query.
func compileSynonyms(an analysis.Analyzer, groups [][]string) *synonyms {
	s := &synonyms{byFirst: make(map[string][]int)}
	for g, terms := range groups {
		for _, t := range terms {
			var ph []string
			for _, sl := range slotsOf(an.Analyze([]byte(t))) {
				if sl == nil {
					ph = append(ph, "")
				} else {
					ph = append(ph, sl.terms[0])
				}
			}
			if len(ph) == 0 {
				continue
			}
			s.entries = append(s.entries, synEntry{group: g, phrase: ph})
			s.byFirst[ph[0]] = append(s.byFirst[ph[0]], len(s.entries)-1)
		}
	}
	return s
}

// expand adds to p the other terms of every group one of whose terms the query contains, as
// alternatives: a one-word synonym of one query word stands in that word's place (and so in
// the phrase clause); others are phrases of their own. A query word is read as typed or as
// one of its one-word alternatives (a variant, a spelling or prefix candidate), so that a
// misspelt or inflected synonym also expands, with the product of the weights.
func (s *synonyms) expand(p *plan) {
	if s == nil || len(s.entries) == 0 {
		return
	}
	readings := make([]map[string]float64, len(p.slots)) // nil for a gap
	for i, w := range p.slots {
		if w == nil {
			continue
		}
		readings[i] = map[string]float64{w.terms[0]: 1}
		for _, a := range p.alts {
			if a.slot == i && a.oneWord() {
				t := a.phrase[0][0]
				readings[i][t] = max(readings[i][t], a.boost)
			}
		}
	}
	type match struct {
		entry, slot int
		boost       float64
	}
	best := make(map[int]match) // group → its best match
	for i := range p.slots {
		for t, b := range readings[i] {
			for _, e := range s.byFirst[t] {
				weight, ok := matchAt(readings, i, s.entries[e].phrase)
				g := s.entries[e].group
				if ok && weight*b > best[g].boost {
					best[g] = match{entry: e, slot: i, boost: weight * b}
				}
			}
		}
	}
	for _, m := range best {
		s.addGroup(p, m.slot, s.entries[m.entry], synonymBoost*m.boost)
	}
}

// matchAt reports whether the slots from i on read as phrase, gaps where it has gaps, and the
// product of the weights of the readings after the first.
func matchAt(readings []map[string]float64, i int, phrase []string) (float64, bool) {
	if i+len(phrase) > len(readings) {
		return 0, false
	}
	weight := 1.0
	for k, t := range phrase[1:] {
		r := readings[i+1+k]
		if t == "" || r == nil {
			if t != "" || r != nil {
				return 0, false
			}
			continue
		}
		b, ok := r[t]
		if !ok {
			return 0, false
		}
		weight *= b
	}
	return weight, true
}

// near returns the one-word synonym terms within maxEdits edits of term.
func (s *synonyms) near(term string, maxEdits int) []candidate {
	if s == nil || maxEdits == 0 {
		return nil
	}
	var out []candidate
	n := utf8.RuneCountInString(term)
	for _, e := range s.entries {
		if len(e.phrase) != 1 || abs(utf8.RuneCountInString(e.phrase[0])-n) > maxEdits {
			continue // a length apart by more than the edits cannot be near
		}
		if d := editDistance(term, e.phrase[0]); d > 0 && d <= float64(maxEdits) {
			out = append(out, candidate{term: e.phrase[0], distance: d})
		}
	}
	return out
}

// addGroup adds the entries of m's group other than m, matched at slot i, weighted boost.
func (s *synonyms) addGroup(p *plan, i int, m synEntry, boost float64) {
	for _, e := range s.entries {
		if e.group != m.group || slices.Equal(e.phrase, m.phrase) {
			continue
		}
		if len(m.phrase) == 1 && len(e.phrase) == 1 {
			p.addAlt(i, e.phrase[0], boost)
			continue
		}
		ph := make([][]string, len(e.phrase))
		for k, t := range e.phrase {
			if t != "" { // a gap stays nil: any term may stand there
				ph[k] = []string{t}
			}
		}
		p.alts = append(p.alts, alt{phrase: ph, boost: boost, slot: i, span: len(m.phrase)})
	}
}

func abs(n int) int { return max(n, -n) }
