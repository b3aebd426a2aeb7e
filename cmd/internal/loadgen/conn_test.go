package loadgen

import (
	"bufio"
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// bigBody is larger than the client's read buffer, so that discarding it takes several reads.
var bigBody = strings.Repeat("بدنه ", 10_000)

// handlers answer the paths of TestRunHTTP the ways net/http can.
var handlers = map[string]http.HandlerFunc{
	"/length": func(w http.ResponseWriter, r *http.Request) { w.Write([]byte(bigBody)) },
	"/chunked": func(w http.ResponseWriter, r *http.Request) {
		for range 3 {
			w.Write([]byte(bigBody[:5000]))
			w.(http.Flusher).Flush() // forces chunked encoding
		}
	},
	"/trailer": func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Trailer", "X-Sum")
		w.Write([]byte("body"))
		w.(http.Flusher).Flush()
		w.Header().Set("X-Sum", "42")
	},
	"/close": func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Connection", "close")
		w.Write([]byte("bye"))
	},
	"/missing": http.NotFound,
	"/fail":    func(w http.ResponseWriter, r *http.Request) { http.Error(w, "oops", 500) },
	"/cookie": func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Cookie") != "" || r.UserAgent() != userAgent {
			http.Error(w, "a cookie came back, or the wrong user agent", 400)
			return
		}
		http.SetCookie(w, &http.Cookie{Name: "kb_session", Value: "x"})
		w.WriteHeader(204)
	},
}

// TestRunHTTP runs two clients against a real net/http server for each way of ending a response,
// and checks every sample's status and how many connections the server saw.
func TestRunHTTP(t *testing.T) {
	tests := []struct {
		path   string
		status int
		reuse  bool // each client keeps its first connection for the whole run
	}{
		{"/length", 200, true},
		{"/chunked", 200, true},
		{"/trailer", 200, true},
		{"/close", 200, false},
		{"/missing", 404, true},
		{"/fail", 500, true},
		{"/cookie", 204, true},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			var conns atomic.Int64
			srv := httptest.NewUnstartedServer(handlers[tt.path])
			srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
				if s == http.StateNew {
					conns.Add(1)
				}
			}
			srv.Start()
			defer srv.Close()
			rep, err := Run(context.Background(), Options{Duration: 400 * time.Millisecond, Connections: 2},
				[]Target{{Route: tt.path, URL: srv.URL + tt.path + "?q=%D8%A7"}})
			if err != nil {
				t.Fatal(err)
			}
			checkStatuses(t, rep, 5, tt.status)
			n := conns.Load()
			if tt.reuse && n > 2 || !tt.reuse && n < int64(len(rep.Samples)) {
				t.Errorf("%d requests on %d connections; want reuse %v", len(rep.Samples), n, tt.reuse)
			}
		})
	}
}

// checkStatuses fails unless rep has at least min samples, all with status want.
func checkStatuses(t *testing.T, rep *Report, min, want int) {
	t.Helper()
	if len(rep.Samples) < min {
		t.Fatalf("%d samples, want at least %d", len(rep.Samples), min)
	}
	for i, s := range rep.Samples {
		if s.Status != want || s.Latency <= 0 {
			t.Fatalf("sample %d of %d: %+v, want status %d", i, len(rep.Samples), s, want)
		}
	}
}

// rawServer serves connections with respond(n) for the n-th connection (from 0): it answers
// every request on it with resp, and closes the connection after each answer if closeAfter. An
// empty resp stalls: the request is read and never answered.
func rawServer(t *testing.T, respond func(n int) (resp string, closeAfter bool)) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	var open []net.Conn
	t.Cleanup(func() {
		ln.Close()
		mu.Lock()
		for _, c := range open {
			c.Close()
		}
		mu.Unlock()
		wg.Wait()
	})
	wg.Go(func() {
		for n := 0; ; n++ {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			mu.Lock()
			open = append(open, c)
			mu.Unlock()
			resp, closeAfter := respond(n)
			wg.Go(func() { serveRaw(c, resp, closeAfter) })
		}
	})
	return "http://" + ln.Addr().String()
}

// serveRaw answers each request on c (a GET: headers up to a blank line) with resp.
func serveRaw(c net.Conn, resp string, closeAfter bool) {
	defer c.Close()
	br := bufio.NewReader(c)
	for {
		for {
			line, err := br.ReadString('\n')
			if err != nil {
				return
			}
			if line == "\r\n" {
				break
			}
		}
		if resp == "" {
			continue // stall: never answer
		}
		if _, err := c.Write([]byte(resp)); err != nil || closeAfter {
			return
		}
	}
}
