package stats

import (
	"fmt"
	"time"
)

// dayLayout is how days are written everywhere: in the store, in reports and in exports.
const dayLayout = "2006-01-02"

// Day is a calendar date. Which instants it covers depends on the time zone the days are cut in
// (Start, End). The zero Day is not a valid date.
type Day struct{ t time.Time } // midnight UTC of the date, so == compares days

// DayOf is the date of instant t in loc.
func DayOf(t time.Time, loc *time.Location) Day {
	y, m, d := t.In(loc).Date()
	return Date(y, m, d)
}

// Date is the day y-m-d (normalized like time.Date: January 32 is February 1).
func Date(y int, m time.Month, d int) Day { return Day{time.Date(y, m, d, 0, 0, 0, 0, time.UTC)} }

// ParseDay parses "YYYY-MM-DD".
func ParseDay(s string) (Day, error) {
	t, err := time.Parse(dayLayout, s)
	if err != nil {
		return Day{}, fmt.Errorf("stats: bad day %q: want YYYY-MM-DD", s)
	}
	return Day{t}, nil
}

// String is "YYYY-MM-DD".
func (d Day) String() string { return d.t.Format(dayLayout) }

// IsZero reports whether d is the zero Day.
func (d Day) IsZero() bool { return d.t.IsZero() }

// AddDays is the day n days after d (before, when n < 0).
func (d Day) AddDays(n int) Day { return Day{d.t.AddDate(0, 0, n)} }

// Before reports whether d is earlier than o.
func (d Day) Before(o Day) bool { return d.t.Before(o.t) }

// Start is the first instant of d in loc.
func (d Day) Start(loc *time.Location) time.Time {
	y, m, dd := d.t.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, loc)
}

// End is the first instant of the next day in loc (days with a daylight-saving change are 23
// or 25 hours long).
func (d Day) End(loc *time.Location) time.Time { return d.AddDays(1).Start(loc) }

// Range is the inclusive range of days First..Last.
type Range struct{ First, Last Day }

// LastDays is the range of the n days ending with today (the day of now in loc).
func LastDays(now time.Time, n int, loc *time.Location) Range {
	today := DayOf(now, loc)
	return Range{First: today.AddDays(1 - max(n, 1)), Last: today}
}

// Days lists the days of r in order; nil when r is empty (Last before First).
func (r Range) Days() []Day {
	var days []Day
	for d := r.First; !r.Last.Before(d); d = d.AddDays(1) {
		days = append(days, d)
	}
	return days
}

// Len is the number of days in r.
func (r Range) Len() int {
	if r.Last.Before(r.First) {
		return 0
	}
	return int(r.Last.t.Sub(r.First.t).Hours()/24) + 1
}

// String is "FIRST..LAST".
func (r Range) String() string { return r.First.String() + ".." + r.Last.String() }
