package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// requestTimeout fails a request that takes longer: far beyond any acceptable search latency.
const requestTimeout = 10 * time.Second

// sample is the outcome of one request.
type sample struct {
	route   string
	latency time.Duration
	status  int // 0 for a transport error
}

// report gathers the samples of a run.
type report struct {
	elapsed time.Duration
	samples []sample
	touched atomic.Int64 // nanoseconds into the run when the content file was rewritten; 0 if never
}

func load(ctx context.Context, c config, targets []target) (*report, error) {
	ctx, cancel := context.WithTimeout(ctx, c.Duration)
	defer cancel()
	client := &http.Client{
		Timeout: requestTimeout,
		Transport: &http.Transport{
			MaxIdleConns:        c.Connections,
			MaxIdleConnsPerHost: c.Connections,
			IdleConnTimeout:     time.Minute,
		},
	}
	start := time.Now()
	rep := &report{}
	var wg sync.WaitGroup
	if c.TouchFile != "" {
		restore, err := scheduleTouch(ctx, c.TouchFile, c.TouchAfter, start, &rep.touched)
		if err != nil {
			return nil, err
		}
		defer restore()
	}
	results := make([][]sample, c.Connections)
	for w := 0; w < c.Connections; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			results[w] = worker(ctx, client, targets, w)
		}(w)
	}
	wg.Wait()
	rep.elapsed = time.Since(start)
	for _, r := range results {
		rep.samples = append(rep.samples, r...)
	}
	return rep, nil
}

// worker sends requests one after another until ctx ends, starting at its own place in the mix.
func worker(ctx context.Context, client *http.Client, targets []target, w int) []sample {
	var out []sample
	for i := w * 7; ctx.Err() == nil; i++ {
		t := targets[i%len(targets)]
		s := sample{route: t.route}
		begin := time.Now()
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, t.url, nil)
		resp, err := client.Do(req)
		if err == nil {
			_, err = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			s.status = resp.StatusCode
		}
		if ctx.Err() != nil {
			break // the run ended during this request: not a server failure
		}
		if err != nil {
			s.status = 0
		}
		s.latency = time.Since(begin)
		out = append(out, s)
	}
	return out
}

// scheduleTouch rewrites path (appending a line) after delay, so that a watching server
// reindexes mid-run; the returned function puts the original bytes back.
func scheduleTouch(ctx context.Context, path string, delay time.Duration, start time.Time, at *atomic.Int64) (func(), error) {
	orig, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--touch: %w", err)
	}
	timer := time.AfterFunc(delay, func() {
		if ctx.Err() == nil && os.WriteFile(path, append(append([]byte{}, orig...), '\n'), 0o644) == nil {
			at.Store(int64(time.Since(start)))
		}
	})
	return func() {
		timer.Stop()
		_ = os.WriteFile(path, orig, 0o644)
	}, nil
}

func (r *report) errors() int {
	n := 0
	for _, s := range r.samples {
		if s.status < 200 || s.status > 299 {
			n++
		}
	}
	return n
}

// write prints throughput and latency percentiles per route and in total.
func (r *report) write(w io.Writer) {
	byRoute := map[string][]sample{"all": r.samples}
	for _, s := range r.samples {
		byRoute[s.route] = append(byRoute[s.route], s)
	}
	routes := make([]string, 0, len(byRoute))
	for k := range byRoute {
		routes = append(routes, k)
	}
	sort.Strings(routes)
	fmt.Fprintf(w, "%d requests in %s: %.0f requests/s, %d errors\n",
		len(r.samples), r.elapsed.Round(time.Millisecond), float64(len(r.samples))/r.elapsed.Seconds(), r.errors())
	if t := time.Duration(r.touched.Load()); t > 0 {
		fmt.Fprintf(w, "content rewritten at %s (reindex under load)\n", t.Round(time.Millisecond))
	}
	fmt.Fprintf(w, "%-13s %8s %8s %9s %9s %9s %9s\n", "route", "requests", "errors", "p50", "p90", "p99", "max")
	for _, route := range routes {
		ss := byRoute[route]
		lat := make([]time.Duration, len(ss))
		errs := 0
		for i, s := range ss {
			lat[i] = s.latency
			if s.status < 200 || s.status > 299 {
				errs++
			}
		}
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		fmt.Fprintf(w, "%-13s %8d %8d %9s %9s %9s %9s\n", route, len(ss), errs,
			pct(lat, 50), pct(lat, 90), pct(lat, 99), pct(lat, 100))
	}
	for status, n := range r.statusCounts() {
		fmt.Fprintf(w, "status %d: %d\n", status, n)
	}
}

func (r *report) statusCounts() map[int]int {
	m := map[int]int{}
	for _, s := range r.samples {
		if s.status < 200 || s.status > 299 {
			m[s.status]++
		}
	}
	return m
}

// pct returns the p-th percentile of sorted latencies (nearest rank).
func pct(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	if i < 1 {
		i = 1
	}
	return sorted[i-1].Round(10 * time.Microsecond)
}
