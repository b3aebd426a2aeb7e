package site

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"persiankb/kb/stats"
)

// StatsSource is where the dashboard reads the metrics' roll-ups (kb/stats); *store.SQLite and
// *store.Postgres satisfy it.
type StatsSource = stats.Source

// Dashboard limits.
const (
	// dashboardDefaultDays is the range shown when none is asked for: a month shows trends.
	dashboardDefaultDays = 30
	// dashboardMaxDays bounds a range: a year of roll-ups is read in one request.
	dashboardMaxDays = 366
	// csvTopN is how many rows a CSV export has: enough for a spreadsheet, bounded for memory.
	csvTopN       = 1000
	dashboardPath = adminPath + "/dashboard"
	tmplDashboard = "dashboard"
)

// dashboardPage is the data of the dashboard template.
type dashboardPage struct {
	layout
	staffHead
	From, To     string // Gregorian YYYY-MM-DD, for the export links
	FromInput    string // the range fields' values, Jalali: ۱۴۰۵/۰۸/۰۶
	ToInput      string
	FromFa, ToFa string // the range in the Jalali calendar
	Report       stats.Report
	Effect       string // the suggestions' effect on the ticket rate with its 95% interval
	SelfService  string // help-center sessions per ticket, "–" without tickets
	Charts       []dashboardChart
	NoClick      []noClickLine // content gaps: searches with results but no click
	Exports      []exportLink
	Unavailable  bool // no store connected
	LiveSince    string
}

// noClickLine is a row of the no-click table.
type noClickLine struct {
	Query                 string
	WithResults, NoClicks int64
	Rate                  string // NoClicks ÷ WithResults as a percentage
}

// noClickLines are the rows of the no-click table of rep.
func noClickLines(rep stats.Report) []noClickLine {
	out := make([]noClickLine, 0, len(rep.NoClickQueries))
	for _, q := range rep.NoClickQueries {
		out = append(out, noClickLine{Query: q.Query, WithResults: q.WithResults,
			NoClicks: stats.NoClicks(q.QueryCounts), Rate: stats.NoClickRate(q.QueryCounts).Percent()})
	}
	return out
}

// exportLink is a CSV export of one table.
type exportLink struct{ Title, URL string }

// dashboardRange reads ?from=&to= (Gregorian dates), defaulting to the last 30 days in loc.
func dashboardRange(c *gin.Context, now time.Time, loc *time.Location) (stats.Range, *httpError) {
	rng := stats.LastDays(now, dashboardDefaultDays, loc)
	for _, p := range []struct {
		key string
		day *stats.Day
	}{{"from", &rng.First}, {"to", &rng.Last}} {
		if v := c.Query(p.key); v != "" {
			d, err := parseRangeDay(v)
			if err != nil {
				return rng, errBadRequest(codeBadRequest, msgDashboardBadRange)
			}
			*p.day = d
		}
	}
	if rng.Last.Before(rng.First) || rng.Len() > dashboardMaxDays {
		return rng, errBadRequest(codeBadRequest, msgDashboardBadRange)
	}
	return rng, nil
}

// statsZone is the time zone days are cut in; UTC when not configured.
func (s *Server) statsZone() *time.Location {
	if s.cfg.StatsZone != nil {
		return s.cfg.StatsZone
	}
	return time.UTC
}

// report computes the report of the requested range with topN rows per table.
func (s *Server) report(c *gin.Context, topN int) (stats.Report, error) {
	rng, herr := dashboardRange(c, time.Now(), s.statsZone())
	if herr != nil {
		return stats.Report{}, herr
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), reportTimeout)
	defer cancel()
	rep, err := stats.Compute(ctx, s.cfg.Stats, rng, topN)
	if err != nil {
		return rep, fmt.Errorf("dashboard: %w", err)
	}
	return rep, nil
}

// reportTimeout bounds the roll-up reads of one dashboard page or export.
const reportTimeout = 20 * time.Second

