package search

import (
	"slices"

	"github.com/blevesearch/bleve/v2/search/query"
)

// wordClauses is one clause per query word in field (only the words in mask, unless it is
// nil): the best of its terms and alternatives, each weighted boost times the alternative's
// weight (boosts go on the leaves: Bleve ignores a disjunction's own boost). Completions of a
// trailing stop word are a clause of their own, the last of mask.
func wordClauses(p *plan, field string, boost float64, mask []bool) []query.Query {
	spellings := make([][]query.Query, len(p.slots)+1)
	weights := p.wordWeights()
	for i, s := range p.slots {
		if s == nil {
			continue
		}
		for _, t := range s.terms {
			spellings[i] = append(spellings[i], boostedTerm(field, t, boost*weights[i]))
		}
	}
	for _, a := range p.alts {
		var q query.Query
		w := 1.0
		if a.slot >= 0 && a.slot < len(weights) { // -1: a trailing stop word's completions
			w = weights[a.slot]
		}
		if len(a.phrase) == 1 {
			q = boostedTerm(field, a.phrase[0][0], boost*a.boost*w)
		} else {
			mp := query.NewMultiPhraseQuery(a.phrase, field)
			mp.SetBoost(boost * a.boost * w)
			q = mp
		}
		at := a.slot
		if a.span == 0 {
			at = len(p.slots)
		}
		spellings[at] = append(spellings[at], q)
	}
	var out []query.Query
	for i, sp := range spellings {
		if len(sp) > 0 && (mask == nil || mask[i]) {
			out = append(out, &bestOf{clauses: sp, tie: wordTie})
		}
	}
	return out
}

// phraseQuery rewards articles that hold the query's words together and in order, each word
// spelled as typed or as one of its one-word alternatives; nil for a one-word query.
func phraseQuery(p *plan) query.Query {
	if len(p.words()) < 2 {
		return nil
	}
	q := query.NewMultiPhraseQuery(phrasePositions(p), compositeAllName)
	q.SetBoost(phraseBoost)
	return q
}

// bigramQuery rewards articles that hold pairs of neighbouring query words together; nil
// for fewer than two pairs (the phrase says it all).
func bigramQuery(p *plan) query.Query {
	positions := phrasePositions(p)
	var qs []query.Query
	for i := 0; i+1 < len(positions); i++ {
		if positions[i] == nil || positions[i+1] == nil || p.slots[i].common && p.slots[i+1].common {
			continue
		}
		q := query.NewMultiPhraseQuery([][]string{positions[i], positions[i+1]}, compositeAllName)
		q.SetBoost(bigramBoost)
		qs = append(qs, q)
	}
	if len(qs) < 2 {
		return nil
	}
	return query.NewDisjunctionQuery(qs)
}

// phrasePositions is the query as a phrase: each word's terms and one-word alternatives, nil
// for a stop word (any term may stand there).
func phrasePositions(p *plan) [][]string {
	positions := make([][]string, len(p.slots))
	for i, s := range p.slots {
		if s != nil {
			positions[i] = slices.Clone(s.terms)
		}
	}
	for _, a := range p.alts {
		if a.oneWord() {
			positions[a.slot] = append(positions[a.slot], a.phrase[0]...)
		}
	}
	return positions
}

func boostedTerm(field, term string, boost float64) query.Query {
	q := query.NewTermQuery(term)
	q.SetField(field)
	q.SetBoost(boost)
	return q
}
