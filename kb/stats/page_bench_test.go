package stats_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"persiankb/kb"
	"persiankb/kb/site"
	"persiankb/kb/stats"
)

// BenchmarkDashboardPage measures the whole dashboard page (/admin/dashboard, every table
// including the no-click one, the charts and the template) and one CSV export, through the
// router, on the data of BenchmarkDashboard (KB_BENCH_EVENTS, default 1,000,000 events over
// KB_BENCH_DAYS days). The target is under 200 ms per dashboard query at 1 million.
func BenchmarkDashboardPage(b *testing.B) {
	total, days := stats.EnvInt(b, "KB_BENCH_EVENTS", 1_000_000), stats.EnvInt(b, "KB_BENCH_DAYS", 90)
	s, last := stats.SeedBenchStore(b, total, days)
	const token = "bench-admin-token-0123456789abcdef0123456789"
	srv, err := site.New(site.Config{
		BaseURL: "https://help.example.com", Secret: []byte("bench-secret-0123456789abcdef0123"),
		Auth: site.AuthConfig{AdminToken: token}, Stats: s, StatsZone: stats.BenchZone,
	}, &site.State{Library: kb.NewLibrary("", nil, nil, nil)}, nil)
	if err != nil {
		b.Fatal(err)
	}
	h := srv.Handler()
	rng := "?from=" + last.AddDays(-29).String() + "&to=" + last.String()
	for _, page := range []struct{ name, target, want string }{
		{"page/30d", "/admin/dashboard" + rng, "جست‌وجوهای بی‌کلیک"},
		{"export/no-click/30d", "/admin/dashboard/export/no-click.csv" + rng, "no_clicks"},
	} {
		b.Run(page.name, func(b *testing.B) {
			for b.Loop() {
				req := httptest.NewRequest(http.MethodGet, page.target, nil)
				req.Header.Set("Authorization", "Bearer "+token)
				req.RemoteAddr = "192.0.2.1:1234"
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), page.want) {
					b.Fatalf("status %d, want 200 with %q:\n%.2000s", rec.Code, page.want, rec.Body)
				}
			}
		})
	}
}
