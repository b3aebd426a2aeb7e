package search

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// Search runs one search. An empty query gives an empty result, not an error; a request out of
// bounds gives a *RequestError (errors.Is(err, ErrInvalidRequest)). Category facet counts are
// for the whole query without its category filter, so a page can offer the other categories.
func (ix *Index) Search(ctx context.Context, req Request) (*Result, error) {
	began := time.Now()
	r, err := validate(req)
	if err != nil {
		return nil, err
	}
	if err := ix.checkOpen(); err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	res := &Result{Query: r.text, Page: r.page, Hits: []Hit{}, Categories: []FacetCount{}}
	p, br, fq, err := ix.run(ctx, r, planOptions{prefix: r.prefix})
	if err == nil && br != nil && br.Total == 0 && p.widerRetry() {
		// Nothing at all: retry with wider spelling guesses.
		p, br, fq, err = ix.run(ctx, r, planOptions{prefix: r.prefix, retry: true})
	}
	if err != nil {
		return nil, err
	}
	if br == nil { // nothing to search for
		res.Took = time.Since(began)
		return res, nil
	}
	res.Total = int(br.Total)
	res.Pages = (res.Total + r.limit - 1) / r.limit
	res.Hits = ix.hits(br.Hits, sectionWords(p))
	res.DidYouMean, res.Corrected = p.didYouMean(br.Hits, ix.titleTerms), p.layout
	res.Categories = fq.facets()
	res.Took = time.Since(began)
	return res, nil
}

// run plans the request's text and runs the query; the result is nil when the text has
// nothing to search for (empty, or nothing but stop words and punctuation). The facet query
// holds the category counts of all matches, without the request's category filter.
func (ix *Index) run(ctx context.Context, r request, opts planOptions) (*plan, *bleve.SearchResult, *facetQuery, error) {
	p, err := ix.planQuery(ctx, r.text, opts)
	if err != nil || (len(p.words()) == 0 && len(p.alts) == 0) {
		return p, nil, nil, err
	}
	size, from := r.limit, (r.page-1)*r.limit
	rescore := !p.plain && len(p.words()) > 1 && inWindow(r)
	if rescore {
		size, from = rescoreWindow, 0
	}
	from0 := (r.page - 1) * r.limit
	var br *bleve.SearchResult
	var fq *facetQuery
	if proximity := !rescore; proximity && phraseQuery(p) != nil {
		br, fq, err = ix.bleveSearch(ctx, r, p, size, from, proximity)
	} else { // no phrase clauses: the dense evaluation gives the same scores, faster
		br, fq, err = ix.denseSearch(ctx, r, p, size, from)
	}
	if err != nil {
		return nil, nil, nil, err
	}
	terms := p.terms()
	buf, _ := ix.bufs.Get().(*placeBuf)
	if buf == nil {
		buf = &placeBuf{}
	}
	defer ix.bufs.Put(buf) // setSnippetLocations copies the places it keeps
	locs, err := ix.readVectors(ctx, terms, br.Hits, buf)
	if err != nil {
		return nil, nil, nil, err
	}
	if rescore {
		rescoreHits(p, br.Hits, terms, locs)
		lo := min(from0, len(br.Hits))
		hi := min(lo+r.limit, len(br.Hits))
		br.Hits, locs = br.Hits[lo:hi], locs[lo:hi]
	}
	setSnippetLocations(br.Hits, terms, locs)
	return p, br, fq, nil
}

// bleveSearch runs the query of r and p through Bleve's own searchers: the only way for
// queries with phrase clauses, and the reference the dense evaluation is tested against.
func (ix *Index) bleveSearch(ctx context.Context, r request, p *plan, size, from int, proximity bool) (*bleve.SearchResult, *facetQuery, error) {
	fq := &facetQuery{Query: searchQuery(r, p, proximity), tables: &ix.h.cats, category: r.category}
	sr := bleve.NewSearchRequestOptions(fq, size, from, false)
	if ix.bm25 != nil {
		sr.PreSearchData = map[string]any{bsearch.BM25PreSearchDataKey: ix.bm25}
	}
	br, err := ix.bleve.SearchInContext(ctx, sr)
	if err != nil {
		return nil, nil, fmt.Errorf("search: query %q: %w", r.text, err)
	}
	return br, fq, nil
}

// planQuery plans text, reading the index vocabulary when the query-side features are on.
func (ix *Index) planQuery(ctx context.Context, text string, opts planOptions) (*plan, error) {
	if !ix.feat.on {
		return ix.plan(nil, text, opts)
	}
	v, err := ix.newVocab(ctx)
	if err != nil {
		return nil, err
	}
	defer v.close()
	return ix.plan(v, text, opts)
}

// titleTerms are the index terms of the title of the article with slug id.
func (ix *Index) titleTerms(id string) []string {
	a, ok := ix.lib.Article(id)
	if !ok {
		return nil
	}
	var out []string
	for _, tok := range ix.an.Analyze([]byte(a.Title)) {
		out = append(out, string(tok.Term))
	}
	return out
}

// hits turns Bleve's matches into Hits, with titles and snippets from the library and the
// section that matches words best. The snippet comes from the body where the query matched
// there, else from the summary.
func (ix *Index) hits(dms bsearch.DocumentMatchCollection, words []queryWord) []Hit {
	out := make([]Hit, 0, len(dms))
	for _, dm := range dms {
		a, ok := ix.lib.Article(dm.ID)
		if !ok {
			continue // cannot happen: the index is built from this library
		}
		snip := ""
		if spans := spansOf(dm, fieldBody); len(spans) > 0 || a.Summary == "" {
			snip = snippet(a.Text, spans)
		} else {
			snip = snippet(a.Summary, spansOf(dm, fieldSummary))
		}
		out = append(out, Hit{
			Slug: a.Slug, Title: a.Title, URL: a.URL(), Category: a.Category,
			Snippet: snip, Score: dm.Score, Section: section(a, dm, words),
		})
	}
	return out
}
