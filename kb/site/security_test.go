package site

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"persiankb/search"
)

func TestSecurityHeaders(t *testing.T) {
	srv, _ := newTestServer(t, newTestState(t))
	h := srv.Handler()
	targets := []string{
		"/", "/search?q=a", "/articles/refund", "/articles/old-refund", "/categories/billing",
		"/api/search?q=a", "/api/articles/refund", "/api/nope", "/healthz", "/static/css/site.css",
		"/media/images/receipt.png", "/no/such/page", "/search?page=0",
	}
	for _, target := range targets {
		t.Run(target, func(t *testing.T) {
			hd := do(h, http.MethodGet, target).Header()
			want := map[string]string{
				"Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
					"frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
				"X-Content-Type-Options": "nosniff",
				"Referrer-Policy":        "strict-origin-when-cross-origin",
				"X-Frame-Options":        "DENY",
			}
			for k, v := range want {
				if got := hd.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

// tagRe finds HTML start tags in a page (escaped text, &lt;…, never matches) and attrRe their
// attributes, with quoted values kept whole.
var (
	tagRe  = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^\s=>]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*/?>`)
	attrRe = regexp.MustCompile(`([^\s=>]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s>]+))?`)
)

// unsafeMarkup lists what in a page could run script or break the CSP: inline scripts, <style>
// elements, event handler and style attributes, and javascript: URLs.
func unsafeMarkup(page string) []string {
	var bad []string
	for _, m := range tagRe.FindAllStringSubmatch(page, -1) {
		name := strings.ToLower(m[1])
		attrs := map[string]string{}
		for _, a := range attrRe.FindAllStringSubmatch(m[2], -1) {
			attrs[strings.ToLower(a[1])] = strings.Trim(a[2], `"'`)
		}
		_, hasSrc := attrs["src"]
		unsafe := name == "style" || (name == "script" && !hasSrc)
		for k, v := range attrs {
			url := k == "href" || k == "src" || k == "action" || k == "formaction"
			if strings.HasPrefix(k, "on") || k == "style" ||
				(url && strings.HasPrefix(strings.ToLower(strings.TrimSpace(v)), "javascript:")) {
				unsafe = true
			}
		}
		if unsafe {
			bad = append(bad, m[0])
		}
	}
	return bad
}

func TestUnsafeMarkup(t *testing.T) {
	tests := []struct {
		page string
		bad  int
	}{
		{`<p>ok</p><script src="/static/js/site.js" defer></script>`, 0},
		{`<meta content="&lt;img src=x onerror=alert(2)&gt;">`, 0},
		{`<a href="/x">javascript: is text here</a>`, 0},
		{`<script>alert(1)</script>`, 1},
		{`<img src=x onerror=alert(1)>`, 1},
		{`<a href=" JavaScript:alert(1)">x</a>`, 1},
		{`<p style="color:red">x</p><style>p{}</style>`, 2},
	}
	for _, tt := range tests {
		t.Run(tt.page, func(t *testing.T) {
			if got := unsafeMarkup(tt.page); len(got) != tt.bad {
				t.Errorf("unsafeMarkup = %q, want %d", got, tt.bad)
			}
		})
	}
}

// TestXSS sends a script in the query and serves an article whose title, summary and body carry
// scripts: no page or API response contains them unescaped.
func TestXSS(t *testing.T) {
	srv, _ := newTestServer(t, newTestState(t))
	h := srv.Handler()
	q := url.QueryEscape(xssTitle)

	pages := []struct {
		target string
		want   []string // the escaped forms that must appear
	}{
		{"/search?q=" + q, []string{`value="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"`, `«<bdi class="query-echo">&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</bdi>»`}},
		{"/search?q=alert", nil},
		{"/search?q=" + url.QueryEscape("اسکریپت"), []string{`href="/articles/xss"`}},
		{"/articles/xss", []string{"<title>&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt; | مرکز راهنما</title>"}},
		{"/categories/account", []string{"&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"}},
		{"/articles/" + q, nil}, // 404 page
		{"/" + q, nil},
	}
	for _, tt := range pages {
		t.Run(tt.target, func(t *testing.T) {
			body := do(h, http.MethodGet, tt.target).Body.String()
			if bad := unsafeMarkup(body); len(bad) > 0 {
				t.Errorf("unsafe markup: %q", bad)
			}
			assertContains(t, body, tt.want, []string{"<script>alert", "<img src=x"})
		})
	}

	for _, target := range []string{"/api/search?q=" + q, "/api/search?q=alert", "/api/articles/xss"} {
		t.Run(target, func(t *testing.T) {
			rec := do(h, http.MethodGet, target)
			if strings.ContainsAny(rec.Body.String(), "<>") {
				t.Errorf("JSON body has raw < or >: %s", rec.Body)
			}
			var v map[string]any
			if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil {
				t.Fatal(err)
			}
			if strings.HasPrefix(target, "/api/search?q=%22") && v["query"] != xssTitle {
				t.Errorf("query echoed as %q, want the exact input", v["query"])
			}
			if html, ok := v["html"].(string); ok {
				if bad := unsafeMarkup(html); len(bad) > 0 {
					t.Errorf("article HTML has unsafe markup: %q", bad)
				}
			}
		})
	}
}

