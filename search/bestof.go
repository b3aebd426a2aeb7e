package search

import (
	"context"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// bestOf is a disjunction scored by its best clause plus tie times the others (a "dis-max"),
// for the spellings of one query word: the word as typed and its alternatives. Bleve's own
// disjunction sums its clauses' scores and multiplies by the share that matched, which would
// count an article that has a word and its synonym as if it matched two words of the query.
// The clauses' scores come from Bleve's score breakdown, which its disjunction fills instead
// of summing when asked to.
type bestOf struct {
	clauses []query.Query
	tie     float64
}

// Searcher implements query.Query.
func (q *bestOf) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	if len(q.clauses) == 1 {
		return q.clauses[0].Searcher(ctx, r, m, opts)
	}
	d := query.NewDisjunctionQuery(q.clauses)
	d.RetrieveScoreBreakdown(true)
	s, err := d.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	return &bestOfSearcher{Searcher: s, tie: q.tie}, nil
}

// bestOfSearcher rescores the matches of a disjunction that returns score breakdowns.
type bestOfSearcher struct {
	bsearch.Searcher
	tie float64
}

// Next implements search.Searcher.
func (s *bestOfSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	s.rescore(dm)
	return dm, err
}

// Advance implements search.Searcher.
func (s *bestOfSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	s.rescore(dm)
	return dm, err
}

func (s *bestOfSearcher) rescore(dm *bsearch.DocumentMatch) {
	if dm == nil || len(dm.ScoreBreakdown) == 0 {
		return
	}
	best, sum := 0.0, 0.0
	for _, v := range dm.ScoreBreakdown {
		best, sum = max(best, v), sum+v
	}
	dm.Score = best + s.tie*(sum-best)
	clear(dm.ScoreBreakdown) // consumed: an enclosing query must not read it again
}
