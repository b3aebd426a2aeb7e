package site

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestAreasClosedWithoutCredentials: with nothing configured, /admin and /agent (and the login)
// answer 403 with the page saying how to configure access; never a default password.
func TestAreasClosedWithoutCredentials(t *testing.T) {
	st := newTestState(t)
	tests := []struct {
		name    string
		auth    AuthConfig
		req     staffRequest
		want    []string
		notWant []string
	}{
		{"admin", AuthConfig{}, staffRequest{target: "/admin"},
			[]string{"دسترسی پیکربندی نشده است", "--admin-password-hash", "KB_ADMIN_TOKEN", "kb hash-password"}, []string{"--agent-tokens"}},
		{"agent", AuthConfig{}, staffRequest{target: "/agent?q=x"}, []string{"میز کارشناس", "--agent-tokens", "KB_AGENT_TOKENS"}, nil},
		{"agent article", AuthConfig{}, staffRequest{target: "/agent/articles/refund"}, []string{"--admin-token"}, nil},
		{"login", AuthConfig{}, staffRequest{target: "/login"}, []string{"--admin-user"}, []string{`name="password"`}},
		{"login post", AuthConfig{}, staffRequest{method: http.MethodPost, target: "/login", form: url.Values{"user": {"admin"}, "password": {"admin"}}}, []string{"--admin-user"}, nil},
		{"retry post", AuthConfig{}, staffRequest{method: http.MethodPost, target: "/admin/deliveries/1/retry"}, []string{"--admin-user"}, nil},
		{"a bearer token changes nothing", AuthConfig{}, staffRequest{target: "/agent", header: map[string]string{"Authorization": "Bearer " + staffAgentTok}}, []string{"--agent-tokens"}, nil},
		{"admin with agent tokens only", AuthConfig{AgentTokens: []string{staffAgentTok}}, staffRequest{target: "/admin"}, []string{"--admin-token"}, []string{"--agent-tokens"}},
		{"admin with API tokens only", AuthConfig{APITokens: []string{staffAPITok}}, staffRequest{target: "/admin"}, []string{"--admin-token"}, nil},
		{"agent with API tokens only", AuthConfig{APITokens: []string{staffAPITok}}, staffRequest{target: "/agent"}, []string{"--agent-tokens"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newStaffServer(t, st, Config{Auth: tt.auth})
			rec := tt.req.send(srv.Handler())
			if rec.Code != http.StatusForbidden {
				t.Fatalf("status %d, want 403", rec.Code)
			}
			if cookieNamed(rec, sessionCookie) != nil {
				t.Error("a session cookie was set")
			}
			assertContains(t, rec.Body.String(), tt.want, tt.notWant)
			if rec.Header().Get("Cache-Control") != "no-store" && tt.req.method == "" {
				t.Errorf("Cache-Control = %q", rec.Header().Get("Cache-Control"))
			}
		})
	}
}

// TestAgentTokensOpenAgentOnly: with agent tokens only, /agent asks for a login, /admin stays closed.
func TestAgentRedirectsToLogin(t *testing.T) {
	srv := newStaffServer(t, newTestState(t), Config{Auth: AuthConfig{AgentTokens: []string{staffAgentTok}}})
	rec := staffRequest{target: "/agent?q=" + url.QueryEscape("بازگشت")}.send(srv.Handler())
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("status %d, want 303", rec.Code)
	}
	want := "/login?next=" + url.QueryEscape("/agent?q="+url.QueryEscape("بازگشت"))
	if got := rec.Header().Get("Location"); got != want {
		t.Errorf("Location = %q, want %q", got, want)
	}
	page := staffRequest{target: want}.send(srv.Handler()).Body.String()
	assertContains(t, page, []string{`name="token"`, `name="csrf_token"`}, []string{`name="password"`})
}

