package site

import (
	"fmt"
	"testing"
	"time"
)

// fakeClock is a settable clock for the limiter.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestRateLimiter(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	l := newRateLimiter(ticketBurst, ticketRefill, clk.now)
	steps := []struct {
		advance time.Duration
		key     string
		ok      bool
		wait    time.Duration
	}{
		{0, "a", true, 0}, {0, "a", true, 0}, {0, "a", true, 0}, {0, "a", true, 0}, {0, "a", true, 0},
		{0, "a", false, ticketRefill},                    // the sixth in a minute
		{0, "b", true, 0},                                // another client has its own bucket
		{ticketRefill / 2, "a", false, ticketRefill / 2}, // half a token back
		{ticketRefill / 2, "a", true, 0},                 // one token back
		{0, "a", false, ticketRefill},
		{time.Hour, "a", true, 0}, // refilled, never above the burst
		{0, "a", true, 0}, {0, "a", true, 0}, {0, "a", true, 0}, {0, "a", true, 0},
		{0, "a", false, ticketRefill},
	}
	for i, s := range steps {
		clk.advance(s.advance)
		ok, wait := l.take(s.key)
		if ok != s.ok || wait != s.wait {
			t.Fatalf("step %d (%s): take = %v, %v; want %v, %v", i, s.key, ok, wait, s.ok, s.wait)
		}
	}
	l.give("a")
	if ok, _ := l.take("a"); !ok {
		t.Error("a token given back could not be taken")
	}
}

func TestRateLimiterMemoryBound(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)}
	l := newRateLimiter(2, time.Second, clk.now)
	for i := range maxTrackedClients {
		l.take(fmt.Sprint("idle-", i))
	}
	clk.advance(time.Minute) // every bucket is full again: forgettable
	l.take("new")
	if n := len(l.buckets); n != 1 {
		t.Errorf("%d buckets after the sweep, want 1", n)
	}
	for i := range maxTrackedClients + 10 {
		l.take(fmt.Sprint("busy-", i))
	}
	if n := len(l.buckets); n > maxTrackedClients {
		t.Errorf("%d buckets, bound %d", n, maxTrackedClients)
	}
}
