package site

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"persiankb/kb/events"
	"persiankb/kb/store"
	"persiankb/kb/store/storetest"
	"persiankb/kb/tickets"
)

// faultBusy replaces the store's busy timeout in the fault tests: the SQLITE_BUSY of a locked
// database comes after it instead of after the production 10 s.
const faultBusy = 200 * time.Millisecond

// faultCrowd customers send tickets at the same moment during a fault.
const faultCrowd = 6

// faultStore is what the fault tests serve from: the ticket desk, the admin's outbox, the
// dashboard and the event recorder all use it.
type faultStore interface {
	tickets.Store
	OutboxAdmin
	StatsSource
	events.Writer
	Close() error
}

// faultEnv is the whole site (tickets, admin, dashboard, events) on one store.
type faultEnv struct {
	h      http.Handler
	events *events.Recorder
	logs   *lockedBuffer
}

func newFaultEnv(t *testing.T, st faultStore) *faultEnv {
	t.Helper()
	d, err := tickets.NewDeliverer(st, tickets.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	rec := events.NewRecorder(st, events.Config{RetryDelay: time.Millisecond, Logger: slog.New(slog.DiscardHandler)})
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		rec.Close(ctx) // the store may be gone: what is left is counted as failed
	})
	logs := &lockedBuffer{}
	cfg := Config{Tickets: d, Secret: testSecret, Auth: staffAuth(t), Outbox: st, Stats: st, Events: rec}
	srv, err := New(cfg, newTestState(t), slog.New(slog.NewTextHandler(logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	return &faultEnv{h: srv.Handler(), events: rec, logs: logs}
}

// faultFields is a valid ticket whose description spans several database pages, so that
// storing it needs pages a full database does not have.
func faultFields() url.Values {
	return with(validFields(), "description", strings.Repeat("پرداخت انجام شد ولی سفارش در پنل ثبت نشده است. ", 90))
}

// checkDraftKept checks a 503 that shows the form again with everything the customer typed.
func checkDraftKept(t *testing.T, rec *httptest.ResponseRecorder) {
	t.Helper()
	if rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") != storeRetryAfterSeconds {
		t.Fatalf("submit under the fault: %d, Retry-After %q; want 503 with %s\n%.400s", rec.Code, rec.Header().Get("Retry-After"), storeRetryAfterSeconds, rec.Body.String())
	}
	f := faultFields()
	want := []string{escapeText(msgTicketUnavailable), `name="csrf_token"`}
	for _, k := range []string{"name", "email", "subject", "description"} {
		want = append(want, escapeText(f.Get(k)))
	}
	assertContains(t, rec.Body.String(), want, []string{"ticket-number"})
}

// TestTicketSubmitStoreFaults: with the disk full or the database locked by another process,
// sending a ticket answers 503 with Retry-After and the form with the whole draft; nothing is
// logged as an error; the form page and the event recorder keep working; once the fault is
// cleared the same submission from the same page is stored, without a restart.
func TestTicketSubmitStoreFaults(t *testing.T) {
	tests := []struct {
		name       string
		extraPages int
		inject     func(t *testing.T, st *store.SQLite, path string) (clear func())
	}{
		{"disk full", 64, func(t *testing.T, st *store.SQLite, _ string) func() {
			storetest.FillSQLite(t, st)
			return func() { // retention frees the old events' pages
				if _, err := st.DeleteEventsBefore(context.Background(), time.Now().Add(-time.Hour)); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"locked by another process", 0, func(t *testing.T, _ *store.SQLite, path string) func() {
			return storetest.LockSQLite(t, path)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, path := storetest.OpenFaultySQLite(t, faultBusy, tc.extraPages)
			e := newFaultEnv(t, st)
			fc := newClient(t, e.h, "198.51.100.90")
			crowd := make([]*formClient, faultCrowd)
			for i := range crowd {
				crowd[i] = newClient(t, e.h, fmt.Sprintf("198.51.100.%d", 100+i))
			}
			clear := tc.inject(t, st, path)

			checkDraftKept(t, fc.post(faultFields()))
			// Customers sending at the same time queue for the one writer: each gets the 503
			// with the draft, none a 500 or a hang.
			recs := make([]*httptest.ResponseRecorder, len(crowd))
			var wg sync.WaitGroup
			for i, c := range crowd {
				wg.Go(func() { recs[i] = c.post(faultFields()) })
			}
			wg.Wait()
			for _, rec := range recs {
				checkDraftKept(t, rec)
			}
			if rec := fc.do(httptest.NewRequest(http.MethodGet, ticketFormPath, nil)); rec.Code != http.StatusOK {
				t.Errorf("form page under the fault: %d", rec.Code) // and its form_started event is queued, not waited for
			}
			logs := e.logs.String()
			if !strings.Contains(logs, "store unavailable") || strings.Contains(logs, "level=ERROR") {
				t.Errorf("logs under the fault, want a warning and no error:\n%s", logs)
			}

			clear()
			rec := fc.post(faultFields()) // the token of the page shown again
			number := fc.receiptNumber(rec)
			got, err := st.Ticket(context.Background(), number)
			if err != nil || got.Description != strings.TrimSpace(faultFields().Get("description")) {
				t.Fatalf("ticket %s after the fault: %v", number, err)
			}
			if stats := e.events.Stats(); stats.Dropped != 0 {
				t.Errorf("event recorder dropped %d events for a few requests", stats.Dropped)
			}
		})
	}
}

// TestStoreDownPages: with the store down (a closed SQLite store; PostgreSQL cut off), the
// ticket form, the dashboard and the admin's retry answer 503 with Retry-After rather than
// 500, the admin page still shows with a warning, and with PostgreSQL back the same ticket
// goes through.
func TestStoreDownPages(t *testing.T) {
	tests := []struct {
		name string
		open func(t *testing.T) (st faultStore, down, up func())
	}{
		{"sqlite closed", func(t *testing.T) (faultStore, func(), func()) {
			st, _ := storetest.OpenFaultySQLite(t, faultBusy, 0)
			return st, func() { st.Close() }, nil
		}},
		{"postgres unreachable", func(t *testing.T) (faultStore, func(), func()) {
			dsn := storetest.PostgresSchema(t)
			u, err := url.Parse(dsn)
			if err != nil {
				t.Fatal(err)
			}
			p := storetest.NewTCPProxy(t, u.Host)
			st, err := store.OpenPostgres(context.Background(), p.ProxyURL(dsn))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			return st, p.Stop, p.Start
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, down, up := tc.open(t)
			e := newFaultEnv(t, st)
			fc := newClient(t, e.h, "198.51.100.91")
			sess := login(t, e.h, "192.0.2.91")
			adminPage := staffRequest{target: adminPath, cookies: []*http.Cookie{sess}}.send(e.h).Body.String()
			down()

			checkDraftKept(t, fc.post(faultFields()))
			dash := staffRequest{target: dashboardPath, cookies: []*http.Cookie{sess}}.send(e.h)
			if dash.Code != http.StatusServiceUnavailable || dash.Header().Get("Retry-After") != storeRetryAfterSeconds ||
				!strings.Contains(dash.Body.String(), escapeText(msgStoreUnavailable)) {
				t.Errorf("dashboard with the store down: %d, Retry-After %q\n%.300s", dash.Code, dash.Header().Get("Retry-After"), dash.Body.String())
			}
			admin := staffRequest{target: adminPath, cookies: []*http.Cookie{sess}}.send(e.h)
			if admin.Code != http.StatusOK || !strings.Contains(admin.Body.String(), "staff-warning") {
				t.Errorf("admin page with the store down: %d\n%.300s", admin.Code, admin.Body.String())
			}
			form := url.Values{csrfField: {formCSRF(t, adminPage)}, "ticket": {"KB-000001"}}
			retry := staffRequest{method: http.MethodPost, target: adminPath + "/deliveries/1/retry", form: form, cookies: []*http.Cookie{sess}}.send(e.h)
			if retry.Code != http.StatusServiceUnavailable {
				t.Errorf("admin retry with the store down: %d, want 503", retry.Code)
			}
			if logs := e.logs.String(); strings.Contains(logs, "level=ERROR") {
				t.Errorf("errors logged for an unavailable store:\n%s", logs)
			}
			if up == nil {
				return
			}
			up()
			number := fc.receiptNumber(fc.post(faultFields()))
			if got, err := st.Ticket(context.Background(), number); err != nil || got.Subject != faultFields().Get("subject") {
				t.Errorf("ticket %s once the store is back: %+v, %v", number, got, err)
			}
		})
	}
}

// lockedBuffer is a log destination safe for concurrent writers.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}