func TestLogin(t *testing.T) {
	srv := newStaffServer(t, newTestState(t), Config{Auth: staffAuth(t)})
	h := srv.Handler()
	tests := []struct {
		name     string
		user, pw string
		token    string
		noCSRF   bool
		status   int
		location string
	}{
		{name: "password", user: staffUser, pw: staffPassword, status: http.StatusSeeOther, location: "/agent"},
		{name: "user name with spaces", user: " " + staffUser + " ", pw: staffPassword, status: http.StatusSeeOther, location: "/agent"},
		{name: "wrong password", user: staffUser, pw: staffPassword + "x", status: http.StatusUnauthorized},
		{name: "wrong user", user: "root", pw: staffPassword, status: http.StatusUnauthorized},
		{name: "empty", status: http.StatusUnauthorized},
		{name: "agent token", token: staffAgentTok, status: http.StatusSeeOther, location: "/agent"},
		{name: "admin token", token: staffAdminTok, status: http.StatusSeeOther, location: "/agent"},
		{name: "API tokens do not open pages", token: staffAPITok, status: http.StatusUnauthorized},
		{name: "wrong token", token: staffAgentTok + "x", status: http.StatusUnauthorized},
		{name: "missing CSRF", user: staffUser, pw: staffPassword, noCSRF: true, status: http.StatusForbidden},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ip := "198.51.100." + string(rune('1'+i))
			form, ck := loginForm(t, h, ip, "/agent")
			form.Set(userField, tt.user)
			form.Set(passwordField, tt.pw)
			form.Set(tokenField, tt.token)
			cookies := []*http.Cookie{ck}
			if tt.noCSRF {
				form.Del(csrfField)
				cookies = nil
			}
			rec := staffRequest{method: http.MethodPost, target: loginPath, form: form, ip: ip, cookies: cookies}.send(h)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d\n%s", rec.Code, tt.status, rec.Body)
			}
			sess := cookieNamed(rec, sessionCookie)
			if tt.location == "" {
				if sess != nil {
					t.Error("a failed login set a session cookie")
				}
				body := rec.Body.String()
				assertContains(t, body, []string{`role="alert"`}, []string{staffPassword, staffAgentTok})
				return
			}
			if got := rec.Header().Get("Location"); got != tt.location {
				t.Errorf("Location = %q, want %q", got, tt.location)
			}
			if sess == nil || !sess.HttpOnly || !sess.Secure || sess.SameSite != http.SameSiteLaxMode || sess.Path != "/" ||
				sess.MaxAge != int(sessionTTL.Seconds()) {
				t.Fatalf("session cookie = %+v, want HttpOnly, Secure, SameSite=Lax, Path=/, MaxAge %v", sess, sessionTTL)
			}
			if rec := (staffRequest{target: "/agent", cookies: []*http.Cookie{sess}}).send(h); rec.Code != http.StatusOK {
				t.Errorf("GET /agent with the session: %d", rec.Code)
			}
		})
	}
}

func TestLoginCSRF(t *testing.T) {
	srv := newStaffServer(t, newTestState(t), Config{Auth: staffAuth(t)})
	h := srv.Handler()
	form, ck := loginForm(t, h, "192.0.2.7", "/agent")
	form.Set(userField, staffUser)
	form.Set(passwordField, staffPassword)
	other, otherCk := loginForm(t, h, "192.0.2.8", "/agent")
	tests := []struct {
		name    string
		token   string
		cookies []*http.Cookie
	}{
		{"no token", "", []*http.Cookie{ck}},
		{"no cookie", form.Get(csrfField), nil},
		{"another browser's token", other.Get(csrfField), []*http.Cookie{ck}},
		{"another browser's cookie", form.Get(csrfField), []*http.Cookie{otherCk}},
		{"garbage", "!!!", []*http.Cookie{ck}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := url.Values{}
			for k, v := range form {
				f[k] = v
			}
			f.Set(csrfField, tt.token)
			rec := staffRequest{method: http.MethodPost, target: loginPath, form: f, ip: "192.0.2.7", cookies: tt.cookies}.send(h)
			if rec.Code != http.StatusForbidden || cookieNamed(rec, sessionCookie) != nil {
				t.Fatalf("status %d, session %v; want 403 and no session", rec.Code, cookieNamed(rec, sessionCookie))
			}
			assertContains(t, rec.Body.String(), []string{msgLoginCSRF, `name="csrf_token"`}, nil)
		})
	}
}

