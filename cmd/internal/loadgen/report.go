package loadgen

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"time"
)

func failed(s Sample) bool { return s.Status < 200 || s.Status > 299 }

// Errors is the number of failed requests (transport errors and non-2xx statuses).
func (r *Report) Errors() int {
	n := 0
	for _, s := range r.Samples {
		if failed(s) {
			n++
		}
	}
	return n
}

// Throughput is the completed requests per second over the run.
func (r *Report) Throughput() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(len(r.Samples)) / r.Elapsed.Seconds()
}

// Latencies returns the sorted latencies of route ("" for every route).
func (r *Report) Latencies(route string) []time.Duration {
	var lat []time.Duration
	for _, s := range r.Samples {
		if route == "" || s.Route == route {
			lat = append(lat, s.Latency)
		}
	}
	slices.Sort(lat)
	return lat
}

// Write prints throughput and latency percentiles per route and in total.
func (r *Report) Write(w io.Writer) {
	byRoute := map[string][]Sample{"all": r.Samples}
	for _, s := range r.Samples {
		byRoute[s.Route] = append(byRoute[s.Route], s)
	}
	routes := make([]string, 0, len(byRoute))
	for k := range byRoute {
		routes = append(routes, k)
	}
	sort.Strings(routes)
	fmt.Fprintf(w, "%d requests in %s: %.0f requests/s, %d errors\n",
		len(r.Samples), r.Elapsed.Round(time.Millisecond), r.Throughput(), r.Errors())
	if t := r.Touched(); t > 0 {
		fmt.Fprintf(w, "content rewritten at %s (reindex under load)\n", t.Round(time.Millisecond))
	}
	fmt.Fprintf(w, "%-13s %8s %8s %9s %9s %9s %9s\n", "route", "requests", "errors", "p50", "p90", "p99", "max")
	for _, route := range routes {
		ss := byRoute[route]
		lat := make([]time.Duration, len(ss))
		errs := 0
		for i, s := range ss {
			lat[i] = s.Latency
			if failed(s) {
				errs++
			}
		}
		slices.Sort(lat)
		fmt.Fprintf(w, "%-13s %8d %8d %9s %9s %9s %9s\n", route, len(ss), errs,
			Pct(lat, 50), Pct(lat, 90), Pct(lat, 99), Pct(lat, 100))
	}
	for status, n := range r.statusCounts() {
		fmt.Fprintf(w, "status %d: %d\n", status, n)
	}
}

func (r *Report) statusCounts() map[int]int {
	m := map[int]int{}
	for _, s := range r.Samples {
		if failed(s) {
			m[s.Status]++
		}
	}
	return m
}

// Pct returns the p-th percentile of sorted latencies (nearest rank), rounded to 10 µs.
func Pct(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := max((len(sorted)*p+99)/100, 1)
	return sorted[i-1].Round(10 * time.Microsecond)
}