// TestTemplatesHaveNoInlineCode checks every page against the CSP: no inline script or style.
func TestTemplatesHaveNoInlineCode(t *testing.T) {
	srv, _ := newTestServer(t, newTestState(t))
	for _, target := range []string{"/", "/search", "/search?q=a", "/search?q=" + url.QueryEscape("فروشگاه"),
		"/articles/refund", "/categories/billing", "/nope", "/search?page=0"} {
		t.Run(target, func(t *testing.T) {
			body := do(srv.Handler(), http.MethodGet, target).Body.String()
			if bad := unsafeMarkup(body); len(bad) > 0 {
				t.Errorf("inline code: %q", bad)
			}
			if n := strings.Count(body, "<script"); n != 2 {
				t.Errorf("%d script tags, want only the site script and the search box's", n)
			}
		})
	}
}

// TestSearcherErrors checks that an index failure is a logged 500 with a generic message, and a
// request the index refuses is a 400.
func TestSearcherErrors(t *testing.T) {
	tests := []struct {
		name    string
		err     error
		status  int
		code    string
		logged  bool
		message string
	}{
		{"index failure", errors.New("disk on fire"), 500, codeInternal, true, msgInternal},
		{"refused request", &search.RequestError{Field: "query", Message: "too long", FaMessage: "خیلی طولانی"}, 400, codeQueryTooLong, false, "خیلی طولانی"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, logs := newTestServer(t, &State{Library: testLibrary(), Search: &fakeSearcher{err: tt.err}})
			page := do(srv.Handler(), http.MethodGet, "/search?q=a")
			if page.Code != tt.status || !strings.Contains(page.Body.String(), tt.message) || strings.Contains(page.Body.String(), "disk on fire") {
				t.Errorf("page: %d %s", page.Code, page.Body)
			}
			api := do(srv.Handler(), http.MethodGet, "/api/search?q=a")
			var e apiErrorBody
			decodeStrict(t, api.Body, &e)
			if api.Code != tt.status || e.Error.Code != tt.code || e.Error.Message != tt.message {
				t.Errorf("api: %d %+v", api.Code, e.Error)
			}
			if got := strings.Contains(logs.String(), "disk on fire"); got != tt.logged {
				t.Errorf("logged = %v, want %v:\n%s", got, tt.logged, logs)
			}
		})
	}
}

func TestPanicIsA500Page(t *testing.T) {
	srv, logs := newTestServer(t, &State{Library: testLibrary(), Search: panicSearcher{}})
	rec := do(srv.Handler(), http.MethodGet, "/search?q=a")
	if rec.Code != http.StatusInternalServerError || !strings.Contains(rec.Body.String(), msgInternal) {
		t.Errorf("status %d: %s", rec.Code, rec.Body)
	}
	if !bytes.Contains(logs.Bytes(), []byte("boom")) {
		t.Errorf("panic not logged: %s", logs)
	}
	api := do(srv.Handler(), http.MethodGet, "/api/search?q=a")
	var e apiErrorBody
	decodeStrict(t, api.Body, &e)
	if api.Code != http.StatusInternalServerError || e.Error.Code != codeInternal || strings.Contains(api.Body.String(), "boom") {
		t.Errorf("API panic: %d %s", api.Code, api.Body)
	}
}

type panicSearcher struct{}

func (panicSearcher) Search(_ context.Context, _ search.Request) (*search.Result, error) {
	panic("boom")
}