// TestLoginLockout: the sixth failure for one user name, or the 21st from one address, is
// refused even with the right password, with Retry-After; the lock lifts with time.
func TestLoginLockout(t *testing.T) {
	srv := newStaffServer(t, newTestState(t), Config{Auth: staffAuth(t)})
	clock := &testClock{t: time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC)}
	srv.gate.userLimit = newRateLimiter(loginUserBurst, loginUserRefill, clock.now)
	srv.gate.ipLimit = newRateLimiter(loginIPBurst, loginIPRefill, clock.now)
	h := srv.Handler()
	try := func(ip, user, pw string) int {
		form, ck := loginForm(t, h, ip, "/agent")
		form.Set(userField, user)
		form.Set(passwordField, pw)
		rec := staffRequest{method: http.MethodPost, target: loginPath, form: form, ip: ip, cookies: []*http.Cookie{ck}}.send(h)
		if rec.Code == http.StatusTooManyRequests && rec.Header().Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
		return rec.Code
	}

	t.Run("per user", func(t *testing.T) {
		for i := range loginUserBurst {
			ip := "203.0.113." + string(rune('1'+i)) // a different address each time
			if code := try(ip, "ADMIN", "guess"); code != http.StatusUnauthorized {
				t.Fatalf("failure %d: status %d, want 401", i+1, code)
			}
		}
		if code := try("203.0.113.99", staffUser, staffPassword); code != http.StatusTooManyRequests {
			t.Fatalf("right password while locked: status %d, want 429", code)
		}
		if code := try("203.0.113.99", "someone-else", "guess"); code != http.StatusUnauthorized {
			t.Errorf("another user name: status %d, want 401 (not locked)", code)
		}
		clock.t = clock.t.Add(loginUserRefill)
		if code := try("203.0.113.99", staffUser, staffPassword); code != http.StatusSeeOther {
			t.Errorf("after %v: status %d, want 303", loginUserRefill, code)
		}
	})
	t.Run("per address", func(t *testing.T) {
		ip := "198.51.100.200"
		for i := range loginIPBurst {
			if code := try(ip, "user-"+string(rune('a'+i)), "guess"); code != http.StatusUnauthorized {
				t.Fatalf("failure %d: status %d, want 401", i+1, code)
			}
		}
		if code := try(ip, staffUser, staffPassword); code != http.StatusTooManyRequests {
			t.Fatalf("from the locked address: status %d, want 429", code)
		}
		if code := try("198.51.100.201", staffUser, staffPassword); code != http.StatusSeeOther {
			t.Errorf("from another address: status %d, want 303", code)
		}
	})
	t.Run("successes do not count", func(t *testing.T) {
		for i := range loginIPBurst + 5 {
			if code := try("198.51.100.150", staffUser, staffPassword); code != http.StatusSeeOther {
				t.Fatalf("login %d: status %d, want 303", i+1, code)
			}
		}
	})
}

// TestBearerTokens: tokens in the Authorization header, each opening what its role allows.
func TestBearerTokens(t *testing.T) {
	srv := newStaffServer(t, newTestState(t), Config{Auth: staffAuth(t)})
	tests := []struct {
		target, auth string
		status       int
	}{
		{"/agent", "Bearer " + staffAgentTok, http.StatusOK},
		{"/agent", "bearer " + staffAgentTok, http.StatusOK},
		{"/agent/articles/refund", "Bearer " + staffAgentTok, http.StatusOK},
		{"/agent", "Bearer " + staffAdminTok, http.StatusOK},
		{"/admin", "Bearer " + staffAdminTok, http.StatusOK},
		{"/admin", "Bearer " + staffAgentTok, http.StatusForbidden},
		{"/agent", "Bearer " + staffAPITok, http.StatusForbidden},
		{"/agent", "Bearer " + staffAgentTok[:len(staffAgentTok)-1], http.StatusUnauthorized},
		{"/agent", "Bearer ", http.StatusUnauthorized},
		{"/agent", "Basic " + staffAgentTok, http.StatusUnauthorized},
		{"/admin", "Bearer nope", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.target+" "+tt.auth[:min(len(tt.auth), 12)], func(t *testing.T) {
			rec := staffRequest{target: tt.target, header: map[string]string{"Authorization": tt.auth}}.send(srv.Handler())
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if tt.status == http.StatusUnauthorized && !strings.HasPrefix(rec.Header().Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("WWW-Authenticate = %q", rec.Header().Get("WWW-Authenticate"))
			}
			if cookieNamed(rec, sessionCookie) != nil {
				t.Error("a bearer request got a session cookie")
			}
		})
	}
}

