package site

import (
	"fmt"
	"html"
	"html/template"
	"strings"
)

// Chart geometry, in SVG user units (the chart scales to its container's width).
const (
	chartWidth  = 600
	chartHeight = 160
	chartPad    = 24 // room for the axis labels
)

// chartPoint is one day's value; OK false draws a gap.
type chartPoint struct {
	Value float64
	OK    bool
}

// lineChart draws points as a server-side SVG line chart (no script): one polyline per run of
// days with data, dots when there are few days, and the maximum on the axis. percent shows
// values in 0..1 as percentages. Only numbers and the escaped title go into the markup.
func lineChart(title string, points []chartPoint, percent bool) template.HTML {
	top := 0.0
	for _, p := range points {
		if p.OK {
			top = max(top, p.Value)
		}
	}
	if percent {
		top = max(top, 0.01)
	} else {
		top = max(top, 1)
	}
	var b strings.Builder
	t := html.EscapeString(title)
	fmt.Fprintf(&b, `<svg class="chart" viewBox="0 0 %d %d" width="100%%" role="img" aria-label="%s"><title>%s</title>`,
		chartWidth, chartHeight, t, t)
	fmt.Fprintf(&b, `<line class="chart-axis" x1="%d" y1="%d" x2="%d" y2="%d" stroke="#9aa0a6"/>`,
		chartPad, chartHeight-chartPad, chartWidth, chartHeight-chartPad)
	label := faDigits(fmt.Sprintf("%.0f", top))
	if percent {
		label = faDigits(fmt.Sprintf("%.1f%%", 100*top))
	}
	fmt.Fprintf(&b, `<text class="chart-label" x="2" y="%d" fill="currentColor" font-size="11">%s</text>`, chartPad/2, label)
	var run []string
	flush := func() {
		if len(run) > 1 {
			fmt.Fprintf(&b, `<polyline class="chart-line" fill="none" stroke="currentColor" stroke-width="2" points="%s"/>`, strings.Join(run, " "))
		}
		run = run[:0]
	}
	for i, p := range points {
		if !p.OK {
			flush()
			continue
		}
		x, y := chartX(i, len(points)), chartY(p.Value, top)
		run = append(run, fmt.Sprintf("%.1f,%.1f", x, y))
		if len(points) <= 31 {
			fmt.Fprintf(&b, `<circle class="chart-dot" cx="%.1f" cy="%.1f" r="2.5" fill="currentColor"/>`, x, y)
		}
	}
	flush()
	b.WriteString(`</svg>`)
	return template.HTML(b.String()) // built above from numbers and an escaped title
}

// chartX places day i of n; right to left would mirror the dates, so time runs left to right
// as on every chart (the SVG has dir="ltr" in the template).
func chartX(i, n int) float64 {
	if n <= 1 {
		return chartPad + (chartWidth-chartPad)/2
	}
	return chartPad + float64(i)*float64(chartWidth-chartPad-4)/float64(n-1)
}

func chartY(v, top float64) float64 {
	return float64(chartHeight-chartPad) - v/top*float64(chartHeight-2*chartPad)
}
