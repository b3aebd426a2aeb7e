package site

import (
	"context"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"persiankb/kb/events"
	"persiankb/kb/stats"
	"persiankb/kb/store"
)

// seededStats is a store with one day (2026-11-20, UTC) of events rolled up: a search for a
// script tag without results, two searches for a formula with a click, a search for a bold tag
// with results and no click, five "helpful" votes.
func seededStats(t *testing.T) *store.SQLite {
	t.Helper()
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	at := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	var evs []store.Event
	for i := range 5 {
		v := events.Visit{SessionID: events.NewSessionID()}
		when := at.Add(time.Duration(i) * time.Hour)
		evs = append(evs, v.Helpful(when, "refund", i != 4, ""))
		if i == 0 {
			evs = append(evs, v.Search(when, "<script>alert(1)</script>", 0),
				v.Search(when, "=HYPERLINK(1)", 2), v.ResultClick(when.Add(time.Minute), "=HYPERLINK(1)", "refund", 1),
				v.Search(when.Add(2*time.Minute), "=HYPERLINK(1)", 2))
		}
		if i == 1 {
			evs = append(evs, v.Search(when.Add(time.Minute), "<b>bold</b>", 3))
		}
	}
	if err := st.InsertEvents(ctx, evs); err != nil {
		t.Fatal(err)
	}
	r, err := stats.NewRoller(st, stats.RollerConfig{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.RollUp(ctx, at.AddDate(0, 0, 3)); err != nil {
		t.Fatal(err)
	}
	return st
}

func TestDashboard(t *testing.T) {
	srv := newStaffServer(t, newStaffState(t), Config{Auth: staffAuth(t), Stats: seededStats(t), StatsZone: time.UTC})
	h := srv.Handler()
	const rng = "?from=2026-11-20&to=2026-11-20"
	admin := map[string]string{"Authorization": "Bearer " + staffAdminTok}
	agent := map[string]string{"Authorization": "Bearer " + staffAgentTok}
	tests := []struct {
		name, target string
		header       map[string]string
		code         int
		want, not    []string
	}{
		{"signed out", dashboardPath + rng, nil, http.StatusSeeOther, nil, []string{"hyperlink"}},
		{"agent is not admin", dashboardPath + rng, agent, http.StatusForbidden, nil, []string{"hyperlink"}},
		{"export signed out", dashboardPath + "/export/top-searches.csv" + rng, nil, http.StatusSeeOther, nil, []string{"hyperlink"}},
		{"dashboard", dashboardPath + rng, admin, http.StatusOK, []string{
			"بازه: ۲۹ آبان ۱۴۰۵ تا ۲۹ آبان ۱۴۰۵",                                                     // 2026-11-20 in the Jalali calendar
			"&lt;script&gt;alert 1 &lt; script&gt;", "=hyperlink 1", `<svg class="chart"`, "<circle", // one day: a dot
			`href="/admin/dashboard/export/top-searches.csv?from=2026-11-20&amp;to=2026-11-20"`,
			"holdout", `href="/articles/refund"`,
			// DNT/GPC visits: in the totals, not in the per-session rates
			"بازدیدهای دارای «Do Not Track» یا GPC نشست ندارند: در شمارش‌ها هستند ولی در نرخ‌های هر نشست نه",
			"(۰ از ۱۰ رویداد)",                  // the DNT share of the events, as kb report gives it
			"<dd>– <small>(۵ ÷ ۰)</small></dd>", // self-service score: no tickets
			// the no-click table: a row per grouped query, escaped, with its rate
			"جست‌وجوهای بی‌کلیک", "<tr><td><bdi>&lt;b&gt;bold&lt; b&gt;</bdi></td><td>۱</td><td>۱</td><td>۱۰۰.۰%</td></tr>",
			"<tr><td><bdi>=hyperlink 1</bdi></td><td>۲</td><td>۱</td><td>۵۰.۰%</td></tr>",
			`href="/admin/dashboard/export/no-click.csv?from=2026-11-20&amp;to=2026-11-20"`,
			// a chart per rate, each with a visible caption
			"<figcaption>" + msgChartClickThrough + "</figcaption>", "<figcaption>" + msgChartSelfService + "</figcaption>",
		}, []string{"<script>alert", "<b>bold", "هنوز در پنجرهٔ ۳۰ دقیقه"}}, // every session settled
		{"Jalali range", dashboardPath + "?from=" + url.QueryEscape("۱۴۰۵/۰۸/۲۹") + "&to=1405-08-29", admin, http.StatusOK, []string{
			"بازه: ۲۹ آبان ۱۴۰۵ تا ۲۹ آبان ۱۴۰۵", `name="from" value="۱۴۰۵/۰۸/۲۹"`, `name="to" value="۱۴۰۵/۰۸/۲۹"`,
			"=hyperlink 1", // the same day's data as 2026-11-20
			`href="/admin/dashboard/export/top-searches.csv?from=2026-11-20&amp;to=2026-11-20"`, // exports stay Gregorian
		}, nil},
		{"bad range", dashboardPath + "?from=2026-11-21&to=2026-11-20", admin, http.StatusBadRequest, nil, nil},
		{"impossible Jalali day", dashboardPath + "?from=1404/12/30", admin, http.StatusBadRequest, []string{"۱۴۰۵/۰۸/۰۶"}, nil},
		{"unknown export", dashboardPath + "/export/passwords.csv", admin, http.StatusNotFound, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := staffRequest{target: tt.target, header: tt.header, ip: "192.0.2.9"}.send(h)
			body := rec.Body.String()
			if rec.Code != tt.code && !(tt.code == http.StatusSeeOther && rec.Code == http.StatusFound) {
				t.Fatalf("status %d, want %d\n%.3000s", rec.Code, tt.code, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q\n%.6000s", w, body)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(body, n) {
					t.Errorf("body has %q", n)
				}
			}
		})
	}
}

func TestDashboardCSV(t *testing.T) {
	srv := newStaffServer(t, newStaffState(t), Config{Auth: staffAuth(t), Stats: seededStats(t), StatsZone: time.UTC})
	admin := map[string]string{"Authorization": "Bearer " + staffAdminTok}
	const rng = "?from=2026-11-20&to=2026-11-20"
	tests := []struct{ table, want string }{
		{"top-searches", "from,to,query,searches,zero_results,with_results,clicked,exits\n" +
			"2026-11-20,2026-11-20,'=hyperlink 1,2,0,2,1,1\n" +
			"2026-11-20,2026-11-20,<b>bold< b>,1,0,1,0,1\n" +
			"2026-11-20,2026-11-20,<script>alert 1 < script>,1,1,0,0,0\n"},
		{"no-click", "from,to,query,searches,with_results,clicked,no_clicks,no_click_rate\n" +
			"2026-11-20,2026-11-20,<b>bold< b>,1,1,0,1,1.000\n" + // ties by query
			"2026-11-20,2026-11-20,'=hyperlink 1,2,2,1,1,0.500\n"},
		{"zero-results", "from,to,query,searches,zero_results,with_results,clicked,exits\n" +
			"2026-11-20,2026-11-20,<script>alert 1 < script>,1,1,0,0,0\n"},
		{"most-helpful", "from,to,slug,views,helpful_yes,helpful_no,explicit_deflections,implicit_deflections\n" +
			"2026-11-20,2026-11-20,refund,0,4,1,0,0\n"},
		{"deflections", "from,to,slug,views,helpful_yes,helpful_no,explicit_deflections,implicit_deflections\n"},
	}
	for _, tt := range tests {
		t.Run(tt.table, func(t *testing.T) {
			rec := staffRequest{target: dashboardPath + "/export/" + tt.table + ".csv" + rng, header: admin, ip: "192.0.2.9"}.send(srv.Handler())
			if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "text/csv; charset=utf-8" {
				t.Fatalf("status %d, type %q: %s", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
			}
			wantFile := `attachment; filename="` + tt.table + `_2026-11-20_2026-11-20.csv"`
			if got := rec.Header().Get("Content-Disposition"); got != wantFile {
				t.Errorf("Content-Disposition = %q, want %q", got, wantFile)
			}
			got, bom := strings.CutPrefix(rec.Body.String(), utf8BOM)
			if !bom {
				t.Errorf("CSV does not start with a UTF-8 byte order mark (Excel would garble Persian)")
			}
			if got != tt.want {
				t.Errorf("CSV =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestCSVSafe(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+98": "'+98", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx",
		"": "", "بازگشت وجه": "بازگشت وجه", "a=b": "a=b",
	} {
		if got := csvSafe(in); got != want {
			t.Errorf("csvSafe(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLineChart(t *testing.T) {
	tests := []struct {
		name      string
		points    []chartPoint
		percent   bool
		want, not []string
	}{
		{"line with a gap", []chartPoint{{1, true}, {3, true}, {0, false}, {2, true}, {2, true}}, false,
			[]string{`points="24.0,98.7 167.0,24.0"`, `points="453.0,61.3 596.0,61.3"`, ">۳</text>"}, nil},
		{"percent axis", []chartPoint{{0.25, true}, {0.5, true}}, true, []string{">۵۰.۰%</text>", "<polyline"}, nil},
		{"no data", []chartPoint{{0, false}}, false, []string{"<svg", "</svg>"}, []string{"<polyline", "<circle"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(lineChart("<b>عنوان</b>", tt.points, tt.percent))
			if !strings.Contains(got, "&lt;b&gt;عنوان") {
				t.Errorf("title not escaped: %s", got)
			}
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("chart lacks %q: %s", w, got)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(got, n) {
					t.Errorf("chart has %q: %s", n, got)
				}
			}
		})
	}
}

// TestDashboardEndToEnd: a customer's search for a script tag goes through the real recorder,
// store and roll-up, and comes out escaped on the dashboard.
func TestDashboardEndToEnd(t *testing.T) {
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rec := events.NewRecorder(st, events.Config{})
	srv := newStaffServer(t, newStaffState(t), Config{Auth: staffAuth(t), Events: rec, Stats: st, StatsZone: time.UTC})
	h := srv.Handler()
	if r := (staffRequest{target: "/search?q=" + url.QueryEscape("<script>alert(1)</script>"), ip: "203.0.113.5"}.send(h)); r.Code != http.StatusOK {
		t.Fatalf("search: %d", r.Code)
	}
	if err := rec.Close(ctx); err != nil {
		t.Fatal(err)
	}
	roller, err := stats.NewRoller(st, stats.RollerConfig{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := roller.RollUp(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	page := staffRequest{target: dashboardPath, ip: "192.0.2.9", header: map[string]string{"Authorization": "Bearer " + staffAdminTok}}.send(h)
	body := page.Body.String()
	if page.Code != http.StatusOK || !strings.Contains(body, "<td><bdi>&lt;script&gt;alert 1 &lt; script&gt;</bdi></td>") || strings.Contains(body, "<script>alert") {
		t.Fatalf("status %d; the recorded query is missing or not escaped:\n%s", page.Code, body)
	}
}

// TestDashboardCharts checks that every rate of the figures has its chart, day by day, on the
// right scale: the axis shows each series' maximum, a day without data is a gap.
func TestDashboardCharts(t *testing.T) {
	day := stats.DayPoint{Day: stats.Date(2026, 11, 20), Totals: store.DayTotals{Searches: 7}, Figures: stats.Figures{
		ZeroResults: stats.Ratio{Num: 1, Den: 4}, ClickThrough: stats.Ratio{Num: 3, Den: 4}, SearchExits: stats.Ratio{Num: 1, Den: 2},
		Deflection: stats.Ratio{Num: 2, Den: 5}, TicketRateWith: stats.Ratio{Num: 1, Den: 10},
		TicketRateWithout: stats.Ratio{Num: 3, Den: 10}, SelfService: stats.Ratio{Num: 24, Den: 2},
	}}
	empty := stats.DayPoint{Day: stats.Date(2026, 11, 21)}
	charts := dashboardCharts(stats.Report{Series: []stats.DayPoint{day, empty}})
	tests := []struct {
		title, axis string
	}{
		{msgChartSearches, "۷"},
		{msgChartZeroResults, "۲۵.۰%"},
		{msgChartClickThrough, "۷۵.۰%"},
		{msgChartSearchExits, "۵۰.۰%"},
		{msgChartDeflection, "۴۰.۰%"},
		{msgChartTicketsWith, "۱۰.۰%"},
		{msgChartTicketsWithout, "۳۰.۰%"},
		{msgChartSelfService, "۱۲"},
	}
	if len(charts) != len(tests) {
		t.Fatalf("%d charts, want %d", len(charts), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			c := charts[i]
			svg := string(c.SVG)
			if c.Title != tt.title || !strings.Contains(svg, `aria-label="`+tt.title+`"`) {
				t.Errorf("chart %d is %q, want %q", i, c.Title, tt.title)
			}
			if !strings.Contains(svg, ">"+tt.axis+"</text>") {
				t.Errorf("axis maximum is not %s: %s", tt.axis, svg)
			}
			if n := strings.Count(svg, "<circle"); n != 1 && tt.title != msgChartSearches {
				t.Errorf("%d dots, want 1 (the second day has no data): %s", n, svg)
			}
		})
	}
}

// TestDashboardPending checks that a ticket-form session still in its 30-minute window is
// shown as not counted yet, in each of the two windows, as kb report says it.
func TestDashboardPending(t *testing.T) {
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	now := time.Now()
	v := events.Visit{SessionID: events.NewSessionID()}
	if err := st.InsertEvents(ctx, []store.Event{v.FormStarted(now.Add(-5 * time.Minute)),
		v.SuggestShown(now.Add(-4*time.Minute), "پولم برنگشته", 3)}); err != nil {
		t.Fatal(err)
	}
	r, err := stats.NewRoller(st, stats.RollerConfig{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.RollUp(ctx, now); err != nil {
		t.Fatal(err)
	}
	srv := newStaffServer(t, newStaffState(t), Config{Auth: staffAuth(t), Stats: st, StatsZone: time.UTC})
	rec := staffRequest{target: dashboardPath, header: map[string]string{"Authorization": "Bearer " + staffAdminTok}}.send(srv.Handler())
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	assertContains(t, rec.Body.String(), []string{
		// one session, counted once in each window (shown suggestions; ticket form), never summed
		"هنوز در پنجرهٔ ۳۰ دقیقه‌اند (هنوز در نرخ‌ها شمرده نشده‌اند)</dt><dd>۱ <small>با پیشنهاد</small>، ۱ <small>با فرم درخواست</small></dd>",
		"نرخ پیشگیری از درخواست</dt><dd>–", // not in the rate yet
	}, nil)
}
