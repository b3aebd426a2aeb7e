package site

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"persiankb/kb/store"
	"persiankb/kb/tickets"
)

func TestTicketFormPage(t *testing.T) {
	e := newTicketEnv(t, nil)
	rec := do(e.h, http.MethodGet, ticketFormPath+"?subject="+url.QueryEscape(xssTitle)+"&category=billing")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	body := rec.Body.String()
	assertContains(t, body, []string{
		`name="name"`, `name="email"`, `name="mobile"`, `name="category"`, `name="subject"`,
		`name="description"`, `name="attachments"`, `type="file" multiple`, `name="homepage"`,
		`name="csrf_token" value="`, `enctype="multipart/form-data"`, `aria-live="polite"`,
		`<option value="billing" selected>`, `<option value="account">`, "js/tickets.", "css/tickets.",
		"&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;", // the prefilled subject, escaped
	}, []string{"<script>alert(1)", `value="empty"`})
	var csrf *http.Cookie
	for _, c := range rec.Result().Cookies() {
		if c.Name == csrfCookie {
			csrf = c
		}
	}
	if csrf == nil || !csrf.HttpOnly || csrf.SameSite != http.SameSiteLaxMode || csrf.Path != csrfCookiePath {
		t.Errorf("CSRF cookie = %+v", csrf)
	}
	if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q", cc)
	}
	if rec.Header().Get("Content-Security-Policy") == "" {
		t.Error("no CSP on the form")
	}
}

func TestTicketSubmitValid(t *testing.T) {
	e := newTicketEnv(t, nil)
	fc := newClient(t, e.h, "198.51.100.7")
	number := fc.receiptNumber(fc.post(validFields()))
	tk, ok := e.storedTicket(t, number)
	if !ok {
		t.Fatalf("ticket %s is not in the store", number)
	}
	want := validFields()
	if tk.Name != want.Get("name") || tk.Email != want.Get("email") || tk.Mobile != "09123456789" ||
		tk.Category != "billing" || tk.Subject != want.Get("subject") || tk.Description != want.Get("description") {
		t.Errorf("stored ticket = %+v", tk)
	}
	if tk.ClientIP != "198.51.100.7" {
		t.Errorf("client IP = %q", tk.ClientIP)
	}
	if _, ok := e.storedTicket(t, store.FormatTicketNumber(tk.ID+1)); ok {
		t.Error("one submission stored two tickets")
	}
}

func TestTicketInvalidFields(t *testing.T) {
	e := newTicketEnv(t, nil)
	tests := []struct{ field, value string }{
		{tickets.FieldName, ""},
		{tickets.FieldName, strings.Repeat("ن", tickets.MaxNameRunes+1)},
		{tickets.FieldEmail, ""},
		{tickets.FieldEmail, "maryam.example.com"},
		{tickets.FieldEmail, "مریم@example.com"},
		{tickets.FieldMobile, "12345"},
		{tickets.FieldCategory, ""},
		{tickets.FieldCategory, "no-such-category"},
		{tickets.FieldSubject, "سل"},
		{tickets.FieldSubject, strings.Repeat("ع", tickets.MaxSubjectRunes+1)},
		{tickets.FieldDescription, "سلام"},
		{tickets.FieldDescription, strings.Repeat("ش", tickets.MaxDescriptionRunes+1)},
		{tickets.FieldDescription, "متن با نویسهٔ کنترلی \x1b برای آزمون"},
	}
	fc := newClient(t, e.h, "198.51.100.8")
	for _, tt := range tests {
		t.Run(tt.field+"="+shorten(tt.value), func(t *testing.T) {
			e.srv.tix.limiter = newRateLimiter(ticketBurst, ticketRefill, nil) // not what is tested here
			fields := with(validFields(), tt.field, tt.value)
			_, errs := tickets.Validate(tickets.Input{
				Name: fields.Get("name"), Email: fields.Get("email"), Mobile: fields.Get("mobile"),
				Category: fields.Get("category"), Subject: fields.Get("subject"), Description: fields.Get("description"),
			}, []string{"account", "billing", "guides"})
			msg := errs[tt.field]
			if msg == "" {
				t.Fatalf("tickets.Validate accepts %s=%q", tt.field, tt.value)
			}
			rec := fc.post(fields)
			if rec.Code != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", rec.Code)
			}
			body := rec.Body.String()
			id := "ticket-" + tt.field + "-error"
			assertContains(t, body, []string{
				`<p class="field-error" id="` + id + `">` + escapeText(msg) + `</p>`,
				`aria-invalid="true"`, id, `href="#ticket-` + tt.field + `"`,
				escapeText(fields.Get("name")), // the draft is kept
			}, nil)
			if _, ok := e.storedTicket(t, store.FormatTicketNumber(1)); ok {
				t.Fatal("an invalid ticket was stored")
			}
		})
	}
}

