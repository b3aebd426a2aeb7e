package tickets

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"persiankb/kb/store"
)

const testSecret = "test-secret"

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2025, 3, 21, 9, 30, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func openStore(t *testing.T, path string) *store.SQLite {
	t.Helper()
	s, err := store.OpenSQLite(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// tempStore is a store in a fresh file, closed at the end of the test.
func tempStore(t *testing.T) *store.SQLite {
	s := openStore(t, filepath.Join(t.TempDir(), "kb.db"))
	t.Cleanup(func() { s.Close() })
	return s
}

// testBackoff makes retries due after 0.5 s, 1 s, 2 s, 4 s, 5 s... with Rand returning 0.
var testBackoff = Backoff{Base: time.Second, Factor: 2, Max: 10 * time.Second}

func testConfig(c *clock, url string) Config {
	return Config{
		Webhook:     WebhookConfig{URL: url, Secret: testSecret, Timeout: 10 * time.Second},
		Backoff:     testBackoff,
		MaxAttempts: 10,
		Now:         c.Now,
		Rand:        func() float64 { return 0 },
		Logger:      slog.New(slog.DiscardHandler),
	}
}

func newTestDeliverer(t *testing.T, s Store, cfg Config) *Deliverer {
	t.Helper()
	d, err := NewDeliverer(s, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// request is what the receiver saw of one webhook call.
type request struct {
	delivery, timestamp string
	signed              bool
	payload             WebhookPayload
}

// receiver is a support system's webhook endpoint: it verifies the signature, then answers
// with the next status of its script (200 once the script is used up).
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	script   []int
	requests []request
	got      chan request
}

func newReceiver(t *testing.T, script ...int) *receiver {
	r := &receiver{script: script, got: make(chan request, 100)}
	r.Server = httptest.NewServer(http.HandlerFunc(r.serve))
	t.Cleanup(r.Close)
	return r
}

func (r *receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	rq := request{
		delivery:  req.Header.Get(HeaderDelivery),
		timestamp: req.Header.Get(HeaderTimestamp),
		signed:    VerifySignature(testSecret, body, req.Header.Get(HeaderSignature)),
	}
	json.Unmarshal(body, &rq.payload)
	r.mu.Lock()
	r.requests = append(r.requests, rq)
	status := http.StatusOK
	if len(r.script) > 0 {
		status, r.script = r.script[0], r.script[1:]
	}
	r.mu.Unlock()
	r.got <- rq
	if !rq.signed {
		status = http.StatusUnauthorized
	}
	w.WriteHeader(status)
	io.WriteString(w, http.StatusText(status))
}

func (r *receiver) seen() []request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]request(nil), r.requests...)
}

// deliveryOf is the only delivery of ticket number.
func deliveryOf(t *testing.T, s *store.SQLite, number string) store.Delivery {
	t.Helper()
	ds, err := s.TicketDeliveries(context.Background(), number)
	if err != nil || len(ds) != 1 {
		t.Fatalf("TicketDeliveries(%s) = %+v, %v", number, ds, err)
	}
	return ds[0]
}

// deliverDue runs one DeliverDue pass and checks what it did.
func deliverDue(t *testing.T, d *Deliverer, want Result) {
	t.Helper()
	got, err := d.DeliverDue(context.Background())
	if err != nil {
		t.Fatalf("DeliverDue: %v", err)
	}
	if got != want {
		t.Fatalf("DeliverDue = %+v, want %+v", got, want)
	}
}

func sampleDraft(t testing.TB) Ticket {
	return Ticket{
		Name: "مریم کریمی", Email: "maryam@example.com", Mobile: "09121234567", Category: "billing",
		Subject: "پرداخت انجام شد ولی سفارش ثبت نشد", Description: "مبلغ از حسابم کم شد ولی سفارش در پنل نیست.",
		Attachments: []Attachment{{ID: newID(), Filename: "رسید.png", ContentType: "image/png", Data: testPNG(t)}},
		Meta:        Meta{ClientIP: "203.0.113.7", UserAgent: "Mozilla/5.0", Referrer: "/articles/refund"},
	}
}
