package stats

import (
	"context"
	"fmt"
	"log/slog"
	"math"
	"testing"
	"time"

	"persiankb/kb/store"
)

// windowScans counts the scans of a day's scan window on a real store: the reads a live day
// kept in memory must not repeat.
type windowScans struct {
	*store.SQLite
	scans map[time.Time]int // by the window's start
}

func (w *windowScans) ScanEvents(ctx context.Context, from, to time.Time, fn func(store.Event) error) error {
	w.scans[from]++
	return w.SQLite.ScanEvents(ctx, from, to, fn)
}

// TestRollerLiveDayIncremental feeds a day's traffic to the Roller in passes, as the site
// records it (late and out-of-order events, sessions spanning passes, Do-Not-Track visits), and
// checks after every pass that the roll-up kept in memory and stored (whole, or only what
// changed) equals the one computed from scratch from every event in the store, also after
// another replica rolled the day up in between, and that a live day is read whole only once.
func TestRollerLiveDayIncremental(t *testing.T) {
	ctx := context.Background()
	s := &windowScans{SQLite: openStore(t), scans: map[time.Time]int{}}
	r, err := NewRoller(s, RollerConfig{Location: tehran, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	g := newGenerator(1)
	g.start = day0.Start(tehran)
	hand := [][]store.Event{ // hand-built sequences whose outcome changes between passes
		{search("x", "ارسال", 2, at(1, 0))}, // pass 0: pending search
		{click("x", "ارسال", "ship", at(1, 5)), formStart("y", false, at(1, 10)), shown("y", at(1, 11))}, // clicked; shown
		{submit("y", false, at(1, 20)), view("late", "a", store.SourceDirect, at(0, 30))},                // no deflection; a late event
		{search("", "پيگيري", 3, at(0, 45))},                                                             // Do-Not-Track, late
	}
	for pass := range 14 {
		now := at(pass*2+1, 30) // every two hours, into the day after (the horizon)
		var evs []store.Event
		for range 40 {
			evs = append(evs, g.session(now.Add(-time.Duration(g.rng.Int64N(int64(3*time.Hour)))))...)
		}
		if pass < len(hand) {
			evs = append(evs, hand[pass]...)
		}
		if err := s.InsertEvents(ctx, evs); err != nil {
			t.Fatal(err)
		}
		if pass == 5 { // another replica rolls the day up first: r's stored roll-up is stale
			other, err := NewRoller(s.SQLite, RollerConfig{Location: tehran, Logger: slog.New(slog.DiscardHandler)})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := other.RollUp(ctx, now.Add(-time.Minute)); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := r.RollUp(ctx, now); err != nil {
			t.Fatalf("pass %d: RollUp: %v", pass, err)
		}
		t.Run(fmt.Sprintf("pass %d at %s", pass, now.In(tehran).Format("Jan 2 15:04")), func(t *testing.T) {
			checkStoredDay(t, s.SQLite, day0, now)
		})
	}
	// Late events make the final day before day0 dirty again: it is read whole each time.
	from, _ := ScanWindow(day0, tehran)
	if n := s.scans[from]; n != 1 {
		t.Errorf("day %s was read whole %d times over its passes; want once", day0, n)
	}
	if _, ok := r.live[day0]; ok {
		t.Errorf("day %s is final but still kept in memory", day0)
	}
}

// checkStoredDay compares the stored roll-up of d with RollUpDay over every event in the store.
func checkStoredDay(t *testing.T, s *store.SQLite, d Day, now time.Time) {
	t.Helper()
	ctx := context.Background()
	var all []store.Event
	if err := s.ScanEvents(ctx, time.UnixMilli(0), time.UnixMilli(math.MaxInt64/2), func(e store.Event) error {
		all = append(all, e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := RollUpDay(d, tehran, all, now)
	days, err := s.Days(ctx, d.String(), d.String())
	if err != nil || len(days) != 1 {
		t.Fatalf("Days = %+v, %v", days, err)
	}
	articles, err := s.ArticleTotals(ctx, d.String(), d.String())
	if err != nil {
		t.Fatal(err)
	}
	queries, err := s.QueryTotals(ctx, d.String(), d.String(), store.BySearches, 1_000_000)
	if err != nil {
		t.Fatal(err)
	}
	if days[0].Totals != want.Totals || days[0].Final != want.Final {
		t.Errorf("totals\n got %+v final %v\nwant %+v final %v", days[0].Totals, days[0].Final, want.Totals, want.Final)
	}
	if fmt.Sprint(articles) != fmt.Sprint(want.Articles) {
		t.Errorf("articles\n got %+v\nwant %+v", articles, want.Articles)
	}
	byQuery := map[string]store.QueryCounts{}
	for _, q := range queries {
		byQuery[q.Query] = q.QueryCounts
	}
	for _, q := range want.Queries {
		if byQuery[q.Query] != q.QueryCounts {
			t.Errorf("query %q: got %+v, want %+v", q.Query, byQuery[q.Query], q.QueryCounts)
		}
	}
	if len(queries) != len(want.Queries) {
		t.Errorf("%d query rows, want %d", len(queries), len(want.Queries))
	}
	if want.Totals.Events == 0 {
		t.Error("the day has no events: the test checks nothing")
	}
}