// shorten keeps test names readable.
func shorten(s string) string {
	if r := []rune(s); len(r) > 12 {
		return string(r[:12]) + "…"
	}
	return s
}

// escapeText is what html/template makes of text in an element.
func escapeText(s string) string {
	r := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;")
	return r.Replace(s)
}

func TestTicketCSRF(t *testing.T) {
	tests := []struct {
		name  string
		setup func(fc, other *formClient) url.Values
	}{
		{"no token", func(_, _ *formClient) url.Values { return with(validFields(), csrfField, "") }},
		{"wrong token", func(_, _ *formClient) url.Values { return with(validFields(), csrfField, "AAAA") }},
		{"another browser's token", func(_, other *formClient) url.Values { return with(validFields(), csrfField, other.token) }},
		{"no cookie", func(fc, _ *formClient) url.Values { delete(fc.cookies, csrfCookie); return validFields() }},
		{"token signed with another secret", func(fc, _ *formClient) url.Values {
			sig := signer{secret: []byte("another secret, 32 bytes long!!!")}.sign(csrfPurpose, fc.cookies[csrfCookie].Value)
			return with(validFields(), csrfField, b64.EncodeToString(sig))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTicketEnv(t, nil)
			other := newClient(t, e.h, "198.51.100.20") // a valid token for another browser's cookie
			fc := newClient(t, e.h, "198.51.100.21")
			rec := fc.post(tt.setup(fc, other))
			if rec.Code != http.StatusForbidden {
				t.Fatalf("status %d, want 403", rec.Code)
			}
			assertContains(t, rec.Body.String(), []string{escapeText(msgTicketCSRF), escapeText(validFields().Get("subject"))}, nil)
			if _, ok := e.storedTicket(t, store.FormatTicketNumber(1)); ok {
				t.Fatal("a ticket was stored without a valid CSRF token")
			}
			// The page came back with a fresh token: sending again works.
			if number := fc.receiptNumber(fc.post(validFields())); number == "" {
				t.Fatal("no number")
			}
		})
	}
}

func TestTicketRateLimit(t *testing.T) {
	e := newTicketEnv(t, nil)
	fc := newClient(t, e.h, "203.0.113.5")
	for i := range ticketBurst {
		if rec := fc.post(validFields()); rec.Code != http.StatusSeeOther {
			t.Fatalf("ticket %d: status %d", i+1, rec.Code)
		}
	}
	rec := fc.post(validFields())
	if rec.Code != http.StatusTooManyRequests {
		t.Fatalf("ticket %d: status %d, want 429", ticketBurst+1, rec.Code)
	}
	if ra := rec.Header().Get("Retry-After"); ra != "12" {
		t.Errorf("Retry-After = %q, want 12", ra)
	}
	assertContains(t, rec.Body.String(), []string{escapeText(msgTicketRateLimited(12)), `lang="fa"`}, nil)
	if _, ok := e.storedTicket(t, store.FormatTicketNumber(ticketBurst+1)); ok {
		t.Error("the limited ticket was stored")
	}
	other := newClient(t, e.h, "203.0.113.6")
	if rec := other.post(validFields()); rec.Code != http.StatusSeeOther {
		t.Errorf("another client: status %d", rec.Code)
	}
}

func TestTicketHoneypot(t *testing.T) {
	e := newTicketEnv(t, nil)
	fc := newClient(t, e.h, "198.51.100.30")
	rec := fc.post(with(validFields(), honeypotField, "https://spam.example"))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d, want 200 (a fake success)", rec.Code)
	}
	assertContains(t, rec.Body.String(), []string{"درخواست شما ثبت شد", "data-ticket-done"}, []string{"ticket-number"})
	if _, ok := e.storedTicket(t, store.FormatTicketNumber(1)); ok {
		t.Fatal("a honeypot ticket was stored (and so would be delivered)")
	}
	counts, err := e.store.OutboxCounts(context.Background())
	if err != nil || counts != (store.OutboxCounts{}) {
		t.Errorf("outbox = %+v, %v; want empty", counts, err)
	}
}

