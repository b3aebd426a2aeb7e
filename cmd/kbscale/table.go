package main

import (
	"fmt"
	"io"
	"time"
)

// Targets of issue 8 at targetSize articles on the project's 2-core machine.
const (
	targetSize  = 10_000
	targetBuild = 12 * time.Second
	targetRSS   = 250 << 20
	targetP99   = 10 * time.Millisecond
	targetRatio = 0.7 // throughput with ThroughClients against the baseline analyzer
)

// writeTable prints the rows as a Markdown table, then the targets at targetSize.
func writeTable(w io.Writer, c config, rows []row) {
	base := c.Analyzers[len(c.Analyzers)-1]
	fmt.Fprintf(w, "\n| articles | analyzer | build | build CPU | build peak RSS | index on disk | serve peak RSS | serve RSS | p50 @%d | p99 @%d | req/s @%d | req/s @%d | p99 @%d | vs %s | server CPU/req | errors |\n",
		c.LatencyClients, c.LatencyClients, c.LatencyClients, c.ThroughClients, c.ThroughClients, base)
	fmt.Fprintln(w, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for i, r := range rows {
		fmt.Fprintf(w, "| %d | %s | %.2f s | %.2f s | %s | %s | %s | %s | %s | %s | %.0f | %.0f | %s | %s | %s | %d |\n",
			r.articles, r.analyzer, r.build.wall.Seconds(), r.build.cpu.Seconds(), mb(r.build.peakRSS), mb(r.build.indexSize),
			mb(r.servePeak), mb(r.serveRSS), ms(r.p50), ms(r.p99), r.latRate, r.rate, ms(r.p99Many),
			times(ratio(rows, i, base)), ms(r.cpuPerReq), r.errors)
	}
	writeTargets(w, c, rows, base)
}

// ratio is row i's throughput against the baseline's measured in the same round (the nearest
// baseline row of the same size).
func ratio(rows []row, i int, base string) float64 {
	best := -1
	for j, r := range rows {
		if r.analyzer == base && r.articles == rows[i].articles && (best < 0 || abs(j-i) < abs(best-i)) {
			best = j
		}
	}
	if best < 0 || rows[best].rate == 0 {
		return 0
	}
	return rows[i].rate / rows[best].rate
}

func times(f float64) string {
	if f == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f×", f)
}

// writeTargets checks the first analyzer's rows at targetSize against the targets.
func writeTargets(w io.Writer, c config, rows []row, base string) {
	a := c.Analyzers[0]
	for i, r := range rows {
		if r.articles != targetSize || r.analyzer != a {
			continue
		}
		peak := max(r.build.peakRSS, r.servePeak)
		fmt.Fprintf(w, "%s at %d: build %.2f s (%s < %s), peak RSS %s (%s < %s), p99 %s (%s < %s), throughput %s of %s (%s ≥ %.1f×)\n",
			a, targetSize, r.build.wall.Seconds(), verdict(r.build.wall < targetBuild), targetBuild,
			mb(peak), verdict(peak < targetRSS), mb(targetRSS), ms(r.p99), verdict(r.p99 < targetP99), ms(targetP99),
			times(ratio(rows, i, base)), base, verdict(ratio(rows, i, base) >= targetRatio), targetRatio)
	}
}

func verdict(ok bool) string {
	if ok {
		return "target met:"
	}
	return "TARGET MISSED:"
}

func mb(b int64) string { return fmt.Sprintf("%.0f MB", float64(b)/(1<<20)) }

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }

func abs(x int) int { return max(x, -x) }
