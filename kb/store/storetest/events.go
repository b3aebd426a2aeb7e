package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"persiankb/kb/store"
)

func testEvents(t *testing.T, newDB NewDB) {
	ctx := context.Background()
	s := openOnce(t, newDB)
	in := []store.Event{
		{OccurredAt: t0, Type: store.EventSearch, SessionID: "s1", Query: "بازگشت وجه", NormQuery: "بازگشت وجه", ResultCount: 4},
		{OccurredAt: t0.Add(time.Second), Type: store.EventResultClick, SessionID: "s1", NormQuery: "بازگشت وجه", Slug: "refund", Rank: 2},
		{OccurredAt: t0.Add(2 * time.Second), Type: store.EventArticleView, Slug: "refund", Source: store.SourceSearch},
		{OccurredAt: t0.Add(3 * time.Second), Type: store.EventHelpful, SessionID: "s1", Slug: "refund", Value: "no", Reason: "قدیمی است"},
		{OccurredAt: t0.Add(4 * time.Second), Type: store.EventFormStarted, SessionID: "s2", Holdout: true},
		{OccurredAt: t0.Add(time.Hour), Type: store.EventSuggestShown, SessionID: "s2", NormQuery: "پرداخت", ResultCount: 5},
	}
	if err := s.InsertEvents(ctx, in); err != nil {
		t.Fatalf("InsertEvents: %v", err)
	}
	bad := []store.Event{{OccurredAt: t0, Type: store.EventSearch}, {OccurredAt: t0}}
	if err := s.InsertEvents(ctx, bad); err == nil {
		t.Errorf("InsertEvents accepted an event without a type")
	}
	tests := []struct {
		name     string
		from, to time.Time
		want     []store.Event
	}{
		{"all", t0, t0.Add(2 * time.Hour), in},
		{"half-open range", t0.Add(time.Second), t0.Add(time.Hour), in[1:5]},
		{"empty", t0.Add(-time.Hour), t0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []store.Event
			err := s.ScanEvents(ctx, tc.from, tc.to, func(e store.Event) error {
				if e.ID <= 0 {
					t.Errorf("event without ID: %+v", e)
				}
				e.ID = 0
				got = append(got, e)
				return nil
			})
			if err != nil {
				t.Fatalf("ScanEvents: %v", err)
			}
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", tc.want) {
				t.Errorf("ScanEvents\n got %+v\nwant %+v", got, tc.want)
			}
		})
	}
	n, err := s.DeleteEventsBefore(ctx, t0.Add(3*time.Second))
	if err != nil || n != 3 {
		t.Errorf("DeleteEventsBefore = %d, %v; want 3", n, err)
	}
	left := 0
	s.ScanEvents(ctx, t0, t0.Add(2*time.Hour), func(store.Event) error { left++; return nil })
	if left != 3 {
		t.Errorf("%d events left after retention, want 3", left)
	}
}
