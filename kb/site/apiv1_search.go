package site

import (
	"context"
	"math"
	"net/http"

	"github.com/gin-gonic/gin"

	"persiankb/kb"
	"persiankb/search"
)

// v1SearchResponse is the body of GET /api/v1/search.
type v1SearchResponse struct {
	Query      string       `json:"query"`
	Total      int          `json:"total"`
	Page       int          `json:"page"`
	Pages      int          `json:"pages"`
	TookMS     float64      `json:"took_ms"`
	DidYouMean string       `json:"did_you_mean,omitempty"`
	Corrected  string       `json:"corrected,omitempty"` // see correctedQuery
	Results    []v1Hit      `json:"results"`
	Facets     searchFacets `json:"facets"`
}

// v1SuggestResponse is the body of GET /api/v1/suggest.
type v1SuggestResponse struct {
	Query   string  `json:"query"`
	Total   int     `json:"total"`
	TookMS  float64 `json:"took_ms"`
	Results []v1Hit `json:"results"`
}

// v1Hit is one article found. Audience and Share are agent-only: sent with a token.
type v1Hit struct {
	Slug     string   `json:"slug"`
	Title    string   `json:"title"`
	Summary  string   `json:"summary"`
	URL      string   `json:"url"`
	Category string   `json:"category"`
	Snippet  string   `json:"snippet"` // HTML: escaped text with <mark> highlights
	Audience string   `json:"audience,omitempty"`
	Share    *v1Share `json:"share,omitempty"`
	// Section (search only) is the section that matches the query best, shaped like the
	// article's sections.
	Section *v1Section `json:"section,omitempty"`
}

// v1Share is what an agent pastes into a reply (see agent_copy.go). Reply is left out for
// internal articles.
type v1Share struct {
	Link     string `json:"link"`
	Markdown string `json:"markdown"`
	Reply    string `json:"reply,omitempty"`
}

// apiV1Search answers GET /api/v1/search?q=&limit=&page=&category=, like /api/search; with a
// token internal articles are searched too.
func (s *Server) apiV1Search(c *gin.Context, st *State) error {
	acc, err := s.apiV1Access(c)
	if err != nil {
		return err
	}
	p, res, err := s.searchAPIQuery(c, st, acc.internal)
	if err != nil {
		return err
	}
	out := v1SearchResponse{
		Query: p.Query, Total: res.Total, Page: p.Page, Pages: res.Pages, TookMS: tookMS(res),
		DidYouMean: res.DidYouMean, Corrected: correctedQuery(res), Results: v1Hits(acc, st.Library, res),
		Facets: searchFacets{Category: make([]facetCount, 0, len(res.Categories))},
	}
	for _, f := range res.Categories {
		out.Facets.Category = append(out.Facets.Category, facetCount{Name: f.Name, Count: f.Count})
	}
	s.writeJSON(c, http.StatusOK, out)
	return nil
}

// apiV1Suggest answers GET /api/v1/suggest?q=TEXT&limit=N: the articles that may answer a
// customer's message, like /api/suggest; with a token internal articles are suggested too.
func (s *Server) apiV1Suggest(c *gin.Context, st *State) error {
	acc, err := s.apiV1Access(c)
	if err != nil {
		return err
	}
	p, herr := parseSuggestParams(c.Request.URL.Query())
	if herr != nil {
		return herr
	}
	res, err := s.runSearch(c.Request.Context(), searchKindSuggest, func(ctx context.Context) (*search.Result, error) {
		return suggestFor(ctx, st, p.Query, p.Limit, acc.internal)
	})
	if err != nil {
		return err
	}
	c.Header("Cache-Control", "no-store") // customers' messages are private
	s.writeJSON(c, http.StatusOK, v1SuggestResponse{
		Query: p.Query, Total: res.Total, TookMS: tookMS(res), Results: v1Hits(acc, st.Library, res),
	})
	return nil
}

func tookMS(res *search.Result) float64 {
	return math.Round(float64(res.Took.Microseconds())) / 1000
}

// v1Hits converts hits to the API shape; the list is never null. A hit whose article is not
// in the library, or that the access may not see, is left out (the index and the library are
// swapped together, so this only guards against a searcher that ignores Internal).
func v1Hits(acc apiAccess, lib *kb.Library, res *search.Result) []v1Hit {
	out := make([]v1Hit, 0, len(res.Hits))
	for _, h := range res.Hits {
		a, ok := lib.Article(h.Slug)
		if !ok || (!a.Public() && !acc.internal) {
			continue
		}
		hit := v1Hit{Slug: a.Slug, Title: a.Title, Summary: a.Summary, URL: v1URL(acc, a),
			Category: a.Category, Snippet: h.Snippet}
		if acc.internal {
			hit.Audience = audience(a)
			hit.Share = newV1Share(articleShare(acc.base, a))
		}
		hit.Section = newV1Section(acc, a, h.Section)
		out = append(out, hit)
	}
	return out
}

// v1URL is where the article is read: its public page, or its page in the agent view for an
// internal article (which only a token sees).
func v1URL(acc apiAccess, a *kb.Article) string {
	if a.Public() {
		return acc.base + a.URL()
	}
	return acc.base + agentArticleURL(a.Slug)
}

// audience is the article's audience as the API names it.
func audience(a *kb.Article) string {
	if a.Audience == kb.AudienceInternal {
		return kb.AudienceInternal
	}
	return kb.AudiencePublic
}

// newV1Section is the API shape of the section sec of a; nil for none or a heading a no
// longer has.
func newV1Section(acc apiAccess, a *kb.Article, sec *search.Section) *v1Section {
	h, ok := headingOf(a, sec)
	if !ok {
		return nil
	}
	out := &v1Section{ID: h.ID, Title: h.Text, Level: h.Level, URL: anchorURL(v1URL(acc, a), h.ID)}
	if acc.internal {
		out.Share = newV1Share(sectionShare(acc.base, a, h))
	}
	return out
}

func newV1Share(sh share) *v1Share {
	return &v1Share{Link: sh.Link, Markdown: sh.Markdown, Reply: sh.Reply}
}
