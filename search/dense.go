package search

import (
	"context"
	"fmt"
	"math"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/scorer"
	index "github.com/blevesearch/bleve_index_api"
)

// Bleve runs a query a document at a time: each leaf (a term in one field) hands every match
// up to the disjunctions and conjunctions above it, which compare document IDs, merge and
// score. For a query whose words are in nearly every article (at 10,000 generated articles
// «پرداخت‌شده» matches 9,838) that machinery, not the reading of postings, took ~85 % of the
// time. The dense evaluation computes the same scores term at a time: it reads each leaf's
// postings once, straight into arrays indexed by document number, combines them as
// textQuery's disjunctions and conjunction would (sum times the share of clauses matched,
// dis-max for the spellings of a word, one query norm over every leaf), and a single pass over
// the documents filters, counts categories and the total, and keeps the best page.
// TestDenseMatchesBleve holds it to Bleve's own scores.

// disjunction is one of textQuery's disjunctions: a clause per query word (the words in mask,
// all when nil) over field, weighted boost.
type disjunction struct {
	field string
	boost float64
	mask  []bool
}

// textDisjunctions are textQuery's disjunctions without proximity: the one that selects
// articles, then its optional ones (the common words over _all, the boosted fields).
func textDisjunctions(p *plan) (must disjunction, should []disjunction) {
	sel, com := selective(p)
	must = disjunction{compositeAllName, 1, sel}
	if com != nil {
		should = append(should, disjunction{compositeAllName, 1, com})
	}
	for _, f := range boostFields() {
		should = append(should, disjunction{f.name, f.boost, sel})
	}
	return must, should
}

// scoreModel is what a leaf's score needs besides its postings, as Bleve's term searcher
// works it out: the scoring model, the document count and the fields' average lengths.
type scoreModel struct {
	bm25  bool
	docs  uint64
	stats *bsearch.BM25Stats // nil: the reader's own field cardinalities
	r     index.IndexReader
}

func newScoreModel(m mapping.IndexMapping, r index.IndexReader, stats *bsearch.BM25Stats) (scoreModel, error) {
	im, ok := m.(*mapping.IndexMappingImpl)
	sm := scoreModel{bm25: ok && im.ScoringModel == index.BM25Scoring, stats: stats, r: r}
	if stats != nil && sm.bm25 {
		sm.docs = uint64(stats.DocCount)
		return sm, nil
	}
	n, err := r.DocCount()
	sm.docs = n
	return sm, err
}

// avgLength is a field's average length for BM25 (0 for tf-idf), as Bleve rounds it.
func (sm scoreModel) avgLength(field string) (float64, error) {
	if !sm.bm25 {
		return 0, nil
	}
	var card int
	if sm.stats != nil {
		c, ok := sm.stats.FieldCardinality[field]
		if !ok {
			return 0, fmt.Errorf("search: no BM25 statistics for field %s", field)
		}
		card = c
	} else if br, ok := sm.r.(index.BM25Reader); ok {
		c, err := br.FieldCardinality(field)
		if err != nil {
			return 0, err
		}
		card = c
	}
	if sm.docs == 0 && card == 0 {
		return 0, nil
	}
	return math.Ceil(float64(card) / float64(sm.docs)), nil
}

// leafScorer scores the postings of one term in one field as Bleve's TermQueryScorer does.
type leafScorer struct {
	idf, avg float64
}

func (sm scoreModel) scorer(field string, df uint64) (leafScorer, error) {
	avg, err := sm.avgLength(field)
	if err != nil {
		return leafScorer{}, err
	}
	docs := sm.docs
	if avg > 0 {
		return leafScorer{idf: math.Log(1 + (float64(docs)-float64(df)+0.5)/(float64(df)+0.5)), avg: avg}, nil
	}
	return leafScorer{idf: 1.0 + math.Log(float64(docs)/float64(df+1.0))}, nil
}

// score is a posting's score before the query weight (boost × idf × query norm).
func (s leafScorer) score(freq uint64, norm float64) float64 {
	var tf float64
	if freq < scorer.MaxSqrtCache {
		tf = scorer.SqrtCache[freq]
	} else {
		tf = math.Sqrt(float64(freq))
	}
	if s.avg > 0 {
		fieldLength := 1 / (norm * norm)
		return s.idf * (tf * bsearch.BM25_k1) /
			(tf + bsearch.BM25_k1*(1-bsearch.BM25_b+(bsearch.BM25_b*fieldLength/s.avg)))
	}
	return tf * norm * s.idf
}

// docNum decodes a scorch internal ID; ok is false for any other shape.
func docNum(id index.IndexInternalID) (uint32, bool) {
	n, ok := docNumber(id)
	return uint32(n), ok && n <= math.MaxUint32
}

// drain hands every match of s to fn, with its score, and closes s.
func drain(ctx context.Context, s bsearch.Searcher, fn func(d uint32, score float64)) error {
	defer s.Close()
	sctx := &bsearch.SearchContext{DocumentMatchPool: bsearch.NewDocumentMatchPool(s.DocumentMatchPoolSize()+1, 0)}
	for i := 0; ; i++ {
		if i%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		dm, err := s.Next(sctx)
		if err != nil || dm == nil {
			return err
		}
		if d, ok := docNum(dm.IndexInternalID); ok {
			fn(d, dm.Score)
		}
		sctx.DocumentMatchPool.Put(dm)
	}
}
