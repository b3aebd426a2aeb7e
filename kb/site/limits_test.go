package site

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestStaffFormBodyLimits checks that the login and agent forms refuse a body over their named
// limit even with a valid form token and credentials, and accept the same form under it.
func TestStaffFormBodyLimits(t *testing.T) {
	srv := newStaffServer(t, newStaffState(t), Config{Auth: staffAuth(t)})
	h := srv.Handler()
	sess := login(t, h, "192.0.2.70")
	page := staffRequest{target: agentPath, cookies: []*http.Cookie{sess}}.send(h).Body.String()
	agentToken := formCSRF(t, page)

	loginPost := func(pad string) staffRequest {
		form, ck := loginForm(t, h, "192.0.2.71", agentPath)
		form.Set(userField, staffUser)
		form.Set(passwordField, staffPassword)
		form.Set("pad", pad)
		return staffRequest{method: http.MethodPost, target: loginPath, form: form, ip: "192.0.2.71", cookies: []*http.Cookie{ck}}
	}
	agentPost := func(pad string) staffRequest {
		form := url.Values{csrfField: {agentToken}, messageField: {"پولم برنگشته"}, "pad": {pad}}
		return staffRequest{method: http.MethodPost, target: agentPath, form: form, ip: "192.0.2.70", cookies: []*http.Cookie{sess}}
	}
	tests := []struct {
		name   string
		req    staffRequest
		status int
		want   string
	}{
		{"login under the limit", loginPost(strings.Repeat("x", maxLoginFormBytes/2)), http.StatusSeeOther, ""},
		{"login over the limit", loginPost(strings.Repeat("x", maxLoginFormBytes)), http.StatusBadRequest, msgBadRequest},
		{"agent message under the limit", agentPost(strings.Repeat("x", maxAgentFormBytes/2)), http.StatusOK, "مقاله‌های پیشنهادی"},
		{"agent message over the limit", agentPost(strings.Repeat("x", maxAgentFormBytes)), http.StatusBadRequest, msgSuggestTooLong},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := tt.req.send(h)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d\n%.2000s", rec.Code, tt.status, rec.Body)
			}
			if tt.status == http.StatusBadRequest && cookieNamed(rec, sessionCookie) != nil {
				t.Error("an oversized login was signed in")
			}
			if tt.want != "" {
				assertContains(t, rec.Body.String(), []string{escapeText(tt.want)}, nil)
			}
		})
	}
}
