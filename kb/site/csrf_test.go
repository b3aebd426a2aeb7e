package site

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"testing"
)

// TestCSRFCookiesReachTheirForms posts each anonymous form through a real HTTP client with a
// cookie jar, which, like a browser, sends a cookie only under its path: the token that the
// page carries must be checked against a cookie that the form's POST really receives. The ticket
// form's cookie once had the path /tickets, which the "was this helpful" form on the article
// pages never received.
func TestCSRFCookiesReachTheirForms(t *testing.T) {
	env, _ := newEventsEnv(t, 0)
	staff := newStaffServer(t, newStaffState(t), Config{Auth: staffAuth(t)})
	tests := []struct {
		name     string
		h        http.Handler
		page     string // the page with the form
		action   string
		fields   url.Values
		wantCode int
	}{
		{"was this helpful", env.h, "/articles/refund", "/articles/refund/helpful", url.Values{"answer": {"yes"}}, http.StatusSeeOther},
		{"login", staff.Handler(), loginPath, loginPath, url.Values{userField: {staffUser}, passwordField: {staffPassword}}, http.StatusSeeOther},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := httptest.NewServer(tt.h)
			defer ts.Close()
			jar, err := cookiejar.New(nil)
			if err != nil {
				t.Fatal(err)
			}
			client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			resp, err := client.Get(ts.URL + tt.page)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			form := tt.fields
			form.Set(csrfField, formCSRF(t, string(body)))
			post := func(form url.Values) int {
				t.Helper()
				resp, err := client.PostForm(ts.URL+tt.action, form)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				return resp.StatusCode
			}
			if code := post(form); code != tt.wantCode {
				t.Errorf("POST %s with the page's token: %d, want %d", tt.action, code, tt.wantCode)
			}
			form.Set(csrfField, "forged")
			if code := post(form); code == tt.wantCode {
				t.Errorf("POST %s with a forged token: %d", tt.action, code)
			}
		})
	}
}
