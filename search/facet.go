package search

import (
	"cmp"
	"context"
	"encoding/binary"
	"fmt"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// maxFacetTerms bounds the category facet: more categories than a results page can list.
const maxFacetTerms = 50

// Category facets are counted while the query's searcher hands its matches to the collector,
// from a table of every document's category, instead of by Bleve's facet builder: that one
// reads each hit's category from the doc values, which took a fifth of a search's CPU at
// 10,000 articles. The same pass filters by category, so a filtered search is one search,
// not a search and a count of the unfiltered query.

// noCategory marks a document without a category, or a category filter no document has.
const noCategory = -1

// categoryTable is the category of every document of one index snapshot, by Bleve's internal
// document number.
type categoryTable struct {
	reader index.IndexReader // the snapshot it was read from (compared, never used)
	names  []string          // category slugs, by number
	docs   []int32           // category number by document number; noCategory for none
}

// categoryTables keeps the table of the latest snapshot searched. Scorch hands every search
// the same reader until an update makes a new snapshot, so the table is read once per
// snapshot (a few hundred microseconds at 10,000 articles).
type categoryTables struct {
	mu   sync.Mutex
	last *categoryTable
}

// of returns the table of r.
func (t *categoryTables) of(ctx context.Context, r index.IndexReader) (*categoryTable, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.last != nil && t.last.reader == r {
		return t.last, nil
	}
	tab, err := readCategories(ctx, r)
	if err != nil {
		return nil, fmt.Errorf("search: category table: %w", err)
	}
	t.last = tab
	return tab, nil
}

// readCategories reads the category of every document of r from the category postings.
func readCategories(ctx context.Context, r index.IndexReader) (*categoryTable, error) {
	tab := &categoryTable{reader: r}
	dict, err := r.FieldDict(fieldCategory)
	if err != nil {
		return nil, err
	}
	defer dict.Close()
	for {
		de, err := dict.Next()
		if err != nil || de == nil {
			return tab, err
		}
		if err := tab.add(ctx, r, de.Term); err != nil {
			return nil, err
		}
	}
}

// add records the documents of category name.
func (tab *categoryTable) add(ctx context.Context, r index.IndexReader, name string) error {
	tfr, err := r.TermFieldReader(ctx, []byte(name), fieldCategory, false, false, false)
	if err != nil {
		return err
	}
	defer tfr.Close()
	c := int32(len(tab.names))
	tab.names = append(tab.names, name)
	for {
		d, err := tfr.Next(nil)
		if err != nil || d == nil {
			return err
		}
		n, ok := docNumber(d.ID)
		if !ok {
			return fmt.Errorf("unexpected internal document id %x", []byte(d.ID))
		}
		for uint64(len(tab.docs)) <= n {
			tab.docs = append(tab.docs, noCategory)
		}
		tab.docs[n] = c
	}
}

// docNumber decodes a scorch internal id: the document number, 8 bytes big-endian.
func docNumber(id index.IndexInternalID) (uint64, bool) {
	if len(id) != 8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(id), true
}

// category is the number of the category of the document id.
func (tab *categoryTable) category(id index.IndexInternalID) int32 {
	n, ok := docNumber(id)
	if !ok || n >= uint64(len(tab.docs)) {
		return noCategory
	}
	return tab.docs[n]
}

// number is the number of the category slug name; noCategory when no document has it.
func (tab *categoryTable) number(name string) int32 {
	if i := slices.Index(tab.names, name); i >= 0 {
		return int32(i)
	}
	return noCategory
}

// facetQuery is a query that counts the categories of all its matches and, with a category,
// hands on only the matches in it. Scores are the wrapped query's.
type facetQuery struct {
	query.Query
	tables   *categoryTables
	category string // "" for all
	tab      *categoryTable
	counts   []int // by category number, set by the searcher
}

func (q *facetQuery) Searcher(ctx context.Context, r index.IndexReader, m mapping.IndexMapping, opts bsearch.SearcherOptions) (bsearch.Searcher, error) {
	tab, err := q.tables.of(ctx, r)
	if err != nil {
		return nil, err
	}
	s, err := q.Query.Searcher(ctx, r, m, opts)
	if err != nil {
		return nil, err
	}
	q.tab, q.counts = tab, make([]int, len(tab.names))
	cs := &countingSearcher{Searcher: s, q: q, only: noCategory}
	if q.category != "" {
		cs.filter, cs.only = true, tab.number(q.category)
	}
	return cs, nil
}

// facets are the category counts, biggest first (then by slug, as Bleve orders them).
func (q *facetQuery) facets() []FacetCount {
	out := []FacetCount{}
	for i, n := range q.counts {
		if n > 0 {
			out = append(out, FacetCount{Name: q.tab.names[i], Count: n})
		}
	}
	slices.SortFunc(out, func(a, b FacetCount) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.Name, b.Name))
	})
	return out[:min(len(out), maxFacetTerms)]
}

// countingSearcher is facetQuery's searcher. The collector only ever calls Next on the
// outermost searcher; Advance is passed through for completeness and counts the same way.
type countingSearcher struct {
	bsearch.Searcher
	q      *facetQuery
	filter bool
	only   int32 // with filter: the category handed on (noCategory: none)
}

func (s *countingSearcher) Next(ctx *bsearch.SearchContext) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Next(ctx)
	return s.pass(ctx, dm, err)
}

func (s *countingSearcher) Advance(ctx *bsearch.SearchContext, id index.IndexInternalID) (*bsearch.DocumentMatch, error) {
	dm, err := s.Searcher.Advance(ctx, id)
	return s.pass(ctx, dm, err)
}

// pass counts dm and the matches after it until one to hand on.
func (s *countingSearcher) pass(ctx *bsearch.SearchContext, dm *bsearch.DocumentMatch, err error) (*bsearch.DocumentMatch, error) {
	for dm != nil && err == nil {
		c := s.q.tab.category(dm.IndexInternalID)
		if c != noCategory {
			s.q.counts[c]++
		}
		if !s.filter || (c == s.only && c != noCategory) {
			return dm, nil
		}
		ctx.DocumentMatchPool.Put(dm)
		dm, err = s.Searcher.Next(ctx)
	}
	return dm, err
}
