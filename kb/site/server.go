// Package site serves the help center over HTTP with Gin: HTML pages, media, static theme files and the JSON API.
package site

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"

	"persiankb/kb"
	"persiankb/kb/events"
	"persiankb/kb/gitmeta"
	"persiankb/search"
	"persiankb/theme"
)

// Searcher answers search requests. *search.Index satisfies it.
type Searcher interface {
	Search(ctx context.Context, req search.Request) (*search.Result, error)
}

// Config is the site's configuration; cmd/kb fills it from flags and environment.
type Config struct {
	Dev      bool   // re-read templates and static files from ThemeDir on every request
	ThemeDir string // theme folder on disk (templates/, static/); required with Dev, unused otherwise
	SiteName string // shown in titles and Open Graph tags; defaults to DefaultSiteName
	BaseURL  string // absolute base URL, e.g. "https://help.example.com", for canonical and OG URLs
	Live     bool   // live preview (kb serve --watch): pages reload when the content changes, articles show their file's problems
	EditURL  string // "edit this page" link pattern with {path} (the file's path in the content folder); "" hides it
	Drafts   bool   // serve drafts at their URLs, unlisted and not indexed by robots (kb serve --drafts)

	// Tickets receives the ticket form's tickets (a *tickets.Deliverer); nil shows the form
	// but answers 503 on sending.
	Tickets TicketSubmitter
	// Secret signs CSRF and receipt tokens: at least MinSecretBytes, stable across restarts;
	// a random one is used when empty.
	Secret []byte
	// CORSOrigins are the origins (scheme://host[:port]) whose pages may call /api/suggest,
	// such as the sites embedding /widget.js.
	CORSOrigins []string

	// Auth holds the credentials of /admin, /agent and the API's agent-only data (auth.go).
	Auth AuthConfig
	// Outbox lists and retries failed ticket deliveries on /admin; nil leaves them out.
	Outbox OutboxAdmin
	// Views is told of every public article view and its source (attribution.go); may be nil.
	Views ViewRecorder
	// Events records the metrics' events (events_hooks.go; a *events.Recorder); nil records
	// none and hides the "was this helpful" form.
	Events EventRecorder
	// Holdout is the share of sessions shown no suggestions on the ticket form (causal deflection).
	Holdout events.Holdout
	// Stats is where /admin/dashboard reads the roll-ups (dashboard.go); nil shows it empty.
	Stats StatsSource
	// StatsZone is the time zone the roll-ups' days are cut in (kb serve --tz); nil: UTC.
	StatsZone *time.Location

	// Operations (probe.go, prom.go, ratelimit.go).
	Store          Pinger               // pinged by /readyz; nil: readiness does not check a store
	Metrics        *prometheus.Registry // private registry the site's metrics go in; nil: no metrics
	MetricsRoute   bool                 // serve Metrics at /metrics on this router
	Backlog        OutboxBacklog        // ticket outbox counts for the metrics; may be nil
	TrustedProxies []string             // proxies (IPs, CIDRs) whose X-Forwarded-For gives the client IP; none by default
	SearchPerMin   int                  // per-client limit of searches and suggestions a minute; 0: unlimited
	// SearchConcurrency is how many searches and suggestions run at once, the others waiting
	// their turn in arrival order (admit.go); 0: DefaultSearchConcurrency (GOMAXPROCS).
	SearchConcurrency int
}

// DefaultSiteName is used when Config.SiteName is empty.
const DefaultSiteName = "مرکز راهنما"

// State is everything a request reads: one library and the index built from it. A reload builds a
// new State beside the old one and swaps it in with Server.Swap.
type State struct {
	Library *kb.Library
	Search  Searcher
	History *gitmeta.History // git dates and contributors of the content files; nil: front matter dates only

	users atomic.Int64 // requests using this state, for Server.Replace
}

// Server is the help center web application.
type Server struct {
	cfg    Config
	log    *slog.Logger
	state  atomic.Pointer[State]
	theme  *parsedTheme // parsed once; nil in Dev mode, where every request loads its own
	engine *gin.Engine
	live   *liveHub // Config.Live: the reload stream's clients

	tix         *ticketDesk     // ticket form: submitter, token signer, rate limit
	corsOrigins map[string]bool // Config.CORSOrigins, lower-cased
	gate        *authGate       // Config.Auth: credentials, sessions, login lock-out
	prom        *siteMetrics    // Config.Metrics; nil observes nothing
	searchLimit *rateLimiter    // Config.SearchPerMin; nil: unlimited
	admit       *admitter       // Config.SearchConcurrency: searches' turns (admit.go)
	votes       *rateLimiter    // "was this helpful" answers per client
	popular     popularViews    // the home page's popular articles (home.go)
	bufs        bufferPool      // what pages and JSON bodies are rendered into
}

