package site

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"persiankb/kb"
	"persiankb/search"
)

// Credentials of the staff test server.
const (
	staffUser     = "admin"
	staffPassword = "درست-و-طولانی-1404"
	staffAdminTok = "admin-token-0123456789abcdef0123456789"
	staffAgentTok = "agent-token-0123456789abcdef0123456789"
	staffAPITok   = "api-token-0123456789abcdef0123456789ab"
)

// staffSecret signs the staff test server's sessions and form tokens.
var staffSecret = []byte("staff-secret-0123456789abcdef0123")

// staffHash is the bcrypt hash of staffPassword, at the lowest cost: tests check the logic,
// not bcrypt's speed.
func staffHash(t testing.TB) string {
	t.Helper()
	h, err := bcrypt.GenerateFromPassword([]byte(staffPassword), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	return string(h)
}

// staffAuth configures every kind of credential.
func staffAuth(t testing.TB) AuthConfig {
	return AuthConfig{
		AdminUser: staffUser, AdminPasswordHash: staffHash(t), AdminToken: staffAdminTok,
		AgentTokens: []string{staffAgentTok}, APITokens: []string{staffAPITok},
	}
}

// internalWorkaround is an internal article about refunds, with a date (so that a feed would
// list it if it were public) and words shared with the public refund article.
const internalWorkaround = `---
title: بازگشت وجه معوق؛ راه‌حل کارشناسان
slug: refund-workaround
summary: وقتی بازگشت وجه بیش از سه روز کاری طول کشید.
audience: internal
updated: 2026-04-01
---
اگر بازگشت وجه سفارش لغو شده بیش از سه روز کاری طول کشید، شمارهٔ پیگیری بانک را بگیرید.

## ارجاع به مالی

تیکت را به تیم مالی ارجاع دهید.
`

// newStaffState is the router tests' help center plus internalWorkaround, indexed for real.
func newStaffState(t testing.TB) *State {
	t.Helper()
	dir := t.TempDir()
	writeContent(t, dir)
	if err := os.WriteFile(filepath.Join(dir, "billing", "refund-workaround.md"), []byte(internalWorkaround), 0o644); err != nil {
		t.Fatal(err)
	}
	lib, err := kb.Load(dir, kb.Options{})
	if err != nil {
		t.Fatalf("kb.Load: %v", err)
	}
	ix, err := search.Open(lib, search.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatalf("search.Open: %v", err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	return &State{Library: lib, Search: ix}
}

// newStaffServer serves st with cfg's Auth (and the test base URL and secret unless set).
func newStaffServer(t testing.TB, st *State, cfg Config) *Server {
	t.Helper()
	if cfg.BaseURL == "" {
		cfg.BaseURL = testBaseURL
	}
	if cfg.Secret == nil {
		cfg.Secret = staffSecret
	}
	srv, err := New(cfg, st, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return srv
}

// staffRequest is one request of a browser or client: its address, cookies and headers.
type staffRequest struct {
	method, target string
	form           url.Values // sent as the urlencoded body
	ip             string
	cookies        []*http.Cookie
	header         map[string]string
}

func (r staffRequest) send(h http.Handler) *httptest.ResponseRecorder {
	var body io.Reader
	if r.form != nil {
		body = strings.NewReader(r.form.Encode())
	}
	method := r.method
	if method == "" {
		method = http.MethodGet
	}
	req := httptest.NewRequest(method, r.target, body)
	if r.form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if r.ip != "" {
		req.RemoteAddr = r.ip + ":40000"
	}
	for _, c := range r.cookies {
		req.AddCookie(c)
	}
	for k, v := range r.header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// cookieNamed returns the response's Set-Cookie of that name, or nil.
func cookieNamed(rec *httptest.ResponseRecorder, name string) *http.Cookie {
	for _, c := range rec.Result().Cookies() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

var hiddenCSRFRe = regexp.MustCompile(`name="csrf_token" value="([^"]*)"`)

// formCSRF returns the first form token of a page.
func formCSRF(t testing.TB, body string) string {
	t.Helper()
	m := hiddenCSRFRe.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no csrf_token in the page")
	}
	return m[1]
}

// loginForm opens the login page from ip and returns its form values (token and next filled)
// and the CSRF cookie.
func loginForm(t testing.TB, h http.Handler, ip, next string) (url.Values, *http.Cookie) {
	t.Helper()
	rec := staffRequest{target: loginPath + "?next=" + url.QueryEscape(next), ip: ip}.send(h)
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /login: %d", rec.Code)
	}
	ck := cookieNamed(rec, loginCSRFCookie)
	if ck == nil {
		t.Fatal("GET /login set no CSRF cookie")
	}
	return url.Values{csrfField: {formCSRF(t, rec.Body.String())}, nextParam: {next}}, ck
}

// login signs in with user and password from ip and returns the session cookie.
func login(t testing.TB, h http.Handler, ip string) *http.Cookie {
	t.Helper()
	form, ck := loginForm(t, h, ip, agentPath)
	form.Set(userField, staffUser)
	form.Set(passwordField, staffPassword)
	rec := staffRequest{method: http.MethodPost, target: loginPath, form: form, ip: ip, cookies: []*http.Cookie{ck}}.send(h)
	sess := cookieNamed(rec, sessionCookie)
	if rec.Code != http.StatusSeeOther || sess == nil {
		t.Fatalf("login: %d, session cookie %v\n%s", rec.Code, sess, rec.Body)
	}
	return sess
}

// testClock is a settable clock for sessions and the lock-out.
type testClock struct{ t time.Time }

func (c *testClock) now() time.Time { return c.t }
