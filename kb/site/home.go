package site

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"persiankb/kb"
	"persiankb/kb/stats"
	"persiankb/kb/store"
)

// Popular articles on the home page.
const (
	// popularDays is the period whose views rank the home page's popular articles: a month
	// follows what customers need now without one busy day deciding it.
	popularDays = 30
	// popularTTL is how long the views read from the roll-ups are reused: the roller updates
	// them every few minutes, and the home page is the busiest page, so it reads them at most
	// once per TTL rather than on every request.
	popularTTL = 10 * time.Minute
	// popularTimeout bounds that read: past it the home page shows the display order.
	popularTimeout = 2 * time.Second
	// popularRetry is how soon a failed read is tried again: soon enough that the list comes
	// back quickly after an outage, rarely enough not to add load to a struggling store.
	popularRetry = time.Minute
)

// homePage is the data of the home template.
type homePage struct {
	layout
	Categories []categoryCard
	Popular    []*kb.Article
	Recent     []*kb.Article
}

// showHomePage renders "/": the search box, the categories, the popular articles and the
// recently updated ones.
func (s *Server) showHomePage(c *gin.Context, st *State) error {
	data := homePage{
		layout:     s.layout(""),
		Categories: categoryCards(st.Library),
		Popular:    popularArticles(st.Library, s.popular.views(c.Request.Context(), s), popularLimit),
		Recent:     recentArticles(st.Library, recentLimit),
	}
	data.HeroSearch = true
	data.Description = msgHomeDescription
	data.Canonical = absURL(s.cfg.BaseURL, "/")
	data.OG = &openGraph{Type: "website", Title: s.cfg.SiteName, Description: msgHomeDescription, URL: data.Canonical}
	return s.render(c, http.StatusOK, tmplHome, data)
}

// popularViews keeps the article views of the last popularDays days, read from the roll-ups at
// most once per popularTTL.
type popularViews struct {
	mu   sync.Mutex // held during a read, so concurrent requests wait for it instead of repeating it
	rows []store.ArticleRow
	read time.Time // when rows were read; zero: never
}

// views returns the article roll-ups of the last popularDays days; nil without metrics. A read
// that fails is logged, keeps the views read before (none at first) and is tried again after
// popularRetry: the home page never fails for the metrics. The read is not cancelled with the
// request that happens to make it, whose visitor may leave.
func (p *popularViews) views(ctx context.Context, s *Server) []store.ArticleRow {
	if s.cfg.Stats == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if !p.read.IsZero() && now.Before(p.read.Add(popularTTL)) {
		return p.rows
	}
	rng := stats.LastDays(now, popularDays, s.statsZone())
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), popularTimeout)
	defer cancel()
	rows, err := s.cfg.Stats.ArticleTotals(ctx, rng.First.String(), rng.Last.String())
	if err != nil {
		s.log.Warn("site: popular articles: reading the roll-ups", "err", err)
		p.read = now.Add(popularRetry - popularTTL)
		return p.rows
	}
	p.rows, p.read = rows, now
	return rows
}
