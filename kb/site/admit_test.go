package site

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

// never is an expiry that does not come: the tests decide when a waiter's time is up.
func never(time.Duration) <-chan time.Time { return nil }

// expired is an expiry that has come already.
func expired(time.Duration) <-chan time.Time {
	ch := make(chan time.Time)
	close(ch)
	return ch
}

// testAdmitter returns an admitter whose waiters report on the returned channel once queued.
func testAdmitter(limit int) (*admitter, chan struct{}) {
	a := newAdmitter(limit, searchQueueTimeout)
	a.expire = never
	queued := make(chan struct{})
	a.queued = func() { queued <- struct{}{} }
	return a, queued
}

// TestAdmitterOrder checks that waiters get their turn in arrival order, whatever the limit:
// all slots are held, waiters queue one after the other, and each leaving holder hands its slot
// to the oldest waiter.
func TestAdmitterOrder(t *testing.T) {
	tests := []struct {
		name    string
		limit   int
		waiters int
	}{
		{"one slot", 1, 5},
		{"two slots", 2, 6},
		{"four slots", 4, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, queued := testAdmitter(tt.limit)
			for range tt.limit {
				if got := a.enter(context.Background()); got != admitted {
					t.Fatalf("free slot: %s, want admitted", got)
				}
			}
			granted := make(chan int)
			leave := make([]chan struct{}, tt.waiters)
			for i := range tt.waiters {
				leave[i] = make(chan struct{})
				go func() {
					if got := a.enter(context.Background()); got != admitted {
						t.Errorf("waiter %d: %s, want admitted", i, got)
						return
					}
					granted <- i
					<-leave[i]
					a.leave()
				}()
				<-queued // waiter i is in the queue before waiter i+1 arrives
			}
			if waiting, running := a.depth(); waiting != tt.waiters || running != tt.limit {
				t.Fatalf("depth %d waiting, %d running; want %d, %d", waiting, running, tt.waiters, tt.limit)
			}
			a.leave() // one holder leaves: the waiters then pass the slot on one by one
			for want := range tt.waiters {
				if got := <-granted; got != want {
					t.Fatalf("turn %d went to waiter %d", want, got)
				}
				close(leave[want])
			}
			for range tt.limit - 1 {
				a.leave()
			}
			if waiting, running := a.depth(); waiting != 0 || running > 1 {
				t.Errorf("after all: %d waiting, %d running", waiting, running)
			}
		})
	}
}

// TestAdmitterGivesUp checks that a waiter whose time is up or whose request was canceled
// leaves the queue without its turn and without taking the slot.
func TestAdmitterGivesUp(t *testing.T) {
	tests := []struct {
		name string
		stop func(cancel context.CancelFunc, expire chan time.Time)
		want admitOutcome
	}{
		{"queue timeout", func(_ context.CancelFunc, expire chan time.Time) { close(expire) }, admitTimedOut},
		{"client went away", func(cancel context.CancelFunc, _ chan time.Time) { cancel() }, admitCanceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, queued := testAdmitter(1)
			expire := make(chan time.Time)
			a.expire = func(time.Duration) <-chan time.Time { return expire }
			if a.enter(context.Background()) != admitted {
				t.Fatal("free slot not admitted")
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			first := make(chan admitOutcome)
			go func() { first <- a.enter(ctx) }()
			<-queued
			tt.stop(cancel, expire)
			if got := <-first; got != tt.want {
				t.Errorf("waiter: %s, want %s", got, tt.want)
			}
			if waiting, running := a.depth(); waiting != 0 || running != 1 {
				t.Errorf("after giving up: %d waiting, %d running; want 0, 1", waiting, running)
			}
			a.leave()
			if waiting, running := a.depth(); waiting != 0 || running != 0 {
				t.Errorf("after the holder left: %d waiting, %d running; want the slot free", waiting, running)
			}
		})
	}
}

