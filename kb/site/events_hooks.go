package site

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"persiankb/kb/events"
	"persiankb/kb/store"
)

// EventRecorder takes the metrics' events (issue 5); *events.Recorder satisfies it. Record must
// never block or fail: recording never slows or fails a page.
type EventRecorder interface {
	Record(e store.Event)
}

// visitKey is where the request's visit is kept in the Gin context once computed.
const visitKey = "kb.visit"

// rankParam carries a search result's 1-based rank on the links of the search page
// (/articles/x?ref=search&rank=3): the article page records the click, no redirect, no JS.
const rankParam = "rank"

// maxRank bounds the rank a link may claim (a search shows at most a few pages of results).
const maxRank = 1000

// tracking reports whether events are recorded at all.
func (s *Server) tracking() bool { return s.cfg.Events != nil }

// visit returns the request's anonymous visit, setting or renewing the session cookie (none
// for Do-Not-Track/GPC visits, which get no session). An API request without a session cookie
// gets none either: a page's scripts send the cookie the page set, so it comes from an
// integration, whose every request would otherwise be a session of its own (one search, no
// click: an abandoned search in every per-session rate).
func (s *Server) visit(c *gin.Context) events.Visit {
	if v, ok := c.Get(visitKey); ok {
		return v.(events.Visit)
	}
	cookie, _ := c.Cookie(events.SessionCookie)
	if !events.ValidSessionID(cookie) && isAPIPath(c.Request.URL.Path) {
		c.Set(visitKey, events.Visit{})
		return events.Visit{}
	}
	v, _ := events.NewVisit(c.Request.Header, cookie, s.cfg.Holdout)
	if v.SessionID != "" { // renewed on every page: the session ends after SessionIdle idle
		http.SetCookie(c.Writer, &http.Cookie{
			Name: events.SessionCookie, Value: v.SessionID, Path: "/",
			MaxAge: int(events.SessionIdle / time.Second), HttpOnly: true,
			Secure: s.secureCookies(c), SameSite: http.SameSiteLaxMode,
		})
	}
	c.Set(visitKey, v)
	return v
}

// record builds an event for the request's visit and queues it; a no-op without a recorder,
// and for crawlers and link previewers (events.IsCrawler), which are not customers.
func (s *Server) record(c *gin.Context, build func(v events.Visit, now time.Time) store.Event) {
	if !s.tracking() || c.Request.Method != http.MethodGet && c.Request.Method != http.MethodPost ||
		events.IsCrawler(c.Request.UserAgent()) {
		return
	}
	s.cfg.Events.Record(build(s.visit(c), time.Now()))
}

// recordSearch records a search with its number of results (the search page's first page,
// or the API's, so that paging through results is not counted as new searches).
func (s *Server) recordSearch(c *gin.Context, query string, page, total int) {
	if query == "" || page > 1 {
		return
	}
	s.record(c, func(v events.Visit, now time.Time) store.Event { return v.Search(now, query, total) })
}

// recordArticleView records an article page view, and the search result click it was when the
// link carried a rank (the query comes from the search page's URL in the Referer, which the
// site's same-origin referrer policy sends).
func (s *Server) recordArticleView(c *gin.Context, slug, source string) {
	if !s.tracking() || c.Request.Method != http.MethodGet || c.Query(votedParam) != "" {
		return
	}
	s.record(c, func(v events.Visit, now time.Time) store.Event { return v.ArticleView(now, slug, source) })
	switch source {
	case SourceSuggestion:
		s.recordSuggestClick(c, slug)
		return
	case SourceAutocomplete:
		s.recordAutocompleteClick(c, slug)
		return
	}
	rank, err := strconv.Atoi(c.Query(rankParam))
	if source != SourceSearch || err != nil || rank < 1 || rank > maxRank {
		return
	}
	query := refererQuery(c.Request)
	s.record(c, func(v events.Visit, now time.Time) store.Event { return v.ResultClick(now, query, slug, rank) })
}

// refererQuery is the q parameter of the same-site search page that linked here, or "".
func refererQuery(req *http.Request) string {
	ref, err := url.Parse(req.Referer())
	if err != nil || !strings.EqualFold(ref.Host, req.Host) || ref.Path != "/search" {
		return ""
	}
	return ref.Query().Get("q")
}

// rankLinks adds to the search page's result links their source and rank (first is the rank of
// the first hit shown), when events are recorded.
func (s *Server) rankLinks(hits []hitView, first int) {
	if !s.tracking() {
		return
	}
	for i := range hits {
		hits[i].URL = resultURL(hits[i].URL, first+i)
	}
}

// resultURL is a search result's link with its source and rank, for recording the click.
func resultURL(u string, rank int) string {
	return withQuery(u, refParam+"=search&"+rankParam+"="+strconv.Itoa(rank))
}
