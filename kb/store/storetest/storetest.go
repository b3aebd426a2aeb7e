// Package storetest is the behaviour every store.Store must have, as a test suite that each
// backend (SQLite now, PostgreSQL later) runs against its own database.
package storetest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"persiankb/kb/store"
)

// NewDB prepares one new, empty database for a test and returns how to open a Store on it.
// Calling open again after closing the previous Store opens the same database: a restart.
// open should register nothing for cleanup that would fail if the test already closed it.
type NewDB func(t *testing.T) (open func(t *testing.T) store.Store)

// Run runs the whole suite against the backend.
func Run(t *testing.T, newDB NewDB) {
	tests := []struct {
		name string
		fn   func(t *testing.T, newDB NewDB)
	}{
		{"TicketRoundTrip", testTicketRoundTrip},
		{"CreateTicketRejects", testCreateTicketRejects},
		{"ConcurrentTicketNumbers", testConcurrentNumbers},
		{"SurvivesReopen", testReopen},
		{"OutboxRetryThenDelivered", testOutboxRetry},
		{"OutboxLeaseExpiry", testLeaseExpiry},
		{"OutboxFailAndRetry", testFailAndRetry},
		{"OutboxClaimOrderAndLimit", testClaimOrder},
		{"Events", testEvents},
		{"RollupDays", testRollupDays},
		{"RollupPatch", testRollupPatch},
		{"RollupScanSince", testRollupScanSince},
		{"RollupTotals", testRollupTotals},
		{"RollupTopQueries", testRollupTopQueries},
		{"RollupState", testRollupState},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { tc.fn(t, newDB) })
	}
}

// openOnce opens a fresh database and closes the store when the test ends.
func openOnce(t *testing.T, newDB NewDB) store.Store {
	t.Helper()
	s := newDB(t)(t)
	t.Cleanup(func() { s.Close() })
	return s
}

// t0 is the suite's clock origin: a fixed instant, so times compare exactly.
var t0 = time.Date(2025, 3, 21, 9, 30, 0, 0, time.UTC)

// sampleTicket is a valid ticket; n makes its text unique.
func sampleTicket(n int) store.Ticket {
	return store.Ticket{
		CreatedAt:   t0.Add(time.Duration(n) * time.Second),
		Name:        "مریم کریمی",
		Email:       "maryam@example.com",
		Mobile:      "09121234567",
		Category:    "billing",
		Subject:     fmt.Sprintf("پرداخت انجام شد ولی سفارش ثبت نشد %d", n),
		Description: "دیروز پرداخت کردم و مبلغ از حسابم کم شد ولی سفارش در پنل نیست.",
		ClientIP:    "203.0.113.7",
		UserAgent:   "Mozilla/5.0",
		Referrer:    "https://help.example.com/articles/refund",
	}
}

func mustCreate(t *testing.T, s store.Store, tk store.Ticket, channels ...string) store.Ticket {
	t.Helper()
	got, err := s.CreateTicket(context.Background(), tk, channels)
	if err != nil {
		t.Fatalf("CreateTicket: %v", err)
	}
	return got
}

func testTicketRoundTrip(t *testing.T, newDB NewDB) {
	ctx := context.Background()
	s := openOnce(t, newDB)
	in := sampleTicket(1)
	in.CreatedAt = t0.Add(1234567 * time.Microsecond) // sub-millisecond part is dropped
	in.Attachments = []store.Attachment{
		{ID: "a1", Filename: "رسید.png", ContentType: "image/png", Data: []byte("\x89PNG\r\n\x1a\nfirst")},
		{ID: "a2", Filename: "invoice.pdf", ContentType: "application/pdf", Data: []byte("%PDF-1.4 second")},
	}
	created := mustCreate(t, s, in, "webhook", "email")
	if created.Number != store.FormatTicketNumber(created.ID) || created.ID <= 0 {
		t.Fatalf("created number %q for ID %d", created.Number, created.ID)
	}
	got, err := s.Ticket(ctx, created.Number)
	if err != nil {
		t.Fatalf("Ticket(%s): %v", created.Number, err)
	}
	want := in
	want.ID, want.Number = created.ID, created.Number
	want.CreatedAt = t0.Add(1234 * time.Millisecond)
	if !got.CreatedAt.Equal(want.CreatedAt) || !created.CreatedAt.Equal(want.CreatedAt) {
		t.Errorf("CreatedAt = %v (returned %v), want %v", got.CreatedAt, created.CreatedAt, want.CreatedAt)
	}
	got.CreatedAt, want.CreatedAt = time.Time{}, time.Time{}
	gotAtts, wantAtts := got.Attachments, want.Attachments
	got.Attachments, want.Attachments = nil, nil
	if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
		t.Errorf("ticket read back\n got %+v\nwant %+v", got, want)
	}
	checkAttachments(t, gotAtts, wantAtts)
	ds, err := s.TicketDeliveries(ctx, created.Number)
	if err != nil || len(ds) != 2 {
		t.Fatalf("TicketDeliveries = %d rows, %v; want 2", len(ds), err)
	}
	if ds[0].Channel != "email" || ds[1].Channel != "webhook" || ds[0].Key == ds[1].Key || ds[0].Key == "" {
		t.Errorf("deliveries = %+v", ds)
	}
	for _, d := range ds {
		if d.Status != store.StatusPending || d.Attempts != 0 || d.TicketNumber != created.Number || !d.NextAttemptAt.Equal(created.CreatedAt) {
			t.Errorf("new delivery = %+v", d)
		}
	}
	if _, err := s.Ticket(ctx, "KB-999999"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Ticket(unknown) error = %v, want ErrNotFound", err)
	}
	if err := s.Ping(ctx); err != nil {
		t.Errorf("Ping: %v", err)
	}
}

