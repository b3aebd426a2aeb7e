package stats

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"persiankb/kb/store"
)

func openStore(t testing.TB) *store.SQLite {
	t.Helper()
	s, err := store.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatalf("OpenSQLite: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// threeDays are events over the day before day0, day0 and the day after, with a session that
// crosses midnight into the last day.
func threeDays() []store.Event {
	return []store.Event{
		search("p", "ارسال", 3, at(-14, 0)), click("p", "ارسال", "ship", at(-14, 1)), vote("p", "ship", "yes", at(-14, 2)),
		formStart("a", false, at(9, 0)), shown("a", at(9, 1)), solved("a", "refund", at(9, 2)),
		search("b", "پیگیری سفارش", 0, at(10, 0)), search("", "پيگيري سفارش", 0, at(10, 5)),
		formStart("h", true, at(11, 0)), submit("h", true, at(11, 4)),
		formStart("m", false, at(23, 50)), shown("m", at(23, 55)), submit("m", false, at(24, 10)),
		view("n", "ship", store.SourceDirect, at(30, 0)), vote("n", "ship", "no", at(30, 1)),
	}
}

func TestRollerRollUp(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	if err := s.InsertEvents(ctx, threeDays()); err != nil {
		t.Fatal(err)
	}
	quiet := slog.New(slog.DiscardHandler)
	r, err := NewRoller(s, RollerConfig{Location: tehran, Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}
	now := at(36, 0) // noon of the day after day0
	rng := Range{day0.AddDays(-1), day0.AddDays(1)}
	rollUp := func(want ...Day) {
		t.Helper()
		res, err := r.RollUp(ctx, now)
		if err != nil {
			t.Fatalf("RollUp: %v", err)
		}
		if fmt.Sprint(res.Days) != fmt.Sprint(want) {
			t.Errorf("RollUp rolled up %v, want %v", res.Days, want)
		}
	}

	t.Run("first roll-up", func(t *testing.T) {
		rollUp(rng.Days()...)
		checkReport(t, s, rng, threeDays(), now)
	})
	t.Run("nothing new: a quiet live day is left alone", func(t *testing.T) {
		rollUp()
	})
	t.Run("late event for a finished day", func(t *testing.T) {
		late := search("q", "ارسال", 0, at(-13, 0))
		if err := s.InsertEvents(ctx, []store.Event{late}); err != nil {
			t.Fatal(err)
		}
		rollUp(day0.AddDays(-1))
		checkReport(t, s, rng, append(threeDays(), late), now)
	})
	t.Run("time zone change rolls up again", func(t *testing.T) {
		utc, err := NewRoller(s, RollerConfig{Location: time.UTC, Logger: quiet})
		if err != nil {
			t.Fatal(err)
		}
		res, err := utc.RollUp(ctx, now)
		if err != nil || len(res.Days) < 3 {
			t.Fatalf("RollUp in UTC = %v, %v; want every day again", res.Days, err)
		}
		r.c.Location = tehran // back, for the next subtest
		if res, err := r.RollUp(ctx, now); err != nil || len(res.Days) < 3 {
			t.Fatalf("RollUp back in Tehran = %v, %v", res.Days, err)
		}
	})
	t.Run("retention keeps roll-ups", func(t *testing.T) {
		before, err := Compute(ctx, s, rng, 10)
		if err != nil {
			t.Fatal(err)
		}
		keep, err := NewRoller(s, RollerConfig{Location: tehran, KeepRaw: 3 * 24 * time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		later := now.Add(5 * 24 * time.Hour)
		res, err := keep.RollUp(ctx, later)
		if err != nil || res.Deleted != int64(len(threeDays())+1) {
			t.Fatalf("RollUp with retention deleted %d, %v; want every event", res.Deleted, err)
		}
		after, err := Compute(ctx, s, rng, 10)
		if err != nil {
			t.Fatal(err)
		}
		after.RolledAt, after.Live = before.RolledAt, before.Live // the live day was finished
		if fmt.Sprintf("%+v", after) != fmt.Sprintf("%+v", before) {
			t.Errorf("report changed after retention\nbefore %+v\n after %+v", before, after)
		}
	})
}

// checkReport compares the report Compute reads from the store with one built in memory from
// the same events: the SQL sums and rankings must agree with the Go ones.
func checkReport(t *testing.T, s *store.SQLite, rng Range, events []store.Event, now time.Time) {
	t.Helper()
	got, err := Compute(context.Background(), s, rng, 10)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	var days []store.DayRollup
	articles := map[string]store.ArticleCounts{}
	queries := map[string]store.QueryCounts{}
	for _, d := range rng.Days() {
		r := RollUpDay(d, tehran, withIDs(events), now)
		days = append(days, r)
		for _, a := range r.Articles {
			c := articles[a.Slug]
			c.Add(a.ArticleCounts)
			articles[a.Slug] = c
		}
		for _, q := range r.Queries {
			c := queries[q.Query]
			c.Add(q.QueryCounts)
			queries[q.Query] = c
		}
	}
	var rows []store.ArticleRow
	for _, slug := range []string{"refund", "ship"} { // by slug, as the store returns them
		rows = append(rows, store.ArticleRow{Slug: slug, ArticleCounts: articles[slug]})
	}
	want := Build(rng, days, rows, 10)
	if fmt.Sprintf("%+v %+v", got.Figures, got.Totals) != fmt.Sprintf("%+v %+v", want.Figures, want.Totals) {
		t.Errorf("figures from the store\n got %+v %+v\nwant %+v %+v", got.Figures, got.Totals, want.Figures, want.Totals)
	}
	if fmt.Sprintf("%+v", got.Articles) != fmt.Sprintf("%+v", want.Articles) {
		t.Errorf("articles from the store\n got %+v\nwant %+v", got.Articles, want.Articles)
	}
	top := store.QueryRow{Query: "پیگیری سفارش", QueryCounts: queries["پیگیری سفارش"]}
	if len(got.ZeroResultQueries) == 0 || got.ZeroResultQueries[0] != top {
		t.Errorf("zero-result queries = %+v, want %+v first", got.ZeroResultQueries, top)
	}
	if queries["پیگیری سفارش"].Searches != 2 {
		t.Errorf("spelling variants not grouped: %+v", queries)
	}
}

func TestNewRoller(t *testing.T) {
	s := openStore(t)
	tests := []struct {
		name string
		c    RollerConfig
		ok   bool
	}{
		{"no zone", RollerConfig{}, false},
		{"negative retention", RollerConfig{Location: tehran, KeepRaw: -time.Hour}, false},
		{"retention under two days", RollerConfig{Location: tehran, KeepRaw: 24 * time.Hour}, false},
		{"keep forever", RollerConfig{Location: tehran}, true},
		{"90 days", RollerConfig{Location: tehran, KeepRaw: 90 * 24 * time.Hour}, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := NewRoller(s, tc.c); (err == nil) != tc.ok {
				t.Errorf("NewRoller error = %v, want ok=%v", err, tc.ok)
			}
		})
	}
}

func TestRollerRun(t *testing.T) {
	s := openStore(t)
	if err := s.InsertEvents(context.Background(), threeDays()); err != nil {
		t.Fatal(err)
	}
	r, err := NewRoller(s, RollerConfig{Location: tehran})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { r.Run(ctx, time.Hour); close(done) }()
	// Run rolls up at once; wait for it through the state it records, then stop it.
	for {
		st, err := s.RollupState(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if st.LastEventID > 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	days, err := s.Days(context.Background(), "2025-03-01", "2025-03-31")
	if err != nil || len(days) != 3 {
		t.Errorf("after Run: %d days rolled up, %v; want 3", len(days), err)
	}
}

// TestRollerSettlesLiveDay follows one live day without new events: it is rolled up again while
// a window is pending, left alone once nothing can change before its horizon, and rolled up a
// last time, final, when the horizon ends.
func TestRollerSettlesLiveDay(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	if err := s.InsertEvents(ctx, []store.Event{formStart("s", false, at(10, 0)), shown("s", at(10, 1))}); err != nil {
		t.Fatal(err)
	}
	r, err := NewRoller(s, RollerConfig{Location: tehran})
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name    string
		now     time.Time
		rolled  int
		pending int64
		shown   int64
		final   bool
	}{
		{"window open", at(10, 10), 1, 1, 0, false},
		{"window closed", at(10, 31), 1, 0, 1, false},
		{"quiet", at(12, 0), 0, 0, 1, false},
		{"horizon over", at(26, 0), 1, 0, 1, true},
		{"final", at(40, 0), 0, 0, 1, true},
	}
	for _, st := range steps {
		res, err := r.RollUp(ctx, st.now)
		if err != nil {
			t.Fatalf("%s: RollUp: %v", st.name, err)
		}
		days, err := s.Days(ctx, day0.String(), day0.String())
		if err != nil || len(days) != 1 {
			t.Fatalf("%s: Days = %v, %v", st.name, days, err)
		}
		d := days[0]
		if len(res.Days) != st.rolled || d.Totals.PendingShown != st.pending || d.Totals.ShownSessions != st.shown || d.Final != st.final {
			t.Errorf("%s: rolled %v, pending %d, shown %d, final %v; want %d days, %d, %d, %v", st.name,
				res.Days, d.Totals.PendingShown, d.Totals.ShownSessions, d.Final, st.rolled, st.pending, st.shown, st.final)
		}
	}
}
