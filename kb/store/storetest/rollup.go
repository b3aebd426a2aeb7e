package storetest

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"
	"time"

	"persiankb/kb/store"
)

// rollups returns the backend's RollupStore, or skips the test when it has none yet.
func rollups(t *testing.T, s store.Store) store.RollupStore {
	t.Helper()
	r, ok := s.(store.RollupStore)
	if !ok {
		t.Skipf("%T does not implement store.RollupStore yet", s)
	}
	return r
}

// sampleDays are three days of roll-ups; the middle one has no article or query rows.
func sampleDays() []store.DayRollup {
	return []store.DayRollup{
		{Day: "2025-03-20", RolledAt: t0, Final: true,
			Totals: store.DayTotals{Events: 10, Searches: 4, Sessions: 3, ShownSessions: 2, ImplicitDeflections: 1, PendingSearches: 7},
			Articles: []store.ArticleRow{
				{Slug: "refund", ArticleCounts: store.ArticleCounts{Views: 3, HelpfulYes: 2, ImplicitDeflections: 1}},
				{Slug: "بازگشت-وجه", ArticleCounts: store.ArticleCounts{Views: 1, ViewsDirect: 1}},
			},
			Queries: []store.QueryRow{
				{Query: "بازگشت وجه", QueryCounts: store.QueryCounts{Searches: 3, WithResults: 3, Clicked: 1}},
				{Query: "پیگیری", QueryCounts: store.QueryCounts{Searches: 1, ZeroResults: 1}},
			}},
		{Day: "2025-03-21", RolledAt: t0.Add(time.Hour), Totals: store.DayTotals{Events: 1, DNTEvents: 1}},
		{Day: "2025-03-22", RolledAt: t0.Add(2 * time.Hour),
			Totals: store.DayTotals{Events: 5, Searches: 5, Sessions: 1, ExplicitDeflections: 1},
			Articles: []store.ArticleRow{
				{Slug: "refund", ArticleCounts: store.ArticleCounts{Views: 2, HelpfulNo: 1, ExplicitDeflections: 1}},
			},
			Queries: []store.QueryRow{
				{Query: "پیگیری", QueryCounts: store.QueryCounts{Searches: 2, ZeroResults: 2}},
				{Query: "ارسال", QueryCounts: store.QueryCounts{Searches: 3, WithResults: 2, Clicked: 2, Exits: 1}},
			}},
	}
}

func testRollupDays(t *testing.T, newDB NewDB) {
	ctx := context.Background()
	r := rollups(t, openOnce(t, newDB))
	days := sampleDays()
	for _, d := range days {
		if err := r.ReplaceDay(ctx, d); err != nil {
			t.Fatalf("ReplaceDay(%s): %v", d.Day, err)
		}
	}
	// Rolling a day up again replaces all of its rows.
	again := days[0]
	again.Totals.Events = 11
	again.Articles = again.Articles[:1]
	again.Queries = nil
	if err := r.ReplaceDay(ctx, again); err != nil {
		t.Fatalf("ReplaceDay again: %v", err)
	}
	days[0] = again
	if err := r.ReplaceDay(ctx, store.DayRollup{}); err == nil {
		t.Errorf("ReplaceDay accepted a roll-up without a day")
	}
	tests := []struct {
		name        string
		first, last string
		want        []store.DayRollup
	}{
		{"all", "2025-03-01", "2025-03-31", days},
		{"inclusive bounds", "2025-03-21", "2025-03-22", days[1:]},
		{"one day", "2025-03-20", "2025-03-20", days[:1]},
		{"none", "2025-04-01", "2025-04-30", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := r.Days(ctx, tc.first, tc.last)
			if err != nil {
				t.Fatalf("Days: %v", err)
			}
			var want []store.DayRollup
			for _, d := range tc.want {
				d.Articles, d.Queries = nil, nil
				want = append(want, d)
			}
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
				t.Errorf("Days(%s, %s)\n got %+v\nwant %+v", tc.first, tc.last, got, want)
			}
		})
	}
}

