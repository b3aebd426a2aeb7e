package site

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"persiankb/kb/store"
	"persiankb/kb/tickets"
)

// testSecret signs the test server's tokens.
var testSecret = []byte("0123456789abcdef0123456789abcdef")

// ticketEnv is a test server with a real SQLite store behind a real Deliverer (no channels:
// tickets are only stored).
type ticketEnv struct {
	srv   *Server
	h     http.Handler
	store *store.SQLite
	logs  *bytes.Buffer
}

// newTicketEnv serves the test help center with the ticket form; edit may change the config.
func newTicketEnv(t testing.TB, edit func(*Config)) *ticketEnv {
	t.Helper()
	st, err := store.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close() })
	d, err := tickets.NewDeliverer(st, tickets.Config{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Tickets: d, Secret: testSecret, CORSOrigins: []string{"https://shop.example.com"}}
	if edit != nil {
		edit(&cfg)
	}
	var logs bytes.Buffer
	srv, err := New(cfg, newTestState(t), slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return &ticketEnv{srv: srv, h: srv.Handler(), store: st, logs: &logs}
}

// storedTicket returns the ticket with the given number, or false when there is none.
func (e *ticketEnv) storedTicket(t testing.TB, number string) (store.Ticket, bool) {
	t.Helper()
	tk, err := e.store.Ticket(context.Background(), number)
	if errors.Is(err, store.ErrNotFound) {
		return store.Ticket{}, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return tk, true
}

// formClient is one browser: its cookies, its form token and its IP address.
type formClient struct {
	t       testing.TB
	h       http.Handler
	ip      string
	cookies map[string]*http.Cookie
	token   string
}

var csrfInputRe = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// newClient opens the form once, as a browser does before posting it.
func newClient(t testing.TB, h http.Handler, ip string) *formClient {
	fc := &formClient{t: t, h: h, ip: ip, cookies: map[string]*http.Cookie{}}
	rec := fc.do(httptest.NewRequest(http.MethodGet, ticketFormPath, nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET %s = %d", ticketFormPath, rec.Code)
	}
	return fc
}

// do sends a request with the client's cookies and address and keeps what it sets.
func (fc *formClient) do(req *http.Request) *httptest.ResponseRecorder {
	fc.t.Helper()
	req.RemoteAddr = fc.ip + ":40000"
	for _, c := range fc.cookies {
		req.AddCookie(c)
	}
	rec := httptest.NewRecorder()
	fc.h.ServeHTTP(rec, req)
	for _, c := range rec.Result().Cookies() {
		fc.cookies[c.Name] = c
	}
	if m := csrfInputRe.FindStringSubmatch(rec.Body.String()); m != nil {
		fc.token = m[1]
	}
	return rec
}

// testFile is an attachment to upload.
type testFile struct {
	name string
	data []byte
}

// post submits the form as multipart, with the client's token unless fields set csrf_token.
func (fc *formClient) post(fields url.Values, files ...testFile) *httptest.ResponseRecorder {
	fc.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if _, ok := fields[csrfField]; !ok {
		_ = mw.WriteField(csrfField, fc.token)
	}
	for k, vs := range fields {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	for _, f := range files {
		w, err := mw.CreateFormFile(tickets.FieldAttachments, f.name)
		if err != nil {
			fc.t.Fatal(err)
		}
		_, _ = w.Write(f.data)
	}
	if err := mw.Close(); err != nil {
		fc.t.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodPost, ticketFormPath, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return fc.do(req)
}

// validFields is a complete, valid ticket sent with the form's script (no suggestions step).
func validFields() url.Values {
	return url.Values{
		"name":        {"مریم احمدی"},
		"email":       {"maryam@example.com"},
		"mobile":      {"۰۹۱۲۳۴۵۶۷۸۹"},
		"category":    {"billing"},
		"subject":     {"بازگشت وجه سفارش لغوشده"},
		"description": {"سفارشم را هفتهٔ پیش لغو کردم ولی هنوز پولم به کارت برنگشته است. کی واریز می‌شود؟"},
		"step":        {stepSend},
	}
}

// with returns a copy of v with the given key set (or removed when value is "\x00").
func with(v url.Values, key, value string) url.Values {
	out := url.Values{}
	for k, vs := range v {
		out[k] = append([]string(nil), vs...)
	}
	if value == "\x00" {
		out.Del(key)
	} else {
		out.Set(key, value)
	}
	return out
}

// receiptNumber follows a redirect to the receipt page and returns the ticket number shown.
func (fc *formClient) receiptNumber(rec *httptest.ResponseRecorder) string {
	fc.t.Helper()
	if rec.Code != http.StatusSeeOther {
		fc.t.Fatalf("POST = %d, want 303; body: %.400s", rec.Code, rec.Body.String())
	}
	loc := rec.Header().Get("Location")
	if !strings.HasPrefix(loc, ticketReceivedPath+"?r=") {
		fc.t.Fatalf("redirect to %q", loc)
	}
	page := fc.do(httptest.NewRequest(http.MethodGet, loc, nil))
	if page.Code != http.StatusOK {
		fc.t.Fatalf("GET %s = %d", loc, page.Code)
	}
	m := regexp.MustCompile(`class="ticket-number" dir="ltr">(KB-\d+)<`).FindStringSubmatch(page.Body.String())
	if m == nil {
		fc.t.Fatalf("no ticket number on the receipt page: %.600s", page.Body.String())
	}
	return m[1]
}

// testPDF is the smallest file that passes tickets.DetectType as a PDF.
var testPDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
