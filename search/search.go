package search

import (
	"context"
	"fmt"
	"time"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// maxFacetTerms bounds the category facet: more categories than a results page can list.
const maxFacetTerms = 50

// Search runs one search. An empty query gives an empty result, not an error; a request out of
// bounds gives a *RequestError (errors.Is(err, ErrInvalidRequest)). Category facet counts are
// for the whole query without its category filter, so a page can offer the other categories.
func (ix *Index) Search(ctx context.Context, req Request) (*Result, error) {
	began := time.Now()
	r, err := validate(req)
	if err != nil {
		return nil, err
	}
	res := &Result{Query: r.text, Page: r.page, Hits: []Hit{}, Categories: []FacetCount{}}
	terms := len(ix.an.Analyze([]byte(r.text)))
	if terms == 0 { // empty, or nothing but stop words and punctuation
		res.Took = time.Since(began)
		return res, nil
	}
	sr := bleve.NewSearchRequestOptions(searchQuery(r, terms, r.category), r.limit, (r.page-1)*r.limit, false)
	sr.IncludeLocations = true
	if r.category == "" {
		sr.AddFacet(fieldCategory, bleve.NewFacetRequest(fieldCategory, maxFacetTerms))
	}
	br, err := ix.bleve.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: query %q: %w", r.text, err)
	}
	res.Total = int(br.Total)
	res.Pages = (res.Total + r.limit - 1) / r.limit
	res.Hits = ix.hits(br.Hits)
	facets := br.Facets
	if r.category != "" {
		if facets, err = ix.categoryFacets(ctx, searchQuery(r, terms, "")); err != nil {
			return nil, err
		}
	}
	res.Categories = categoryCounts(facets)
	res.Took = time.Since(began)
	return res, nil
}

// categoryFacets counts the hits of q per category, without fetching any hit.
func (ix *Index) categoryFacets(ctx context.Context, q query.Query) (bsearch.FacetResults, error) {
	sr := bleve.NewSearchRequestOptions(q, 0, 0, false)
	sr.Score = "none"
	sr.AddFacet(fieldCategory, bleve.NewFacetRequest(fieldCategory, maxFacetTerms))
	br, err := ix.bleve.SearchInContext(ctx, sr)
	if err != nil {
		return nil, fmt.Errorf("search: category facets: %w", err)
	}
	return br.Facets, nil
}

func categoryCounts(facets bsearch.FacetResults) []FacetCount {
	out := []FacetCount{}
	fr, ok := facets[fieldCategory]
	if !ok || fr.Terms == nil {
		return out
	}
	for _, t := range fr.Terms.Terms() {
		out = append(out, FacetCount{Name: t.Term, Count: t.Count})
	}
	return out
}

// hits turns Bleve's matches into Hits, with titles and snippets from the library. The snippet
// comes from the body where the query matched there, else from the summary.
func (ix *Index) hits(dms bsearch.DocumentMatchCollection) []Hit {
	out := make([]Hit, 0, len(dms))
	for _, dm := range dms {
		a, ok := ix.lib.Article(dm.ID)
		if !ok {
			continue // cannot happen: the index is built from this library
		}
		snip := ""
		if spans := spansOf(dm.Locations, fieldBody); len(spans) > 0 || a.Summary == "" {
			snip = snippet(a.Text, spans)
		} else {
			snip = snippet(a.Summary, spansOf(dm.Locations, fieldSummary))
		}
		out = append(out, Hit{
			Slug: a.Slug, Title: a.Title, URL: a.URL(), Category: a.Category,
			Snippet: snip, Score: dm.Score,
		})
	}
	return out
}
