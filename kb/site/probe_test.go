package site

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"path/filepath"
	"testing"

	"github.com/gin-gonic/gin"

	"persiankb/kb/store"
)

// openTestStore opens a real SQLite store in a temporary folder.
func openTestStore(t *testing.T) *store.SQLite {
	t.Helper()
	st, err := store.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

func TestProbes(t *testing.T) {
	closed := openTestStore(t)
	if err := closed.Close(); err != nil { // a store that no longer answers its ping
		t.Fatal(err)
	}
	closedIndex := newTestState(t)
	if err := closedIndex.Search.(interface{ Close() error }).Close(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		state      *State
		store      Pinger
		target     string
		wantStatus int
		wantBody   map[string]string
	}{
		{"live while starting", nil, nil, "/livez", 200, map[string]string{"status": "live"}},
		{"live with a dead store", newTestState(t), closed, "/livez", 200, map[string]string{"status": "live"}},
		{"ready", newTestState(t), openTestStore(t), "/readyz", 200, map[string]string{"status": "ready"}},
		{"ready without a store", newTestState(t), nil, "/readyz", 200, map[string]string{"status": "ready"}},
		{"index not loaded", nil, openTestStore(t), "/readyz", 503, map[string]string{"status": "unavailable", "reason": notReadyIndex}},
		{"index closed", closedIndex, openTestStore(t), "/readyz", 503, map[string]string{"status": "unavailable", "reason": notReadyRead}},
		{"store ping fails", newTestState(t), closed, "/readyz", 503, map[string]string{"status": "unavailable", "reason": notReadyStore}},
		{"healthz unchanged", newTestState(t), closed, "/healthz", 200, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, err := New(Config{Store: tt.store}, tt.state, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			rec := do(srv.Handler(), http.MethodGet, tt.target)
			if rec.Code != tt.wantStatus {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.wantStatus, rec.Body)
			}
			if got := rec.Header().Get("Cache-Control"); got != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", got)
			}
			if tt.wantStatus == http.StatusServiceUnavailable && rec.Header().Get("Retry-After") == "" {
				t.Error("503 without Retry-After")
			}
			if tt.wantBody == nil {
				return
			}
			var body map[string]string
			if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
				t.Fatalf("body %q: %v", rec.Body, err)
			}
			if len(body) != len(tt.wantBody) {
				t.Errorf("body %v, want %v", body, tt.wantBody)
			}
			for k, v := range tt.wantBody {
				if body[k] != v {
					t.Errorf("%s = %q, want %q", k, body[k], v)
				}
			}
		})
	}
}

func TestCheckTrustedProxies(t *testing.T) {
	tests := []struct {
		proxies []string
		ok      bool
	}{
		{nil, true},
		{[]string{"10.0.0.0/8", "192.168.1.7", "::1", "fd00::/8"}, true},
		{[]string{"10.0.0.0/33"}, false},
		{[]string{"proxy.example.com"}, false},
		{[]string{"10.0.0.0/8", ""}, false},
	}
	for _, tt := range tests {
		t.Run(filepath.Join(tt.proxies...), func(t *testing.T) {
			err := CheckTrustedProxies(tt.proxies)
			if (err == nil) != tt.ok {
				t.Fatalf("CheckTrustedProxies(%q) = %v, want ok=%v", tt.proxies, err, tt.ok)
			}
			_, nerr := New(Config{TrustedProxies: tt.proxies}, nil, nil)
			if (nerr == nil) != tt.ok {
				t.Fatalf("New with TrustedProxies %q = %v, want ok=%v", tt.proxies, nerr, tt.ok)
			}
		})
	}
}

func TestGinMode(t *testing.T) {
	for _, tt := range []struct {
		dev  bool
		want string
	}{{false, gin.ReleaseMode}, {true, gin.DebugMode}} {
		if got := ginMode(tt.dev); got != tt.want {
			t.Errorf("ginMode(dev=%v) = %q, want %q", tt.dev, got, tt.want)
		}
	}
	if _, err := New(Config{}, nil, nil); err != nil {
		t.Fatal(err)
	}
	if gin.Mode() != gin.ReleaseMode {
		t.Errorf("Gin in %q mode after New without Dev, want release", gin.Mode())
	}
}
