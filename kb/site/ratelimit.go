package site

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"
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

// searchRoutes are the route templates the per-client search limit (Config.SearchPerMinute)
// applies to: every route that runs a search or a suggestion for the public.
var searchRoutes = map[string]bool{
	"/search": true, "/api/search": true, suggestAPIPath: true,
	"/api/v1/search": true, "/api/v1/suggest": true,
}

// newSearchLimiter returns the search limiter: perMinute tokens per client, all available at once
// (typing in the search box sends a suggestion per pause), refilled evenly over a minute; nil
// when perMinute is 0 (search is unlimited by default).
func newSearchLimiter(perMinute int) *rateLimiter {
	if perMinute <= 0 {
		return nil
	}
	return newRateLimiter(perMinute, time.Minute/time.Duration(perMinute), nil)
}

// limitSearch applies the per-client search limit: over it, 429 with Retry-After, as the
// Persian error page or the JSON error body. CORS preflights are not counted.
func (s *Server) limitSearch(c *gin.Context) {
	if s.searchLimit == nil || c.Request.Method == http.MethodOptions || !searchRoutes[c.FullPath()] {
		c.Next()
		return
	}
	ok, wait := s.searchLimit.take(c.ClientIP())
	if ok {
		c.Next()
		return
	}
	secs := retryAfter(c, wait)
	// The route's CORS middleware has not run yet: let the widget's and the API clients' pages
	// read the 429 (and its Retry-After) all the same.
	c.Writer.Header().Add("Vary", "Origin")
	if origin := c.GetHeader("Origin"); origin != "" && s.corsOrigins[strings.ToLower(origin)] {
		c.Header("Access-Control-Allow-Origin", origin)
		c.Header("Access-Control-Expose-Headers", "Retry-After")
	}
	s.respondError(c, &httpError{Status: http.StatusTooManyRequests, Code: codeRateLimited, Message: msgSearchRateLimited(secs)})
	c.Abort()
}

// limitForm applies the limiter *l (read at each request) to a public form's submissions before
// the body is read: over the limit, the 429 page with Retry-After and message(seconds to wait),
// and nothing is recorded.
func (s *Server) limitForm(l **rateLimiter, message func(secs int) string) gin.HandlerFunc {
	return func(c *gin.Context) {
		ok, wait := (*l).take(c.ClientIP())
		if ok {
			c.Next()
			return
		}
		secs := retryAfter(c, wait)
		s.pageError(c, &httpError{Status: http.StatusTooManyRequests, Code: codeRateLimited, Message: message(secs)})
		c.Abort()
	}
}

// retryAfter sets the Retry-After header to wait rounded up to whole seconds (at least one) and
// returns that number.
func retryAfter(c *gin.Context, wait time.Duration) int {
	secs := max(1, int(math.Ceil(wait.Seconds())))
	c.Header("Retry-After", strconv.Itoa(secs))
	return secs
}
