package site

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/gin-gonic/gin"

	"persiankb/kb"
	"persiankb/kb/store"
)

// Sources of an article view, as the metrics' events store them (store.Event.Source).
const (
	SourceSearch     = store.SourceSearch
	SourceSuggestion = store.SourceSuggestion
	SourceAgent      = store.SourceAgent
	SourceDirect     = store.SourceDirect
	// SourceAutocomplete is a search box's suggestion (search as you type), see autocomplete.go.
	SourceAutocomplete = store.SourceAutocomplete
)

// refSources maps the values of the ref parameter that links may carry to their source.
var refSources = map[string]string{
	refAgent:       SourceAgent,
	"search":       SourceSearch,
	"autocomplete": SourceAutocomplete,
	"suggestion":   SourceSuggestion,
	"suggest":      SourceSuggestion,
	"widget":       SourceSuggestion, // the suggestions widget on other sites' ticket forms
}

// ViewRecorder is told of every public article page view and where it came from (one of the
// Source* constants), to record it as a store.EventArticleView through the metrics' bounded
// event queue (kb/events); RecordView must not block.
type ViewRecorder interface {
	RecordView(ctx context.Context, slug, source string)
}

// viewSource tells where an article view came from: the ref parameter of the link when it has
// a known one (agents' links carry ref=agent), else the page of this site that linked to it
// (the search page, or the ticket form's suggestions), else "direct" (typed, bookmarked, or
// linked from another site).
func viewSource(req *http.Request) string {
	if src, ok := refSources[strings.ToLower(req.URL.Query().Get(refParam))]; ok {
		return src
	}
	ref, err := url.Parse(req.Referer())
	if err != nil || ref.Host == "" || !strings.EqualFold(ref.Host, req.Host) {
		return SourceDirect
	}
	switch {
	case ref.Path == "/search" || ref.Path == "/api/search":
		return SourceSearch
	case strings.HasPrefix(ref.Path, "/tickets/"):
		return SourceSuggestion
	}
	return SourceDirect
}

// recordView passes an article page view to the configured ViewRecorder. HEAD requests are
// not views.
func (s *Server) recordView(c *gin.Context, a *kb.Article) {
	if c.Request.Method != http.MethodGet {
		return
	}
	src := viewSource(c.Request)
	s.recordArticleView(c, a.Slug, src)
	if s.cfg.Views != nil {
		s.cfg.Views.RecordView(c.Request.Context(), a.Slug, src)
	}
}
