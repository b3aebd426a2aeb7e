// Package stats computes the help center's metrics (deflection, search, helpfulness, content
// gaps) from recorded events, as plain functions: RollUpDay turns one day of events into the
// counters the store keeps, Build and Compute turn counters into a Report, and Roller keeps the
// roll-ups current. The definitions are the README's "Metrics" section.
package stats

import (
	"fmt"
	"time"
)

// Window is the 30 minutes of the definitions: a ticket submitted within Window of the last
// suggestion shown is not a deflection; a result click within Window of a search is the
// search's click; a search with no other event of the session within Window is an exit.
const Window = 30 * time.Minute

// Horizon is how far past the end of its day a session's events are taken into account (and
// how far before a day's start the roll-up looks to tell a session that began the day before).
// Two hours covers a visit that crosses midnight; the session cookie expires after 30 idle
// minutes, so a session rarely lasts that long.
const Horizon = 2 * time.Hour

// MinVotes is the fewest "was this helpful" votes for an article's helpfulness ratio to be
// ranked: below it one vote moves the ratio by 20 points or more, so rankings would be noise.
const MinVotes = 5

// Ratio is a fraction of two counts, kept as counts so a report can show both and so "no data"
// (Den == 0) is never mistaken for 0%.
type Ratio struct{ Num, Den int64 }

// Value is Num/Den; ok is false when Den is 0.
func (r Ratio) Value() (v float64, ok bool) {
	if r.Den == 0 {
		return 0, false
	}
	return float64(r.Num) / float64(r.Den), true
}

// Percent formats the ratio as "42.1%", or "–" without data.
func (r Ratio) Percent() string {
	v, ok := r.Value()
	if !ok {
		return "–"
	}
	return fmt.Sprintf("%.1f%%", 100*v)
}

// Interval is an estimate with a confidence interval.
type Interval struct {
	Estimate, Low, High float64
	OK                  bool // false when there is not enough data for an estimate
}