// New checks the configuration, parses the theme and builds the router. st may be nil while the
// index is still being built: pages then answer 503 and /healthz reports "starting" until Swap.
func New(cfg Config, st *State, logger *slog.Logger) (*Server, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if cfg.SiteName == "" {
		cfg.SiteName = DefaultSiteName
	}
	cfg.BaseURL = strings.TrimRight(cfg.BaseURL, "/")
	if err := checkBaseURL(cfg.BaseURL); err != nil {
		return nil, err
	}
	if cfg.Dev && cfg.ThemeDir == "" {
		return nil, errors.New("site: development mode needs a theme directory")
	}
	s := &Server{cfg: cfg, log: logger, votes: newRateLimiter(helpfulBurst, helpfulRefill, nil)}
	th, err := loadTheme(s.themeFS())
	if err != nil {
		return nil, fmt.Errorf("site: %w", err)
	}
	if !cfg.Dev {
		s.theme = th
	}
	if s.tix, err = newTicketDesk(cfg); err != nil {
		return nil, err
	}
	if s.corsOrigins, err = parseCORSOrigins(cfg.CORSOrigins); err != nil {
		return nil, err
	}
	if s.gate, err = newAuthGate(cfg.Auth, s.tix.signer); err != nil {
		return nil, err
	}
	if err := CheckEditURL(cfg.EditURL); err != nil {
		return nil, err
	}
	if cfg.Live {
		s.live = newLiveHub()
	}
	if err := s.setUpOperations(); err != nil {
		return nil, err
	}
	s.state.Store(st)
	s.engine = s.routes()
	return s, nil
}

// checkBaseURL accepts "" (no absolute URLs in pages) or an absolute http(s) URL without query.
func checkBaseURL(base string) error {
	if base == "" {
		return nil
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("site: base URL %q must be an absolute http(s) URL such as https://help.example.com", base)
	}
	return nil
}

// Swap replaces the state (library and index) atomically; requests in flight keep the old one.
func (s *Server) Swap(st *State) { s.state.Store(st) }

// Handler returns the HTTP handler serving every route.
func (s *Server) Handler() http.Handler { return s.engine }

// themeFS is where templates and static files come from: the embedded theme, or the theme folder
// on disk in Dev mode.
func (s *Server) themeFS() fs.FS {
	if s.cfg.Dev {
		return os.DirFS(s.cfg.ThemeDir)
	}
	return theme.FS
}

// currentTheme returns the parsed theme: the one parsed at start, or a fresh one in Dev mode.
func (s *Server) currentTheme() (*parsedTheme, error) {
	if s.theme != nil {
		return s.theme, nil
	}
	return loadTheme(s.themeFS())
}

// routes builds the Gin engine. Gin is in release mode (no debug output) unless Config.Dev.
func (s *Server) routes() *gin.Engine {
	gin.SetMode(ginMode(s.cfg.Dev))
	r := gin.New()
	r.RedirectTrailingSlash = true
	r.RedirectFixedPath = false
	r.HandleMethodNotAllowed = false
	_ = r.SetTrustedProxies(s.cfg.TrustedProxies) // checked by setUpOperations; none: the socket peer
	r.Use(s.recoverPanic, s.logRequest, securityHeaders, s.limitSearch)

	get := func(path string, h gin.HandlerFunc) {
		r.GET(path, h)
		r.HEAD(path, h)
	}
	get("/", s.handle(s.showHomePage))
	get("/search", s.handle(s.showSearchPage))
	get("/articles/:slug", s.handle(s.showArticlePage))
	r.POST("/articles/:slug/helpful", s.limitForm(&s.votes, msgHelpfulRateLimited), s.handle(s.submitHelpful))
	get("/categories/:slug", s.handle(s.showCategoryPage))
	get("/media/*path", s.handle(s.serveMedia))
	get("/static/*path", s.serveStatic)
	get("/api/search", s.handle(s.searchAPI))
	get("/api/articles/:slug", s.handle(s.articleAPI))
	get("/healthz", s.healthz)
	s.probeRoutes(r)
	s.writerRoutes(r)
	s.ticketRoutes(r)
	s.staffRoutes(r)
	s.apiV1Routes(r)
	r.NoRoute(s.notFound)
	return r
}