// showDashboard renders GET /admin/dashboard?from=&to=.
func (s *Server) showDashboard(c *gin.Context, _ *State) error {
	data := dashboardPage{layout: s.staffLayout(msgDashboardTitle), staffHead: s.staffHead(c)}
	if s.cfg.Stats == nil {
		data.Unavailable = true
		return s.render(c, http.StatusOK, tmplDashboard, data)
	}
	rep, err := s.report(c, stats.DefaultTopN)
	if err != nil {
		return err
	}
	loc := s.statsZone()
	data.Report = rep
	data.From, data.To = rep.Range.First.String(), rep.Range.Last.String()
	data.FromInput, data.ToInput = formatJalaliInput(rep.Range.First), formatJalaliInput(rep.Range.Last)
	data.FromFa, data.ToFa = formatJalali(rep.Range.First.Start(loc)), formatJalali(rep.Range.Last.Start(loc))
	data.Effect = effectText(rep.SuggestionEffect)
	data.NoClick = noClickLines(rep)
	data.SelfService = "–"
	if v, ok := rep.SelfService.Value(); ok {
		data.SelfService = faDigits(fmt.Sprintf("%.1f", v))
	}
	if rep.Live {
		data.LiveSince = formatJalali(rep.RolledAt.In(loc))
	}
	data.Charts = dashboardCharts(rep)
	for _, t := range csvTables {
		data.Exports = append(data.Exports, exportLink{Title: t.title,
			URL: dashboardPath + "/export/" + t.name + ".csv?from=" + data.From + "&to=" + data.To})
	}
	return s.render(c, http.StatusOK, tmplDashboard, data)
}

// effectText formats the suggestions' effect in percentage points with its 95% interval.
func effectText(iv stats.Interval) string {
	if !iv.OK {
		return "–"
	}
	return faDigits(fmt.Sprintf("%+.1f (%+.1f … %+.1f)", 100*iv.Estimate, 100*iv.Low, 100*iv.High))
}

// dashboardChart is one chart of the dashboard with its visible caption.
type dashboardChart struct {
	Title string
	SVG   template.HTML
}

// dashboardCharts draws, day by day, the searches and every rate of the figures above them.
func dashboardCharts(rep stats.Report) []dashboardChart {
	ratio := func(r func(stats.DayPoint) stats.Ratio) func(stats.DayPoint) (float64, bool) {
		return func(p stats.DayPoint) (float64, bool) { return r(p).Value() }
	}
	charts := []struct {
		title   string
		value   func(stats.DayPoint) (float64, bool)
		percent bool
	}{
		{msgChartSearches, func(p stats.DayPoint) (float64, bool) { return float64(p.Totals.Searches), true }, false},
		{msgChartZeroResults, ratio(func(p stats.DayPoint) stats.Ratio { return p.ZeroResults }), true},
		{msgChartClickThrough, ratio(func(p stats.DayPoint) stats.Ratio { return p.ClickThrough }), true},
		{msgChartSearchExits, ratio(func(p stats.DayPoint) stats.Ratio { return p.SearchExits }), true},
		{msgChartDeflection, ratio(func(p stats.DayPoint) stats.Ratio { return p.Deflection }), true},
		{msgChartTicketsWith, ratio(func(p stats.DayPoint) stats.Ratio { return p.TicketRateWith }), true},
		{msgChartTicketsWithout, ratio(func(p stats.DayPoint) stats.Ratio { return p.TicketRateWithout }), true},
		{msgChartSelfService, ratio(func(p stats.DayPoint) stats.Ratio { return p.SelfService }), false},
	}
	out := make([]dashboardChart, 0, len(charts))
	for _, c := range charts {
		out = append(out, dashboardChart{Title: c.title, SVG: lineChart(c.title, seriesOf(rep, c.value), c.percent)})
	}
	return out
}

// seriesOf is one value per day of the report (ok false: no data that day).
func seriesOf(rep stats.Report, f func(stats.DayPoint) (float64, bool)) []chartPoint {
	out := make([]chartPoint, 0, len(rep.Series))
	for _, p := range rep.Series {
		v, ok := f(p)
		out = append(out, chartPoint{Value: v, OK: ok})
	}
	return out
}

// Texts of the dashboard.
const (
	msgDashboardTitle      = "داشبورد آمار"
	msgDashboardBadRange   = "بازهٔ تاریخ نادرست است: از و تا را به تاریخ شمسی مانند ۱۴۰۵/۰۸/۰۶ (یا میلادی مانند ۲۰۲۶-۱۰-۲۸) بدهید، حداکثر ۳۶۶ روز."
	msgChartSearches       = "جست‌وجوها در هر روز"
	msgChartDeflection     = "نرخ پیشگیری از درخواست در هر روز"
	msgChartZeroResults    = "نرخ جست‌وجوی بی‌نتیجه در هر روز"
	msgChartClickThrough   = "نرخ کلیک نتایج (CTR) در هر روز"
	msgChartSearchExits    = "نرخ خروج پس از جست‌وجو در هر روز"
	msgChartTicketsWith    = "نرخ ثبت درخواست با پیشنهاد در هر روز"
	msgChartTicketsWithout = "نرخ ثبت درخواست بدون پیشنهاد (گروه کنترل) در هر روز"
	msgChartSelfService    = "امتیاز خودیاری (نشست‌ها ÷ درخواست‌ها) در هر روز"
)
