package site

import (
	"bufio"
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"persiankb/kb/events"
	"persiankb/kb/store"
)

// metricsEnv is a server with metrics over a real index, SQLite store and event recorder.
type metricsEnv struct {
	h   http.Handler
	rec *events.Recorder
}

func newMetricsEnv(t *testing.T, edit func(*Config)) *metricsEnv {
	t.Helper()
	st := openTestStore(t)
	rec := events.NewRecorder(st, events.Config{Logger: slog.New(slog.DiscardHandler)})
	t.Cleanup(func() { _ = rec.Close(context.Background()) })
	cfg := Config{Metrics: prometheus.NewRegistry(), MetricsRoute: true, Store: st, Backlog: st, Events: rec}
	if edit != nil {
		edit(&cfg)
	}
	srv, err := New(cfg, newTestState(t), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return &metricsEnv{h: srv.Handler(), rec: rec}
}

// scrape fetches /metrics and returns the samples by their name and labels as written
// (kb_search_duration_seconds_count{kind="search"}).
func (e *metricsEnv) scrape(t *testing.T) map[string]float64 {
	t.Helper()
	rec := do(e.h, http.MethodGet, "/metrics")
	if rec.Code != http.StatusOK {
		t.Fatalf("/metrics: status %d", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Errorf("/metrics Content-Type %q, want the text format", ct)
	}
	return parseSamples(t, rec.Body.Bytes())
}

func parseSamples(t *testing.T, body []byte) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	sc := bufio.NewScanner(bytes.NewReader(body))
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		v, err := strconv.ParseFloat(line[i+1:], 64)
		if err != nil {
			t.Fatalf("bad sample line %q", line)
		}
		out[line[:i]] = v
	}
	return out
}

func TestMetricsContent(t *testing.T) {
	e := newMetricsEnv(t, nil)
	for _, target := range []string{"/articles/refund", "/articles/invoice", "/articles/no-such-article",
		"/api/search?q=" + "بازگشت", "/api/suggest?q=" + "پول", "/no/such/page?email=a@b.c"} {
		do(e.h, http.MethodGet, target)
	}
	e.rec.Record(store.Event{Type: store.EventSearch})
	if err := e.rec.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	e.rec.Record(store.Event{Type: store.EventSearch}) // refused: the recorder is closed
	got := e.scrape(t)
	want := map[string]float64{
		`kb_http_request_duration_seconds_count{code="2xx",method="GET",route="/articles/:slug"}`: 2,
		`kb_http_request_duration_seconds_count{code="4xx",method="GET",route="/articles/:slug"}`: 1,
		`kb_http_request_duration_seconds_count{code="2xx",method="GET",route="/api/search"}`:     1,
		`kb_http_request_duration_seconds_count{code="4xx",method="GET",route="unmatched"}`:       1,
		`kb_search_duration_seconds_count{kind="search"}`:                                         1,
		`kb_search_duration_seconds_count{kind="suggest"}`:                                        1,
		`kb_events_dropped_total`:                 1,
		`kb_events_queue_depth`:                   0,
		`kb_outbox_deliveries{status="pending"}`:  0,
		`kb_outbox_deliveries{status="failed"}`:   0,
		`kb_metrics_scrape_errors{part="index"}`:  0,
		`kb_metrics_scrape_errors{part="outbox"}`: 0,
	}
	for name, v := range want {
		if g, ok := got[name]; !ok || g != v {
			t.Errorf("%s = %v (present %v), want %v", name, g, ok, v)
		}
	}
	if got["kb_index_documents"] < 10 {
		t.Errorf("kb_index_documents = %v, want the test library's articles", got["kb_index_documents"])
	}
	if got["kb_events_written_total"] < 1 { // the page views' events and the one recorded here
		t.Errorf("kb_events_written_total = %v, want the flushed events", got["kb_events_written_total"])
	}
	if got["kb_index_size_bytes"] <= 0 {
		t.Errorf("kb_index_size_bytes = %v, want > 0", got["kb_index_size_bytes"])
	}
	for name := range got {
		for _, raw := range []string{"refund", "invoice", "no-such", "/no/such", "email", "بازگشت"} {
			if strings.Contains(name, raw) {
				t.Errorf("series %s carries the raw URL (%q): unbounded cardinality", name, raw)
			}
		}
	}
}

func TestMetricsCountsMove(t *testing.T) {
	e := newMetricsEnv(t, nil)
	const series = `kb_http_request_duration_seconds_count{code="2xx",method="GET",route="/search"}`
	before := e.scrape(t)[series]
	for range 3 {
		do(e.h, http.MethodGet, "/search?q="+"فاکتور")
	}
	after := e.scrape(t)
	if after[series]-before != 3 {
		t.Errorf("%s went from %v to %v, want +3", series, before, after[series])
	}
	if n := after[`kb_search_duration_seconds_count{kind="search"}`]; n != 3 {
		t.Errorf("search count %v, want 3", n)
	}
}

func TestMetricsRoute(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Config)
		want int
	}{
		{"on the main router", nil, http.StatusOK},
		{"on its own address", func(c *Config) { c.MetricsRoute = false }, http.StatusNotFound},
		{"disabled", func(c *Config) { c.Metrics, c.MetricsRoute = nil, false }, http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newMetricsEnv(t, tt.edit)
			if rec := do(e.h, http.MethodGet, "/metrics"); rec.Code != tt.want {
				t.Errorf("/metrics: status %d, want %d", rec.Code, tt.want)
			}
		})
	}
	if _, err := New(Config{MetricsRoute: true}, nil, nil); err == nil {
		t.Error("New accepted MetricsRoute without a registry")
	}
}

func TestAccessLogRoute(t *testing.T) {
	var logs bytes.Buffer
	srv, err := New(Config{}, newTestState(t), slog.New(slog.NewJSONHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	do(srv.Handler(), http.MethodGet, "/articles/refund?utm=secret-campaign")
	do(srv.Handler(), http.MethodGet, "/search?q=my-national-id-123")
	do(srv.Handler(), http.MethodGet, "/livez") // a probe: debug level, below the handler's info
	out := logs.String()
	for _, w := range []string{`"route":"/articles/:slug"`, `"route":"/search"`, `"status":200`, `"method":"GET"`, `"duration_ms":`} {
		if !strings.Contains(out, w) {
			t.Errorf("access log lacks %s:\n%s", w, out)
		}
	}
	for _, nw := range []string{"secret-campaign", "my-national-id", "refund", "/livez"} {
		if strings.Contains(out, nw) {
			t.Errorf("access log carries %q (raw URL):\n%s", nw, out)
		}
	}
}

// BenchmarkRequestMetrics measures what the metrics cost a request: the same cheap route with
// and without a registry (go test -bench RequestMetrics -run ^$ ./kb/site).
func BenchmarkRequestMetrics(b *testing.B) {
	for _, tt := range []struct {
		name    string
		metrics bool
	}{{"without", false}, {"with", true}} {
		b.Run(tt.name, func(b *testing.B) {
			var reg *prometheus.Registry
			if tt.metrics {
				reg = prometheus.NewRegistry()
			}
			srv, err := New(Config{Metrics: reg}, newTestState(b), slog.New(slog.DiscardHandler))
			if err != nil {
				b.Fatal(err)
			}
			h := srv.Handler()
			b.ReportAllocs()
			for b.Loop() {
				do(h, http.MethodGet, "/livez")
			}
		})
	}
}
