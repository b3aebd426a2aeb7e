package store_test

import (
	"context"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"persiankb/kb/store"
)

// Several replicas of the site share one database: each test here opens two stores (two pools,
// as two processes would) on the same schema.

var pgT0 = time.Date(2025, 3, 21, 9, 30, 0, 0, time.UTC)

func pgTicket(n int) store.Ticket {
	return store.Ticket{
		CreatedAt:   pgT0.Add(time.Duration(n) * time.Millisecond),
		Name:        "علی رضایی",
		Email:       "ali@example.com",
		Subject:     fmt.Sprintf("سفارش %d نرسیده است", n),
		Description: "سفارشم بعد از یک هفته هنوز نرسیده و پیگیری هم جواب نمی‌دهد.",
	}
}

// twoReplicas opens two stores on one new schema, closed when the test ends.
func twoReplicas(t *testing.T) (schema string, replicas [2]*store.Postgres) {
	dsn, schema := pgSchema(t)
	for i := range replicas {
		replicas[i] = openPostgres(t, dsn)
		t.Cleanup(func() { replicas[i].Close() })
	}
	return schema, replicas
}

// eachReplica runs fn in workers goroutines per replica and waits for them all.
func eachReplica(replicas [2]*store.Postgres, workers int, fn func(s *store.Postgres, worker int)) {
	var wg sync.WaitGroup
	for r, s := range replicas {
		for w := range workers {
			wg.Go(func() { fn(s, r*workers+w) })
		}
	}
	wg.Wait()
}

func TestPostgresReplicasClaimEachDeliveryOnce(t *testing.T) {
	t.Parallel()
	const tickets, batch = 60, 4
	_, replicas := twoReplicas(t)
	ctx := context.Background()
	for i := range tickets {
		if _, err := replicas[i%2].CreateTicket(ctx, pgTicket(i), []string{"webhook", "email"}); err != nil {
			t.Fatalf("CreateTicket: %v", err)
		}
	}
	now := pgT0.Add(time.Hour) // every delivery is due; a lease of an hour never expires here
	var mu sync.Mutex
	claimedBy := map[int64]int{}
	eachReplica(replicas, 3, func(s *store.Postgres, worker int) {
		for {
			ds, err := s.ClaimDeliveries(ctx, now, time.Hour, batch)
			if err != nil {
				t.Errorf("worker %d: ClaimDeliveries: %v", worker, err)
				return
			}
			if len(ds) == 0 {
				return // the rest, if any, is being claimed by workers that will come back
			}
			mu.Lock()
			for _, d := range ds {
				if prev, ok := claimedBy[d.ID]; ok {
					t.Errorf("delivery %d claimed by worker %d and by worker %d", d.ID, prev, worker)
				}
				claimedBy[d.ID] = worker
			}
			mu.Unlock()
			for _, d := range ds {
				if err := s.MarkDelivered(ctx, d.ID, d.Attempts, now); err != nil || d.Attempts != 1 {
					t.Errorf("worker %d: MarkDelivered(%d, attempt %d): %v", worker, d.ID, d.Attempts, err)
				}
			}
		}
	})
	if len(claimedBy) != 2*tickets {
		t.Errorf("%d deliveries claimed, want %d", len(claimedBy), 2*tickets)
	}
	for _, s := range replicas {
		if c, err := s.OutboxCounts(ctx); err != nil || c != (store.OutboxCounts{Delivered: 2 * tickets}) {
			t.Errorf("OutboxCounts = %+v, %v; want all %d delivered", c, err, 2*tickets)
		}
	}
}

func TestPostgresReplicasTicketNumbers(t *testing.T) {
	t.Parallel()
	const workers, each = 6, 5
	_, replicas := twoReplicas(t)
	var mu sync.Mutex
	var numbers []string
	eachReplica(replicas, workers, func(s *store.Postgres, worker int) {
		for i := range each {
			tk, err := s.CreateTicket(context.Background(), pgTicket(worker*each+i), []string{"webhook"})
			if err != nil {
				t.Errorf("worker %d: CreateTicket: %v", worker, err)
				continue
			}
			mu.Lock()
			numbers = append(numbers, tk.Number)
			mu.Unlock()
		}
	})
	sort.Strings(numbers)
	if len(numbers) != 2*workers*each {
		t.Fatalf("%d tickets, want %d", len(numbers), 2*workers*each)
	}
	for i, n := range numbers {
		if want := store.FormatTicketNumber(int64(i + 1)); n != want {
			t.Fatalf("numbers[%d] = %s, want %s (unique and gap-free across replicas)", i, n, want)
		}
	}
}

// TestPostgresConcurrentMigrate starts several replicas at once on an empty schema: one
// migrates, the others wait on the advisory lock and then find the schema current.
func TestPostgresConcurrentMigrate(t *testing.T) {
	t.Parallel()
	const replicas = 4
	dsn, schema := pgSchema(t)
	stores := make([]*store.Postgres, replicas)
	errs := make([]error, replicas)
	var wg sync.WaitGroup
	for i := range replicas {
		wg.Go(func() { stores[i], errs[i] = store.OpenPostgres(context.Background(), dsn) })
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("replica %d: OpenPostgres: %v", i, err)
			continue
		}
		defer stores[i].Close()
	}
	admin := pgAdmin(t, pgServer(t))
	var applied, latest, counters int
	err := admin.QueryRow(context.Background(), fmt.Sprintf(`SELECT
		(SELECT COUNT(*) FROM %[1]s.schema_migrations), (SELECT MAX(version) FROM %[1]s.schema_migrations),
		(SELECT COUNT(*) FROM %[1]s.ticket_counter)`, schema)).Scan(&applied, &latest, &counters)
	if err != nil {
		t.Fatal(err)
	}
	if applied == 0 || applied != latest || counters != 1 {
		t.Errorf("after concurrent opens: %d migrations recorded, latest %d, %d counter rows; want each once", applied, latest, counters)
	}
}
