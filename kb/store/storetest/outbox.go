package storetest

import (
	"context"
	"errors"
	"testing"
	"time"

	"persiankb/kb/store"
)

const lease = 5 * time.Minute

// claim claims due deliveries at now and checks how many came back.
func claim(t *testing.T, s store.Store, now time.Time, limit, want int) []store.Delivery {
	t.Helper()
	ds, err := s.ClaimDeliveries(context.Background(), now, lease, limit)
	if err != nil {
		t.Fatalf("ClaimDeliveries(%v): %v", now, err)
	}
	if len(ds) != want {
		t.Fatalf("ClaimDeliveries(%v) = %d deliveries, want %d: %+v", now, len(ds), want, ds)
	}
	return ds
}

func testOutboxRetry(t *testing.T, newDB NewDB) {
	ctx := context.Background()
	s := openOnce(t, newDB)
	tk := mustCreate(t, s, sampleTicket(0), "webhook")
	d := claim(t, s, t0, 10, 1)[0]
	if d.Attempts != 1 || d.TicketNumber != tk.Number || d.Channel != "webhook" || !d.NextAttemptAt.Equal(t0.Add(lease)) {
		t.Fatalf("claimed %+v", d)
	}
	claim(t, s, t0, 10, 0) // leased
	next := t0.Add(time.Minute)
	if err := s.MarkRetry(ctx, d.ID, 1, "HTTP 503", t0, next); err != nil {
		t.Fatalf("MarkRetry: %v", err)
	}
	claim(t, s, next.Add(-time.Millisecond), 10, 0)
	d2 := claim(t, s, next, 10, 1)[0]
	if d2.Attempts != 2 || d2.LastError != "HTTP 503" || d2.Key != d.Key {
		t.Fatalf("second claim %+v", d2)
	}
	if err := s.MarkRetry(ctx, d.ID, 1, "late", t0, next); !errors.Is(err, store.ErrStale) {
		t.Errorf("MarkRetry with an old attempt number: %v, want ErrStale", err)
	}
	at := next.Add(time.Second)
	if err := s.MarkDelivered(ctx, d.ID, 2, at); err != nil {
		t.Fatalf("MarkDelivered: %v", err)
	}
	if err := s.MarkDelivered(ctx, d.ID, 2, at); !errors.Is(err, store.ErrStale) {
		t.Errorf("second MarkDelivered: %v, want ErrStale", err)
	}
	claim(t, s, at.Add(24*time.Hour), 10, 0)
	ds, err := s.TicketDeliveries(ctx, tk.Number)
	if err != nil || len(ds) != 1 {
		t.Fatalf("TicketDeliveries: %v %v", ds, err)
	}
	if got := ds[0]; got.Status != store.StatusDelivered || got.Attempts != 2 || !got.DeliveredAt.Equal(at) || got.LastError != "" {
		t.Errorf("delivered row %+v", got)
	}
	counts, err := s.OutboxCounts(ctx)
	if err != nil || counts != (store.OutboxCounts{Delivered: 1}) {
		t.Errorf("OutboxCounts = %+v, %v", counts, err)
	}
}

// testLeaseExpiry: a deliverer that died mid-attempt never reports; after the lease the
// delivery is claimed again, and the dead one's late report is refused.
func testLeaseExpiry(t *testing.T, newDB NewDB) {
	ctx := context.Background()
	s := openOnce(t, newDB)
	mustCreate(t, s, sampleTicket(0), "webhook")
	d := claim(t, s, t0, 10, 1)[0]
	claim(t, s, t0.Add(lease-time.Millisecond), 10, 0)
	again := claim(t, s, t0.Add(lease), 10, 1)[0]
	if again.ID != d.ID || again.Attempts != 2 {
		t.Fatalf("reclaimed %+v", again)
	}
	if err := s.MarkDelivered(ctx, d.ID, d.Attempts, t0.Add(lease)); !errors.Is(err, store.ErrStale) {
		t.Errorf("MarkDelivered by the first claimer: %v, want ErrStale", err)
	}
	if err := s.MarkDelivered(ctx, again.ID, again.Attempts, t0.Add(lease)); err != nil {
		t.Errorf("MarkDelivered by the second claimer: %v", err)
	}
}

func testFailAndRetry(t *testing.T, newDB NewDB) {
	ctx := context.Background()
	s := openOnce(t, newDB)
	tk := mustCreate(t, s, sampleTicket(0), "webhook", "email")
	ds := claim(t, s, t0, 10, 2)
	failedAt := t0.Add(time.Second)
	if err := s.MarkFailed(ctx, ds[0].ID, 1, "HTTP 400: bad field", failedAt); err != nil {
		t.Fatalf("MarkFailed: %v", err)
	}
	if err := s.RetryDelivery(ctx, ds[1].ID, t0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("RetryDelivery of a pending delivery: %v, want ErrNotFound", err)
	}
	failed, err := s.FailedDeliveries(ctx, 10)
	if err != nil || len(failed) != 1 {
		t.Fatalf("FailedDeliveries = %+v, %v", failed, err)
	}
	if f := failed[0]; f.ID != ds[0].ID || f.Status != store.StatusFailed || f.LastError != "HTTP 400: bad field" ||
		f.TicketNumber != tk.Number || f.Attempts != 1 || !f.UpdatedAt.Equal(failedAt) {
		t.Errorf("failed row %+v", f)
	}
	if counts, err := s.OutboxCounts(ctx); err != nil || counts != (store.OutboxCounts{Pending: 1, Failed: 1}) {
		t.Errorf("OutboxCounts = %+v, %v", counts, err)
	}
	retryAt := t0.Add(time.Minute)
	if err := s.RetryDelivery(ctx, ds[0].ID, retryAt); err != nil {
		t.Fatalf("RetryDelivery: %v", err)
	}
	if failed, _ := s.FailedDeliveries(ctx, 10); len(failed) != 0 {
		t.Errorf("still failed after RetryDelivery: %+v", failed)
	}
	// ds[1] is still leased until t0+lease; only the retried one is due.
	d := claim(t, s, retryAt, 10, 1)[0]
	if d.ID != ds[0].ID || d.Attempts != 1 {
		t.Errorf("claimed after retry %+v", d)
	}
}

func testClaimOrder(t *testing.T, newDB NewDB) {
	ctx := context.Background()
	s := openOnce(t, newDB)
	var numbers []string
	for i := range 3 {
		tk := sampleTicket(i)
		tk.CreatedAt = t0.Add(time.Duration(3-i) * time.Minute) // created newest first
		numbers = append(numbers, mustCreate(t, s, tk, "webhook").Number)
	}
	ds := claim(t, s, t0.Add(time.Hour), 2, 2)
	got := map[string]bool{ds[0].TicketNumber: true, ds[1].TicketNumber: true}
	if !got[numbers[2]] || !got[numbers[1]] {
		t.Errorf("claimed %s and %s, want the two due first (%s, %s)", ds[0].TicketNumber, ds[1].TicketNumber, numbers[2], numbers[1])
	}
	if _, err := s.ClaimDeliveries(ctx, t0, lease, 10); err != nil {
		t.Fatal(err)
	}
	claim(t, s, t0.Add(time.Hour), 10, 1)
}
