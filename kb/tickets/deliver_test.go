package tickets

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"persiankb/kb/store"
)

// TestDeliverRetriesUntilAccepted: the receiver fails the first two attempts; the third is
// delivered, exactly once, with the same signed body and idempotency key every time.
func TestDeliverRetriesUntilAccepted(t *testing.T) {
	c := newClock()
	s := tempStore(t)
	rcv := newReceiver(t, http.StatusServiceUnavailable, http.StatusInternalServerError)
	d := newTestDeliverer(t, s, testConfig(c, rcv.URL))
	draft := sampleDraft(t)
	tk, err := d.Submit(context.Background(), draft)
	if err != nil {
		t.Fatal(err)
	}
	deliverDue(t, d, Result{Retried: 1})
	deliverDue(t, d, Result{}) // not due yet
	c.Advance(500 * time.Millisecond)
	deliverDue(t, d, Result{Retried: 1})
	c.Advance(999 * time.Millisecond)
	deliverDue(t, d, Result{})
	c.Advance(time.Millisecond)
	deliverDue(t, d, Result{Delivered: 1})
	c.Advance(time.Hour)
	deliverDue(t, d, Result{})

	dl := deliveryOf(t, s, tk.Number)
	if dl.Status != store.StatusDelivered || dl.Attempts != 3 || !dl.DeliveredAt.Equal(c.Now().Add(-time.Hour)) {
		t.Errorf("delivery = %+v, want delivered after 3 attempts", dl)
	}
	reqs := rcv.seen()
	if len(reqs) != 3 {
		t.Fatalf("receiver got %d requests, want 3", len(reqs))
	}
	for i, r := range reqs {
		if !r.signed || r.delivery != dl.Key || r.payload.IdempotencyKey != dl.Key {
			t.Errorf("request %d: signed=%v delivery=%q key=%q, want signed with %q", i, r.signed, r.delivery, r.payload.IdempotencyKey, dl.Key)
		}
	}
	if want := fmt.Sprint(c.Now().Add(-time.Hour).Unix()); reqs[2].timestamp != want {
		t.Errorf("X-KB-Timestamp = %s, want %s", reqs[2].timestamp, want)
	}
	checkPayload(t, reqs[2].payload, tk, draft)
}

func checkPayload(t *testing.T, p WebhookPayload, tk store.Ticket, draft Ticket) {
	t.Helper()
	want := WebhookPayload{Version: 1, Event: "ticket.created", Source: "kb", IdempotencyKey: p.IdempotencyKey,
		TicketNumber: tk.Number, CreatedAt: "2025-03-21T09:30:00Z",
		Name: draft.Name, Email: draft.Email, Mobile: draft.Mobile, Category: draft.Category,
		Subject: draft.Subject, Description: draft.Description,
		Client: WebhookClient{IP: draft.Meta.ClientIP, UserAgent: draft.Meta.UserAgent, Referrer: draft.Meta.Referrer}}
	gotAtts := p.Attachments
	p.Attachments = nil
	if fmt.Sprintf("%+v", p) != fmt.Sprintf("%+v", want) {
		t.Errorf("payload\n got %+v\nwant %+v", p, want)
	}
	if len(gotAtts) != 1 {
		t.Fatalf("%d attachments in the payload, want 1", len(gotAtts))
	}
	a, src := gotAtts[0], draft.Attachments[0]
	sum := sha256.Sum256(src.Data)
	if a.Filename != src.Filename || a.ContentType != src.ContentType || a.Size != int64(len(src.Data)) ||
		a.SHA256 != hex.EncodeToString(sum[:]) || !bytes.Equal(a.Data, src.Data) {
		t.Errorf("attachment in payload = %s %s %d %s", a.Filename, a.ContentType, a.Size, a.SHA256)
	}
}

// TestDeliverAcrossRestart: the receiver is down; the process stops; the next process, on the
// same file, delivers when the receiver is back, at the retry time the first one stored.
func TestDeliverAcrossRestart(t *testing.T) {
	c := newClock()
	path := filepath.Join(t.TempDir(), "kb.db")
	down := httptest.NewServer(http.NotFoundHandler())
	downURL := down.URL
	down.Close() // nothing listens there now: connection refused

	s1 := openStore(t, path)
	d1 := newTestDeliverer(t, s1, testConfig(c, downURL))
	tk, err := d1.Submit(context.Background(), sampleDraft(t))
	if err != nil {
		t.Fatal(err)
	}
	deliverDue(t, d1, Result{Retried: 1})
	first := deliveryOf(t, s1, tk.Number)
	if !strings.Contains(first.LastError, "refused") {
		t.Errorf("last error %q, want connection refused", first.LastError)
	}
	if err := s1.Close(); err != nil {
		t.Fatal(err)
	}

	rcv := newReceiver(t)
	s2 := openStore(t, path)
	defer s2.Close()
	d2 := newTestDeliverer(t, s2, testConfig(c, rcv.URL))
	deliverDue(t, d2, Result{}) // the stored next attempt time is honoured
	c.Advance(500 * time.Millisecond)
	deliverDue(t, d2, Result{Delivered: 1})
	dl := deliveryOf(t, s2, tk.Number)
	if dl.Status != store.StatusDelivered || dl.Attempts != 2 || dl.Key != first.Key {
		t.Errorf("after restart delivery = %+v", dl)
	}
	if reqs := rcv.seen(); len(reqs) != 1 || reqs[0].payload.TicketNumber != tk.Number || reqs[0].delivery != first.Key {
		t.Errorf("receiver saw %+v", reqs)
	}
}

