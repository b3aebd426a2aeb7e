// Command kbscale is the scale benchmark of the help center: it generates synthetic Persian
// help centers of several sizes, builds each one's index with kb index under each analyzer
// (wall time, peak RSS), then serves it with kb serve and drives /api/search over loopback
// HTTP (p50/p99 latency with a few clients, throughput with many), and prints a table.
// Both analyzers are measured in the same run, so that a busy shared machine slows both.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"persiankb/internal/synth"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "kbscale:", err)
		os.Exit(1)
	}
}

// config is what one benchmark run does.
type config struct {
	KB               string        // the kb binary
	Sizes            []int         // numbers of articles
	Analyzers        []string      // measured in this order; the last is the baseline
	LatencyClients   int           // concurrent clients for the latency figures
	ThroughClients   int           // concurrent clients for the throughput figure
	Duration         time.Duration // of each measured load phase
	Warmup           time.Duration // load before measuring, after the server starts
	Repeat           int           // measurements of every size and analyzer
	Content          string        // sample content, for the vocabulary
	Support          []string      // support JSONL files, for the vocabulary and queries
	GeneratedQueries int           // queries of corpus words added to the support queries
	Seed             uint64
	MemLimit         string // GOMEMLIMIT of the kb children; "" leaves the environment's
	Work             string // working folder; a temporary one (removed after) when ""
}

// Limits of a run: each size is generated on disk and indexed twice.
const (
	maxArticles = 1_000_000
	maxRepeat   = 20
	maxClients  = 1000
)

func parseConfig(args []string, stderr io.Writer) (config, error) {
	c := config{}
	fs := flag.NewFlagSet("kbscale", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sizes := fs.String("sizes", "1000,10000", "comma-separated numbers of articles")
	analyzers := fs.String("analyzers", "persian,fa_stock", "comma-separated kb analyzers; the last is the baseline of the throughput ratio")
	support := fs.String("support", "search/testdata/support/queries.jsonl,search/testdata/support/messages.jsonl", "support JSONL files (vocabulary; their queries are searched)")
	fs.StringVar(&c.KB, "kb", "bin/kb", "the kb binary")
	fs.IntVar(&c.LatencyClients, "latency-clients", 8, "concurrent clients for p50/p99")
	fs.IntVar(&c.ThroughClients, "throughput-clients", 32, "concurrent clients for throughput")
	fs.DurationVar(&c.Duration, "duration", 10*time.Second, "length of each measured load phase")
	fs.DurationVar(&c.Warmup, "warmup", 2*time.Second, "load before measuring")
	fs.IntVar(&c.Repeat, "repeat", 1, "measurements of each size and analyzer (alternating the order)")
	fs.StringVar(&c.Content, "content", "./content", "sample content folder (vocabulary)")
	fs.IntVar(&c.GeneratedQueries, "generated-queries", 300, "queries of corpus words added to the support queries")
	fs.Uint64Var(&c.Seed, "seed", 1, "seed of the generated articles and queries")
	fs.StringVar(&c.MemLimit, "memlimit", "", "GOMEMLIMIT for kb index and kb serve, e.g. 160MiB (default: the environment's)")
	fs.StringVar(&c.Work, "work", "", "working folder, kept after the run (default: a temporary folder, removed)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	var err error
	if c.Sizes, err = parseSizes(*sizes); err != nil {
		return c, err
	}
	c.Analyzers = splitList(*analyzers)
	c.Support = splitList(*support)
	switch {
	case len(c.Analyzers) == 0:
		return c, fmt.Errorf("--analyzers lists no analyzer")
	case c.LatencyClients < 1 || c.LatencyClients > maxClients || c.ThroughClients < 1 || c.ThroughClients > maxClients:
		return c, fmt.Errorf("client counts must be in [1, %d]", maxClients)
	case c.Duration <= 0 || c.Warmup < 0:
		return c, fmt.Errorf("--duration must be positive and --warmup not negative")
	case c.Repeat < 1 || c.Repeat > maxRepeat:
		return c, fmt.Errorf("--repeat must be in [1, %d]", maxRepeat)
	}
	return c, nil
}

func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range splitList(s) {
		n, err := strconv.Atoi(strings.ReplaceAll(f, "_", ""))
		if err != nil || n < 1 || n > maxArticles {
			return nil, fmt.Errorf("bad --sizes entry %q: want a number of articles in [1, %d]", f, maxArticles)
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--sizes lists no size")
	}
	return out, nil
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	c, err := parseConfig(args, stderr)
	if err != nil {
		return err
	}
	work := c.Work
	if work == "" {
		if work, err = os.MkdirTemp("", "kbscale-"); err != nil {
			return err
		}
		defer os.RemoveAll(work)
	}
	v, err := synth.ReadVocabulary(c.Content, c.Support)
	if err != nil {
		return err
	}
	words, queries := v.Size()
	fmt.Fprintf(stdout, "kbscale: %d distinct source words, %d support queries; load at start: %s\n",
		words, queries, loadAverage())
	var rows []row
	for _, n := range c.Sizes {
		rs, err := measureSize(ctx, c, v, work, n, stderr)
		if err != nil {
			return err
		}
		rows = append(rows, rs...)
	}
	writeTable(stdout, c, rows)
	fmt.Fprintf(stdout, "load at end: %s\n", loadAverage())
	return nil
}

// loadAverage is the machine's 1, 5 and 15-minute load averages, for the record.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}
