package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"persiankb/cmd/internal/loadgen"
	"persiankb/internal/synth"
)

// searchRoute is the route driven: the JSON search API, without page rendering.
const searchRoute = "/api/search"

// row is one measurement of one size with one analyzer.
type row struct {
	articles  int
	analyzer  string
	build     build
	servePeak int64         // bytes: the server's VmHWM after both load phases
	serveRSS  int64         // bytes: its VmRSS then
	cpuPerReq time.Duration // server CPU time per request over both measured phases
	p50, p99  time.Duration
	latRate   float64 // requests/s with LatencyClients
	rate      float64 // requests/s with ThroughClients
	p99Many   time.Duration
	errors    int
}

// measureSize generates n articles and measures every analyzer on them c.Repeat times,
// alternating which analyzer goes first.
func measureSize(ctx context.Context, c config, v *synth.Vocabulary, work string, n int, log io.Writer) ([]row, error) {
	dir := filepath.Join(work, fmt.Sprintf("n%d", n))
	content := filepath.Join(dir, "content")
	if err := os.RemoveAll(dir); err != nil {
		return nil, err
	}
	g := synth.NewGenerator(v, c.Seed)
	start := time.Now()
	if err := g.WriteCorpus(content, n); err != nil {
		return nil, err
	}
	qs := g.Queries(c.GeneratedQueries)
	if err := os.WriteFile(filepath.Join(dir, "queries.txt"), []byte(strings.Join(qs, "\n")+"\n"), 0o644); err != nil {
		return nil, err
	}
	fmt.Fprintf(log, "%d articles generated in %s (%.1f MB); %d queries\n",
		n, time.Since(start).Round(time.Millisecond), float64(dirSize(content))/1e6, len(qs))
	var rows []row
	for r := range c.Repeat {
		for i := range c.Analyzers {
			a := c.Analyzers[(i+r)%len(c.Analyzers)]
			data := filepath.Join(dir, "data-"+a)
			if err := os.RemoveAll(data); err != nil {
				return nil, err
			}
			res, err := measureOne(ctx, c, content, data, a, qs)
			if err != nil {
				return nil, err
			}
			res.articles = n
			fmt.Fprintf(log, "%d %s: built in %s, %s req/s with %d clients, p99 %s with %d\n",
				n, a, res.build.wall.Round(time.Millisecond), fmt.Sprintf("%.0f", res.rate), c.ThroughClients, res.p99, c.LatencyClients)
			rows = append(rows, res)
		}
	}
	return rows, nil
}

// measureOne builds the index of content with analyzer a in data, serves it and loads it.
func measureOne(ctx context.Context, c config, content, data, a string, qs []string) (row, error) {
	res := row{analyzer: a}
	var err error
	env := os.Environ()
	if c.MemLimit != "" {
		env = append(env, "GOMEMLIMIT="+c.MemLimit)
	}
	if res.build, err = runBuild(ctx, c.KB, env, content, data, a); err != nil {
		return res, err
	}
	srv, err := startServer(ctx, c.KB, env, content, data, a)
	if err != nil {
		return res, err
	}
	defer srv.stop()
	targets := searchTargets(srv.url, qs)
	if c.Warmup > 0 {
		if _, err := loadgen.Run(ctx, loadgen.Options{Duration: c.Warmup, Connections: c.LatencyClients}, targets); err != nil {
			return res, err
		}
	}
	cpu0, err := srv.cpu()
	if err != nil {
		return res, err
	}
	few, err := loadgen.Run(ctx, loadgen.Options{Duration: c.Duration, Connections: c.LatencyClients}, targets)
	if err != nil {
		return res, err
	}
	many, err := loadgen.Run(ctx, loadgen.Options{Duration: c.Duration, Connections: c.ThroughClients}, targets)
	if err != nil {
		return res, err
	}
	lat := few.Latencies("")
	res.p50, res.p99, res.latRate = loadgen.Pct(lat, 50), loadgen.Pct(lat, 99), few.Throughput()
	res.rate, res.p99Many = many.Throughput(), loadgen.Pct(many.Latencies(""), 99)
	res.errors = few.Errors() + many.Errors()
	cpu1, err := srv.cpu()
	if err != nil {
		return res, err
	}
	if n := len(few.Samples) + len(many.Samples); n > 0 {
		res.cpuPerReq = (cpu1 - cpu0) / time.Duration(n)
	}
	if res.servePeak, res.serveRSS, err = srv.memory(); err != nil {
		return res, err
	}
	return res, srv.stop()
}

func searchTargets(base string, qs []string) []loadgen.Target {
	ts := make([]loadgen.Target, len(qs))
	for i, q := range qs {
		ts[i] = loadgen.Target{Route: searchRoute, URL: base + searchRoute + "?q=" + url.QueryEscape(q)}
	}
	return ts
}
