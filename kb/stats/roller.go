package stats

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"persiankb/kb/store"
)

// liveLookback is how far back Roller looks for days rolled up before their horizon ended, to
// finish them: longer than any outage we expect the site to have.
const liveLookback = 60 * 24 * time.Hour

// RollerStore is what Roller needs of the store.
type RollerStore interface {
	ScanEvents(ctx context.Context, from, to time.Time, fn func(store.Event) error) error
	// ScanEventsSince (in store.RollupStore) reads the events added since a live day's last pass.
	DeleteEventsBefore(ctx context.Context, t time.Time) (int64, error)
	store.RollupStore
}

// RollerConfig configures a Roller.
type RollerConfig struct {
	// Location is the time zone days are cut in (required). Changing it re-rolls every day that
	// still has raw events; older days keep the zone they were rolled up in.
	Location *time.Location
	// KeepRaw is how long raw events are kept (retention); 0 keeps them forever. Roll-ups are
	// kept regardless. A day whose raw events are partly gone is never rolled up again, and the
	// raw events of a day still live are kept until it is final.
	KeepRaw time.Duration
	Logger  *slog.Logger // nil: slog.Default()
}

// Roller keeps the roll-ups current: each RollUp redoes the days touched by events added since
// the previous one (late and out-of-order events included) and the days still live, then
// applies retention. Safe for concurrent use; several processes sharing a store may each run
// one (a day rolled up twice gets the same figures).
type Roller struct {
	s    RollerStore
	c    RollerConfig
	mu   sync.Mutex       // one RollUp at a time; guards live
	live map[Day]*liveDay // live days kept in memory between passes (live.go)
}

