package site

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestAPIV1AgentFields: without a token the API has no agent-only fields; with one, every
// result and section carries its share, with absolute ?ref=agent links.
func TestAPIV1AgentFields(t *testing.T) {
	srv := newStaffServer(t, newStaffState(t), Config{Auth: staffAuth(t)})
	type hit struct {
		Slug, URL, Audience string
		Share               *v1Share
	}
	get := func(target, auth string, v any) {
		t.Helper()
		req := staffRequest{target: target}
		if auth != "" {
			req.header = map[string]string{"Authorization": "Bearer " + auth}
		}
		rec := req.send(srv.Handler())
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d %s", target, rec.Code, rec.Body)
		}
		if auth != "" && rec.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("%s with a token: Cache-Control %q, want no-store", target, rec.Header().Get("Cache-Control"))
		}
		if err := json.Unmarshal(rec.Body.Bytes(), v); err != nil {
			t.Fatal(err)
		}
	}
	var pub, priv struct{ Results []hit }
	get("/api/v1/search?q="+url.QueryEscape("بازگشت وجه"), "", &pub)
	get("/api/v1/search?q="+url.QueryEscape("بازگشت وجه"), staffAgentTok, &priv)
	if len(pub.Results) == 0 || len(priv.Results) <= len(pub.Results) {
		t.Fatalf("%d public results, %d with a token; want more with the token", len(pub.Results), len(priv.Results))
	}
	for _, h := range pub.Results {
		if h.Share != nil || h.Audience != "" || !strings.HasPrefix(h.URL, testBaseURL+"/articles/") {
			t.Errorf("public hit %+v: want no agent fields and an absolute URL", h)
		}
	}
	for _, h := range priv.Results {
		if h.Share == nil || h.Audience == "" {
			t.Fatalf("hit %s with a token has no share or audience", h.Slug)
		}
		if h.Slug == "refund" && (h.Share.Link != testBaseURL+"/articles/refund?ref=agent" || !strings.HasSuffix(h.Share.Reply, h.Share.Link)) {
			t.Errorf("refund share = %+v", h.Share)
		}
		if h.Slug == internalSlug && (h.Audience != "internal" || h.Share.Reply != "") {
			t.Errorf("internal hit = %+v, %+v", h, h.Share)
		}
	}

	var art v1Article
	get("/api/v1/articles/refund", staffAPITok, &art)
	if len(art.Sections) != 4 || art.Share == nil || art.Audience != "public" {
		t.Fatalf("article = %+v", art)
	}
	want := testBaseURL + "/articles/refund?ref=agent#" + encConditions
	if s := art.Sections[0]; s.Share == nil || s.Share.Link != want || s.URL != testBaseURL+"/articles/refund#"+encConditions {
		t.Errorf("section 0 = %+v, share %+v; want link %s", s, s.Share, want)
	}
}

// TestAPIV1CORS: configured origins may read the API and send a token; others get nothing.
func TestAPIV1CORS(t *testing.T) {
	const origin = "https://desk.example.com"
	srv := newStaffServer(t, newStaffState(t), Config{Auth: staffAuth(t), CORSOrigins: []string{origin}})
	h := srv.Handler()
	tests := []struct {
		name, method, origin string
		status               int
		allowed              bool
	}{
		{"preflight", http.MethodOptions, origin, http.StatusNoContent, true},
		{"preflight, upper case", http.MethodOptions, strings.ToUpper(origin), http.StatusNoContent, true},
		{"preflight from elsewhere", http.MethodOptions, "https://evil.example", http.StatusForbidden, false},
		{"get", http.MethodGet, origin, http.StatusOK, true},
		{"get from elsewhere", http.MethodGet, "https://evil.example", http.StatusOK, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := staffRequest{method: tt.method, target: "/api/v1/search?q=a", header: map[string]string{
				"Origin": tt.origin, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization"}}.send(h)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			hd := rec.Header()
			if got := hd.Get("Access-Control-Allow-Origin") != ""; got != tt.allowed {
				t.Errorf("Access-Control-Allow-Origin = %q, want allowed=%v", hd.Get("Access-Control-Allow-Origin"), tt.allowed)
			}
			if tt.allowed && !strings.Contains(hd.Get("Access-Control-Allow-Headers"), "Authorization") {
				t.Errorf("Access-Control-Allow-Headers = %q", hd.Get("Access-Control-Allow-Headers"))
			}
			if hd.Get("Access-Control-Allow-Credentials") != "" {
				t.Error("credentials (cookies) must never be allowed")
			}
			if !strings.Contains(strings.Join(hd.Values("Vary"), ","), "Origin") {
				t.Error("no Vary: Origin")
			}
		})
	}
}

// TestAPIV1Errors: every error under /api/v1 is {"error": {"code", "message"}}, and the session
// cookie of a signed-in browser does not unlock the API.
func TestAPIV1Errors(t *testing.T) {
	srv := newStaffServer(t, newStaffState(t), Config{Auth: staffAuth(t)})
	h := srv.Handler()
	sess := login(t, h, "192.0.2.70")
	tests := []struct {
		req    staffRequest
		status int
		code   string
	}{
		{staffRequest{target: "/api/v1/nope"}, 404, codeNotFound},
		{staffRequest{target: "/api/v1/articles/nope"}, 404, codeNotFound},
		{staffRequest{target: "/api/v1/articles/" + internalSlug, cookies: []*http.Cookie{sess}}, 404, codeNotFound},
		{staffRequest{target: "/api/v1/search?limit=51&q=a"}, 400, codeBadLimit},
		{staffRequest{target: "/api/v1/search?page=0&q=a"}, 400, codeBadPage},
		{staffRequest{target: "/api/v1/search?q=" + strings.Repeat("a", 257)}, 400, codeQueryTooLong},
		{staffRequest{target: "/api/v1/suggest?limit=x"}, 400, codeBadLimit},
		{staffRequest{target: "/api/v1/categories", header: map[string]string{"Authorization": "Bearer " + staffAgentTok + "0"}}, 401, codeUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.req.target, func(t *testing.T) {
			rec := tt.req.send(h)
			var body apiErrorBody
			decodeStrict(t, rec.Body, &body)
			if rec.Code != tt.status || body.Error.Code != tt.code || body.Error.Message == "" {
				t.Errorf("%d %+v, want %d %s", rec.Code, body, tt.status, tt.code)
			}
		})
	}
}

// TestUnversionedAPIStillWorks: /api/search and /api/suggest keep their shape beside /api/v1.
func TestUnversionedAPIStillWorks(t *testing.T) {
	srv := newStaffServer(t, newStaffState(t), Config{Auth: staffAuth(t)})
	for _, target := range []string{"/api/search?q=" + url.QueryEscape("بازگشت وجه"), "/api/suggest?q=" + url.QueryEscape(lateRefundMessage)} {
		rec := staffRequest{target: target, header: map[string]string{"Authorization": "Bearer " + staffAPITok}}.send(srv.Handler())
		var body apiSearchBody
		decodeStrict(t, rec.Body, &body)
		if rec.Code != http.StatusOK || len(body.Results) == 0 || body.Results[0].URL != "/articles/refund" {
			t.Errorf("%s: %d %+v", target, rec.Code, body)
		}
		for _, r := range body.Results {
			if r.Slug == internalSlug {
				t.Errorf("%s: the unversioned API shows an internal article, even with a token", target)
			}
		}
	}
}
