package stats

import (
	"context"
	"fmt"
	"time"

	"persiankb/kb/store"
)

// maxLiveDays bounds the live days the Roller keeps in memory: today, and yesterday until its
// horizon ends, plus one for a clock that jumps. A day of 10 million events a quarter
// (130,000 events in its scan window) takes about 15 MB.
const maxLiveDays = 3

// liveDay is a day still live, kept in memory between roll-up passes so that a pass reads only
// the events recorded since the previous one (by ID, the events table's primary key) instead
// of the day's whole scan window, recomputes the sessions' outcomes in memory, and writes only
// the roll-up rows that changed (store.RollupStore.PatchDay).
type liveDay struct {
	b      *dayBuilder
	cursor int64           // every event with a higher ID is still to be added
	stored store.DayRollup // what the last pass stored (Day "" before the first): the next one writes only the difference
}

// rollDay rolls up one day and stores it. A day kept in memory is brought up to date with the
// events added since its last pass; any other day is read whole from its scan window. last is
// an event ID every event at or below which was visible before this call (the pass's cursor).
// A day still live afterwards is kept in memory, a final one dropped.
func (r *Roller) rollDay(ctx context.Context, d Day, now time.Time, last int64) error {
	lv, err := r.liveDay(ctx, d, last)
	if err != nil {
		return fmt.Errorf("stats: roll up %s: %w", d, err)
	}
	roll := lv.b.rollUp(now)
	if err := r.save(ctx, lv.stored, roll); err != nil {
		return fmt.Errorf("stats: roll up %s: %w", d, err)
	}
	lv.stored = roll
	if IsFinal(d, r.c.Location, now) {
		delete(r.live, d)
		return nil
	}
	if r.live[d] == nil && len(r.live) >= maxLiveDays {
		oldest := d
		for k := range r.live {
			if k.Before(oldest) {
				oldest = k
			}
		}
		if oldest == d {
			return nil // older than every day kept: not worth keeping
		}
		delete(r.live, oldest)
	}
	r.live[d] = lv
	return nil
}

// save stores roll: only its difference from prev when prev is what the store holds (this
// Roller's last pass over the day, not replaced by another process's since), else whole.
func (r *Roller) save(ctx context.Context, prev, roll store.DayRollup) error {
	if prev.Day != "" {
		if ok, err := r.s.PatchDay(ctx, prev, roll); ok || err != nil {
			return err
		}
	}
	return r.s.ReplaceDay(ctx, roll)
}

// liveDay returns day d with every event recorded so far: the one kept in memory with the
// events added since its last pass, or else one read from the store. Reading by ID is exact
// because IDs grow in commit order (store.RollupStore): an event not yet seen has a higher ID
// than every event seen.
func (r *Roller) liveDay(ctx context.Context, d Day, last int64) (*liveDay, error) {
	if lv := r.live[d]; lv != nil {
		next := lv.cursor
		err := r.s.ScanEventsSince(ctx, lv.cursor, func(e store.Event) error {
			lv.b.add(e)
			next = max(next, e.ID)
			return nil
		})
		if err != nil {
			delete(r.live, d) // partly added: read it whole next time
			return nil, err
		}
		lv.cursor = next
		return lv, nil
	}
	lv := &liveDay{b: newDayBuilder(d, r.c.Location), cursor: last}
	from, to := ScanWindow(d, r.c.Location)
	err := r.s.ScanEvents(ctx, from, to, func(e store.Event) error {
		lv.b.add(e)
		lv.cursor = max(lv.cursor, e.ID)
		return nil
	})
	return lv, err
}
