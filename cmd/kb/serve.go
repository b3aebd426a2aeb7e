package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"persiankb/kb/gitmeta"
	"persiankb/kb/site"
)

// Server timeouts. Slow clients must not hold connections forever; no page takes long to render.
const (
	readHeaderTimeout = 10 * time.Second
	readTimeout       = 30 * time.Second
	writeTimeout      = 60 * time.Second
	idleTimeout       = 120 * time.Second
	shutdownTimeout   = 15 * time.Second // in-flight requests get this long to finish on SIGTERM
)

func runServe(ctx context.Context, env *cliEnv, args []string) error {
	c, err := parseServeConfig(env, args)
	if err != nil {
		return err
	}
	logger := newLogger(c.Ops, env.stderr)
	reg := newRegistry(c.Ops)
	// Bind first: an address in use fails the start at once, not after the content is indexed.
	servers, err := listenAll(c, reg)
	if err != nil {
		return err
	}
	defer closeAll(servers)       // when the start fails; after serveAll they are closed already
	out := &logLines{log: logger} // what the shared helpers print, as log records
	lib, err := loadLibrary(c.libraryConfig, out)
	if err != nil {
		return err
	}
	idx, err := openIndex(c.libraryConfig, lib, out, c.Writer.Watch)
	if err != nil {
		return err
	}
	defer idx.Close()
	secret, err := siteSecret(c.Tickets.SiteSecret, c.Data)
	if err != nil {
		return err
	}
	desk, err := openTicketDesk(ctx, c.Tickets, c.Data, logger)
	if err != nil {
		return err
	}
	defer desk.Close() // after the HTTP server has finished its requests
	mt, err := startMetrics(ctx, c.Metrics, desk.store, logger)
	if err != nil {
		return err
	}
	defer mt.Close() // flushes the queued events before the store closes

	if !c.Auth.any() {
		logger.Warn("no credentials configured (--admin-user, --admin-token, --agent-tokens): /admin and /agent answer 403")
	}
	hist := gitmeta.NewCache(c.Content)
	srv, err := site.New(site.Config{
		Dev:         c.Dev,
		ThemeDir:    c.ThemeDir,
		SiteName:    c.SiteName,
		BaseURL:     c.BaseURL,
		Tickets:     desk.deliverer,
		Secret:      secret,
		CORSOrigins: c.Tickets.corsOrigins(),
		Live:        c.Writer.Watch,
		EditURL:     c.Writer.EditURL,
		Drafts:      c.Drafts,
		Auth:        c.Auth.site(),
		Outbox:      desk.store,
		Events:      mt.recorder(),
		Holdout:     c.Metrics.holdout,
		Stats:       mt.source(),
		StatsZone:   c.Metrics.loc,

		Store:          desk.store,
		Backlog:        desk.store,
		Metrics:        reg,
		MetricsRoute:   reg != nil && c.Ops.MetricsAddr == "",
		TrustedProxies: c.Ops.trustedProxies(),
		SearchPerMin:   c.Ops.searchPerMin,

		SearchConcurrency: c.Ops.searchConcurrency,
	}, &site.State{Library: lib, Search: idx, History: historyOf(ctx, hist, out)}, logger)
	if err != nil {
		return err
	}
	if c.Writer.Watch {
		rl := &reloader{cfg: c.libraryConfig, srv: srv, hist: hist, out: out, lib: lib, idx: idx}
		stop, err := rl.watch(ctx)
		if err != nil {
			return err
		}
		defer stop()
	}
	servers[0].h = srv.Handler()
	logger.Info("serving", "articles", len(lib.Articles), "url", "http://"+servers[0].ln.Addr().String()+"/")
	return serveAll(ctx, servers, logger)
}

// serveHTTP serves until ctx is cancelled, then shuts down gracefully.
func serveHTTP(ctx context.Context, ln net.Listener, h http.Handler, logger *slog.Logger) error {
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	return nil
}
