package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strconv"
	"strings"

	"persiankb/kb/site"
)

// Log formats and levels of kb serve.
const (
	logFormatJSON = "json"
	logFormatText = "text"
)

// maxSearchRate bounds --search-rate: above a thousand searches a minute per client (more than
// fifteen a second, sustained) the limit no longer limits anything a person does.
const maxSearchRate = 1000

// maxSearchConcurrency bounds --search-concurrency: a search keeps a core busy, and no machine
// this runs on has more cores than this, so a larger number would only turn admission control
// off (use a large value within it for that).
const maxSearchConcurrency = 1024

// opsConfig is how kb serve is operated: logs, Prometheus metrics, client IPs, search limit.
type opsConfig struct {
	LogFormat      string // "json" or "text"; "" = json, text with --dev
	LogLevel       string // debug, info, warn or error
	MetricsAddr    string // HOST:PORT serving /metrics alone; "" = /metrics on --addr
	NoPrometheus   bool   // no /metrics at all
	TrustedProxies string // comma-separated IPs and CIDRs whose X-Forwarded-For is believed
	SearchRate     string // "N/min" per client; "0" or "" = unlimited
	// SearchConcurrency is how many searches run at once, the others queued; "0" = GOMAXPROCS.
	SearchConcurrency string

	searchPerMin      int
	searchConcurrency int
	level             slog.Level
}

// addOpsFlags registers the operations flags of kb serve; defaults come from the environment.
func addOpsFlags(fs *flag.FlagSet, env *cliEnv, c *opsConfig) {
	fs.StringVar(&c.LogFormat, "log-format", envOr(env, "KB_LOG_FORMAT", ""), "log format: json or text (KB_LOG_FORMAT; default json, text with --dev)")
	fs.StringVar(&c.LogLevel, "log-level", envOr(env, "KB_LOG_LEVEL", "info"), "lowest level logged: debug, info, warn or error (KB_LOG_LEVEL)")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", envOr(env, "KB_METRICS_ADDR", ""), "serve Prometheus /metrics on this HOST:PORT instead of on --addr (KB_METRICS_ADDR)")
	fs.BoolVar(&c.NoPrometheus, "no-prometheus", envBool(env, "KB_NO_PROMETHEUS"), "serve no Prometheus /metrics (KB_NO_PROMETHEUS; --no-metrics is about recording events)")
	fs.StringVar(&c.TrustedProxies, "trusted-proxies", envOr(env, "KB_TRUSTED_PROXIES", ""), "comma-separated IPs or CIDRs of reverse proxies whose X-Forwarded-For gives the client IP (KB_TRUSTED_PROXIES; default none: the connection's peer)")
	fs.StringVar(&c.SearchRate, "search-rate", envOr(env, "KB_SEARCH_RATE", "0"), "per-client limit of searches and suggestions, N/min such as 120/min; 0 is unlimited (KB_SEARCH_RATE)")
	fs.StringVar(&c.SearchConcurrency, "search-concurrency", envOr(env, "KB_SEARCH_CONCURRENCY", "0"), "searches and suggestions run at once, the others waiting their turn (up to 2 s, then 503); 0 is one per core, GOMAXPROCS (KB_SEARCH_CONCURRENCY)")
}

// validate checks the settings no other one depends on and resolves the defaults that depend
// on --dev.
func (c *opsConfig) validate(dev bool, addr string) error {
	if c.LogFormat == "" {
		c.LogFormat = logFormatJSON
		if dev {
			c.LogFormat = logFormatText
		}
	}
	var err error
	if c.level, err = parseLogLevel(c.LogLevel); err != nil {
		return fmt.Errorf("bad --log-level %q: %v", c.LogLevel, err)
	}
	if c.searchPerMin, err = parseSearchRate(c.SearchRate); err != nil {
		return fmt.Errorf("bad --search-rate %q: %v", c.SearchRate, err)
	}
	if c.searchConcurrency, err = parseSearchConcurrency(c.SearchConcurrency); err != nil {
		return fmt.Errorf("bad --search-concurrency %q: %v", c.SearchConcurrency, err)
	}
	switch {
	case c.MetricsAddr != "" && c.NoPrometheus:
		return errors.New("--metrics-addr and --no-prometheus contradict each other: choose one")
	case c.MetricsAddr != "" && c.MetricsAddr == addr && !strings.HasSuffix(addr, ":0"):
		return fmt.Errorf("--metrics-addr %q is --addr: leave it empty to serve /metrics there", c.MetricsAddr)
	}
	return nil
}

// trustedProxies splits --trusted-proxies.
func (c opsConfig) trustedProxies() []string { return splitList(c.TrustedProxies) }

// checkLogFormat accepts json and text ("" picks by --dev).
func checkLogFormat(s string) error {
	if s != "" && s != logFormatJSON && s != logFormatText {
		return errors.New("want json or text")
	}
	return nil
}

// parseLogLevel reads debug, info, warn or error.
func parseLogLevel(s string) (slog.Level, error) {
	var l slog.Level
	switch strings.ToLower(s) {
	case "debug", "info", "warn", "error":
		return l, l.UnmarshalText([]byte(s))
	}
	return l, errors.New("want debug, info, warn or error")
}

// parseSearchRate reads "N/min" (N from 1 to maxSearchRate); "0", "off" and "" mean no limit.
func parseSearchRate(s string) (int, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "", "0", "off":
		return 0, nil
	}
	num, ok := strings.CutSuffix(s, "/min")
	n, err := strconv.Atoi(num)
	if !ok || err != nil || n < 0 {
		return 0, errors.New("want N/min such as 120/min, or 0 for no limit")
	}
	if n > maxSearchRate {
		return 0, fmt.Errorf("at most %d/min; use 0 for no limit", maxSearchRate)
	}
	return n, nil
}

// checkSearchRate is parseSearchRate for the value checks.
func checkSearchRate(s string) error {
	_, err := parseSearchRate(s)
	return err
}

// parseSearchConcurrency reads a number of searches at once, 0 (one per core) to
// maxSearchConcurrency.
func parseSearchConcurrency(s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 0 {
		return 0, errors.New("want a whole number of searches at once such as 4, or 0 for one per core")
	}
	if n > maxSearchConcurrency {
		return 0, fmt.Errorf("at most %d", maxSearchConcurrency)
	}
	return n, nil
}

// checkTrustedProxies accepts a comma-separated list of IPs and CIDRs.
func checkTrustedProxies(s string) error {
	if err := site.CheckTrustedProxies(splitList(s)); err != nil {
		return errors.New(strings.TrimPrefix(err.Error(), "site: "))
	}
	return nil
}

// newLogger returns the logger of kb serve: JSON or text lines on w from the configured level.
func newLogger(c opsConfig, w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.level}
	if c.LogFormat == logFormatText {
		return slog.New(slog.NewTextHandler(w, opts))
	}
	return slog.New(slog.NewJSONHandler(w, opts))
}