// TestDeliverGivesUp: after MaxAttempts failures the delivery is failed, listed for the admin,
// and no longer attempted until an admin retries it.
func TestDeliverGivesUp(t *testing.T) {
	const maxAttempts = 4
	c := newClock()
	s := tempStore(t)
	rcv := newReceiver(t, 500, 500, 500, 500)
	cfg := testConfig(c, rcv.URL)
	cfg.MaxAttempts = maxAttempts
	d := newTestDeliverer(t, s, cfg)
	tk, err := d.Submit(context.Background(), sampleDraft(t))
	if err != nil {
		t.Fatal(err)
	}
	for range maxAttempts - 1 {
		deliverDue(t, d, Result{Retried: 1})
		c.Advance(testBackoff.Max)
	}
	deliverDue(t, d, Result{Failed: 1})
	c.Advance(24 * time.Hour)
	deliverDue(t, d, Result{})
	failed, err := s.FailedDeliveries(context.Background(), 10)
	if err != nil || len(failed) != 1 {
		t.Fatalf("FailedDeliveries = %+v, %v", failed, err)
	}
	if f := failed[0]; f.TicketNumber != tk.Number || f.Attempts != maxAttempts || f.LastError != "HTTP 500: Internal Server Error" {
		t.Errorf("failed delivery = %+v", f)
	}
	if n := len(rcv.seen()); n != maxAttempts {
		t.Errorf("receiver got %d requests, want %d", n, maxAttempts)
	}
	// The admin fixes the receiver and retries.
	if err := s.RetryDelivery(context.Background(), failed[0].ID, c.Now()); err != nil {
		t.Fatal(err)
	}
	deliverDue(t, d, Result{Delivered: 1})
}

func TestDeliverClassifiesAnswers(t *testing.T) {
	tests := []struct {
		status     int
		header     string // Retry-After
		want       Result
		wantWait   time.Duration // for retries, with testBackoff and Rand = 0 after attempt 1
		wantErrSub string
	}{
		{200, "", Result{Delivered: 1}, 0, ""},
		{202, "", Result{Delivered: 1}, 0, ""},
		{204, "", Result{Delivered: 1}, 0, ""},
		{301, "", Result{Failed: 1}, 0, "redirect to"},
		{400, "", Result{Failed: 1}, 0, "HTTP 400: Bad Request"},
		{401, "", Result{Failed: 1}, 0, "HTTP 401"},
		{404, "", Result{Failed: 1}, 0, "HTTP 404"},
		{413, "", Result{Failed: 1}, 0, "HTTP 413"},
		{422, "", Result{Failed: 1}, 0, "HTTP 422"},
		{408, "", Result{Retried: 1}, 500 * time.Millisecond, "HTTP 408"},
		{429, "", Result{Retried: 1}, 500 * time.Millisecond, "HTTP 429"},
		{429, "7", Result{Retried: 1}, 7 * time.Second, "HTTP 429"},
		{503, "3600", Result{Retried: 1}, testBackoff.Max, "HTTP 503"}, // capped
		{500, "", Result{Retried: 1}, 500 * time.Millisecond, "HTTP 500"},
		{502, "", Result{Retried: 1}, 500 * time.Millisecond, "HTTP 502"},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.status, tc.header), func(t *testing.T) {
			c := newClock()
			s := tempStore(t)
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tc.header != "" {
					w.Header().Set("Retry-After", tc.header)
				}
				if tc.status == 301 {
					w.Header().Set("Location", "https://elsewhere.example/hook")
				}
				w.WriteHeader(tc.status)
				fmt.Fprint(w, http.StatusText(tc.status))
			}))
			defer srv.Close()
			d := newTestDeliverer(t, s, testConfig(c, srv.URL))
			tk, err := d.Submit(context.Background(), sampleDraft(t))
			if err != nil {
				t.Fatal(err)
			}
			deliverDue(t, d, tc.want)
			dl := deliveryOf(t, s, tk.Number)
			if !strings.Contains(dl.LastError, tc.wantErrSub) {
				t.Errorf("last error %q, want it to contain %q", dl.LastError, tc.wantErrSub)
			}
			if tc.want.Retried == 1 && !dl.NextAttemptAt.Equal(c.Now().Add(tc.wantWait)) {
				t.Errorf("next attempt in %v, want %v", dl.NextAttemptAt.Sub(c.Now()), tc.wantWait)
			}
		})
	}
}

