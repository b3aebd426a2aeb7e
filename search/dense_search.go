package search

import (
	"context"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"

	"persiankb/kb"
)

// denseScratch is the arrays of one dense evaluation, by document number, kept zero between
// uses and reused through Index.scratch: a search at 10,000 articles needs ~250 KB of them.
type denseScratch struct {
	mustSum, shouldSum, sum, best, wsum []float64
	mustCnt, shouldCnt, cnt             []uint16
	seen                                []bool
	touched                             []uint32 // the documents of one word
	matched                             []uint32 // the documents of one disjunction
	mustDocs                            []uint32 // the documents of the selecting one
	shouldDocs                          []uint32 // the documents of the optional ones
	n                                   int      // 1 + the highest document number seen
	// tidy is set once an evaluation has gone through all its disjunctions: then only the
	// sums and counts of mustDocs and shouldDocs are left to zero.
	tidy bool
}

// sparseReset: reset zeroes the entries of the matched documents one by one, rather than
// whole arrays, when fewer than one document in sparseReset matched.
const sparseReset = 8

// fit makes room for document d.
func (s *denseScratch) fit(d uint32) {
	if int(d) < s.n {
		return
	}
	s.n = int(d) + 1
	if s.n <= len(s.mustSum) {
		return
	}
	size := max(s.n, 2*len(s.mustSum), 1024)
	for _, a := range []*[]float64{&s.mustSum, &s.shouldSum, &s.sum, &s.best, &s.wsum} {
		*a = append(*a, make([]float64, size-len(*a))...)
	}
	for _, a := range []*[]uint16{&s.mustCnt, &s.shouldCnt, &s.cnt} {
		*a = append(*a, make([]uint16, size-len(*a))...)
	}
	s.seen = append(s.seen, make([]bool, size-len(s.seen))...)
}

// reset zeroes what the last evaluation used: after a whole evaluation with few matches, their
// entries; else (an evaluation cut off may leave any entry set) every array up to n.
func (s *denseScratch) reset() {
	if s.tidy && (len(s.mustDocs)+len(s.shouldDocs))*sparseReset < s.n {
		for _, d := range s.mustDocs {
			s.mustSum[d], s.mustCnt[d] = 0, 0
		}
		for _, d := range s.shouldDocs {
			s.shouldSum[d], s.shouldCnt[d] = 0, 0
		}
	} else {
		for _, a := range [][]float64{s.mustSum, s.shouldSum, s.sum, s.best, s.wsum} {
			clear(a[:s.n])
		}
		for _, a := range [][]uint16{s.mustCnt, s.shouldCnt, s.cnt} {
			clear(a[:s.n])
		}
		clear(s.seen[:s.n])
	}
	s.n, s.tidy = 0, false
	s.matched, s.mustDocs, s.shouldDocs = s.matched[:0], s.mustDocs[:0], s.shouldDocs[:0]
}

// denseSearch is textQuery without proximity clauses, with searchQuery's audience filter and
// facetQuery's category counts and filter, evaluated densely (see dense.go): the best
// size hits from from, best first, and the total.
func (ix *Index) denseSearch(ctx context.Context, r request, p *plan, size, from int) (*bleve.SearchResult, *facetQuery, error) {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, nil, fmt.Errorf("search: query %q: %w", r.text, err)
	}
	rd, err := adv.Reader()
	if err != nil {
		return nil, nil, fmt.Errorf("search: query %q: %w", r.text, err)
	}
	defer rd.Close()
	s, _ := ix.scratch.Get().(*denseScratch)
	if s == nil {
		s = &denseScratch{}
	}
	defer func() { s.reset(); ix.scratch.Put(s) }()
	fq := &facetQuery{tables: &ix.h.cats, category: r.category}
	br, err := ix.evalDense(ctx, rd, s, r, p, fq, size+from)
	if err != nil {
		return nil, nil, fmt.Errorf("search: query %q: %w", r.text, err)
	}
	br.Hits = br.Hits[min(from, len(br.Hits)):]
	return br, fq, nil
}

func (ix *Index) evalDense(ctx context.Context, rd index.IndexReader, s *denseScratch, r request, p *plan, fq *facetQuery, k int) (*bleve.SearchResult, error) {
	sm, err := newScoreModel(ix.bleve.Mapping(), rd, ix.bm25)
	if err != nil {
		return nil, err
	}
	e := &denseEval{ctx: scoringContext(ctx, sm, ix.bm25), r: rd, m: ix.bleve.Mapping(), sm: sm, s: s, cache: &ix.postings}
	sp := wordSpellings(p)
	must, should := textDisjunctions(p)
	mustWords, err := e.prepare(must, sp)
	if err != nil {
		return nil, err
	}
	shouldWords := make([][][]*leaf, len(should))
	for i, d := range should {
		if shouldWords[i], err = e.prepare(d, sp); err != nil {
			return nil, err
		}
	}
	e.setNorm()
	e.disjunction(mustWords, &s.mustSum, &s.mustCnt, false)
	s.mustDocs, s.matched = s.matched, s.mustDocs[:0]
	for _, words := range shouldWords {
		e.disjunction(words, &s.sum, &s.cnt, true)
		s.fold(len(words))
	}
	s.tidy = true
	excluded, err := ix.excludedDocs(ctx, rd, r)
	if err != nil {
		return nil, err
	}
	tab, err := fq.tables.of(ctx, rd)
	if err != nil {
		return nil, err
	}
	fq.tab, fq.counts = tab, make([]int, len(tab.names))
	return s.collect(rd, collectSpec{
		must: len(mustWords), should: len(should), excluded: excluded, fq: fq, k: k, ids: &ix.ids,
	})
}

