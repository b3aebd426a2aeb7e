package site

import (
	"context"
	"fmt"
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"

	"persiankb/kb"
	"persiankb/search"
)

// searchResponse is the body of GET /api/search. Later features add fields; these stay.
type searchResponse struct {
	Query      string       `json:"query"`
	Total      int          `json:"total"`
	TookMS     float64      `json:"took_ms"`
	Page       int          `json:"page"`
	Pages      int          `json:"pages"`
	Results    []searchHit  `json:"results"`
	Facets     searchFacets `json:"facets"`
	DidYouMean string       `json:"did_you_mean,omitempty"`
	// Corrected is the query whose results these are when it is not the one typed (see
	// correctedQuery).
	Corrected string `json:"corrected,omitempty"`
}

type searchHit struct {
	Slug     string `json:"slug"`
	Title    string `json:"title"`
	URL      string `json:"url"`
	Category string `json:"category"`
	// CategoryTitle is the category's display title, for lists that show it (search as you type).
	CategoryTitle string   `json:"category_title"`
	Snippet       string   `json:"snippet"` // HTML: escaped text with <mark> highlights
	Section       *section `json:"section,omitempty"`
}

// searchSection is the section (heading) of a hit's article that matches the query best,
// shaped like the article API's sections; nil for none.
func searchSection(articleURL string, sec *search.Section, lib *kb.Library, slug string) *section {
	a, ok := lib.Article(slug)
	if !ok {
		return nil
	}
	h, ok := headingOf(a, sec)
	if !ok {
		return nil
	}
	return &section{ID: h.ID, Title: h.Text, Level: h.Level, URL: anchorURL(articleURL, h.ID)}
}

// prefixParam asks a search to complete the query's last word (search as you type).
const prefixParam = "prefix"

// parsePrefix reads prefixParam: "1" or "true" turn it on, "", "0" and "false" leave it off.
func parsePrefix(v url.Values) (bool, *httpError) {
	switch v.Get(prefixParam) {
	case "", "0", "false":
		return false, nil
	case "1", "true":
		return true, nil
	}
	return false, errBadRequest(codeBadRequest, msgBadPrefix)
}

type searchFacets struct {
	Category []facetCount `json:"category"`
}

type facetCount struct {
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// searchAPI answers GET /api/search?q=&limit=&page=&category=. An empty query is not an error:
// it has no results (clients searching as the user types send it).
func (s *Server) searchAPI(c *gin.Context, st *State) error {
	p, res, err := s.searchAPIQuery(c, st, false)
	if err != nil {
		return err
	}
	if p.Query != "" && !p.Prefix { // search as you type: recorded when a suggestion is opened (autocomplete.go)
		s.recordSearch(c, p.Query, p.Page, res.Total)
	}
	s.writeJSON(c, http.StatusOK, newSearchResponse(p.searchParams, res, st.Library))
	return nil
}

// apiQuery is a search API request: the search parameters and prefix=1.
type apiQuery struct {
	searchParams
	Prefix bool
}

// searchAPIQuery reads the parameters of a search API request (q, limit, page, category,
// prefix) and searches st, internal articles too when internal is set. An empty query has no
// results and searches nothing.
func (s *Server) searchAPIQuery(c *gin.Context, st *State, internal bool) (apiQuery, *search.Result, error) {
	var q apiQuery
	var herr *httpError
	if q.searchParams, herr = parseSearchParams(c.Request.URL.Query(), true); herr != nil {
		return q, nil, herr
	}
	if q.Prefix, herr = parsePrefix(c.Request.URL.Query()); herr != nil {
		return q, nil, herr
	}
	if q.Query == "" {
		return q, &search.Result{Query: q.Query, Page: q.Page}, nil
	}
	res, err := s.runSearch(c.Request.Context(), searchKindSearch, func(ctx context.Context) (*search.Result, error) {
		return st.Search.Search(ctx, search.Request{
			Query: q.Query, Category: q.Category, Page: q.Page, Limit: q.Limit, Internal: internal, Prefix: q.Prefix,
		})
	})
	if err != nil {
		return q, nil, fmt.Errorf("search %q: %w", q.Query, err)
	}
	return q, res, nil
}

// newSearchResponse converts a search result to the API shape; lists are never null.
func newSearchResponse(p searchParams, res *search.Result, lib *kb.Library) searchResponse {
	out := searchResponse{
		Query:      p.Query,
		Total:      res.Total,
		TookMS:     tookMS(res),
		Page:       p.Page,
		Pages:      res.Pages,
		Results:    make([]searchHit, 0, len(res.Hits)),
		Facets:     searchFacets{Category: make([]facetCount, 0, len(res.Categories))},
		DidYouMean: res.DidYouMean,
		Corrected:  correctedQuery(res),
	}
	for _, h := range res.Hits {
		out.Results = append(out.Results, searchHit{Slug: h.Slug, Title: h.Title, URL: h.URL, Category: h.Category,
			CategoryTitle: categoryTitle(lib, h.Category), Snippet: h.Snippet, Section: searchSection(h.URL, h.Section, lib, h.Slug)})
	}
	for _, f := range res.Categories {
		out.Facets.Category = append(out.Facets.Category, facetCount{Name: f.Name, Count: f.Count})
	}
	return out
}