// testRollupScanSince reads more events than one page of any backend (PostgreSQL reads 5,000
// at a time, and groups 10,000 into hours): every one, once, by ID, from any starting ID.
func testRollupScanSince(t *testing.T, newDB NewDB) {
	ctx := context.Background()
	s := openOnce(t, newDB)
	r := rollups(t, s)
	const total = 12_001
	events := make([]store.Event, total)
	for i := range events {
		events[i] = store.Event{OccurredAt: t0.Add(time.Duration(i) * time.Second), Type: store.EventArticleView, Slug: fmt.Sprint("a", i)}
	}
	if err := s.InsertEvents(ctx, events); err != nil {
		t.Fatalf("InsertEvents: %v", err)
	}
	var ids []int64
	if err := r.ScanEventsSince(ctx, 0, func(e store.Event) error { ids = append(ids, e.ID); return nil }); err != nil {
		t.Fatalf("ScanEventsSince(0): %v", err)
	}
	if len(ids) != total || !slices.IsSorted(ids) || len(slices.Compact(slices.Clone(ids))) != total {
		t.Fatalf("ScanEventsSince(0) read %d events (sorted %v); want %d distinct, by ID", len(ids), slices.IsSorted(ids), total)
	}
	hours, last, err := r.EventHoursSince(ctx, 0)
	first := t0.UnixMilli() / int64(time.Hour/time.Millisecond)
	lastHour := t0.Add((total-1)*time.Second).UnixMilli() / int64(time.Hour/time.Millisecond)
	if err != nil || last != ids[total-1] || len(hours) != int(lastHour-first+1) || hours[0] != first || hours[len(hours)-1] != lastHour {
		t.Errorf("EventHoursSince(0) = %v, %d, %v; want hours %d..%d and ID %d", hours, last, err, first, lastHour, ids[total-1])
	}
	if hours, _, err := r.EventHoursSince(ctx, ids[total-2]); err != nil || len(hours) != 1 || hours[0] != lastHour {
		t.Errorf("EventHoursSince(the one before last) = %v, %v; want [%d]", hours, err, lastHour)
	}
	for _, from := range []int{0, 4999, 5000, 5001, total - 1} {
		n := 0
		if err := r.ScanEventsSince(ctx, ids[from], func(e store.Event) error { n++; return nil }); err != nil {
			t.Fatalf("ScanEventsSince: %v", err)
		}
		if n != total-1-from {
			t.Errorf("ScanEventsSince(ID of event %d) read %d events, want %d", from, n, total-1-from)
		}
	}
}