// busyServer is a server over the test index whose one search slot the test holds.
func busyServer(t *testing.T) (*Server, http.Handler) {
	t.Helper()
	srv, err := New(Config{SearchConcurrency: 1, Metrics: prometheus.NewRegistry(), MetricsRoute: true},
		newTestState(t), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if srv.admit.enter(context.Background()) != admitted {
		t.Fatal("the free slot was not admitted")
	}
	return srv, srv.Handler()
}

// TestSearchQueueTimeout checks every search route through the router: while the slots are
// busy past the queue timeout the answer is 503 with Retry-After (the Persian page or the JSON
// error), and once a slot is free the same request is answered.
func TestSearchQueueTimeout(t *testing.T) {
	q := url.QueryEscape("بازگشت پول")
	tests := []struct {
		target string
		json   bool
	}{
		{"/search?q=" + q, false},
		{"/api/search?q=" + q, true},
		{"/api/suggest?q=" + q, true},
		{"/api/v1/search?q=" + q, true},
		{"/api/v1/suggest?q=" + q, true},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			srv, h := busyServer(t)
			srv.admit.expire = expired
			rec := do(h, http.MethodGet, tt.target)
			if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") != searchRetryAfterSeconds {
				t.Fatalf("busy: status %d, Retry-After %q; want 503, %s", rec.Code, rec.Header().Get("Retry-After"), searchRetryAfterSeconds)
			}
			if tt.json {
				var body struct {
					Error struct{ Code, Message string }
				}
				if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || body.Error.Code != codeUnavailable {
					t.Errorf("busy body %s (%v), want the %s JSON error", rec.Body, err, codeUnavailable)
				}
			} else if !strings.Contains(rec.Body.String(), msgSearchBusy) {
				t.Errorf("busy page lacks %q", msgSearchBusy)
			}
			got := parseSamples(t, do(h, http.MethodGet, "/metrics").Body.Bytes())
			if n := got[`kb_search_queue_wait_seconds_count{outcome="timeout"}`]; n != 1 {
				t.Errorf("timeout waits %v, want 1", n)
			}
			srv.admit.leave()
			if rec := do(h, http.MethodGet, tt.target); rec.Code != http.StatusOK {
				t.Errorf("free: status %d, want 200", rec.Code)
			}
			got = parseSamples(t, do(h, http.MethodGet, "/metrics").Body.Bytes())
			if n := got[`kb_search_queue_wait_seconds_count{outcome="admitted"}`]; n != 1 {
				t.Errorf("admitted waits %v, want 1", n)
			}
		})
	}
}

// TestSearchQueueCanceled checks that a request whose client goes away while it waits leaves
// the queue (the depth metric shows it while it waits) and runs no search.
func TestSearchQueueCanceled(t *testing.T) {
	srv, h := busyServer(t)
	srv.admit.expire = never
	queued := make(chan struct{})
	srv.admit.queued = func() { queued <- struct{}{} }
	ctx, cancel := context.WithCancel(context.Background())
	req := httptest.NewRequestWithContext(ctx, http.MethodGet, "/api/search?q="+url.QueryEscape("فاکتور"), nil)
	done := make(chan struct{})
	answer := httptest.NewRecorder()
	go func() {
		h.ServeHTTP(answer, req)
		close(done)
	}()
	<-queued
	got := parseSamples(t, do(h, http.MethodGet, "/metrics").Body.Bytes())
	if got["kb_search_queue_depth"] != 1 {
		t.Errorf("kb_search_queue_depth %v while one waits, want 1", got["kb_search_queue_depth"])
	}
	cancel()
	<-done
	if answer.Code != http.StatusServiceUnavailable {
		t.Errorf("canceled while waiting: status %d, want 503 (read by nobody, logged as a warning)", answer.Code)
	}
	if waiting, running := srv.admit.depth(); waiting != 0 || running != 1 {
		t.Errorf("after cancel: %d waiting, %d running; want 0, 1 (the test's)", waiting, running)
	}
	got = parseSamples(t, do(h, http.MethodGet, "/metrics").Body.Bytes())
	want := map[string]float64{
		"kb_search_queue_depth":                                  0,
		`kb_search_queue_wait_seconds_count{outcome="canceled"}`: 1,
		`kb_search_duration_seconds_count{kind="search"}`:        0,
	}
	for name, v := range want {
		if got[name] != v {
			t.Errorf("%s = %v, want %v", name, got[name], v)
		}
	}
}
