package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

func TestCheckLocal(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"http://127.0.0.1:8080", true},
		{"http://127.0.0.9:80", true},
		{"http://localhost:8080", true},
		{"http://[::1]:8080", true},
		{"http://10.0.0.1:8080", false},
		{"http://example.com", false},
		{"not a url", false},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			if err := checkLocal(tt.url); (err == nil) != tt.ok {
				t.Errorf("checkLocal(%q) = %v, want ok=%v", tt.url, err, tt.ok)
			}
		})
	}
}

func TestRunAgainstServer(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		if r.URL.Query().Get("q") == "" {
			http.Error(w, "no query", http.StatusBadRequest)
			return
		}
		w.Write([]byte(`{"total":1}`))
	}))
	defer srv.Close()
	dir := t.TempDir()
	queries := filepath.Join(dir, "q.jsonl")
	os.WriteFile(queries, []byte(`{"query":"رمز عبور را فراموش کردم"}`+"\n"+`{"message":"سلام، سفارشم نرسیده"}`+"\n"), 0o644)
	touch := filepath.Join(dir, "a.md")
	os.WriteFile(touch, []byte("# a\n"), 0o644)

	var out, errb bytes.Buffer
	args := []string{"--url", srv.URL, "--duration", "400ms", "-c", "4", "--queries", queries, "--touch", touch, "--touch-after", "100ms"}
	if err := run(context.Background(), args, &out, &errb); err != nil {
		t.Fatalf("run: %v\n%s", err, errb.String())
	}
	for _, want := range []string{"0 errors", "/api/search", "/api/suggest", "/search", "content rewritten at"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if hits.Load() == 0 {
		t.Error("server got no requests")
	}
	if b, _ := os.ReadFile(touch); string(b) != "# a\n" {
		t.Errorf("touched file not restored: %q", b)
	}
}

func TestRunFailsOnErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer srv.Close()
	queries := filepath.Join(t.TempDir(), "q.jsonl")
	os.WriteFile(queries, []byte(`{"query":"ارسال"}`+"\n"), 0o644)
	var out, errb bytes.Buffer
	err := run(context.Background(), []string{"--url", srv.URL, "--duration", "200ms", "-c", "2", "--queries", queries}, &out, &errb)
	if err == nil || !strings.Contains(err.Error(), "failed requests") || !strings.Contains(out.String(), "status 503") {
		t.Fatalf("err = %v, report:\n%s", err, out.String())
	}
}