// TestSessionCookie: a session opens the pages until it expires; a tampered one, or one whose
// credential is no longer configured, is refused.
func TestSessionCookie(t *testing.T) {
	st := newTestState(t)
	srv := newStaffServer(t, st, Config{Auth: staffAuth(t)})
	clock := &testClock{t: time.Now()}
	srv.gate.now = clock.now
	h := srv.Handler()
	sess := login(t, h, "192.0.2.50")
	get := func(h http.Handler, c *http.Cookie) int {
		return staffRequest{target: "/admin", cookies: []*http.Cookie{c}}.send(h).Code
	}
	if code := get(h, sess); code != http.StatusOK {
		t.Fatalf("admin with a fresh session: %d", code)
	}
	tampered := *sess
	tampered.Value = strings.Replace(sess.Value, sess.Value[2:3], string(rune(sess.Value[2]^1)), 1)
	if code := get(h, &tampered); code != http.StatusSeeOther {
		t.Errorf("tampered session: %d, want 303 to the login", code)
	}
	forged := *sess
	forged.Value = b64.EncodeToString([]byte("3|x|99999999999|00")) + "." + b64.EncodeToString([]byte("sig"))
	if code := get(h, &forged); code != http.StatusSeeOther {
		t.Errorf("forged session: %d, want 303", code)
	}

	// Another password (a new hash) ends the sessions of the old one; so does another secret.
	auth := staffAuth(t)
	other := newStaffServer(t, st, Config{Auth: auth})
	if code := get(other.Handler(), sess); code != http.StatusSeeOther {
		t.Errorf("session of a replaced password hash: %d, want 303", code)
	}
	sameHash := newStaffServer(t, st, Config{Auth: srvAuthCopy(srv)})
	if code := get(sameHash.Handler(), sess); code != http.StatusOK {
		t.Errorf("another replica with the same configuration: %d, want 200", code)
	}
	otherSecret := newStaffServer(t, st, Config{Auth: srvAuthCopy(srv), Secret: []byte(strings.Repeat("z", MinSecretBytes))})
	if code := get(otherSecret.Handler(), sess); code != http.StatusSeeOther {
		t.Errorf("session under another secret: %d, want 303", code)
	}

	clock.t = clock.t.Add(sessionTTL - time.Second)
	if code := get(h, sess); code != http.StatusOK {
		t.Errorf("just before expiry: %d", code)
	}
	clock.t = clock.t.Add(time.Second)
	if code := get(h, sess); code != http.StatusSeeOther {
		t.Errorf("expired session: %d, want 303", code)
	}
}

// srvAuthCopy is the Auth configuration a server was made with.
func srvAuthCopy(s *Server) AuthConfig { return s.cfg.Auth }

func TestLogout(t *testing.T) {
	srv := newStaffServer(t, newTestState(t), Config{Auth: staffAuth(t)})
	h := srv.Handler()
	sess := login(t, h, "192.0.2.60")
	page := staffRequest{target: "/agent", cookies: []*http.Cookie{sess}}.send(h).Body.String()
	token := formCSRF(t, page)

	rec := staffRequest{method: http.MethodPost, target: logoutPath, form: url.Values{}, cookies: []*http.Cookie{sess}}.send(h)
	if rec.Code != http.StatusForbidden {
		t.Errorf("logout without the form token: %d, want 403", rec.Code)
	}
	rec = staffRequest{method: http.MethodPost, target: logoutPath, form: url.Values{csrfField: {token}}, cookies: []*http.Cookie{sess}}.send(h)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != loginPath {
		t.Fatalf("logout: %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	if c := cookieNamed(rec, sessionCookie); c == nil || c.MaxAge >= 0 || c.Value != "" {
		t.Errorf("logout cookie = %+v, want it deleted", c)
	}
}

func TestSafeNext(t *testing.T) {
	tests := map[string]string{
		"":                           "/agent",
		"/agent":                     "/agent",
		"/agent?q=x":                 "/agent?q=x",
		"/agent/articles/refund":     "/agent/articles/refund",
		"/admin":                     "/admin",
		"/admin/x":                   "/admin/x",
		"/administrator":             "/agent",
		"/agentx":                    "/agent",
		"/":                          "/agent",
		"/articles/refund":           "/agent",
		"//evil.example/agent":       "/agent",
		`/\evil.example/agent`:       "/agent",
		"https://evil.example/agent": "/agent",
		"javascript:alert(1)":        "/agent",
		"agent":                      "/agent",
	}
	for in, want := range tests {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAuthConfigChecked(t *testing.T) {
	hash := staffHash(t)
	tests := []struct {
		name string
		auth AuthConfig
		ok   bool
	}{
		{"nothing", AuthConfig{}, true},
		{"everything", staffAuth(t), true},
		{"user without hash", AuthConfig{AdminUser: "admin"}, false},
		{"hash without user", AuthConfig{AdminPasswordHash: hash}, false},
		{"not a bcrypt hash", AuthConfig{AdminUser: "admin", AdminPasswordHash: "secret"}, false},
		{"short token", AuthConfig{AgentTokens: []string{"short"}}, false},
		{"token twice", AuthConfig{AgentTokens: []string{staffAgentTok}, APITokens: []string{staffAgentTok}}, false},
		{"admin token as agent token", AuthConfig{AdminToken: staffAdminTok, AgentTokens: []string{staffAdminTok}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(Config{Auth: tt.auth}, nil, nil)
			if (err == nil) != tt.ok {
				t.Fatalf("New error = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}