func TestTicketNoScriptSuggestionStep(t *testing.T) {
	e := newTicketEnv(t, nil)
	fc := newClient(t, e.h, "198.51.100.40")
	first := with(validFields(), stepField, "\x00") // no script: no step field
	for range ticketBurst + 2 {                     // the step is not counted against the limit
		rec := fc.post(first)
		if rec.Code != http.StatusOK {
			t.Fatalf("first submit: status %d, want the suggestions step", rec.Code)
		}
		assertContains(t, rec.Body.String(), []string{
			"این مقاله‌ها شاید پاسخ شما باشند", `href="/articles/refund"`, "<mark>",
			`href="/tickets/solved?article=refund"`, "این مشکلم را حل کرد",
			`name="step" value="send"`, `name="step" value="edit"`,
			`<input type="hidden" name="description" value="` + escapeText(first.Get("description")) + `">`,
			`<input type="hidden" name="email" value="maryam@example.com">`,
		}, nil)
	}
	if _, ok := e.storedTicket(t, store.FormatTicketNumber(1)); ok {
		t.Fatal("the suggestions step stored the ticket")
	}
	edit := fc.post(with(first, stepField, stepEdit))
	if edit.Code != http.StatusOK || !strings.Contains(edit.Body.String(), `id="ticket-form"`) ||
		!strings.Contains(edit.Body.String(), escapeText(first.Get("description"))+"</textarea>") {
		t.Fatalf("edit: status %d, form with the draft expected", edit.Code)
	}
	number := fc.receiptNumber(fc.post(with(first, stepField, stepSend)))
	if _, ok := e.storedTicket(t, number); !ok {
		t.Fatalf("ticket %s not stored after 'send anyway'", number)
	}
}

func TestTicketNoSuggestionsSendsAtOnce(t *testing.T) {
	e := newTicketEnv(t, nil)
	fc := newClient(t, e.h, "198.51.100.41")
	fields := with(with(validFields(), stepField, "\x00"), "subject", "qwxz zzqq")
	fields.Set("description", "pppqqq rrrsss tttuuu vvvwww")
	if number := fc.receiptNumber(fc.post(fields)); number == "" {
		t.Fatal("no number")
	}
}

func TestTicketAttachments(t *testing.T) {
	e := newTicketEnv(t, nil)
	fc := newClient(t, e.h, "198.51.100.50")
	png := testPNG(t)
	number := fc.receiptNumber(fc.post(validFields(), testFile{"screenshot.png", png}, testFile{`C:\docs\invoice.pdf`, testPDF}))
	tk, ok := e.storedTicket(t, number)
	if !ok || len(tk.Attachments) != 2 {
		t.Fatalf("stored %d attachments, want 2", len(tk.Attachments))
	}
	if a := tk.Attachments[0]; a.ContentType != "image/png" || !bytes.Equal(a.Data, png) || a.Filename != "screenshot.png" {
		t.Errorf("attachment 1 = %s %q", a.ContentType, a.Filename)
	}
	if a := tk.Attachments[1]; a.ContentType != "application/pdf" || a.Filename != "invoice.pdf" {
		t.Errorf("attachment 2 = %s %q", a.ContentType, a.Filename)
	}

	tests := []struct {
		name  string
		files []testFile
		want  string
	}{
		{"not an image", []testFile{{"photo.png", []byte("<html><script>alert(1)</script></html>")}}, "photo.png"},
		{"svg", []testFile{{"logo.svg", []byte(`<svg xmlns="http://www.w3.org/2000/svg"/>`)}}, "logo.svg"},
		{"too many", []testFile{{"a.png", png}, {"b.png", png}, {"c.png", png}, {"d.png", png}}, "حداکثر"},
		{"too big", []testFile{{"big.pdf", append(append([]byte(nil), testPDF...), make([]byte, tickets.MaxAttachmentBytes)...)}}, "big.pdf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.srv.tix.limiter = newRateLimiter(ticketBurst, ticketRefill, nil)
			rec := fc.post(validFields(), tt.files...)
			if rec.Code != http.StatusUnprocessableEntity {
				t.Fatalf("status %d, want 422", rec.Code)
			}
			assertContains(t, rec.Body.String(), []string{`id="ticket-attachments-error"`, tt.want}, []string{"<script>alert(1)"})
		})
	}
	if _, ok := e.storedTicket(t, store.FormatTicketNumber(2)); ok {
		t.Error("a ticket with a bad attachment was stored")
	}
}

func TestTicketBodyTooLarge(t *testing.T) {
	e := newTicketEnv(t, nil)
	fc := newClient(t, e.h, "198.51.100.51")
	big := make([]byte, tickets.MaxFormBytes)
	rec := fc.post(validFields(), testFile{"huge.png", big})
	if rec.Code != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d, want 413", rec.Code)
	}
	assertContains(t, rec.Body.String(), []string{escapeText(msgTicketTooLarge)}, nil)
}

