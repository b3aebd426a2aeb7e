package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"persiankb/kb/store"
)

func openBench(b *testing.B) *store.SQLite {
	s, err := store.OpenSQLite(context.Background(), filepath.Join(b.TempDir(), "kb.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkCreateTicket measures one durable ticket commit (fsync included) with its outbox row.
func BenchmarkCreateTicket(b *testing.B) {
	for _, size := range []int{0, 200 << 10} {
		b.Run(fmt.Sprintf("attachment=%dKB", size>>10), func(b *testing.B) {
			s := openBench(b)
			tk := store.Ticket{Name: "مریم", Email: "m@example.com", Subject: "پرداخت", Description: "سفارش ثبت نشد"}
			for i := 0; b.Loop(); i++ {
				if size > 0 {
					tk.Attachments = []store.Attachment{{ID: fmt.Sprint(i), ContentType: "image/png", Data: make([]byte, size)}}
				}
				if _, err := s.CreateTicket(context.Background(), tk, []string{"webhook"}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkInsertEvents measures batched event ingestion; events/s is the figure issue 5 asks
// for (target: 20,000/s). Each batch is one transaction, so one fsync.
func BenchmarkInsertEvents(b *testing.B) {
	for _, batch := range []int{100, 500, 2000} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			s := openBench(b)
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
