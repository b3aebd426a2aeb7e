package site

import (
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"persiankb/kb"
	"persiankb/search"
)

// Limits on search parameters, checked before the index is asked anything.
const (
	maxQueryRunes = search.MaxQueryRunes // longer queries get 400: no real question needs more
	maxLimit      = search.MaxLimit      // results per API page
	maxPage       = search.MaxPage       // deep pages make the index rank and skip page×limit hits
)

// searchParams are the validated parameters of /search and /api/search.
type searchParams struct {
	Query    string
	Category string
	Page     int
	Limit    int
}

// parseSearchParams validates the query string of a search. Only the API reads limit; the page
// always shows search.DefaultLimit results.
func parseSearchParams(v url.Values, withLimit bool) (searchParams, *httpError) {
	p := searchParams{
		Query:    strings.TrimSpace(v.Get("q")),
		Category: strings.TrimSpace(v.Get("category")),
		Page:     1,
		Limit:    search.DefaultLimit,
	}
	if !utf8.ValidString(p.Query) || utf8.RuneCountInString(p.Query) > maxQueryRunes {
		return p, errBadRequest(codeQueryTooLong, msgQueryTooLong)
	}
	if s := v.Get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxPage {
			return p, errBadRequest(codeBadPage, msgBadPage)
		}
		p.Page = n
	}
	if s := v.Get("limit"); withLimit && s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxLimit {
			return p, errBadRequest(codeBadLimit, msgBadLimit)
		}
		p.Limit = n
	}
	return p, nil
}

// searchURL is the link to a page of search results; empty parts are left out.
func searchURL(query, category string, page int) string {
	v := url.Values{}
	v.Set("q", query)
	if category != "" {
		v.Set("category", category)
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	return "/search?" + v.Encode()
}

// pageLink is one item of a pagination bar: a page number, or a gap (ellipsis) when Gap.
type pageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// pagination is the navigation between pages of results; Links is empty for a single page.
type pagination struct {
	Prev, Next string // URLs, "" on the first / last page
	Links      []pageLink
}

// pageWindow is how many page numbers are shown on each side of the current page.
const pageWindow = 2

// paginate builds the pagination bar: first and last page, the pages around the current one, and
// gaps between them (a gap that would hide a single page shows that page instead). page may be
// past the last page (an old link): then only Prev points back.
func paginate(page, pages int, urlFor func(int) string) pagination {
	var p pagination
	if pages <= 1 && page <= 1 {
		return p
	}
	if page > 1 {
		p.Prev = urlFor(min(page-1, max(pages, 1)))
	}
	if page < pages {
		p.Next = urlFor(page + 1)
	}
	near := func(n int) bool { return n == 1 || n == pages || (n >= page-pageWindow && n <= page+pageWindow) }
	last := 0
	for n := 1; n <= pages; n++ {
		if !near(n) && !(near(n-1) && near(n+1)) {
			continue
		}
		if last != 0 && n > last+1 {
			p.Links = append(p.Links, pageLink{Gap: true})
		}
		p.Links = append(p.Links, pageLink{Number: n, URL: urlFor(n), Current: n == page})
		last = n
	}
	return p
}

// resolveArticle finds the public article for a slug taken from a URL. moved reports that the
// slug is not the article's current one — an old alias, or a spelling that only matches once
// Unicode-normalized (NFC) — so the client must be redirected (301) to the article's URL.
// a is nil when there is no such public article: a 404. Drafts and internal articles are 404.
func resolveArticle(lib *kb.Library, slug string) (a *kb.Article, moved bool) {
	if a, ok := lib.Article(slug); ok {
		if a.Public() {
			return a, false
		}
		return nil, false
	}
	if cur, ok := lib.Redirect(slug); ok {
		if a, ok := lib.Article(cur); ok && a.Public() {
			return a, true
		}
		return nil, false
	}
	if n := norm.NFC.String(slug); n != slug {
		if a, _ := resolveArticle(lib, n); a != nil {
			return a, true
		}
	}
	return nil, false
}

// withQuery appends a request's raw query string to a redirect target, so that attribution
// parameters survive the redirect.
func withQuery(target, rawQuery string) string {
	if rawQuery == "" {
		return target
	}
	return target + "?" + rawQuery
}

// absURL joins the configured base URL and a site path; "" when there is no base URL, because a
// canonical or Open Graph URL must not be guessed from the request's Host header.
func absURL(base, path string) string {
	if base == "" {
		return ""
	}
	return base + path
}