// failingSubmitter fails for a reason a retry cannot fix (a bug, a damaged database): a 500.
// A store that is unavailable for now is tested for real in tickets_fault_test.go.
type failingSubmitter struct{}

func (failingSubmitter) Submit(context.Context, tickets.Ticket) (store.Ticket, error) {
	return store.Ticket{}, errors.New("store: create ticket: database disk image is malformed")
}

func TestTicketStoreDown(t *testing.T) {
	tests := []struct {
		name   string
		submit TicketSubmitter
		status int
		msg    string
	}{
		{"store fails for good", failingSubmitter{}, http.StatusInternalServerError, msgTicketFailed},
		{"no ticket backend", nil, http.StatusServiceUnavailable, msgTicketUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTicketEnv(t, func(c *Config) { c.Tickets = tt.submit })
			fc := newClient(t, e.h, "198.51.100.60")
			rec := fc.post(validFields())
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			assertContains(t, rec.Body.String(), []string{escapeText(tt.msg), escapeText(validFields().Get("description"))}, []string{"ticket-number"})
		})
	}
}

func TestTicketReceipt(t *testing.T) {
	e := newTicketEnv(t, nil)
	fc := newClient(t, e.h, "198.51.100.70")
	rec := fc.post(validFields())
	number := fc.receiptNumber(rec)
	loc := rec.Header().Get("Location")
	page := do(e.h, http.MethodGet, loc)
	if page.Header().Get("Referrer-Policy") != "no-referrer" || page.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("receipt headers: %v", page.Header())
	}
	token, _ := url.ParseQuery(strings.TrimPrefix(loc, ticketReceivedPath+"?"))
	forged := signer{secret: []byte("another secret, 32 bytes long!!!")}.receiptToken(receipt{Number: "KB-000002"})
	payload, sig, _ := strings.Cut(token.Get(receiptParam), ".")
	other := b64.EncodeToString([]byte("KB-000002|0"))
	for _, bad := range []string{"", "x", forged, other + "." + sig, payload + ".AAAA", payload, number, "<script>alert(1)</script>"} {
		rec := do(e.h, http.MethodGet, ticketReceivedPath+"?r="+url.QueryEscape(bad))
		if rec.Code != http.StatusNotFound || strings.Contains(rec.Body.String(), "KB-0") || strings.Contains(rec.Body.String(), "<script>alert(1)") {
			t.Errorf("token %q: status %d", bad, rec.Code)
		}
	}
}

func TestTicketSolvedPage(t *testing.T) {
	e := newTicketEnv(t, nil)
	tests := []struct {
		article string
		want    []string
		notWant []string
	}{
		{"refund", []string{"خوشحالیم که مشکل حل شد", `href="/articles/refund"`, "data-ticket-done"}, nil},
		{"escalation", []string{"خوشحالیم"}, []string{"ارجاع به کارشناس"}}, // internal: never named
		{xssTitle, []string{"خوشحالیم"}, []string{"<script>alert(1)"}},
		{"", []string{"خوشحالیم"}, nil},
	}
	for _, tt := range tests {
		rec := do(e.h, http.MethodGet, ticketSolvedPath+"?article="+url.QueryEscape(tt.article))
		if rec.Code != http.StatusOK {
			t.Fatalf("%q: status %d", tt.article, rec.Code)
		}
		assertContains(t, rec.Body.String(), tt.want, tt.notWant)
	}
}

// TestTicketEchoXSS sends markup in every text field and checks that every page that echoes
// the draft escapes it: the form after an error, the suggestions step, the CSRF failure page.
func TestTicketEchoXSS(t *testing.T) {
	e := newTicketEnv(t, nil)
	payload := `"><script>alert(1)</script><img src=x onerror=alert(2)>'`
	fields := validFields()
	for _, f := range []string{"name", "subject", "description", "mobile"} {
		fields.Set(f, fields.Get(f)+" "+payload)
	}
	fields.Set("from", "https://help.example.com/?q="+payload)
	fc := newClient(t, e.h, "198.51.100.80")
	pages := map[string]*httptest.ResponseRecorder{
		"form with errors": fc.post(with(fields, "email", "bad"+payload)),
		"suggestions step": fc.post(with(with(fields, stepField, "\x00"), "mobile", "")),
		"csrf failure":     fc.post(with(fields, csrfField, "bad")),
	}
	for name, rec := range pages {
		body := rec.Body.String()
		if strings.Contains(body, "<script>alert(1)") || strings.Contains(body, "<img src=x") {
			t.Errorf("%s (status %d) echoes markup unescaped", name, rec.Code)
		}
		if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s (status %d) does not echo the draft", name, rec.Code)
		}
	}
}
