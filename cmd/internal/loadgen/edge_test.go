package loadgen

import (
	"context"
	"strings"
	"testing"
	"time"
)

const okResponse = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"

// stallTimeout is the request timeout of the test that waits for one: short, but long enough
// that a loaded machine does not time out the good requests that follow.
const stallTimeout = 300 * time.Millisecond

// TestRunRecovers has the server answer badly on its first connections and well afterwards:
// the one client must record each bad answer as an error (status 0), reconnect and go on.
func TestRunRecovers(t *testing.T) {
	tests := []struct {
		name       string
		resp       string
		closeAfter bool
		bad        int           // how many connections answer badly
		timeout    time.Duration // 0 for requestTimeout
	}{
		{"garbage", "garbage\r\n\r\n", false, 3, 0},
		{"cut-off status line", "HTTP/1.1 2", true, 1, 0},
		{"short body", "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nabc", true, 1, 0},
		{"bad chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", false, 1, 0},
		{"stall", "", false, 1, stallTimeout},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := rawServer(t, func(n int) (string, bool) {
				if n < tt.bad {
					return tt.resp, tt.closeAfter
				}
				return okResponse, false
			})
			rep, err := Run(context.Background(), Options{Duration: 500*time.Millisecond + tt.timeout, Connections: 1, timeout: tt.timeout},
				[]Target{{Route: "/x", URL: url + "/x"}})
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Samples) < tt.bad+5 {
				t.Fatalf("%d samples, want at least %d", len(rep.Samples), tt.bad+5)
			}
			for i, s := range rep.Samples {
				want := 200
				if i < tt.bad {
					want = 0
				}
				if s.Status != want {
					t.Fatalf("sample %d: status %d, want %d", i, s.Status, want)
				}
			}
			if tt.resp == "" && rep.Samples[0].Latency < tt.timeout {
				t.Errorf("stalled request took %s, want the timeout %s", rep.Samples[0].Latency, tt.timeout)
			}
		})
	}
}

// TestRunToEOF checks responses whose body ends when the server closes the connection.
func TestRunToEOF(t *testing.T) {
	for _, resp := range []string{
		"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nthe body",
		"HTTP/1.0 200 OK\r\n\r\nthe body",
	} {
		url := rawServer(t, func(int) (string, bool) { return resp, true })
		rep, err := Run(context.Background(), Options{Duration: 300 * time.Millisecond, Connections: 2},
			[]Target{{Route: "/x", URL: url + "/x"}})
		if err != nil {
			t.Fatal(err)
		}
		checkStatuses(t, rep, 5, 200)
	}
}

// TestRunEndsPromptly has the server never answer: the run must end soon after its duration or
// its context, and the requests it cut off are not counted.
func TestRunEndsPromptly(t *testing.T) {
	tests := []struct {
		name     string
		duration time.Duration
		cancel   time.Duration // when the caller cancels the context; 0 for never
	}{
		{"duration", 200 * time.Millisecond, 0},
		{"context", time.Minute, 200 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			url := rawServer(t, func(int) (string, bool) { return "", false })
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			if tt.cancel > 0 {
				time.AfterFunc(tt.cancel, cancel)
			}
			start := time.Now()
			rep, err := Run(ctx, Options{Duration: tt.duration, Connections: 4}, []Target{{Route: "/x", URL: url + "/x"}})
			if err != nil {
				t.Fatal(err)
			}
			if took := time.Since(start); took > 200*time.Millisecond+2*time.Second { // slack for a loaded machine
				t.Errorf("run took %s with a stalled server, want about 200ms", took)
			}
			if len(rep.Samples) != 0 {
				t.Errorf("%d samples, want none: every request was cut off by the end of the run", len(rep.Samples))
			}
		})
	}
}

func TestRunRejectsTargets(t *testing.T) {
	tests := []struct {
		name string
		urls []string
		want string
	}{
		{"none", nil, "no targets"},
		{"https", []string{"https://127.0.0.1:8091/a"}, "only http://"},
		{"no host", []string{"http:///a"}, "only http://"},
		{"unparsable", []string{"http://127.0.0.1:8091/%zz"}, "invalid URL escape"},
		{"two hosts", []string{"http://127.0.0.1:8091/a", "http://127.0.0.1:8092/a"}, "differs"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var targets []Target
			for _, u := range tt.urls {
				targets = append(targets, Target{Route: "/a", URL: u})
			}
			_, err := Run(context.Background(), Options{Duration: time.Second, Connections: 1}, targets)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Run: %v, want an error with %q", err, tt.want)
			}
		})
	}
}

func TestPrepare(t *testing.T) {
	tests := []struct{ url, addr, raw string }{
		{"http://localhost/api/search?q=a+b", "localhost:80",
			"GET /api/search?q=a+b HTTP/1.1\r\nHost: localhost\r\nUser-Agent: kb-loadgen\r\n\r\n"},
		{"http://[::1]:8091", "[::1]:8091",
			"GET / HTTP/1.1\r\nHost: [::1]:8091\r\nUser-Agent: kb-loadgen\r\n\r\n"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			addr, reqs, err := prepare([]Target{{Route: "/r", URL: tt.url}})
			if err != nil || addr != tt.addr || len(reqs) != 1 || string(reqs[0].raw) != tt.raw || reqs[0].route != "/r" {
				t.Errorf("prepare = %q, %+v, %v; want %q and %q", addr, reqs, err, tt.addr, tt.raw)
			}
		})
	}
}
