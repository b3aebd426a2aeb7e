package site

import (
	"fmt"
	"math"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

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
}

type searchHit struct {
	Slug     string `json:"slug"`
	Title    string `json:"title"`
	URL      string `json:"url"`
	Category string `json:"category"`
	Snippet  string `json:"snippet"` // HTML: escaped text with <mark> highlights
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
	p, herr := parseSearchParams(c.Request.URL.Query(), true)
	if herr != nil {
		return herr
	}
	res := &search.Result{Query: p.Query, Page: p.Page}
	if p.Query != "" {
		var err error
		start := time.Now()
		res, err = st.Search.Search(c.Request.Context(), search.Request{
			Query: p.Query, Category: p.Category, Page: p.Page, Limit: p.Limit,
		})
		s.prom.observeSearch(searchKindSearch, start)
		if err != nil {
			return fmt.Errorf("search %q: %w", p.Query, err)
		}
		s.recordSearch(c, p.Query, p.Page, res.Total)
	}
	s.writeJSON(c, http.StatusOK, newSearchResponse(p, res))
	return nil
}

// newSearchResponse converts a search result to the API shape; lists are never null.
func newSearchResponse(p searchParams, res *search.Result) searchResponse {
	out := searchResponse{
		Query:      p.Query,
		Total:      res.Total,
		TookMS:     math.Round(float64(res.Took.Microseconds())) / 1000,
		Page:       p.Page,
		Pages:      res.Pages,
		Results:    make([]searchHit, 0, len(res.Hits)),
		Facets:     searchFacets{Category: make([]facetCount, 0, len(res.Categories))},
		DidYouMean: res.DidYouMean,
	}
	for _, h := range res.Hits {
		out.Results = append(out.Results, searchHit{Slug: h.Slug, Title: h.Title, URL: h.URL, Category: h.Category, Snippet: h.Snippet})
	}
	for _, f := range res.Categories {
		out.Facets.Category = append(out.Facets.Category, facetCount{Name: f.Name, Count: f.Count})
	}
	return out
}
