package search

import (
	"slices"

	"github.com/blevesearch/bleve/v2/search/query"
)

// spelling is one way a query word may match an article: one term, or a phrase of several
// positions (a synonym of several words), with its weight in the word's score.
type spelling struct {
	term   string
	phrase [][]string // nil for a term
	weight float64
}

// wordSpellings lists the spellings of each query word, by slot: its terms and alternatives
// (synonyms, variants, spelling and prefix candidates) with their weights. The last entry,
// after one per slot, holds the completions of a trailing stop word.
func wordSpellings(p *plan) [][]spelling {
	out := make([][]spelling, len(p.slots)+1)
	weights := p.wordWeights()
	for i, s := range p.slots {
		if s == nil {
			continue
		}
		for _, t := range s.terms {
			out[i] = append(out[i], spelling{term: t, weight: weights[i]})
		}
	}
	for _, a := range p.alts {
		w := 1.0
		if a.slot >= 0 && a.slot < len(weights) { // -1: a trailing stop word's completions
			w = weights[a.slot]
		}
		sp := spelling{weight: a.boost * w}
		if len(a.phrase) == 1 {
			sp.term = a.phrase[0][0]
		} else {
			sp.phrase = a.phrase
		}
		at := a.slot
		if a.span == 0 {
			at = len(p.slots)
		}
		out[at] = append(out[at], sp)
	}
	return out
}

// wordClauses is one clause per query word in field (only the words in mask, unless it is
// nil): the best of its spellings, each weighted boost times the spelling's weight (boosts go
// on the leaves: Bleve ignores a disjunction's own boost).
func wordClauses(p *plan, field string, boost float64, mask []bool) []query.Query {
	var out []query.Query
	for i, sp := range wordSpellings(p) {
		if len(sp) == 0 || mask != nil && !mask[i] {
			continue
		}
		clauses := make([]query.Query, len(sp))
		for k, s := range sp {
			clauses[k] = s.query(field, boost)
		}
		out = append(out, &bestOf{clauses: clauses, tie: wordTie})
	}
	return out
}

// query is the Bleve query of s in field, weighted boost times s's weight.
func (s spelling) query(field string, boost float64) query.Query {
	if s.phrase == nil {
		return boostedTerm(field, s.term, boost*s.weight)
	}
	mp := query.NewMultiPhraseQuery(s.phrase, field)
	mp.SetBoost(boost * s.weight)
	return mp
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
