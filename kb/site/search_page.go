package site

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"

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
	Correction    *correction // what to say about a corrected query; nil for none
	Categories    []categoryCard
}

// hitView is one search result as shown.
type hitView struct {
	Title, URL                 string
	CategoryTitle, CategoryURL string
	Snippet                    template.HTML // built by safeSnippet: only <mark> is markup
	Section                    *sectionLink  // the section that matches best; nil for none
}

// sectionLink is the section of an article that a hit matched best, linked at its heading.
type sectionLink struct {
	ID, Title string
	URL       string // the article's URL with the heading's anchor
}

// newSectionLink is the link to section sec of the article at articleURL; nil for none.
func newSectionLink(articleURL string, sec *search.Section) *sectionLink {
	if sec == nil {
		return nil
	}
	return &sectionLink{ID: sec.ID, Title: sec.Title, URL: anchorURL(articleURL, sec.ID)}
}

// anchorURL is u with the fragment id, percent-encoded.
func anchorURL(u, id string) string {
	return u + "#" + (&url.URL{Fragment: id}).EscapedFragment()
}

// correction is what a results page says about a corrected query: "did you mean" with a link,
// or, when the results are already those of the correction (a query typed on the wrong
// keyboard layout), that they are shown for it.
type correction struct {
	Query  string // the corrected query
	URL    string // its results on the same page
	Layout bool   // the results shown are for Query: say so instead of asking
}

// correctionFor decides what a results page says about res's correction; nil when it has
// none. link builds the URL of a query's results on the page.
func correctionFor(res *search.Result, link func(query string) string) *correction {
	if res == nil || res.DidYouMean == "" {
		return nil
	}
	return &correction{Query: res.DidYouMean, URL: link(res.DidYouMean), Layout: res.Corrected}
}

// correctedQuery is the query whose results res holds when it is not the one typed (a query
// typed on the wrong keyboard layout is searched converted); "" otherwise. A spelling
// correction is only offered: the words as typed are still searched and rank first.
func correctedQuery(res *search.Result) string {
	if res.Corrected {
		return res.DidYouMean
	}
	return ""
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
	res, err := s.runSearch(c.Request.Context(), searchKindSearch, func(ctx context.Context) (*search.Result, error) {
		return st.Search.Search(ctx, search.Request{Query: p.Query, Category: p.Category, Page: p.Page, Limit: p.Limit})
	})
	if err != nil {
		return fmt.Errorf("search %q: %w", p.Query, err)
	}
	fillSearchPage(&data, st.Library, p, res)
	s.recordSearch(c, p.Query, p.Page, res.Total)
	s.rankLinks(data.Hits, data.From)
	for _, h := range data.Hits {
		if h.Section != nil { // the section link counts as a click on the result too
			h.Section.URL = anchorURL(h.URL, h.Section.ID)
		}
	}
	return s.render(c, http.StatusOK, tmplSearch, data)
}

// fillSearchPage turns a search result into what the template shows.
func fillSearchPage(data *searchPage, lib *kb.Library, p searchParams, res *search.Result) {
	data.Result = res
	for _, h := range res.Hits {
		data.Hits = append(data.Hits, hitView{
			Title: h.Title, URL: h.URL, Snippet: safeSnippet(h.Snippet),
			CategoryTitle: categoryTitle(lib, h.Category), CategoryURL: kb.CategoryURL(h.Category),
			Section: newSectionLink(h.URL, h.Section),
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
	data.Correction = correctionFor(res, func(q string) string { return searchURL(q, p.Category, 1) })
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
