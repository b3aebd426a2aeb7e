package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestServeMetricsAddr(t *testing.T) {
	env, _, _ := testEnv(nil)
	c, err := parseServeConfig(env, []string{"--addr", "127.0.0.1:0", "--metrics-addr", "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	main := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "main "+r.URL.Path) })
	ls, err := listenAll(c, newRegistry(c.Ops))
	if err != nil {
		t.Fatal(err)
	}
	ls[0].h = main
	if len(ls) != 2 {
		t.Fatalf("%d listeners, want the main one and the metrics one", len(ls))
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- serveAll(ctx, ls, newLogger(c.Ops, io.Discard)) }()
	tests := []struct {
		name, url string
		status    int
		want      string
	}{
		{"main address serves the site", "http://" + ls[0].ln.Addr().String() + "/metrics", 200, "main /metrics"},
		{"metrics address serves metrics", "http://" + ls[1].ln.Addr().String() + "/metrics", 200, `kb_build_info{goversion=`},
		{"metrics address serves nothing else", "http://" + ls[1].ln.Addr().String() + "/", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, err := http.Get(tt.url)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.status || !strings.Contains(string(body), tt.want) {
				t.Errorf("status %d, body %.200q; want %d with %q", resp.StatusCode, body, tt.status, tt.want)
			}
		})
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serveAll: %v", err)
		}
	case <-time.After(shutdownTimeout + 5*time.Second):
		t.Fatal("serveAll did not return after cancel")
	}
}

// TestServeAddressInUse checks that kb serve on a taken address stops at once with exit code 2
// and a message naming the flag, before it loads or indexes any content.
func TestServeAddressInUse(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	addr := taken.Addr().String()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"main address", []string{"--addr", addr}, "--addr " + addr + " is already in use (another kb serve?): stop that process or choose another address with --addr or KB_ADDR"},
		{"metrics address", []string{"--addr", "127.0.0.1:0", "--metrics-addr", addr}, "--metrics-addr " + addr + " is already in use"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := filepath.Join(t.TempDir(), "data")
			args := append([]string{"serve", "--content", filepath.Join(t.TempDir(), "no-content"), "--data", data}, tt.args...)
			env, _, errb := testEnv(nil)
			if code := run(args, env.getenv, env.stdout, env.stderr); code != 2 {
				t.Errorf("exit code %d, want 2; stderr %q", code, errb)
			}
			if !strings.Contains(errb.String(), "kb serve: "+tt.want) {
				t.Errorf("stderr %q lacks %q", errb, tt.want)
			}
			if strings.Contains(errb.String(), "content") {
				t.Errorf("stderr %q: the content was read before the address was bound", errb)
			}
			if _, err := os.Stat(data); !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("data folder %s: %v; want none (nothing indexed before binding)", data, err)
			}
		})
	}
}

func TestNoPrometheus(t *testing.T) {
	env, _, _ := testEnv(map[string]string{"KB_NO_PROMETHEUS": "1"})
	c, err := parseServeConfig(env, nil)
	if err != nil {
		t.Fatal(err)
	}
	if reg := newRegistry(c.Ops); reg != nil {
		t.Error("--no-prometheus still made a registry")
	}
	if c.Metrics.Disabled {
		t.Error("--no-prometheus turned off event recording (--no-metrics)")
	}
}

func TestLogger(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    []string
		notWant []string
	}{
		{"json by default", nil, []string{`{"time":`, `"level":"INFO"`, `"msg":"hello"`}, []string{"should not show"}},
		{"text with --dev", []string{"--dev"}, []string{`level=INFO msg=hello`}, []string{`{"time"`}},
		{"json with --dev and --log-format json", []string{"--dev", "--log-format", "json"}, []string{`"msg":"hello"`}, nil},
		{"debug level", []string{"--log-level", "debug"}, []string{`"msg":"hello"`, `"msg":"should not show"`}, nil},
		{"error level", []string{"--log-level", "ERROR"}, nil, []string{"hello"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, _ := testEnv(nil)
			c, err := parseServeConfig(env, tt.args)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			l := newLogger(c.Ops, &buf)
			l.Info("hello")
			l.Debug("should not show")
			assertLog(t, buf.String(), tt.want, tt.notWant)
		})
	}
}

func assertLog(t *testing.T, out string, want, notWant []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("log %q lacks %q", out, w)
		}
	}
	for _, w := range notWant {
		if strings.Contains(out, w) {
			t.Errorf("log %q has %q", out, w)
		}
	}
}

func TestLogLines(t *testing.T) {
	var buf bytes.Buffer
	w := &logLines{log: slog.New(slog.NewJSONHandler(&buf, nil))}
	for _, chunk := range []string{"indexing 10/52", "\rindexing 52/52 (100%)\n", "warning: a.md:3: no summary\nerror: b.md:1: ", "no title\n\n", "partial"} {
		if _, err := io.WriteString(w, chunk); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{
		`"level":"INFO","msg":"indexing 10/52"`,
		`"level":"INFO","msg":"indexing 52/52 (100%)"`,
		`"level":"WARN","msg":"a.md:3: no summary"`,
		`"level":"ERROR","msg":"b.md:1: no title"`,
	}
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) != len(want) {
		t.Fatalf("%d records, want %d:\n%s", len(lines), len(want), buf.String())
	}
	for i, w := range want {
		if !strings.Contains(lines[i], w) {
			t.Errorf("record %d = %s, want %s", i, lines[i], w)
		}
	}
}

// TestShutdownFinishesRequests checks the graceful shutdown: once it starts, new connections are
// refused, and a request already in progress still gets its whole answer.
func TestShutdownFinishesRequests(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	started, release := make(chan struct{}), make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		io.WriteString(w, "finished")
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- serveAll(ctx, []listener{{ln: ln, h: h}}, slog.New(slog.DiscardHandler)) }()
	type answer struct {
		body string
		err  error
	}
	answers := make(chan answer, 1)
	go func() {
		resp, err := http.Get("http://" + addr + "/slow")
		if err != nil {
			answers <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		answers <- answer{string(b), err}
	}()
	<-started
	cancel()
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			break // the listener is closed: shutdown has begun
		}
		c.Close()
		if time.Now().After(deadline) {
			t.Fatal("still accepting connections 5 s after the shutdown began")
		}
	}
	close(release)
	if a := <-answers; a.err != nil || a.body != "finished" {
		t.Errorf("in-flight request: body %q, error %v; want its whole answer", a.body, a.err)
	}
	if err := <-done; err != nil {
		t.Errorf("serveAll: %v", err)
	}
}
