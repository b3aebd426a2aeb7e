package search

import (
	"slices"
	"strconv"
)

// expand adds to p the other terms of every group one of whose terms the query contains, as
// alternatives: a one-word synonym of one query word stands in that word's place (and so in
// the phrase clause); others are phrases of their own. A query word is read as typed or as
// one of its one-word alternatives (a variant, a spelling or prefix candidate), so that a
// misspelt or inflected synonym also expands, with the product of the weights. A one-way
// group expands only from its from terms; each group weighs its terms by its own boost. A
// lexicon group expands only words no article has (see unknownWords).
func (s *synonyms) expand(v *vocab, p *plan) error {
	if s == nil || len(s.entries) == 0 {
		return nil
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
				if !ok || weight*b <= best[g].boost {
					continue
				}
				if s.builtin[g] {
					unknown, err := unknownWords(v, s.entries[e].phrase)
					if err != nil {
						return err
					}
					if !unknown {
						continue
					}
				}
				best[g] = match{entry: e, slot: i, boost: weight * b}
			}
		}
	}
	for g, m := range best {
		s.addExpansions(p, m.slot, s.entries[m.entry], s.boosts[g]*m.boost)
	}
	return nil
}

// unknownWords reports whether some word of phrase is in no article. The built-in lexicon
// expands only such words, the customer's words that the writers do not use (پسورد where
// articles say رمز عبور): a word the articles use already finds them, and the lexicon's other
// words for it, meant for every help center, only moved articles that have both (سفارش also
// as order ranked the articles whose address says order-…; held-out and support sets).
func unknownWords(v *vocab, phrase []string) (bool, error) {
	for _, t := range phrase {
		if t == "" {
			continue
		}
		ok, err := v.known(t)
		if err != nil || !ok {
			return err == nil, err
		}
	}
	return false, nil
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

// word reports whether term is a one-word synonym a query may contain (a group's from term).
func (s *synonyms) word(term string) bool {
	if s == nil {
		return false
	}
	for _, e := range s.byFirst[term] {
		if en := s.entries[e]; en.from && len(en.phrase) == 1 {
			return true
		}
	}
	return false
}

// near returns the one-word synonym terms a query may contain (a group's from terms) within
// maxEdits edits of term. The answers are cached: with the lexicon's hundreds of terms the
// edit distances were a tenth of a query's time on the held-out set.
func (s *synonyms) near(term string, maxEdits int) []candidate {
	if s == nil || maxEdits == 0 || len(s.byRunes) == 0 {
		return nil
	}
	key := term + "\x00" + strconv.Itoa(maxEdits)
	if cs, ok := s.nearCache.get(key); ok {
		return cs
	}
	var out []candidate
	n := len([]rune(term))
	for l := max(n-maxEdits, 1); l <= n+maxEdits; l++ { // a length apart by more cannot be near
		for _, e := range s.byRunes[l] {
			t := s.entries[e].phrase[0]
			if d := editDistance(term, t); d > 0 && d <= float64(maxEdits) {
				out = append(out, candidate{term: t, distance: d})
			}
		}
	}
	s.nearCache.put(key, out)
	return out
}

// addExpansions adds the to terms of m's group other than m, matched at slot i, weighted boost.
func (s *synonyms) addExpansions(p *plan, i int, m synEntry, boost float64) {
	for _, k := range s.groups[m.group] {
		e := s.entries[k]
		if !e.to || slices.Equal(e.phrase, m.phrase) {
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
