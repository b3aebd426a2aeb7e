package main

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"strings"
)

// libraryConfig says where the content and the index live. Used by every subcommand that loads content.
type libraryConfig struct {
	Content  string // folder of Markdown articles
	Data     string // folder for the on-disk index (and later the SQLite store)
	Analyzer string // Bleve analyzer for the index: "fa" (stock chain, exact offsets) or "persian"
	Drafts   bool
	// OperatorGC is set when the operator chose a GC target with GOGC: openIndex then
	// leaves it alone instead of lowering it for the build (buildGCPercent).
	OperatorGC bool
}

// serveConfig is the configuration of `kb serve`.
type serveConfig struct {
	libraryConfig
	Addr     string
	Dev      bool
	ThemeDir string // with Dev: templates and assets re-read from here
	BaseURL  string // absolute URL of the site, for canonical links; default http://Addr
	SiteName string
	Writer   writerConfig  // --watch and --edit-url (watch.go)
	Tickets  ticketConfig  // store, delivery and CORS of the ticket form (tickets.go)
	Auth     authConfig    // credentials of /admin, /agent and API tokens (auth.go)
	Metrics  metricsConfig // events, roll-ups, holdout (metrics.go)
	Ops      opsConfig     // logs, Prometheus, proxies, search limit (config_ops.go)
	File     string        // --config: the YAML file read under the environment (config_file.go)
}

// envOr returns the environment variable's value, or def when it is unset or empty.
func envOr(env *cliEnv, key, def string) string {
	if v := env.getenv(key); v != "" {
		return v
	}
	return def
}

// envBool reads a boolean environment variable ("1", "true", "yes").
func envBool(env *cliEnv, key string) bool {
	switch strings.ToLower(env.getenv(key)) {
	case "1", "true", "yes", "on":
		return true
	}
	return false
}

// newFlagSet returns a flag set that writes its usage to stderr and returns errors instead of exiting.
func newFlagSet(env *cliEnv, name, args string) *flag.FlagSet {
	fs := flag.NewFlagSet("kb "+name, flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.stderr, "usage: kb %s [flags]%s\n\nFlags (each also read from the environment variable shown):\n", name, args)
		fs.PrintDefaults()
	}
	return fs
}

// addLibraryFlags registers the flags shared by all content-loading subcommands.
// Defaults come from the environment, so flags override env, and env overrides built-in defaults.
func addLibraryFlags(fs *flag.FlagSet, env *cliEnv, c *libraryConfig) {
	fs.StringVar(&c.Content, "content", envOr(env, "KB_CONTENT", "./content"), "content folder of Markdown articles (KB_CONTENT)")
	fs.StringVar(&c.Data, "data", envOr(env, "KB_DATA", "./data"), "data folder for the search index (KB_DATA)")
	fs.StringVar(&c.Analyzer, "analyzer", envOr(env, "KB_ANALYZER", defaultAnalyzer), "search analyzer: persian, fa (stock Bleve Persian) or fa_stock (fa with plain queries) (KB_ANALYZER)")
	fs.BoolVar(&c.Drafts, "drafts", envBool(env, "KB_DRAFTS"), "include draft articles (KB_DRAFTS)")
	c.OperatorGC = env.getenv("GOGC") != ""
}

func (c libraryConfig) validate() error {
	if c.Content == "" {
		return errors.New("--content must not be empty")
	}
	if c.Data == "" {
		return errors.New("--data must not be empty")
	}
	if !validAnalyzer(c.Analyzer) {
		return fmt.Errorf("unknown --analyzer %q (want %s)", c.Analyzer, strings.Join(analyzers(), ", "))
	}
	return nil
}

// serveFlags registers the flags of kb serve, with their defaults from the environment.
func serveFlags(env *cliEnv, c *serveConfig) *flag.FlagSet {
	fs := newFlagSet(env, "serve", "")
	addLibraryFlags(fs, env, &c.libraryConfig)
	fs.StringVar(&c.Addr, "addr", envOr(env, "KB_ADDR", "127.0.0.1:8080"), "listen address HOST:PORT (KB_ADDR)")
	fs.BoolVar(&c.Dev, "dev", envBool(env, "KB_DEV"), "development mode: re-read templates and assets from --theme on every request (KB_DEV)")
	fs.StringVar(&c.ThemeDir, "theme", envOr(env, "KB_THEME", "./theme"), "theme folder used with --dev (KB_THEME)")
	fs.StringVar(&c.BaseURL, "base-url", envOr(env, "KB_BASE_URL", ""), "public absolute URL of the site, for canonical links (KB_BASE_URL; default http://ADDR)")
	fs.StringVar(&c.SiteName, "site-name", envOr(env, "KB_SITE_NAME", "مرکز راهنما"), "site name shown in the header (KB_SITE_NAME)")
	addWriterFlags(fs, env, &c.Writer)
	addTicketFlags(fs, env, &c.Tickets)
	addAuthFlags(fs, env, &c.Auth)
	addMetricsFlags(fs, env, &c.Metrics)
	addOpsFlags(fs, env, &c.Ops)
	fs.StringVar(&c.File, "config", envOr(env, "KB_CONFIG", ""), "YAML configuration file; flags override the environment, which overrides the file (KB_CONFIG)")
	return fs
}

func parseServeConfig(env *cliEnv, args []string) (serveConfig, error) {
	var c serveConfig
	fs := serveFlags(env, &c)
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, usagef("unexpected argument %q", fs.Arg(0))
	}
	if err := applyLayers(fs, env, c.File); err != nil {
		return c, usagef("%v", err)
	}
	if err := c.validate(); err != nil {
		return c, usagef("%v", err)
	}
	if err := c.Writer.validate(); err != nil {
		return c, usagef("%v", err)
	}
	if err := c.Tickets.validate(); err != nil {
		return c, usagef("%v", err)
	}
	if err := c.Auth.validate(); err != nil {
		return c, usagef("%v", err)
	}
	if err := c.Metrics.validate(); err != nil {
		return c, usagef("%v", err)
	}
	if err := checkAddr(c.Addr); err != nil {
		return c, usagef("bad --addr %q: %v", c.Addr, err)
	}
	if err := checkOptionalAddr(c.Ops.MetricsAddr); err != nil {
		return c, usagef("bad --metrics-addr %q: %v", c.Ops.MetricsAddr, err)
	}
	if err := checkLogFormat(c.Ops.LogFormat); err != nil {
		return c, usagef("bad --log-format %q: %v", c.Ops.LogFormat, err)
	}
	if err := checkTrustedProxies(c.Ops.TrustedProxies); err != nil {
		return c, usagef("bad --trusted-proxies: %v", err)
	}
	if err := c.Ops.validate(c.Dev, c.Addr); err != nil {
		return c, usagef("%v", err)
	}
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return c, usagef("bad --base-url %q: want an absolute http(s) URL", c.BaseURL)
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	return c, nil
}
