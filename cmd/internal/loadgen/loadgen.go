// Package loadgen sends HTTP GET requests from concurrent clients for a fixed time and reports
// throughput, errors and latency percentiles per route. kbload (the mixed load test) and
// kbscale (the scale benchmark) both drive it.
//
// The generator shares the machine with the server it measures, so its clients are lean: each is
// one HTTP/1.1 keep-alive connection of its own with a prepared request (see client in conn.go),
// not net/http's client, whose reader and writer goroutines cost about twice the CPU per request.
package loadgen

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// requestTimeout fails a request that takes longer: far beyond any acceptable search latency.
const requestTimeout = 10 * time.Second

// Target is one request of the mix.
type Target struct {
	Route string // for the report, e.g. "/api/search"
	URL   string
}

// Options is what one run does.
type Options struct {
	Duration    time.Duration
	Connections int
	TouchFile   string        // a file to rewrite (touchParagraph appended) during the run; "" for none
	TouchAfter  time.Duration // when to rewrite it

	timeout time.Duration // per-request limit; 0 for requestTimeout (tests shorten it)
}

// Sample is the outcome of one request.
type Sample struct {
	Route   string
	Latency time.Duration
	Status  int // 0 for a transport error
}

// Report gathers the samples of a run.
type Report struct {
	Elapsed time.Duration
	Samples []Sample
	touched atomic.Int64 // nanoseconds into the run when TouchFile was rewritten; 0 if never
}

// Run sends the targets from o.Connections clients, each cycling through them from its own
// starting place, until o.Duration has passed or ctx ends. Every target must be a plain http://
// URL on the same host. Requests carry no cookies, so that each is a new visitor (Set-Cookie is
// ignored), and redirects are not followed: a 3xx is recorded as it is.
func Run(ctx context.Context, o Options, targets []Target) (*Report, error) {
	if len(targets) == 0 {
		return nil, fmt.Errorf("loadgen: no targets")
	}
	addr, reqs, err := prepare(targets)
	if err != nil {
		return nil, err
	}
	timeout := o.timeout
	if timeout <= 0 {
		timeout = requestTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, o.Duration)
	defer cancel()
	start := time.Now()
	rep := &Report{}
	if o.TouchFile != "" {
		restore, err := scheduleTouch(ctx, o.TouchFile, o.TouchAfter, start, &rep.touched)
		if err != nil {
			return nil, err
		}
		defer restore()
	}
	results := make([][]Sample, o.Connections)
	var wg sync.WaitGroup
	for w := range o.Connections {
		wg.Go(func() { results[w] = worker(ctx, newClient(addr, timeout), reqs, w) })
	}
	wg.Wait()
	rep.Elapsed = time.Since(start)
	for _, r := range results {
		rep.Samples = append(rep.Samples, r...)
	}
	return rep, nil
}

// worker sends requests one after another on its client until ctx ends, starting at its own
// place in the mix. The end of the run closes the client's connection, so that a request in
// flight stops at once; it is not counted.
func worker(ctx context.Context, c *client, reqs []request, w int) []Sample {
	stopWatch := context.AfterFunc(ctx, c.stop)
	defer stopWatch()
	defer c.close()
	// A dial can time out at the deadline a moment before ctx reports it: both count as the end.
	end, _ := ctx.Deadline()
	var out []Sample
	for i := w * 7; ctx.Err() == nil; i++ {
		r := &reqs[i%len(reqs)]
		begin := time.Now() // a reconnection, when needed, counts towards the latency
		status, err := c.roundTrip(ctx, r.raw)
		now := time.Now()
		if ctx.Err() != nil || !now.Before(end) {
			break // the run ended during this request: not a server failure
		}
		if err != nil {
			status = 0
		}
		out = append(out, Sample{Route: r.route, Latency: now.Sub(begin), Status: status})
	}
	return out
}

// touchParagraph is what the touch appends: words, not only a blank line, so that the article's
// indexed text changes and a watching server really writes it into the index under load.
const touchParagraph = "\n\nاین بند در میانهٔ آزمون بار افزوده شد تا نمایه زیر بار به‌روز شود.\n"

// scheduleTouch rewrites path (appending touchParagraph) after delay, so that a watching server
// reindexes mid-run; the returned function puts the original bytes back.
func scheduleTouch(ctx context.Context, path string, delay time.Duration, start time.Time, at *atomic.Int64) (func(), error) {
	orig, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("touch: %w", err)
	}
	timer := time.AfterFunc(delay, func() {
		if ctx.Err() == nil && os.WriteFile(path, append(append([]byte{}, orig...), touchParagraph...), 0o644) == nil {
			at.Store(int64(time.Since(start)))
		}
	})
	return func() {
		timer.Stop()
		_ = os.WriteFile(path, orig, 0o644)
	}, nil
}

// Touched is when the touch file was rewritten, from the start of the run; 0 if never.
func (r *Report) Touched() time.Duration { return time.Duration(r.touched.Load()) }
