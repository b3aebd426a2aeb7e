package site

import (
	"fmt"
	"html/template"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"persiankb/kb"
	"persiankb/search"
)

// searchPage is the data of the search template.
type searchPage struct {
	layout
	Category      string // category filter in use (slug), "" for none
	CategoryTitle string
	ClearFilter   string // URL of the same search without the category filter
	Result        *search.Result
	Hits          []hitView
	Facets        []facetView
	From, To      int // positions of the first and last hit shown, 1-based
	Pagination    pagination
	DidYouMean    string // URL of the corrected search; "" for none
	Categories    []categoryCard
}

// hitView is one search result as shown.
type hitView struct {
	Title, URL                 string
	CategoryTitle, CategoryURL string
	Snippet                    template.HTML // built by safeSnippet: only <mark> is markup
}

// facetView is one category filter link.
type facetView struct {
	Title   string
	URL     string
	Count   int
	Current bool
}

// showSearchPage renders "/search?q=&page=&category=". An empty query shows what to type instead
// of results; a query that is too long, or a bad page number, is a 400 page.
func (s *Server) showSearchPage(c *gin.Context, st *State) error {
	p, herr := parseSearchParams(c.Request.URL.Query(), false)
	if herr != nil {
		return herr
	}
	data := searchPage{layout: s.layout(msgSearchTitle), Category: p.Category}
	data.Query, data.NoIndex, data.HeroSearch = p.Query, true, true
	data.ClearFilter = searchURL(p.Query, "", 1)
	if p.Query == "" {
		data.Categories = categoryCards(st.Library)
		return s.render(c, http.StatusOK, tmplSearch, data)
	}
	data.Title = fmt.Sprintf(msgSearchTitleFor, p.Query)
	start := time.Now()
	res, err := st.Search.Search(c.Request.Context(), search.Request{
		Query: p.Query, Category: p.Category, Page: p.Page, Limit: p.Limit,
	})
	s.prom.observeSearch(searchKindSearch, start)
	if err != nil {
		return fmt.Errorf("search %q: %w", p.Query, err)
	}
	fillSearchPage(&data, st.Library, p, res)
	s.recordSearch(c, p.Query, p.Page, res.Total)
	s.rankLinks(data.Hits, data.From)
	return s.render(c, http.StatusOK, tmplSearch, data)
}

// fillSearchPage turns a search result into what the template shows.
func fillSearchPage(data *searchPage, lib *kb.Library, p searchParams, res *search.Result) {
	data.Result = res
	for _, h := range res.Hits {
		data.Hits = append(data.Hits, hitView{
			Title: h.Title, URL: h.URL, Snippet: safeSnippet(h.Snippet),
			CategoryTitle: categoryTitle(lib, h.Category), CategoryURL: kb.CategoryURL(h.Category),
		})
	}
	for _, f := range res.Categories {
		data.Facets = append(data.Facets, facetView{
			Title: categoryTitle(lib, f.Name), URL: searchURL(p.Query, f.Name, 1),
			Count: f.Count, Current: f.Name == p.Category,
		})
	}
	if p.Category != "" {
		data.CategoryTitle = categoryTitle(lib, p.Category)
	}
	if len(res.Hits) > 0 {
		data.From = (p.Page-1)*p.Limit + 1
		data.To = data.From + len(res.Hits) - 1
	}
	data.Pagination = paginate(p.Page, res.Pages, func(n int) string { return searchURL(p.Query, p.Category, n) })
	if res.DidYouMean != "" {
		data.DidYouMean = searchURL(res.DidYouMean, p.Category, 1)
	}
	if res.Total == 0 {
		data.Categories = categoryCards(lib)
	}
}

// categoryTitle is a category's display title; its slug when the library does not know it.
func categoryTitle(lib *kb.Library, slug string) string {
	if c, ok := lib.Category(slug); ok && c.Title != "" {
		return c.Title
	}
	return slug
}
