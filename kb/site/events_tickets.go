package site

import (
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"persiankb/kb/events"
	"persiankb/kb/store"
	"persiankb/search"
)

// suggestionURL is a suggested article's link with its source and rank: the article page (or
// the form's in-place panel, through /api/articles) records the click.
func suggestionURL(u string, rank int) string {
	return withQuery(u, refParam+"=suggestion&"+rankParam+"="+strconv.Itoa(rank))
}

// sameSite reports whether the request comes from this site's own pages: a same-origin fetch
// sends no Origin header, or its own. The widget on other sites sends theirs and no cookie
// (credentials: "omit"): its calls start no session and record nothing.
func sameSite(c *gin.Context) bool {
	o := c.Request.Header.Get("Origin")
	if o == "" {
		return true
	}
	_, host, ok := strings.Cut(o, "://")
	return ok && strings.EqualFold(host, c.Request.Host)
}

// heldOut reports whether the visitor is in the holdout, which gets no suggestions on the ticket
// form (causal deflection). Without recording there is no holdout.
func (s *Server) heldOut(c *gin.Context) bool {
	return s.tracking() && sameSite(c) && s.visit(c).Holdout
}

// recordSuggestions records suggestions shown on the ticket form, and links each to its rank.
func (s *Server) recordSuggestions(c *gin.Context, text string, res *search.Result) {
	if !s.tracking() {
		return
	}
	for i := range res.Hits {
		res.Hits[i].URL = suggestionURL(res.Hits[i].URL, i+1)
	}
	if len(res.Hits) == 0 || !sameSite(c) {
		return
	}
	s.record(c, func(v events.Visit, now time.Time) store.Event { return v.SuggestShown(now, text, len(res.Hits)) })
}

// recordSuggestClick records the click on a suggestion at the rank the link carries, if any.
func (s *Server) recordSuggestClick(c *gin.Context, slug string) {
	rank, err := strconv.Atoi(c.Query(rankParam))
	if err != nil || rank < 1 || rank > maxRank {
		return
	}
	s.record(c, func(v events.Visit, now time.Time) store.Event { return v.SuggestClick(now, slug, rank) })
}

// recordPanelView records a suggestion opened in place on the ticket form (GET /api/articles
// with ref=suggestion): a view from a suggestion and a click on it.
func (s *Server) recordPanelView(c *gin.Context, slug string) {
	if !s.tracking() || c.Query(refParam) != "suggestion" || !sameSite(c) {
		return
	}
	s.record(c, func(v events.Visit, now time.Time) store.Event { return v.ArticleView(now, slug, SourceSuggestion) })
	s.recordSuggestClick(c, slug)
}

// recordFormStarted records the ticket form shown.
func (s *Server) recordFormStarted(c *gin.Context) {
	s.record(c, func(v events.Visit, now time.Time) store.Event { return v.FormStarted(now) })
}

// recordFormSubmitted records a ticket committed by the store.
func (s *Server) recordFormSubmitted(c *gin.Context) {
	s.record(c, func(v events.Visit, now time.Time) store.Event { return v.FormSubmitted(now) })
}

// recordSolved records a "this solved my problem" click on a suggested article.
func (s *Server) recordSolved(c *gin.Context, slug string) {
	s.record(c, func(v events.Visit, now time.Time) store.Event { return v.SuggestSolved(now, slug) })
}
