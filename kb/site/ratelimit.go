package site

import (
	"math"
	"sync"
	"time"
)

// Ticket rate limit: a token bucket per client IP.
const (
	// ticketBurst is how many ticket submissions a client may send at once: a person sends one
	// ticket, maybe a second with what they forgot; five leaves room for a shared office IP.
	ticketBurst = 5
	// ticketRefill is the time one submission token takes to come back: five a minute, which
	// no person typing a ticket reaches and which keeps a script from filling the outbox.
	ticketRefill = 12 * time.Second
	// maxTrackedClients bounds the limiter's memory (a few hundred bytes per client) when
	// requests come from very many addresses; see rateLimiter.sweep.
	maxTrackedClients = 100_000
)

// bucket is one client's tokens at the time of its last update.
type bucket struct {
	tokens float64
	at     time.Time
}

// rateLimiter is a token bucket per key (a client IP): each key holds up to burst tokens, one
// comes back every refill, and each action takes one. It is safe for concurrent use.
type rateLimiter struct {
	burst  float64
	refill time.Duration
	now    func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
}

func newRateLimiter(burst int, refill time.Duration, now func() time.Time) *rateLimiter {
	if now == nil {
		now = time.Now
	}
	return &rateLimiter{burst: float64(burst), refill: refill, now: now, buckets: map[string]*bucket{}}
}

// take takes one token for key. When the bucket is empty it takes nothing and returns how long
// until a token is back (for Retry-After).
func (l *rateLimiter) take(key string) (ok bool, wait time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.current(key, now)
	if b.tokens < 1 {
		return false, time.Duration(math.Ceil((1 - b.tokens) * float64(l.refill)))
	}
	b.tokens--
	return true, 0
}

// give returns a token taken for an action that turned out not to count (see the no-JS
// suggestions step).
func (l *rateLimiter) give(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.current(key, l.now())
	b.tokens = min(l.burst, b.tokens+1)
}

// current returns key's bucket refilled up to now, creating it full. Called with mu held.
func (l *rateLimiter) current(key string, now time.Time) *bucket {
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= maxTrackedClients {
			l.sweep(now)
		}
		b = &bucket{tokens: l.burst, at: now}
		l.buckets[key] = b
		return b
	}
	if elapsed := now.Sub(b.at); elapsed > 0 {
		b.tokens = min(l.burst, b.tokens+float64(elapsed)/float64(l.refill))
		b.at = now
	}
	return b
}

// sweep forgets the buckets that are full again (a forgotten key starts full, so forgetting
// them changes nothing). If every tracked client is still limited, the map is cleared: under
// such a flood of addresses a per-address limit no longer protects anything, and memory must
// stay bounded. Called with mu held.
func (l *rateLimiter) sweep(now time.Time) {
	full := time.Duration(l.burst * float64(l.refill))
	for k, b := range l.buckets {
		if now.Sub(b.at) >= full {
			delete(l.buckets, k)
		}
	}
	if len(l.buckets) >= maxTrackedClients {
		clear(l.buckets)
	}
}