// NewRoller returns a Roller over s.
func NewRoller(s RollerStore, c RollerConfig) (*Roller, error) {
	if c.Location == nil {
		return nil, errors.New("stats: roller needs a time zone")
	}
	if c.KeepRaw < 0 {
		return nil, fmt.Errorf("stats: negative raw event retention %v", c.KeepRaw)
	}
	if c.KeepRaw > 0 && c.KeepRaw < 2*24*time.Hour {
		return nil, fmt.Errorf("stats: raw event retention %v is shorter than two days: days could not be rolled up", c.KeepRaw)
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return &Roller{s: s, c: c, live: map[Day]*liveDay{}}, nil
}

// RollupResult says what a RollUp did.
type RollupResult struct {
	Days        []Day // days rolled up, in order
	LastEventID int64 // events up to this ID are now reflected
	Deleted     int64 // raw events deleted by retention
}

// RollUp brings the roll-ups up to date at time now.
func (r *Roller) RollUp(ctx context.Context, now time.Time) (RollupResult, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	var res RollupResult
	dirty, live, last, err := r.dirtyDays(ctx, now)
	if err != nil {
		return res, err
	}
	loc := r.c.Location
	retained := now.Add(-r.c.KeepRaw) // raw events before this are deleted, or about to be
	cutoff, rolled := retained, map[Day]bool{}
	keep := func(d Day) { // never delete what a live day will be rolled up from again
		if from, _ := ScanWindow(d, loc); from.Before(cutoff) {
			cutoff = from
		}
	}
	for _, d := range sortedDays(dirty) {
		if from, _ := ScanWindow(d, loc); r.c.KeepRaw > 0 && !live[d] && from.Before(retained) {
			continue // a late event for a day whose raw events are partly gone: keep its roll-up
		}
		if err := r.rollDay(ctx, d, now, last); err != nil {
			return res, err
		}
		res.Days, rolled[d] = append(res.Days, d), true
		if !IsFinal(d, loc, now) {
			keep(d)
		}
	}
	for d := range live {
		if !rolled[d] {
			keep(d)
		}
	}
	if err := r.s.SetRollupState(ctx, store.RollupState{LastEventID: last, TimeZone: loc.String()}); err != nil {
		return res, fmt.Errorf("stats: roll-up: %w", err)
	}
	res.LastEventID = last
	if r.c.KeepRaw > 0 {
		if res.Deleted, err = r.deleteBefore(ctx, cutoff); err != nil {
			return res, fmt.Errorf("stats: retention: %w", err)
		}
	}
	return res, nil
}

// retentionStep is how much time of raw events one DELETE removes: an hour of a busy site
// (10 million events a quarter) is about 5,000 rows, some 50 ms of holding the write lock, so
// the Recorder's batches and ticket commits wait little behind retention, even on the first run
// over months of events.
const retentionStep = time.Hour

// errStop ends a scan early.
var errStop = errors.New("stop")

// deleteBefore deletes the raw events before cutoff, oldest first, retentionStep at a time.
func (r *Roller) deleteBefore(ctx context.Context, cutoff time.Time) (int64, error) {
	var oldest time.Time
	err := r.s.ScanEvents(ctx, time.UnixMilli(0), cutoff, func(e store.Event) error {
		oldest = e.OccurredAt
		return errStop
	})
	if err != nil && !errors.Is(err, errStop) {
		return 0, err
	}
	if oldest.IsZero() {
		return 0, nil
	}
	var total int64
	for t := oldest.Truncate(retentionStep).Add(retentionStep); ; t = t.Add(retentionStep) {
		t = minTime(t, cutoff)
		n, err := r.s.DeleteEventsBefore(ctx, t)
		total += n
		if err != nil || !t.Before(cutoff) {
			return total, err
		}
	}
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// dirtyDays returns the days to roll up: those whose scan window holds an event added since the
// last roll-up, and the live days (rolled up before their horizon ended) that have windows
// pending or whose horizon has ended since. It also returns every live day: their raw events
// are kept until they are final.
func (r *Roller) dirtyDays(ctx context.Context, now time.Time) (dirty, live map[Day]bool, last int64, err error) {
	loc := r.c.Location
	st, err := r.s.RollupState(ctx)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("stats: roll-up: %w", err)
	}
	after := st.LastEventID
	if st.TimeZone != "" && st.TimeZone != loc.String() {
		r.c.Logger.Warn("stats: time zone changed: rolling up every day again", "from", st.TimeZone, "to", loc.String())
		after = 0
	}
	hours, last, err := r.s.EventHoursSince(ctx, after)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("stats: roll-up: %w", err)
	}
	dirty, live = map[Day]bool{}, map[Day]bool{}
	for _, h := range hours {
		start := time.UnixMilli(h * int64(time.Hour/time.Millisecond))
		// An event can change the roll-up of any day whose scan window holds it.
		for d := DayOf(start.Add(-Horizon), loc); !DayOf(start.Add(time.Hour+Horizon), loc).Before(d); d = d.AddDays(1) {
			dirty[d] = true
		}
	}
	rng := LastDays(now, int(liveLookback/(24*time.Hour)), loc)
	rolled, err := r.s.Days(ctx, rng.First.String(), rng.Last.AddDays(1).String())
	if err != nil {
		return nil, nil, 0, fmt.Errorf("stats: roll-up: %w", err)
	}
	for _, d := range rolled {
		day, err := ParseDay(d.Day)
		if d.Final || err != nil {
			continue
		}
		live[day] = true
		if t := d.Totals; t.PendingShown+t.PendingForms+t.PendingSearches > 0 || IsFinal(day, loc, now) {
			dirty[day] = true
		}
	}
	return dirty, live, last, nil
}

func sortedDays[V any](set map[Day]V) []Day {
	days := make([]Day, 0, len(set))
	for d := range set {
		days = append(days, d)
	}
	slices.SortFunc(days, func(a, b Day) int { return a.t.Compare(b.t) })
	return days
}

// Run rolls up every interval until ctx is done; failures are logged and retried next time.
func (r *Roller) Run(ctx context.Context, every time.Duration) {
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		start := time.Now()
		res, err := r.RollUp(ctx, start)
		switch {
		case ctx.Err() != nil:
			return
		case err != nil:
			r.c.Logger.Error("stats: roll-up failed", "err", err)
		case len(res.Days) > 0 || res.Deleted > 0:
			r.c.Logger.Debug("stats: rolled up", "days", len(res.Days), "deleted", res.Deleted, "took", time.Since(start))
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}