func checkAttachments(t *testing.T, got, want []store.Attachment) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d attachments, want %d", len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.ID != w.ID || g.Filename != w.Filename || g.ContentType != w.ContentType ||
			!bytes.Equal(g.Data, w.Data) || g.Size != int64(len(w.Data)) || g.SHA256 != sha256Hex(w.Data) {
			t.Errorf("attachment %d = %+v, want %+v", i, g, w)
		}
	}
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func testCreateTicketRejects(t *testing.T, newDB NewDB) {
	ctx := context.Background()
	s := openOnce(t, newDB)
	first := sampleTicket(1)
	first.Attachments = []store.Attachment{{ID: "taken", ContentType: "image/png", Data: []byte("x")}}
	mustCreate(t, s, first, "webhook")
	att := func(id string) store.Attachment {
		return store.Attachment{ID: id, ContentType: "image/png", Data: []byte("x")}
	}
	tests := []struct {
		name     string
		edit     func(*store.Ticket)
		channels []string
	}{
		{"no name", func(tk *store.Ticket) { tk.Name = "" }, nil},
		{"no description", func(tk *store.Ticket) { tk.Description = "" }, nil},
		{"repeated channel", func(*store.Ticket) {}, []string{"webhook", "webhook"}},
		{"empty channel", func(*store.Ticket) {}, []string{""}},
		{"attachment without ID", func(tk *store.Ticket) { tk.Attachments = []store.Attachment{att("")} }, nil},
		{"attachment without data", func(tk *store.Ticket) {
			tk.Attachments = []store.Attachment{{ID: "e", ContentType: "image/png"}}
		}, nil},
		{"duplicate attachment IDs", func(tk *store.Ticket) { tk.Attachments = []store.Attachment{att("d"), att("d")} }, nil},
		// Fails inside the transaction (primary key): the ticket row and outbox row roll back.
		{"attachment ID of another ticket", func(tk *store.Ticket) { tk.Attachments = []store.Attachment{att("taken")} }, []string{"webhook"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tk := sampleTicket(2)
			tc.edit(&tk)
			if got, err := s.CreateTicket(ctx, tk, tc.channels); err == nil {
				t.Fatalf("CreateTicket accepted it as %s", got.Number)
			}
		})
	}
	counts, err := s.OutboxCounts(ctx)
	if err != nil || counts != (store.OutboxCounts{Pending: 1}) {
		t.Errorf("OutboxCounts = %+v, %v; want only the first ticket's delivery", counts, err)
	}
}

func testConcurrentNumbers(t *testing.T, newDB NewDB) {
	const workers, each = 20, 5
	s := openOnce(t, newDB)
	var (
		mu      sync.Mutex
		numbers []string
		wg      sync.WaitGroup
	)
	errs := make(chan error, workers*each)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				tk, err := s.CreateTicket(context.Background(), sampleTicket(w*each+i), []string{"webhook"})
				if err != nil {
					errs <- err
					continue
				}
				mu.Lock()
				numbers = append(numbers, tk.Number)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("concurrent CreateTicket: %v", err)
	}
	sort.Strings(numbers)
	if len(numbers) != workers*each {
		t.Fatalf("%d tickets created, want %d", len(numbers), workers*each)
	}
	for i, n := range numbers {
		if want := store.FormatTicketNumber(int64(i + 1)); n != want {
			t.Fatalf("numbers[%d] = %s, want %s (unique and without gaps)", i, n, want)
		}
	}
	counts, err := s.OutboxCounts(context.Background())
	if err != nil || counts.Pending != workers*each {
		t.Errorf("OutboxCounts = %+v, %v; want %d pending", counts, err, workers*each)
	}
}

func testReopen(t *testing.T, newDB NewDB) {
	ctx := context.Background()
	open := newDB(t)
	s := open(t)
	tk := mustCreate(t, s, sampleTicket(1), "webhook")
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	s = open(t) // migrations run again: must be a no-op
	defer s.Close()
	got, err := s.Ticket(ctx, tk.Number)
	if err != nil || got.Subject != tk.Subject {
		t.Fatalf("after reopen Ticket(%s) = %+v, %v", tk.Number, got, err)
	}
	if next := mustCreate(t, s, sampleTicket(2)); next.ID != tk.ID+1 {
		t.Errorf("after reopen the next ticket is %s, want the one after %s", next.Number, tk.Number)
	}
}
