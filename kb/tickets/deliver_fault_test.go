package tickets

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"persiankb/kb/store"
	"persiankb/kb/store/storetest"
)

// outageReceiver is a support system's webhook endpoint that is down (nothing listens on its
// port) until started, then fails its first answers with 500, then accepts. It verifies every
// signature and counts what it accepted per idempotency key.
type outageReceiver struct {
	addr     string
	failures int // 500s to answer once started
	mu       sync.Mutex
	requests int
	bad      int            // requests with a wrong signature or body
	accepted map[string]int // idempotency key → 2xx answers
	srv      *http.Server
}

func newOutageReceiver(t *testing.T, failures int) *outageReceiver {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	r := &outageReceiver{addr: ln.Addr().String(), failures: failures, accepted: map[string]int{}}
	ln.Close() // down: connections are refused
	return r
}

func (r *outageReceiver) url() string { return "http://" + r.addr + "/hook" }

// start brings the receiver up on its address.
func (r *outageReceiver) start(t *testing.T) {
	ln, err := net.Listen("tcp", r.addr)
	if err != nil {
		t.Fatalf("receiver back on %s: %v", r.addr, err)
	}
	r.srv = &http.Server{Handler: http.HandlerFunc(r.serve)}
	go r.srv.Serve(ln)
	t.Cleanup(func() { r.srv.Close() })
}

func (r *outageReceiver) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	var p WebhookPayload
	ok := VerifySignature(testSecret, body, req.Header.Get(HeaderSignature)) && json.Unmarshal(body, &p) == nil &&
		p.IdempotencyKey == req.Header.Get(HeaderDelivery)
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests++
	switch {
	case !ok:
		r.bad++
		w.WriteHeader(http.StatusUnauthorized)
	case r.failures > 0:
		r.failures--
		w.WriteHeader(http.StatusInternalServerError)
	default:
		r.accepted[p.IdempotencyKey]++
		w.WriteHeader(http.StatusOK)
	}
}

func (r *outageReceiver) counts() (requests, bad int, accepted map[string]int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	accepted = map[string]int{}
	for k, v := range r.accepted {
		accepted[k] = v
	}
	return r.requests, r.bad, accepted
}

// TestRunWebhookOutage: the delivery loop runs on the real clock while the webhook target is
// down, then answers 500 for a while, then accepts. Tickets submitted meanwhile stay pending,
// each retried with backoff and its error kept; once the target is back every ticket is
// delivered exactly once, signed, with a stable idempotency key; nothing is sent after.
func TestRunWebhookOutage(t *testing.T) {
	const tickets = 4
	s := tempStore(t)
	rcv := newOutageReceiver(t, 3)
	cfg := Config{
		Webhook:      WebhookConfig{URL: rcv.url(), Secret: testSecret, Timeout: 5 * time.Second},
		Backoff:      Backoff{Base: 20 * time.Millisecond, Factor: 2, Max: 200 * time.Millisecond},
		MaxAttempts:  1000, // the outage must not exhaust them (TestDeliverGivesUp covers that)
		PollInterval: 10 * time.Millisecond,
		Logger:       slog.New(slog.DiscardHandler),
	}
	d := newTestDeliverer(t, s, cfg)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()

	var numbers []string
	for range tickets {
		tk, err := d.Submit(context.Background(), sampleDraft(t))
		if err != nil {
			t.Fatal(err)
		}
		numbers = append(numbers, tk.Number)
	}
	// Down: every ticket is tried, and tried again, and stays pending with the error.
	for _, n := range numbers {
		dl := waitDelivery(t, s, n, func(dl store.Delivery) bool { return dl.Attempts >= 2 })
		if dl.Status != store.StatusPending || !strings.Contains(dl.LastError, "refused") || !dl.NextAttemptAt.After(dl.UpdatedAt) {
			t.Errorf("%s while the target is down: %+v, want pending, refused, due later", n, dl)
		}
	}

	rcv.start(t) // back, failing its first answers
	keys := map[string]string{}
	for _, n := range numbers {
		dl := waitDelivery(t, s, n, func(dl store.Delivery) bool { return dl.Status != store.StatusPending })
		if dl.Status != store.StatusDelivered || dl.Attempts < 2 {
			t.Errorf("%s after the outage: %+v, want delivered after retries", n, dl)
		}
		keys[n] = dl.Key
	}
	settled, _, _ := rcv.counts()
	time.Sleep(20 * cfg.PollInterval) // the loop keeps polling: nothing is due any more
	cancel()
	<-done
	requests, bad, accepted := rcv.counts()
	if requests != settled {
		t.Errorf("%d requests after every ticket was delivered", requests-settled)
	}
	if bad != 0 {
		t.Errorf("%d requests with a bad signature", bad)
	}
	if len(accepted) != tickets {
		t.Errorf("receiver accepted %d tickets, want %d: %v", len(accepted), tickets, accepted)
	}
	for n, key := range keys {
		if accepted[key] != 1 {
			t.Errorf("%s (key %s) accepted %d times, want exactly once", n, key, accepted[key])
		}
	}
	if requests < tickets+3 {
		t.Errorf("receiver saw %d requests, want the 3 failures and %d deliveries at least", requests, tickets)
	}
}

// waitDelivery waits until the only delivery of ticket number satisfies ok and returns it;
// the deadline only turns a hang into a failure.
func waitDelivery(t *testing.T, s *store.SQLite, number string, ok func(store.Delivery) bool) store.Delivery {
	t.Helper()
	for start := time.Now(); time.Since(start) < 30*time.Second; time.Sleep(5 * time.Millisecond) {
		if dl := deliveryOf(t, s, number); ok(dl) {
			return dl
		}
	}
	dl := deliveryOf(t, s, number)
	t.Fatalf("delivery of %s never reached the expected state: %+v", number, dl)
	return dl
}

// TestRunStoreLocked: while another process holds the database's lock, the delivery loop
// cannot claim deliveries; it warns (no error) and keeps polling, sends nothing, and delivers
// each pending ticket once, signed, when the lock is released.
func TestRunStoreLocked(t *testing.T) {
	s, path := storetest.OpenFaultySQLite(t, 50*time.Millisecond, 0)
	rcv := newReceiver(t)
	var logs lockedLog
	cfg := testConfig(newClock(), rcv.URL)
	cfg.Now, cfg.PollInterval = time.Now, 10*time.Millisecond
	cfg.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	d := newTestDeliverer(t, s, cfg)
	tk, err := d.Submit(context.Background(), sampleDraft(t))
	if err != nil {
		t.Fatal(err)
	}
	release := storetest.LockSQLite(t, path)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	for start := time.Now(); strings.Count(logs.String(), "store unavailable") < 3; time.Sleep(5 * time.Millisecond) {
		if time.Since(start) > 30*time.Second {
			t.Fatalf("the loop did not report the locked store:\n%s", logs.String())
		}
	}
	if n := len(rcv.seen()); n != 0 {
		t.Errorf("%d webhook requests while the store was locked", n)
	}

	release()
	waitDelivery(t, s, tk.Number, func(dl store.Delivery) bool { return dl.Status == store.StatusDelivered })
	if reqs := rcv.seen(); len(reqs) != 1 || !reqs[0].signed || reqs[0].payload.TicketNumber != tk.Number {
		t.Errorf("webhook requests after the lock: %+v", reqs)
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("errors logged for a locked store:\n%s", logs.String())
	}
}

// lockedLog is a log destination safe for the delivery loop's goroutine and the test's.
type lockedLog struct {
	mu  sync.Mutex
	buf strings.Builder
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
