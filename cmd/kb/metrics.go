package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"strconv"
	"sync"
	"time"
	_ "time/tzdata" // Asia/Tehran on hosts without a zone database

	"persiankb/kb/events"
	"persiankb/kb/site"
	"persiankb/kb/stats"
	"persiankb/kb/store"
)

// Defaults of the metrics flags of kb serve.
const (
	metricsTimeZone = "Asia/Tehran" // days of the metrics are cut at midnight in this zone
	// rollupEvery: the dashboard's "today" is at most this stale, and a roll-up of the live days
	// costs a few milliseconds, so every few minutes is cheap.
	rollupEvery = 5 * time.Minute
	// recorderCloseTimeout bounds the final flush of queued events at shutdown.
	recorderCloseTimeout = 10 * time.Second
)

// metricsConfig is how kb serve records events and rolls them up (issue 5).
type metricsConfig struct {
	TimeZone string
	Holdout  string        // share of sessions shown no suggestions, 0 to events.MaxHoldout
	KeepRaw  time.Duration // raw events retention; 0 keeps them forever
	Disabled bool

	loc     *time.Location
	holdout events.Holdout
}

func addMetricsFlags(fs *flag.FlagSet, env *cliEnv, c *metricsConfig) {
	fs.StringVar(&c.TimeZone, "tz", envOr(env, "KB_TZ", metricsTimeZone), "time zone the metrics' days are cut in (KB_TZ)")
	fs.StringVar(&c.Holdout, "holdout", envOr(env, "KB_HOLDOUT", "0"), "share of sessions shown no suggestions on the ticket form, to measure causal deflection, e.g. 0.05 (KB_HOLDOUT)")
	keep, _ := time.ParseDuration(envOr(env, "KB_KEEP_EVENTS", "0"))
	fs.DurationVar(&c.KeepRaw, "keep-events", keep, "how long raw events are kept, e.g. 2160h; 0 keeps them (KB_KEEP_EVENTS)")
	fs.BoolVar(&c.Disabled, "no-metrics", envBool(env, "KB_NO_METRICS"), "record no events (KB_NO_METRICS)")
}

func (c *metricsConfig) validate() error {
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return fmt.Errorf("unknown --tz %q: want an IANA zone such as Asia/Tehran or UTC", c.TimeZone)
	}
	f, err := strconv.ParseFloat(c.Holdout, 64)
	if err != nil {
		return fmt.Errorf("bad --holdout %q: want a fraction such as 0.05", c.Holdout)
	}
	if c.holdout, err = events.NewHoldout(f); err != nil {
		return err
	}
	if c.KeepRaw < 0 {
		return fmt.Errorf("bad --keep-events %v: want 0 or more", c.KeepRaw)
	}
	c.loc = loc
	return nil
}

// metrics is the running event recorder and roller of kb serve.
type metrics struct {
	src    stats.Source
	rec    *events.Recorder
	roller *stats.Roller
	stop   context.CancelFunc
	wg     sync.WaitGroup
	log    *slog.Logger
}

// metricsStore is what recording and rolling up need of the store.
type metricsStore interface {
	events.Writer
	stats.RollerStore
	stats.Source
}

// startMetrics starts the recorder on st and the roller; nil when metrics are disabled.
func startMetrics(ctx context.Context, c metricsConfig, st store.Store, logger *slog.Logger) (*metrics, error) {
	if c.Disabled {
		return nil, nil
	}
	ms, ok := st.(metricsStore)
	if !ok {
		return nil, fmt.Errorf("metrics: store %T cannot roll up events", st)
	}
	roller, err := stats.NewRoller(ms, stats.RollerConfig{Location: c.loc, KeepRaw: c.KeepRaw, Logger: logger})
	if err != nil {
		return nil, err
	}
	m := &metrics{src: ms, rec: events.NewRecorder(ms, events.Config{Logger: logger}), roller: roller, log: logger}
	ctx, m.stop = context.WithCancel(ctx)
	m.wg.Add(1)
	go func() {
		defer m.wg.Done()
		roller.Run(ctx, rollupEvery)
	}()
	return m, nil
}

// recorder is the site's event recorder; nil (no recording) when metrics are disabled.
func (m *metrics) recorder() site.EventRecorder {
	if m == nil {
		return nil
	}
	return m.rec
}

// source is where the dashboard reads the roll-ups; nil when metrics are disabled.
func (m *metrics) source() site.StatsSource {
	if m == nil {
		return nil
	}
	return m.src
}

// Close stops the roller and flushes the queued events; call it after the HTTP server stopped.
func (m *metrics) Close() {
	if m == nil {
		return
	}
	m.stop()
	m.wg.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), recorderCloseTimeout)
	defer cancel()
	if err := m.rec.Close(ctx); err != nil {
		m.log.Error("metrics: flush events", "err", err)
	}
}
