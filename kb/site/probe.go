package site

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"time"

	"github.com/gin-gonic/gin"
)

// readyPingTimeout bounds the store ping of /readyz: probes run every few seconds, and a store
// that takes longer than this to answer a trivial query is not fit to take traffic.
const readyPingTimeout = time.Second

// docCounter is the part of IndexStats readiness needs: a closed index fails it.
type docCounter interface {
	DocCount() (uint64, error)
}

// Pinger reports whether the store answers; *store.SQLite and *store.Postgres satisfy it.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Reasons /readyz gives for not being ready (for operators, in English).
const (
	notReadyIndex = "index not loaded"
	notReadyRead  = "index not readable"
	notReadyStore = "store not reachable"
)

// probeRoutes registers the liveness and readiness probes and, when configured, /metrics.
func (s *Server) probeRoutes(r *gin.Engine) {
	r.GET("/livez", s.livez)
	r.HEAD("/livez", s.livez)
	r.GET("/readyz", s.readyz)
	r.HEAD("/readyz", s.readyz)
	if s.prom != nil && s.cfg.MetricsRoute {
		r.GET(metricsPath, s.prom.handler())
	}
}

// livez answers GET /livez: 200 as long as the process serves HTTP at all. A failing liveness
// probe restarts the process, so it checks nothing that a restart would not fix.
func (s *Server) livez(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	s.writeJSON(c, http.StatusOK, map[string]string{"status": "live"})
}

// readyz answers GET /readyz: 200 when the index is loaded and readable and the store answers
// a ping within readyPingTimeout; 503 with the reason otherwise, so that a load balancer sends
// the traffic to other replicas meanwhile.
func (s *Server) readyz(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	if reason := s.notReady(c.Request.Context()); reason != "" {
		c.Header("Retry-After", retryAfterSeconds)
		s.writeJSON(c, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": reason})
		return
	}
	s.writeJSON(c, http.StatusOK, map[string]string{"status": "ready"})
}

// notReady returns why the server should not take traffic, or "" when it should.
func (s *Server) notReady(ctx context.Context) string {
	st := s.state.Load()
	if st == nil {
		return notReadyIndex
	}
	if ix, ok := st.Search.(docCounter); ok {
		if _, err := ix.DocCount(); err != nil {
			s.log.Warn("readyz: index", "err", err)
			return notReadyRead
		}
	}
	if s.cfg.Store == nil {
		return ""
	}
	ctx, cancel := context.WithTimeout(ctx, readyPingTimeout)
	defer cancel()
	if err := s.cfg.Store.Ping(ctx); err != nil {
		s.log.Warn("readyz: store ping", "err", err)
		return notReadyStore
	}
	return ""
}

// setUpOperations checks the operational settings and builds the metrics and the search limiter.
func (s *Server) setUpOperations() error {
	if err := CheckTrustedProxies(s.cfg.TrustedProxies); err != nil {
		return err
	}
	if s.cfg.SearchPerMin < 0 {
		return fmt.Errorf("site: search limit %d a minute: want 0 (unlimited) or more", s.cfg.SearchPerMin)
	}
	if s.cfg.SearchConcurrency < 0 {
		return fmt.Errorf("site: search concurrency %d: want 0 (one per core) or more", s.cfg.SearchConcurrency)
	}
	s.admit = newAdmitter(cmp.Or(s.cfg.SearchConcurrency, DefaultSearchConcurrency()), searchQueueTimeout)
	if s.cfg.MetricsRoute && s.cfg.Metrics == nil {
		return errors.New("site: /metrics needs a registry (Config.Metrics)")
	}
	var err error
	if s.prom, err = newSiteMetrics(s.cfg.Metrics, s); err != nil {
		return fmt.Errorf("site: register metrics: %w", err)
	}
	s.searchLimit = newSearchLimiter(s.cfg.SearchPerMin)
	return nil
}

// CheckTrustedProxies accepts IP addresses and CIDR ranges (10.0.0.0/8, ::1).
func CheckTrustedProxies(proxies []string) error {
	for _, p := range proxies {
		if _, err := netip.ParsePrefix(p); err == nil {
			continue
		}
		if _, err := netip.ParseAddr(p); err != nil {
			return fmt.Errorf("site: trusted proxy %q: want an IP address or a CIDR range such as 10.0.0.0/8", p)
		}
	}
	return nil
}

// ginMode is Gin's debug mode in development, release mode (no debug output) otherwise.
func ginMode(dev bool) string {
	if dev {
		return gin.DebugMode
	}
	return gin.ReleaseMode
}
