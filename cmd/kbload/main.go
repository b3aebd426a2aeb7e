// Command kbload is a load generator for the help center: it sends realistic Persian searches
// and ticket-form suggestions to a running kb server and reports throughput, latency and errors.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
	"time"

	"persiankb/cmd/internal/loadgen"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "kbload:", err)
		os.Exit(1)
	}
}

// config is what one load run does.
type config struct {
	BaseURL     string
	Duration    time.Duration
	Connections int
	Queries     string        // JSONL file with {"query": ...} or {"message": ...} lines
	TouchFile   string        // a content file to rewrite during the run, to force a reindex (with kb serve --watch)
	TouchAfter  time.Duration // when to rewrite it
	MaxErrors   int           // exit non-zero past this many failed requests
}

// Limits of a run: the generator only ever targets this machine, and must stop by itself.
const (
	maxDuration    = 10 * time.Minute
	maxConnections = 2000
)

func parseConfig(args []string, stderr io.Writer) (config, error) {
	var c config
	fs := flag.NewFlagSet("kbload", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&c.BaseURL, "url", "http://127.0.0.1:8080", "base URL of a kb server on this machine")
	fs.DurationVar(&c.Duration, "duration", 30*time.Second, "how long to send requests")
	fs.IntVar(&c.Connections, "c", 200, "concurrent connections")
	fs.StringVar(&c.Queries, "queries", "search/testdata/support/queries.jsonl", "JSONL queries (query or message fields)")
	fs.StringVar(&c.TouchFile, "touch", "", "content file to rewrite mid-run so that kb serve --watch reindexes")
	fs.DurationVar(&c.TouchAfter, "touch-after", 0, "when to rewrite --touch (default: half of --duration)")
	fs.IntVar(&c.MaxErrors, "max-errors", 0, "failed requests tolerated before the run counts as failed")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if err := checkLocal(c.BaseURL); err != nil {
		return c, err
	}
	if c.Duration <= 0 || c.Duration > maxDuration {
		return c, fmt.Errorf("--duration must be in (0, %s]", maxDuration)
	}
	if c.Connections < 1 || c.Connections > maxConnections {
		return c, fmt.Errorf("-c must be in [1, %d]", maxConnections)
	}
	if c.TouchAfter == 0 {
		c.TouchAfter = c.Duration / 2
	}
	return c, nil
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseConfig(args, stderr)
	if err != nil {
		return err
	}
	texts, err := readTexts(c.Queries)
	if err != nil {
		return err
	}
	targets := buildTargets(c.BaseURL, texts)
	fmt.Fprintf(stdout, "kbload: %d connections for %s against %s (%d requests in the mix)\n",
		c.Connections, c.Duration, c.BaseURL, len(targets))
	rep, err := loadgen.Run(ctx, loadgen.Options{
		Duration: c.Duration, Connections: c.Connections, TouchFile: c.TouchFile, TouchAfter: c.TouchAfter,
	}, targets)
	if err != nil {
		return err
	}
	rep.Write(stdout)
	if rep.Errors() > c.MaxErrors {
		return fmt.Errorf("%d failed requests (tolerated: %d)", rep.Errors(), c.MaxErrors)
	}
	return nil
}
