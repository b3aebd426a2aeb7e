package site

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"persiankb/kb/store"
	"persiankb/kb/tickets"
)

// webhookSecret signs the test deliveries.
const webhookSecret = "webhook-test-secret"

// flakyDesk is a support system's webhook that answers 500 until fixed, then accepts; it
// verifies every signature and counts the tickets it accepted per idempotency key.
type flakyDesk struct {
	mu       sync.Mutex
	fixed    bool
	bad      int
	failed   int
	accepted map[string][]string // idempotency key → ticket numbers accepted
}

func (f *flakyDesk) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	var p tickets.WebhookPayload
	ok := tickets.VerifySignature(webhookSecret, body, r.Header.Get(tickets.HeaderSignature)) && json.Unmarshal(body, &p) == nil
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case !ok:
		f.bad++
		w.WriteHeader(http.StatusUnauthorized)
	case !f.fixed:
		f.failed++
		w.WriteHeader(http.StatusInternalServerError)
	default:
		f.accepted[p.IdempotencyKey] = append(f.accepted[p.IdempotencyKey], p.TicketNumber)
	}
}

// TestWebhookDownEndToEnd: a ticket sent with the form while the support system's webhook
// fails is stored and acknowledged at once; its delivery is retried until the attempts run
// out, then shows on /admin with its error and a retry button; after the admin's retry, with
// the webhook fixed, it is delivered exactly once, signed.
func TestWebhookDownEndToEnd(t *testing.T) {
	const maxAttempts = 3
	desk := &flakyDesk{accepted: map[string][]string{}}
	hook := httptest.NewServer(desk)
	defer hook.Close()
	e := newTicketEnv(t, nil)
	d, err := tickets.NewDeliverer(e.store, tickets.Config{
		Webhook:     tickets.WebhookConfig{URL: hook.URL, Secret: webhookSecret, Timeout: 5 * time.Second},
		Backoff:     tickets.Backoff{Base: time.Millisecond, Factor: 1, Max: time.Millisecond},
		MaxAttempts: maxAttempts,
		Logger:      slog.New(slog.DiscardHandler),
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := newStaffServer(t, newTestState(t), Config{Tickets: d, Outbox: e.store, Auth: staffAuth(t), Secret: testSecret})
	h := srv.Handler()

	fc := newClient(t, h, "198.51.100.95")
	number := fc.receiptNumber(fc.post(validFields()))
	var res tickets.Result
	for attempts := 0; res.Failed == 0 && attempts < 10*maxAttempts; attempts++ {
		r, err := d.DeliverDue(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		res.Retried, res.Failed = res.Retried+r.Retried, res.Failed+r.Failed
		time.Sleep(2 * time.Millisecond) // the retry comes due
	}
	if res.Retried != maxAttempts-1 || res.Failed != 1 {
		t.Fatalf("delivery passes: %+v, want %d retries then failed", res, maxAttempts-1)
	}

	sess := login(t, h, "192.0.2.95")
	page := staffRequest{target: adminPath, cookies: []*http.Cookie{sess}}.send(h).Body.String()
	dl := onlyDelivery(t, e.store, number)
	action := adminPath + "/deliveries/" + strconv.FormatInt(dl.ID, 10) + "/retry"
	assertContains(t, page, []string{number, "HTTP 500", `action="` + action + `"`}, nil)

	desk.mu.Lock()
	desk.fixed = true
	desk.mu.Unlock()
	form := url.Values{csrfField: {formCSRF(t, page)}, "ticket": {number}}
	if rec := (staffRequest{method: http.MethodPost, target: action, form: form, cookies: []*http.Cookie{sess}}).send(h); rec.Code != http.StatusSeeOther {
		t.Fatalf("admin retry: %d", rec.Code)
	}
	if r, err := d.DeliverDue(context.Background()); err != nil || r.Delivered != 1 {
		t.Fatalf("after the retry: %+v, %v", r, err)
	}
	if r, err := d.DeliverDue(context.Background()); err != nil || r != (tickets.Result{}) {
		t.Errorf("a further pass: %+v, %v, want nothing to do", r, err)
	}
	desk.mu.Lock()
	defer desk.mu.Unlock()
	if got := desk.accepted[dl.Key]; desk.bad != 0 || desk.failed != maxAttempts || len(desk.accepted) != 1 || len(got) != 1 || got[0] != number {
		t.Errorf("webhook: %d bad, %d failed, accepted %v; want %d failed then %s once", desk.bad, desk.failed, desk.accepted, maxAttempts, number)
	}
	if dl := onlyDelivery(t, e.store, number); dl.Status != store.StatusDelivered {
		t.Errorf("delivery after the retry: %+v", dl)
	}
}

// onlyDelivery is the only delivery of ticket number.
func onlyDelivery(t *testing.T, s *store.SQLite, number string) store.Delivery {
	t.Helper()
	ds, err := s.TicketDeliveries(context.Background(), number)
	if err != nil || len(ds) != 1 {
		t.Fatalf("deliveries of %s: %+v, %v", number, ds, err)
	}
	return ds[0]
}
