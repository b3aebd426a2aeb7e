package site

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"persiankb/search"
)

// Suggester finds the articles that may answer a long text, such as a ticket being written.
// *search.Index satisfies it; suggestions are served when State.Search also implements it.
type Suggester interface {
	Suggest(ctx context.Context, text string, limit int) (*search.Result, error)
}

// Limits of /api/suggest.
const (
	maxSuggestRunes     = search.MaxSuggestRunes // a ticket's first page says what it is about
	defaultSuggestLimit = search.DefaultSuggestLimit
	maxSuggestLimit     = search.MaxSuggestLimit
	// suggestCORSMaxAge lets browsers cache a preflight answer for an hour.
	suggestCORSMaxAge = "3600"
)

// suggester returns the state's Suggester, or an error response when the index cannot suggest.
func suggester(st *State) (Suggester, error) {
	if sg, ok := st.Search.(Suggester); ok {
		return sg, nil
	}
	return nil, errUnavailable
}

// suggestAPI answers GET /api/suggest?q=TEXT&limit=N with the articles that may answer TEXT,
// in the shape of /api/search (one page, no facets). An empty text has no results.
func (s *Server) suggestAPI(c *gin.Context, st *State) error {
	p, herr := parseSuggestParams(c.Request.URL.Query())
	if herr != nil {
		return herr
	}
	if s.heldOut(c) {
		p.Query = "" // the holdout gets no suggestions
	}
	res, err := s.runSearch(c.Request.Context(), searchKindSuggest, func(ctx context.Context) (*search.Result, error) {
		return suggest(ctx, st, p.Query, p.Limit)
	})
	if err != nil {
		return err
	}
	s.recordSuggestions(c, p.Query, res)
	c.Header("Cache-Control", "no-store") // answers follow the index, and texts are private
	s.writeJSON(c, http.StatusOK, newSearchResponse(p, res, st.Library))
	return nil
}

// suggest runs one suggestion; the snippets are re-checked by safeSnippet like the search page's.
func suggest(ctx context.Context, st *State, text string, limit int) (*search.Result, error) {
	if strings.TrimSpace(text) == "" {
		return &search.Result{Query: text, Page: 1}, nil
	}
	sg, err := suggester(st)
	if err != nil {
		return nil, err
	}
	res, err := sg.Suggest(ctx, text, limit)
	if err != nil {
		return nil, fmt.Errorf("suggest: %w", err)
	}
	for i := range res.Hits {
		res.Hits[i].Snippet = string(safeSnippet(res.Hits[i].Snippet))
	}
	return res, nil
}

// parseSuggestParams validates q and limit of /api/suggest.
func parseSuggestParams(v url.Values) (searchParams, *httpError) {
	p := searchParams{Query: strings.TrimSpace(v.Get("q")), Page: 1, Limit: defaultSuggestLimit}
	if !utf8.ValidString(p.Query) || utf8.RuneCountInString(p.Query) > maxSuggestRunes {
		return p, errBadRequest(codeQueryTooLong, msgSuggestTooLong)
	}
	if s := v.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > maxSuggestLimit {
			return p, errBadRequest(codeBadLimit, msgBadSuggestLimit)
		}
		p.Limit = n
	}
	return p, nil
}

// suggestCORS lets the configured origins' pages (the widget) read /api/suggest answers. Other
// origins get no CORS headers, so their browsers keep the answer from them.
func (s *Server) suggestCORS(c *gin.Context) {
	h := c.Writer.Header()
	h.Add("Vary", "Origin")
	if origin := c.GetHeader("Origin"); origin != "" && s.corsOrigins[strings.ToLower(origin)] {
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Allow-Methods", "GET")
		h.Set("Access-Control-Max-Age", suggestCORSMaxAge)
	}
	c.Next()
}

// suggestPreflight answers OPTIONS /api/suggest: 204 with the CORS headers for a configured
// origin, 403 for any other.
func (s *Server) suggestPreflight(c *gin.Context) {
	if c.Writer.Header().Get("Access-Control-Allow-Origin") == "" {
		c.AbortWithStatus(http.StatusForbidden)
		return
	}
	c.AbortWithStatus(http.StatusNoContent)
}

// parseCORSOrigins checks the configured origins: each an http(s) scheme and host (and port),
// nothing else, as browsers send them in the Origin header.
func parseCORSOrigins(origins []string) (map[string]bool, error) {
	set := map[string]bool{}
	for _, o := range origins {
		o = strings.TrimRight(strings.TrimSpace(o), "/")
		if o == "" {
			continue
		}
		u, err := url.Parse(o)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" ||
			u.Path != "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
			return nil, fmt.Errorf("site: CORS origin %q must be scheme://host[:port], e.g. https://shop.example.com", o)
		}
		set[strings.ToLower(u.Scheme+"://"+u.Host)] = true
	}
	return set, nil
}