// testRollupPatch checks PatchDay against what ReplaceDay would have stored, and that it writes
// nothing once another roll-up has replaced the day.
func testRollupPatch(t *testing.T, newDB NewDB) {
	ctx := context.Background()
	r := rollups(t, openOnce(t, newDB))
	prev := sampleDays()[0]
	prev.Final = false
	if err := r.ReplaceDay(ctx, prev); err != nil {
		t.Fatalf("ReplaceDay: %v", err)
	}
	next := prev
	next.RolledAt = prev.RolledAt.Add(5 * time.Minute)
	next.Totals.Events, next.Totals.PendingSearches = 14, 0
	next.Articles = []store.ArticleRow{
		{Slug: "new-article", ArticleCounts: store.ArticleCounts{Views: 1, ViewsSearch: 1}},                   // new
		{Slug: "refund", ArticleCounts: store.ArticleCounts{Views: 4, HelpfulYes: 2, ImplicitDeflections: 1}}, // changed
	} // بازگشت-وجه gone
	next.Queries = []store.QueryRow{
		prev.Queries[0], // unchanged
		{Query: "پیگیری", QueryCounts: store.QueryCounts{Searches: 2, ZeroResults: 2}},             // changed
		{Query: "=cmd|' /C calc'!A0", QueryCounts: store.QueryCounts{Searches: 1, WithResults: 1}}, // new
	}
	check := func(t *testing.T, want store.DayRollup) {
		t.Helper()
		days, err := r.Days(ctx, want.Day, want.Day)
		if err != nil || len(days) != 1 || days[0].Totals != want.Totals || !days[0].RolledAt.Equal(want.RolledAt) {
			t.Errorf("Days = %+v, %v; want totals %+v rolled at %v", days, err, want.Totals, want.RolledAt)
		}
		articles, err := r.ArticleTotals(ctx, want.Day, want.Day)
		if err != nil || fmt.Sprint(articles) != fmt.Sprint(want.Articles) {
			t.Errorf("ArticleTotals = %+v, %v; want %+v", articles, err, want.Articles)
		}
		queries, err := r.QueryTotals(ctx, want.Day, want.Day, store.BySearches, 100)
		wantQ := slices.Clone(want.Queries)
		slices.SortFunc(wantQ, func(a, b store.QueryRow) int {
			return cmp.Or(cmp.Compare(b.Searches, a.Searches), cmp.Compare(a.Query, b.Query))
		})
		if err != nil || fmt.Sprint(queries) != fmt.Sprint(wantQ) {
			t.Errorf("QueryTotals = %+v, %v; want %+v", queries, err, wantQ)
		}
	}
	t.Run("applied", func(t *testing.T) {
		if ok, err := r.PatchDay(ctx, prev, next); err != nil || !ok {
			t.Fatalf("PatchDay = %v, %v; want applied", ok, err)
		}
		check(t, next)
	})
	t.Run("stale: another roll-up replaced the day", func(t *testing.T) {
		other := next
		other.Totals.Events = 99
		if ok, err := r.PatchDay(ctx, prev, other); err != nil || ok {
			t.Fatalf("PatchDay from a stale roll-up = %v, %v; want not applied", ok, err)
		}
		check(t, next)
	})
	t.Run("bad arguments", func(t *testing.T) {
		if _, err := r.PatchDay(ctx, prev, sampleDays()[2]); err == nil {
			t.Error("PatchDay accepted roll-ups of two different days")
		}
	})
}