// fold adds the disjunction in sum and cnt, of n words, to the optional part of the score,
// and zeroes sum and cnt for the next one.
func (s *denseScratch) fold(n int) {
	share := shares(n) // the coordination factors, divided once
	for _, d := range s.matched {
		if s.shouldCnt[d] == 0 {
			s.shouldDocs = append(s.shouldDocs, d)
		}
		s.shouldSum[d] += s.sum[d] * share[s.cnt[d]]
		s.shouldCnt[d]++
		s.sum[d], s.cnt[d] = 0, 0
	}
	s.matched = s.matched[:0]
}

// scoringContext is ctx as Bleve's search hands it to searchers: with the scoring model and
// the BM25 statistics, for the phrase leaves' own searchers.
func scoringContext(ctx context.Context, sm scoreModel, stats *bsearch.BM25Stats) context.Context {
	model := index.DefaultScoringModel
	if sm.bm25 {
		model = index.BM25Scoring
	}
	ctx = context.WithValue(ctx, bsearch.GetScoringModelCallbackKey,
		bsearch.GetScoringModelCallbackFn(func() string { return model }))
	if stats != nil {
		ctx = context.WithValue(ctx, bsearch.BM25StatsKey, stats)
	}
	return ctx
}

// excludedDocs are the documents a request must not see, in index order: internal articles,
// unless asked for.
func (ix *Index) excludedDocs(ctx context.Context, rd index.IndexReader, r request) ([]uint32, error) {
	if r.internal {
		return nil, nil
	}
	tfr, err := rd.TermFieldReader(ctx, []byte(kb.AudienceInternal), fieldAudience, false, false, false)
	if err != nil {
		return nil, err
	}
	defer tfr.Close()
	var out []uint32
	for {
		p, err := tfr.Next(nil)
		if err != nil || p == nil {
			return out, err
		}
		if d, ok := docNum(p.ID); ok {
			out = append(out, d)
		}
	}
}

// collectSpec is what the final pass needs: the number of words of the selecting disjunction
// and of optional disjunctions (the denominators of their shares), the documents to leave
// out, the category counts and filter, and how many of the best to keep.
type collectSpec struct {
	must, should int
	excluded     []uint32 // in index order
	fq           *facetQuery
	k            int
	ids          *docIDs
}

// collect scores every matching document, counts categories and the total, and returns the k
// best, best first (ties in index order, as Bleve's collector breaks them).
func (s *denseScratch) collect(rd index.IndexReader, c collectSpec) (*bleve.SearchResult, error) {
	only := int32(noCategory)
	if c.fq.category != "" {
		only = c.fq.tab.number(c.fq.category)
	}
	var top scoredDocs
	total := 0
	excluded := c.excluded
	mustShare, shouldShare := shares(c.must), shares(c.should)
	sparse := len(s.mustDocs)*sparseMatches < s.n // few matches: sort them rather than scan
	if sparse {
		slices.Sort(s.mustDocs)
	}
	for i := 0; ; i++ { // the matched documents in index order; one loop, no call per document
		var d int
		if sparse {
			if i >= len(s.mustDocs) {
				break
			}
			d = int(s.mustDocs[i])
		} else {
			if i >= s.n {
				break
			}
			if s.mustCnt[i] == 0 {
				continue
			}
			d = i
		}
		for len(excluded) > 0 && int(excluded[0]) < d {
			excluded = excluded[1:]
		}
		if len(excluded) > 0 && int(excluded[0]) == d {
			continue
		}
		cat := int32(noCategory)
		if d < len(c.fq.tab.docs) {
			cat = c.fq.tab.docs[d]
		}
		if cat != noCategory {
			c.fq.counts[cat]++
		}
		if c.fq.category != "" && (cat != only || cat == noCategory) {
			continue
		}
		total++
		score := s.mustSum[d] * mustShare[s.mustCnt[d]]
		if sc := s.shouldCnt[d]; sc > 0 {
			score += s.shouldSum[d] * shouldShare[sc]
		}
		if len(top) < c.k || c.k > 0 && score > top[0].score {
			top.offer(scoredDoc{uint32(d), score}, c.k)
		}
	}
	return top.result(rd, c.ids, total)
}

// sparseMatches: when fewer than one document in sparseMatches matched, the final pass sorts
// the matches instead of going through every document.
const sparseMatches = 16
