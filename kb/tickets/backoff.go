package tickets

import (
	"math"
	"time"
)

// Retry defaults. With them a delivery is attempted 12 times over 4 to 8 hours (30 s, 1 m,
// 2 m, ... doubling up to 2 h between attempts, less jitter) before it is marked failed: a
// support system that is down for a working day's maintenance still gets every ticket, and an
// admin sees the failure the same day.
const (
	DefaultBaseDelay   = 30 * time.Second
	DefaultFactor      = 2.0
	DefaultMaxDelay    = 2 * time.Hour
	DefaultMaxAttempts = 12
)

// Backoff is an exponential backoff with jitter: the delay after the n-th failed attempt is
// d = min(Max, Base × Factorⁿ⁻¹), then drawn uniformly from [d/2, d) ("equal jitter"), so
// retries of many tickets after an outage spread out but never come back sooner than half the
// planned delay.
type Backoff struct {
	Base   time.Duration
	Factor float64
	Max    time.Duration
}

// DefaultBackoff is the backoff used when Config.Backoff is zero.
func DefaultBackoff() Backoff {
	return Backoff{Base: DefaultBaseDelay, Factor: DefaultFactor, Max: DefaultMaxDelay}
}

// Delay is the wait after failed attempt number attempt (1-based), with r in [0, 1) the
// random draw.
func (b Backoff) Delay(attempt int, r float64) time.Duration {
	d := float64(b.Base) * math.Pow(b.Factor, float64(max(attempt, 1)-1))
	if d > float64(b.Max) || math.IsInf(d, 0) || math.IsNaN(d) {
		d = float64(b.Max)
	}
	return time.Duration(d/2 + r*d/2)
}
