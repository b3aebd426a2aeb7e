package store_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"persiankb/kb/store"
)

// The PostgreSQL benchmarks run against KB_TEST_POSTGRES_URL, each in a schema of its own.
func openPostgresBench(b *testing.B) *store.Postgres {
	dsn, _ := pgSchema(b)
	s := openPostgres(b, dsn)
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkPostgresCreateTicket measures one committed ticket with its outbox row, alone and
// from concurrent clients (who queue on the ticket counter row).
func BenchmarkPostgresCreateTicket(b *testing.B) {
	tk := store.Ticket{Name: "مریم", Email: "m@example.com", Subject: "پرداخت", Description: "سفارش ثبت نشد"}
	b.Run("serial", func(b *testing.B) {
		s := openPostgresBench(b)
		for b.Loop() {
			if _, err := s.CreateTicket(context.Background(), tk, []string{"webhook"}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("parallel", func(b *testing.B) {
		s := openPostgresBench(b)
		b.SetParallelism(4)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() {
				if _, err := s.CreateTicket(context.Background(), tk, []string{"webhook"}); err != nil {
					b.Error(err)
					return
				}
			}
		})
	})
}

// BenchmarkPostgresInsertEvents measures batched event ingestion with COPY (issue 5's target:
// 20,000 events/s).
func BenchmarkPostgresInsertEvents(b *testing.B) {
	for _, batch := range []int{100, 500, 2000} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			s := openPostgresBench(b)
			t0 := time.Now()
			events := make([]store.Event, batch)
			n := 0
			for b.Loop() {
				for i := range events {
					n++
					events[i] = store.Event{OccurredAt: t0.Add(time.Duration(n) * time.Millisecond), Type: store.EventSearch,
						SessionID: fmt.Sprint("s", n%977), Query: "بازگشت وجه", NormQuery: "بازگشت وجه", ResultCount: n % 7}
				}
				if err := s.InsertEvents(context.Background(), events); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

// BenchmarkPostgresClaimDeliveries measures a claim-and-mark cycle of one delivery by
// concurrent deliverers, the outbox's steady state.
func BenchmarkPostgresClaimDeliveries(b *testing.B) {
	s := openPostgresBench(b)
	ctx := context.Background()
	tk := store.Ticket{Name: "مریم", Email: "m@example.com", Subject: "پرداخت", Description: "سفارش ثبت نشد"}
	for range 200 { // MarkRetry makes each due again at once: 200 are plenty to share
		if _, err := s.CreateTicket(ctx, tk, []string{"webhook"}); err != nil {
			b.Fatal(err)
		}
	}
	var clock atomic.Int64 // every claim happens later than the previous one, so retries come due
	base := time.Now()
	b.SetParallelism(2)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			now := base.Add(time.Duration(clock.Add(1)) * time.Millisecond)
			ds, err := s.ClaimDeliveries(ctx, now, time.Minute, 1)
			if err != nil {
				b.Error(err)
				return
			}
			for _, d := range ds {
				if err := s.MarkRetry(ctx, d.ID, d.Attempts, "HTTP 503", now, now); err != nil {
					b.Error(err)
					return
				}
			}
		}
	})
}
