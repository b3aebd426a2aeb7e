package store_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"persiankb/kb/store"
)

// TestPostgresRollupCursorSkipsNothing: replicas insert event batches concurrently while the
// roll-up advances its cursor with EventHoursSince. Every event at or below a cursor must
// already be visible when the cursor is returned; an event committed later with a lower ID
// would never be rolled up. Each cursor's count is taken right after it and compared with the
// count once all writers are done.
func TestPostgresRollupCursorSkipsNothing(t *testing.T) {
	t.Parallel()
	const batches, perBatch = 25, 40
	schema, replicas := twoReplicas(t)
	ctx := context.Background()
	admin := pgAdmin(t, pgServer(t))
	countUpTo := func(id int64) int64 {
		var n int64
		if err := admin.QueryRow(ctx, "SELECT COUNT(*) FROM "+schema+".events WHERE id <= $1", id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	var writing atomic.Bool
	writing.Store(true)
	type cursor struct{ id, seen int64 }
	var cursors []cursor
	var wg sync.WaitGroup
	wg.Go(func() {
		last := int64(0)
		for writing.Load() {
			_, next, err := replicas[0].EventHoursSince(ctx, last)
			if err != nil {
				t.Errorf("EventHoursSince: %v", err)
				return
			}
			if next > last {
				cursors, last = append(cursors, cursor{next, countUpTo(next)}), next
			}
		}
	})
	eachReplica(replicas, 2, func(s *store.Postgres, worker int) {
		for b := range batches {
			events := make([]store.Event, perBatch)
			for i := range events {
				events[i] = store.Event{OccurredAt: pgT0.Add(time.Duration(b*perBatch+i) * time.Minute),
					Type: store.EventSearch, NormQuery: fmt.Sprintf("کارگر %d", worker)}
			}
			if err := s.InsertEvents(ctx, events); err != nil {
				t.Errorf("worker %d: InsertEvents: %v", worker, err)
			}
		}
	})
	writing.Store(false)
	wg.Wait()
	if len(cursors) == 0 {
		t.Fatal("the roll-up cursor never moved")
	}
	for _, c := range cursors {
		if now := countUpTo(c.id); now != c.seen {
			t.Fatalf("cursor %d: %d events at or below it when returned, %d later: events were skipped", c.id, c.seen, now)
		}
	}
	if _, last, _ := replicas[1].EventHoursSince(ctx, 0); countUpTo(last) != 4*batches*perBatch {
		t.Errorf("%d events up to the last ID, want %d", countUpTo(last), 4*batches*perBatch)
	}
}

// TestPostgresReplaceDayConcurrently: two replicas rolling the same day up at once both
// succeed, and the day ends up with one complete roll-up, never a mix.
func TestPostgresReplaceDayConcurrently(t *testing.T) {
	t.Parallel()
	const rounds = 20
	_, replicas := twoReplicas(t)
	ctx := context.Background()
	rollup := func(replica, round int) store.DayRollup {
		r := store.DayRollup{Day: "2025-03-21", RolledAt: pgT0.Add(time.Duration(round) * time.Second),
			Totals: store.DayTotals{Events: int64(replica)}}
		for i := range 50 {
			r.Queries = append(r.Queries, store.QueryRow{Query: fmt.Sprintf("پرسش %d", i),
				QueryCounts: store.QueryCounts{Searches: int64(replica)}})
		}
		return r
	}
	eachReplica(replicas, 1, func(s *store.Postgres, replica int) {
		for round := range rounds {
			if err := s.ReplaceDay(ctx, rollup(replica+1, round)); err != nil {
				t.Errorf("replica %d: ReplaceDay: %v", replica, err)
			}
		}
	})
	days, err := replicas[0].Days(ctx, "2025-03-21", "2025-03-21")
	if err != nil || len(days) != 1 {
		t.Fatalf("Days = %+v, %v", days, err)
	}
	winner := days[0].Totals.Events
	qs, err := replicas[1].QueryTotals(ctx, "2025-03-21", "2025-03-21", store.BySearches, 100)
	if err != nil || len(qs) != 50 {
		t.Fatalf("QueryTotals = %d rows, %v; want 50", len(qs), err)
	}
	for _, q := range qs {
		if q.Searches != winner {
			t.Fatalf("query %q has %d searches from another roll-up than the day's (%d)", q.Query, q.Searches, winner)
		}
	}
}
