package store_test

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"persiankb/kb/store"
	"persiankb/kb/store/storetest"
)

// faultBusy is the busy timeout of the fault tests' stores: long enough for the store's own
// connections to queue behind each other, short enough not to wait the production timeout for
// the SQLITE_BUSY the test expects.
const faultBusy = 200 * time.Millisecond

// faultTicket is a ticket whose description spans several pages (Persian letters take two
// bytes): storing it needs pages the database does not have once it is full.
func faultTicket(subject string) store.Ticket {
	return store.Ticket{Name: "مریم", Email: "maryam@example.com", Subject: subject,
		Description: strings.Repeat("پرداخت انجام شد ولی سفارش ثبت نشد. ", 300)}
}

// TestStoreFaultsSQLite: a full disk and a lock held by another connection make writes fail
// with store.ErrUnavailable (wrapping the driver's SQLITE_FULL or SQLITE_BUSY), reads keep
// working, and the same write succeeds once the fault is cleared, on the same store.
func TestStoreFaultsSQLite(t *testing.T) {
	tests := []struct {
		name     string
		code     int    // primary SQLite result code of the write under the fault
		message  string // in the driver's message
		inject   func(t *testing.T, s *store.SQLite, path string) (clear func())
		extraCap int
	}{
		{
			name: "disk full", code: sqlite3.SQLITE_FULL, message: "database or disk is full", extraCap: 64,
			inject: func(t *testing.T, s *store.SQLite, _ string) func() {
				if n := storetest.FillSQLite(t, s); n == 0 {
					t.Fatal("no event fitted in the database before it was full")
				}
				return func() { // retention frees the events' pages
					if _, err := s.DeleteEventsBefore(context.Background(), time.Now()); err != nil {
						t.Fatalf("delete events on a full disk: %v", err)
					}
				}
			},
		},
		{
			name: "locked by another connection", code: sqlite3.SQLITE_BUSY, message: "locked",
			inject: func(t *testing.T, _ *store.SQLite, path string) func() { return storetest.LockSQLite(t, path) },
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			s, path := storetest.OpenFaultySQLite(t, faultBusy, tc.extraCap)
			before, err := s.CreateTicket(ctx, store.Ticket{Name: "n", Email: "a@example.com", Subject: "پیش از خطا", Description: "d"}, []string{"webhook"})
			if err != nil {
				t.Fatal(err)
			}
			clear := tc.inject(t, s, path)

			_, err = s.CreateTicket(ctx, faultTicket("هنگام خطا"), []string{"webhook"})
			var se *sqlite.Error
			if !errors.Is(err, store.ErrUnavailable) || !errors.As(err, &se) || se.Code()&0xff != tc.code ||
				!strings.Contains(err.Error(), tc.message) || !strings.HasPrefix(err.Error(), "store: create ticket: ") {
				t.Fatalf("CreateTicket under the fault: %v (sqlite code %v), want ErrUnavailable wrapping code %d", err, se, tc.code)
			}
			if err := s.InsertEvents(ctx, []store.Event{{OccurredAt: time.Now(), Type: store.EventSearch, Query: strings.Repeat("ا", 5000)}}); !errors.Is(err, store.ErrUnavailable) {
				t.Errorf("InsertEvents under the fault: %v, want ErrUnavailable", err)
			}
			if got, err := s.Ticket(ctx, before.Number); err != nil || got.Subject != before.Subject {
				t.Errorf("reading under the fault: %+v, %v", got, err)
			}
			if err := s.Ping(ctx); err != nil {
				t.Errorf("Ping under the fault: %v", err)
			}

			clear()
			after, err := s.CreateTicket(ctx, faultTicket("پس از رفع خطا"), []string{"webhook"})
			if err != nil {
				t.Fatalf("CreateTicket after the fault was cleared: %v", err)
			}
			if got, err := s.Ticket(ctx, after.Number); err != nil || got.Description != after.Description {
				t.Errorf("ticket stored after the fault: %v", err)
			}
		})
	}
}

// TestStoreErrorsNotUnavailable: errors a retry cannot fix are not ErrUnavailable (they stay
// 500s and are logged); a deadline passed waiting for the database and a closed store are.
func TestStoreErrorsNotUnavailable(t *testing.T) {
	ctx := context.Background()
	s, _ := storetest.OpenFaultySQLite(t, faultBusy, 0)
	att := store.Attachment{ID: "same-id", ContentType: "image/png", Data: []byte("x")}
	tk := store.Ticket{Name: "n", Email: "a@example.com", Subject: "s", Description: "d", Attachments: []store.Attachment{att}}
	if _, err := s.CreateTicket(ctx, tk, nil); err != nil {
		t.Fatal(err)
	}
	expired, cancelExpired := context.WithDeadline(ctx, time.Now().Add(-time.Second))
	defer cancelExpired()
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	create := func(ctx context.Context) error { _, err := s.CreateTicket(ctx, tk, nil); return err }
	tests := []struct {
		name        string
		err         func() error
		unavailable bool
	}{
		{"constraint violation", func() error { return create(ctx) }, false}, // the attachment's key again
		{"not found", func() error { _, err := s.Ticket(ctx, "KB-999999"); return err }, false},
		{"no such delivery", func() error { return s.RetryDelivery(ctx, 12345, time.Now()) }, false},
		{"client gone", func() error { return create(canceled) }, false},
		{"deadline passed waiting for the database", func() error { return create(expired) }, true},
		{"closed store", func() error { s.Close(); return create(ctx) }, true}, // last
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.err()
			if err == nil {
				t.Fatal("no error")
			}
			if got := errors.Is(err, store.ErrUnavailable); got != tc.unavailable {
				t.Errorf("errors.Is(%v, ErrUnavailable) = %v, want %v", err, got, tc.unavailable)
			}
		})
	}
}

// TestStoreFaultsPostgres: PostgreSQL going away (its connections cut, new ones refused) makes
// calls fail with ErrUnavailable; the same pool recovers when the server is back, and a closed
// pool is unavailable too.
func TestStoreFaultsPostgres(t *testing.T) {
	dsn, _ := pgSchema(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	p := storetest.NewTCPProxy(t, u.Host)
	ctx := context.Background()
	s := openPostgres(t, p.ProxyURL(dsn))
	defer s.Close()
	if _, err := s.CreateTicket(ctx, faultTicket("پیش از قطعی"), []string{"webhook"}); err != nil {
		t.Fatal(err)
	}

	p.Stop()
	if _, err := s.CreateTicket(ctx, faultTicket("هنگام قطعی"), []string{"webhook"}); !errors.Is(err, store.ErrUnavailable) {
		t.Fatalf("CreateTicket with the server gone: %v, want ErrUnavailable", err)
	}
	if _, err := s.FailedDeliveries(ctx, 10); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("FailedDeliveries with the server gone: %v, want ErrUnavailable", err)
	}
	if err := s.Ping(ctx); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("Ping with the server gone: %v, want ErrUnavailable", err)
	}

	p.Start()
	tk, err := s.CreateTicket(ctx, faultTicket("پس از قطعی"), []string{"webhook"})
	if err != nil {
		t.Fatalf("CreateTicket once the server is back: %v", err)
	}
	if got, err := s.Ticket(ctx, tk.Number); err != nil || got.Subject != "پس از قطعی" {
		t.Errorf("ticket after the outage: %+v, %v", got, err)
	}
	s.Close()
	if _, err := s.CreateTicket(ctx, faultTicket("پس از بستن"), nil); !errors.Is(err, store.ErrUnavailable) {
		t.Errorf("CreateTicket on a closed pool: %v, want ErrUnavailable", err)
	}
}