func testRollupTotals(t *testing.T, newDB NewDB) {
	ctx := context.Background()
	r := rollups(t, openOnce(t, newDB))
	for _, d := range sampleDays() {
		if err := r.ReplaceDay(ctx, d); err != nil {
			t.Fatalf("ReplaceDay(%s): %v", d.Day, err)
		}
	}
	t.Run("articles", func(t *testing.T) {
		got, err := r.ArticleTotals(ctx, "2025-03-20", "2025-03-22")
		if err != nil {
			t.Fatalf("ArticleTotals: %v", err)
		}
		want := []store.ArticleRow{
			{Slug: "refund", ArticleCounts: store.ArticleCounts{Views: 5, HelpfulYes: 2, HelpfulNo: 1, ExplicitDeflections: 1, ImplicitDeflections: 1}},
			{Slug: "بازگشت-وجه", ArticleCounts: store.ArticleCounts{Views: 1, ViewsDirect: 1}},
		}
		if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
			t.Errorf("ArticleTotals\n got %+v\nwant %+v", got, want)
		}
		if got, err := r.ArticleTotals(ctx, "2025-03-21", "2025-03-21"); err != nil || len(got) != 0 {
			t.Errorf("ArticleTotals of a day without articles = %+v, %v", got, err)
		}
	})
	q := func(query string, c store.QueryCounts) store.QueryRow {
		return store.QueryRow{Query: query, QueryCounts: c}
	}
	ersal := q("ارسال", store.QueryCounts{Searches: 3, WithResults: 2, Clicked: 2, Exits: 1})
	bazgasht := q("بازگشت وجه", store.QueryCounts{Searches: 3, WithResults: 3, Clicked: 1})
	peygiri := q("پیگیری", store.QueryCounts{Searches: 3, ZeroResults: 3})
	tests := []struct {
		name        string
		first, last string
		order       store.QueryOrder
		limit       int
		want        []store.QueryRow
	}{
		{"most searched, ties by query", "2025-03-20", "2025-03-22", store.BySearches, 10, []store.QueryRow{ersal, bazgasht, peygiri}},
		{"limit", "2025-03-20", "2025-03-22", store.BySearches, 2, []store.QueryRow{ersal, bazgasht}},
		{"zero results only", "2025-03-20", "2025-03-22", store.ByZeroResults, 10, []store.QueryRow{peygiri}},
		{"no click only", "2025-03-20", "2025-03-22", store.ByNoClick, 10, []store.QueryRow{bazgasht}},
		{"one day", "2025-03-22", "2025-03-22", store.ByZeroResults, 10,
			[]store.QueryRow{q("پیگیری", store.QueryCounts{Searches: 2, ZeroResults: 2})}},
		{"empty range", "2025-03-21", "2025-03-21", store.BySearches, 10, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := r.QueryTotals(ctx, tc.first, tc.last, tc.order, tc.limit)
			if err != nil {
				t.Fatalf("QueryTotals: %v", err)
			}
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", tc.want) {
				t.Errorf("QueryTotals\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
}

func testRollupState(t *testing.T, newDB NewDB) {
	ctx := context.Background()
	open := newDB(t)
	s := open(t)
	t.Cleanup(func() { s.Close() }) // the store open when the test ends
	r := rollups(t, s)
	if st, err := r.RollupState(ctx); err != nil || st != (store.RollupState{}) {
		t.Fatalf("initial RollupState = %+v, %v; want zero", st, err)
	}
	hour := t0.Truncate(time.Hour)
	events := []store.Event{
		{OccurredAt: hour.Add(59 * time.Minute), Type: store.EventSearch, SessionID: "s1"},
		{OccurredAt: hour.Add(-time.Minute), Type: store.EventSearch}, // late, from the hour before
		{OccurredAt: hour.Add(time.Hour), Type: store.EventArticleView, SessionID: "s1"},
		{OccurredAt: hour, Type: store.EventHelpful},
	}
	if err := s.InsertEvents(ctx, events); err != nil {
		t.Fatalf("InsertEvents: %v", err)
	}
	h := hour.UnixMilli() / int64(time.Hour/time.Millisecond)
	hours, last, err := r.EventHoursSince(ctx, 0)
	if err != nil || fmt.Sprint(hours) != fmt.Sprint([]int64{h - 1, h, h + 1}) || last <= 0 {
		t.Fatalf("EventHoursSince(0) = %v, %d, %v; want [%d %d %d]", hours, last, err, h-1, h, h+1)
	}
	if hours, again, err := r.EventHoursSince(ctx, last); err != nil || len(hours) != 0 || again != last {
		t.Errorf("EventHoursSince(last) = %v, %d, %v; want nothing new, %d", hours, again, err, last)
	}
	if err := s.InsertEvents(ctx, events[:1]); err != nil {
		t.Fatalf("InsertEvents: %v", err)
	}
	if hours, next, err := r.EventHoursSince(ctx, last); err != nil || fmt.Sprint(hours) != fmt.Sprint([]int64{h}) || next <= last {
		t.Errorf("EventHoursSince after one more = %v, %d, %v; want [%d], above %d", hours, next, err, h, last)
	}
	scanSince := func(after int64) []store.Event {
		t.Helper()
		var got []store.Event
		if err := r.ScanEventsSince(ctx, after, func(e store.Event) error { got = append(got, e); return nil }); err != nil {
			t.Fatalf("ScanEventsSince(%d): %v", after, err)
		}
		return got
	}
	all := scanSince(0)
	if len(all) != len(events)+1 || !slices.IsSortedFunc(all, func(a, b store.Event) int { return cmp.Compare(a.ID, b.ID) }) {
		t.Errorf("ScanEventsSince(0) = %+v; want the %d events by ID", all, len(events)+1)
	}
	if got := scanSince(last); len(got) != 1 || got[0].SessionID != "s1" || !got[0].OccurredAt.Equal(events[0].OccurredAt) || got[0].ID <= last {
		t.Errorf("ScanEventsSince(%d) = %+v; want the event added since", last, got)
	}
	if got := scanSince(all[len(all)-1].ID); len(got) != 0 {
		t.Errorf("ScanEventsSince(last ID) = %+v; want nothing", got)
	}
	want := store.RollupState{LastEventID: last, TimeZone: "Asia/Tehran"}
	for range 2 { // the second write updates the rows the first one created
		if err := r.SetRollupState(ctx, want); err != nil {
			t.Fatalf("SetRollupState: %v", err)
		}
	}
	s.Close()
	s = open(t)
	if st, err := rollups(t, s).RollupState(ctx); err != nil || st != want {
		t.Errorf("RollupState after reopen = %+v, %v; want %+v", st, err, want)
	}
}

// testRollupTopQueries checks QueryTotals against a brute-force ranking on days whose top rows
// do not reveal the overall top: a query steady every day but never among a day's leaders,
// with sparse leaders that each shine one day.
func testRollupTopQueries(t *testing.T, newDB NewDB) {
	ctx := context.Background()
	r := rollups(t, openOnce(t, newDB))
	rng := rand.New(rand.NewPCG(7, 11))
	totals := map[string]store.QueryCounts{}
	const days, queries = 6, 600
	for d := range days {
		day := store.DayRollup{Day: fmt.Sprintf("2025-04-%02d", d+1), RolledAt: t0}
		add := func(q string, c store.QueryCounts) {
			day.Queries = append(day.Queries, store.QueryRow{Query: q, QueryCounts: c})
			sum := totals[q]
			sum.Add(c)
			totals[q] = sum
		}
		add("steady", store.QueryCounts{Searches: 300, ZeroResults: 200, WithResults: 100, Clicked: 10})
		for q := range queries {
			if rng.IntN(days) != 0 {
				continue
			}
			n := 1 + rng.Int64N(1000)
			with := rng.Int64N(n + 1)
			add(fmt.Sprintf("q%04d", q), store.QueryCounts{Searches: n, ZeroResults: (n - with) / 2, WithResults: with, Clicked: rng.Int64N(with + 1)})
		}
		if err := r.ReplaceDay(ctx, day); err != nil {
			t.Fatalf("ReplaceDay: %v", err)
		}
	}
	for _, order := range []store.QueryOrder{store.BySearches, store.ByZeroResults, store.ByNoClick} {
		for _, limit := range []int{1, 3, 20, 5000} {
			t.Run(fmt.Sprintf("order=%d/limit=%d", order, limit), func(t *testing.T) {
				got, err := r.QueryTotals(ctx, "2025-04-01", "2025-04-30", order, limit)
				if err != nil {
					t.Fatalf("QueryTotals: %v", err)
				}
				want := bruteTop(totals, order, limit)
				if fmt.Sprint(got) != fmt.Sprint(want) {
					t.Errorf("QueryTotals\n got %v\nwant %v", head(got, 5), head(want, 5))
				}
			})
		}
	}
}

// bruteTop ranks every query: key > 0, highest first, ties by query.
func bruteTop(totals map[string]store.QueryCounts, order store.QueryOrder, limit int) []store.QueryRow {
	var rows []store.QueryRow
	for q, c := range totals {
		if order.Key(c) > 0 {
			rows = append(rows, store.QueryRow{Query: q, QueryCounts: c})
		}
	}
	sort.Slice(rows, func(i, j int) bool {
		ki, kj := order.Key(rows[i].QueryCounts), order.Key(rows[j].QueryCounts)
		return ki > kj || (ki == kj && rows[i].Query < rows[j].Query)
	})
	return head(rows, limit)
}

func head(rows []store.QueryRow, n int) []store.QueryRow {
	if len(rows) > n {
		return rows[:n]
	}
	return rows
}