// TestRunDeliversOnKick: Run delivers a new ticket at once, without waiting for the poll
// interval, and returns when its context ends.
func TestRunDeliversOnKick(t *testing.T) {
	c := newClock()
	s := tempStore(t)
	rcv := newReceiver(t)
	cfg := testConfig(c, rcv.URL)
	cfg.PollInterval = time.Hour
	d := newTestDeliverer(t, s, cfg)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	var numbers []string
	for range 3 {
		tk, err := d.Submit(context.Background(), sampleDraft(t))
		if err != nil {
			t.Fatal(err)
		}
		numbers = append(numbers, tk.Number)
		r := waitFor(t, rcv.got)
		if r.payload.TicketNumber != tk.Number {
			t.Errorf("received %s, want %s", r.payload.TicketNumber, tk.Number)
		}
	}
	for _, n := range numbers {
		waitDelivered(t, s, n)
	}
	cancel()
	<-done
}

// waitDelivered waits until Run has recorded the delivery of ticket number (the receiver's
// answer and the store update happen after the receiver has seen the request).
func waitDelivered(t *testing.T, s *store.SQLite, number string) {
	t.Helper()
	for start := time.Now(); time.Since(start) < 30*time.Second; time.Sleep(5 * time.Millisecond) {
		if dl := deliveryOf(t, s, number); dl.Status == store.StatusDelivered {
			return
		}
	}
	t.Fatalf("%s never recorded as delivered: %+v", number, deliveryOf(t, s, number))
}

// waitFor waits for the next request; the timeout only turns a hang into a failure.
func waitFor(t *testing.T, ch <-chan request) request {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(30 * time.Second):
		t.Fatal("no webhook request arrived")
		return request{}
	}
}

// TestShutdownMidAttempt: an attempt cut short by shutdown is due again immediately.
func TestShutdownMidAttempt(t *testing.T) {
	c := newClock()
	s := tempStore(t)
	ctx, cancel := context.WithCancel(context.Background())
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body) // after the body, the server notices the client going away
		cancel()                    // the process is asked to stop while the receiver is still answering
		<-r.Context().Done()
	}))
	defer srv.Close()
	d := newTestDeliverer(t, s, testConfig(c, srv.URL))
	tk, err := d.Submit(context.Background(), sampleDraft(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.DeliverDue(ctx); err != nil {
		t.Fatal(err)
	}
	dl := deliveryOf(t, s, tk.Number)
	if dl.Status != store.StatusPending || !dl.NextAttemptAt.Equal(c.Now()) || !strings.Contains(dl.LastError, "shutdown") {
		t.Errorf("after shutdown mid-attempt: %+v", dl)
	}
}

// TestUnconfiguredChannel: rows for a channel removed from the config are retried (so a
// config fix delivers them) and end failed with a clear error.
func TestUnconfiguredChannel(t *testing.T) {
	c := newClock()
	s := tempStore(t)
	tk, err := s.CreateTicket(context.Background(), sampleDraft(t).record(c.Now()), []string{ChannelEmail})
	if err != nil {
		t.Fatal(err)
	}
	d := newTestDeliverer(t, s, testConfig(c, newReceiver(t).URL))
	deliverDue(t, d, Result{Retried: 1})
	if dl := deliveryOf(t, s, tk.Number); dl.LastError != `channel "email" is not configured` {
		t.Errorf("last error %q", dl.LastError)
	}
}

func TestSubmitWithoutChannels(t *testing.T) {
	s := tempStore(t)
	d := newTestDeliverer(t, s, Config{Logger: testConfig(newClock(), "").Logger})
	tk, err := d.Submit(context.Background(), sampleDraft(t))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s.Ticket(context.Background(), tk.Number); err != nil || len(got.Attachments) != 1 {
		t.Errorf("stored ticket %+v, %v", got, err)
	}
	if ds, _ := s.TicketDeliveries(context.Background(), tk.Number); len(ds) != 0 || len(d.Channels()) != 0 {
		t.Errorf("deliveries %+v for a deliverer without channels", ds)
	}
}

func TestSubmitStoreError(t *testing.T) {
	s := tempStore(t)
	d := newTestDeliverer(t, s, testConfig(newClock(), "http://127.0.0.1:1/"))
	s.Close()
	if _, err := d.Submit(context.Background(), sampleDraft(t)); err == nil || !strings.Contains(err.Error(), "tickets: submit") {
		t.Errorf("Submit on a closed store: %v", err)
	}
}
