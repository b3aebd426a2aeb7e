package stats

import (
	"context"
	"fmt"
	"log/slog"
	"testing"
	"time"

	"persiankb/kb/store"
)

// TestNoClickQueries checks the no-click content gaps end to end on hand-built events: rolled
// up by the Roller into a real SQLite file, ranked by the store, read by Compute.
func TestNoClickQueries(t *testing.T) {
	final := at(30, 0)
	tests := []struct {
		name   string
		events []store.Event
		asOf   time.Time
		want   string // the NoClickQueries rows as "query=no-clicks/with-results", in rank order
	}{
		{"a search followed by a click is not counted", []store.Event{
			search("s", "ارسال", 3, at(10, 0)), click("s", "ارسال", "ship", at(10, 2)),
		}, final, ""},
		{"a search with results and no click is counted", []store.Event{
			search("s", "ارسال", 3, at(10, 0)), view("s", "ship", store.SourceDirect, at(10, 5)),
		}, final, "ارسال=1/1"},
		{"spelling variants group", []store.Event{
			search("a", "پیگیری سفارش", 2, at(9, 0)),
			search("b", "پيگيري  سفارش", 2, at(9, 10)), // Arabic yeh, two spaces
			search("c", "پیگیری‌سفارش؟", 2, at(9, 20)), // ZWNJ between the words, punctuation
			search("d", "پیگیری سفارش", 2, at(9, 30)), click("d", "پیگیری سفارش", "track", at(9, 31)),
		}, final, "پیگیری سفارش=3/4"},
		{"zero-result searches are the other table", []store.Event{
			search("s", "ریال", 0, at(11, 0)),
		}, final, ""},
		{"a click after 30 minutes is too late", []store.Event{
			search("s", "ارسال", 3, at(10, 0)), click("s", "ارسال", "ship", at(10, 31)),
		}, final, "ارسال=1/1"},
		{"a click at exactly 30 minutes counts", []store.Event{
			search("s", "ارسال", 3, at(10, 0)), click("s", "ارسال", "ship", at(10, 30)),
		}, final, ""},
		{"a click for another query does not count", []store.Event{
			search("s", "ارسال", 3, at(10, 0)), search("s", "مرجوعی", 3, at(10, 1)), click("s", "مرجوعی", "return", at(10, 2)),
		}, final, "ارسال=1/1"},
		{"a click belongs to the latest search of its query", []store.Event{
			search("s", "ارسال", 3, at(10, 0)), search("s", "ارسال", 3, at(10, 1)), click("s", "ارسال", "ship", at(10, 2)),
		}, final, "ارسال=1/2"},
		{"Do-Not-Track searches have no session: left out", []store.Event{
			search("", "ارسال", 3, at(10, 0)),
		}, final, ""},
		{"a search whose window is open is not counted yet", []store.Event{
			search("s", "ارسال", 3, at(10, 0)), search("t", "مرجوعی", 3, at(9, 0)),
		}, at(10, 10), "مرجوعی=1/1"},
		{"ranked by no-clicks, ties by query", []store.Event{
			search("a", "ب", 1, at(8, 0)), search("b", "ب", 1, at(8, 0)), search("c", "الف", 1, at(8, 0)),
			search("d", "پ", 1, at(8, 0)),
		}, final, "ب=2/2 الف=1/1 پ=1/1"},
		{"no events", nil, final, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s := openStore(t)
			if err := s.InsertEvents(ctx, tc.events); err != nil {
				t.Fatal(err)
			}
			r, err := NewRoller(s, RollerConfig{Location: tehran, Logger: slog.New(slog.DiscardHandler)})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := r.RollUp(ctx, tc.asOf); err != nil {
				t.Fatal(err)
			}
			rep, err := Compute(ctx, s, Range{day0, day0}, 10)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			for i, q := range rep.NoClickQueries {
				if i > 0 {
					got += " "
				}
				got += fmt.Sprintf("%s=%d/%d", q.Query, NoClicks(q.QueryCounts), q.WithResults)
			}
			if got != tc.want {
				t.Errorf("no-click queries = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestNoClickRate(t *testing.T) {
	tests := []struct {
		c    store.QueryCounts
		want string
	}{
		{store.QueryCounts{Searches: 10, WithResults: 8, Clicked: 6}, "25.0%"},
		{store.QueryCounts{Searches: 4, ZeroResults: 4}, "–"},
		{store.QueryCounts{Searches: 3, WithResults: 3, Clicked: 3}, "0.0%"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%+v", tc.c), func(t *testing.T) {
			if got := NoClickRate(tc.c).Percent(); got != tc.want {
				t.Errorf("NoClickRate = %s, want %s", got, tc.want)
			}
		})
	}
}
