package site

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// doFrom sends one GET through the router from the socket peer remote, with an
// X-Forwarded-For header when xff is not empty.
func doFrom(h http.Handler, target, remote, xff string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.RemoteAddr = remote
	if xff != "" {
		req.Header.Set("X-Forwarded-For", xff)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func newLimitedServer(t *testing.T, perMin int, proxies []string) http.Handler {
	t.Helper()
	srv, err := New(Config{SearchPerMin: perMin, TrustedProxies: proxies}, newTestState(t), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return srv.Handler()
}

func TestSearchRateLimit(t *testing.T) {
	h := newLimitedServer(t, 2, nil)
	tests := []struct {
		target string
		json   bool
	}{
		{"/search?q=" + "فاکتور", false},
		{"/api/search?q=" + "فاکتور", true},
		{"/api/suggest?q=" + "پول", true},
		{"/api/v1/search?q=" + "فاکتور", true},
		{"/api/v1/suggest?q=" + "پول", true},
	}
	for i, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			ip := fmt.Sprintf("192.0.2.%d:4000", i+1) // each route its own client
			for n := 1; n <= 2; n++ {
				if rec := doFrom(h, tt.target, ip, ""); rec.Code != http.StatusOK {
					t.Fatalf("request %d: status %d, want 200", n, rec.Code)
				}
			}
			rec := doFrom(h, tt.target, ip, "")
			if rec.Code != http.StatusTooManyRequests {
				t.Fatalf("third request: status %d, want 429", rec.Code)
			}
			if got := rec.Header().Get("Retry-After"); got != "30" { // one token every 30 s
				t.Errorf("Retry-After = %q, want 30", got)
			}
			body := rec.Body.String()
			if !strings.Contains(body, "جستجوهای زیادی") {
				t.Errorf("429 body lacks the Persian message: %s", body)
			}
			if tt.json {
				var e struct{ Error struct{ Code string } }
				if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Error.Code != codeRateLimited {
					t.Errorf("429 JSON %q: code %q, err %v", body, e.Error.Code, err)
				}
			} else if !strings.Contains(rec.Header().Get("Content-Type"), "text/html") {
				t.Errorf("429 page Content-Type %q, want HTML", rec.Header().Get("Content-Type"))
			}
			for _, other := range []string{"/", "/articles/refund", "/healthz"} {
				if rec := doFrom(h, other, ip, ""); rec.Code != http.StatusOK {
					t.Errorf("%s after the search limit: status %d, want 200", other, rec.Code)
				}
			}
		})
	}
}

func TestSearchUnlimitedByDefault(t *testing.T) {
	h := newLimitedServer(t, 0, nil)
	for n := range 50 {
		if rec := doFrom(h, "/api/suggest?q="+"پول", "192.0.2.1:4000", ""); rec.Code != http.StatusOK {
			t.Fatalf("request %d: status %d, want 200 (no limit by default)", n+1, rec.Code)
		}
	}
}

func TestTrustedProxies(t *testing.T) {
	const target = "/api/search?q=" + "فاکتور"
	type req struct {
		remote, xff string
		want        int
	}
	tests := []struct {
		name    string
		proxies []string
		reqs    []req
	}{
		{"forwarded clients through a trusted proxy have their own limits", []string{"10.0.0.0/8"}, []req{
			{"10.1.2.3:5000", "203.0.113.1", 200},
			{"10.1.2.3:5000", "203.0.113.2", 200},
			{"10.9.9.9:5000", "203.0.113.3", 200},
			{"10.1.2.3:5000", "203.0.113.1", 429},
		}},
		{"spoofed X-Forwarded-For from an untrusted peer is ignored", []string{"10.0.0.0/8"}, []req{
			{"198.51.100.7:5000", "203.0.113.1", 200},
			{"198.51.100.7:5000", "203.0.113.2", 429},
			{"198.51.100.7:5000", "", 429},
		}},
		{"no trusted proxies by default: the socket peer is the client", nil, []req{
			{"10.1.2.3:5000", "203.0.113.1", 200},
			{"10.1.2.3:5000", "203.0.113.2", 429},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newLimitedServer(t, 1, tt.proxies)
			for i, r := range tt.reqs {
				if rec := doFrom(h, target, r.remote, r.xff); rec.Code != r.want {
					t.Errorf("request %d (peer %s, X-Forwarded-For %q): status %d, want %d", i+1, r.remote, r.xff, rec.Code, r.want)
				}
			}
		})
	}
}

func TestSearchRateLimitCORS(t *testing.T) {
	srv, err := New(Config{SearchPerMin: 1, CORSOrigins: []string{"https://shop.example.com"}}, newTestState(t), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	tests := []struct {
		origin   string
		wantACAO string
	}{
		{"https://shop.example.com", "https://shop.example.com"},
		{"https://evil.example.net", ""},
	}
	for i, tt := range tests {
		t.Run(tt.origin, func(t *testing.T) {
			peer := fmt.Sprintf("192.0.2.%d:4000", 100+i)
			var rec *httptest.ResponseRecorder
			for range 2 {
				req := httptest.NewRequest(http.MethodGet, "/api/suggest?q="+"پول", nil)
				req.RemoteAddr = peer
				req.Header.Set("Origin", tt.origin)
				rec = httptest.NewRecorder()
				h.ServeHTTP(rec, req)
			}
			if rec.Code != http.StatusTooManyRequests {
				t.Fatalf("second request: status %d, want 429", rec.Code)
			}
			if got := rec.Header().Get("Access-Control-Allow-Origin"); got != tt.wantACAO {
				t.Errorf("Access-Control-Allow-Origin = %q, want %q", got, tt.wantACAO)
			}
		})
	}
}
