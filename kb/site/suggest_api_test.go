package site

import (
	"bytes"
	"compress/gzip"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

const refundMessage = "سلام، سفارشم را لغو کردم ولی پولم هنوز به کارتم برنگشته. بازگشت وجه چقدر طول می‌کشد؟"

func TestSuggestAPI(t *testing.T) {
	e := newTicketEnv(t, nil)
	tests := []struct {
		name    string
		query   string
		status  int
		code    string // error code, for errors
		results int    // -1: any number > 0
		first   string
	}{
		{"message", "q=" + url.QueryEscape(refundMessage), 200, "", -1, "refund"},
		{"default limit", "q=" + url.QueryEscape("نکته‌های فروشگاه اینترنتی در راهنما"), 200, "", defaultSuggestLimit, ""},
		{"limit 10", "limit=10&q=" + url.QueryEscape("نکته‌های فروشگاه اینترنتی در راهنما"), 200, "", maxSuggestLimit, ""},
		{"limit 1", "limit=1&q=" + url.QueryEscape(refundMessage), 200, "", 1, "refund"},
		{"empty", "q=", 200, "", 0, ""},
		{"no q", "", 200, "", 0, ""},
		{"limit 0", "limit=0&q=x", 400, codeBadLimit, 0, ""},
		{"limit 11", "limit=11&q=x", 400, codeBadLimit, 0, ""},
		{"limit text", "limit=five&q=x", 400, codeBadLimit, 0, ""},
		{"longest text", "q=" + url.QueryEscape(strings.Repeat("و", maxSuggestRunes)), 200, "", 0, ""},
		{"text too long", "q=" + url.QueryEscape(strings.Repeat("و", maxSuggestRunes+1)), 400, codeQueryTooLong, 0, ""},
		{"invalid UTF-8", "q=%ff%fe", 400, codeQueryTooLong, 0, ""},
		{"internal article", "q=" + url.QueryEscape("ارجاع به کارشناس ارشد، کارشناسان"), 200, "", 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(e.h, http.MethodGet, suggestAPIPath+"?"+tt.query)
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.status, rec.Body.String())
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type = %q", ct)
			}
			if tt.status != http.StatusOK {
				var body struct {
					Error struct{ Code, Message string }
				}
				decodeStrict(t, rec.Body, &body)
				if body.Error.Code != tt.code || body.Error.Message == "" {
					t.Errorf("error = %+v, want code %s", body.Error, tt.code)
				}
				return
			}
			var body searchResponse
			decodeStrict(t, rec.Body, &body)
			if body.Results == nil || body.Facets.Category == nil {
				t.Error("null lists in the response")
			}
			switch {
			case tt.results == -1 && len(body.Results) == 0, tt.results >= 0 && len(body.Results) != tt.results:
				t.Fatalf("%d results, want %d: %+v", len(body.Results), tt.results, body.Results)
			}
			if tt.first != "" && body.Results[0].Slug != tt.first {
				t.Errorf("first = %s, want %s", body.Results[0].Slug, tt.first)
			}
			for _, r := range body.Results {
				if r.Slug == "escalation" || r.Slug == "draft-article" || r.URL != "/articles/"+url.PathEscape(r.Slug) || r.Title == "" {
					t.Errorf("bad result %+v", r)
				}
			}
		})
	}
}

func TestSuggestAPIEscapes(t *testing.T) {
	e := newTicketEnv(t, nil)
	q := `<script>alert(1)</script> اسکریپت تصویر alert ` + xssTitle
	rec := do(e.h, http.MethodGet, suggestAPIPath+"?q="+url.QueryEscape(q))
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	raw := rec.Body.String()
	if strings.Contains(raw, "<script") || strings.Contains(raw, "<img") {
		t.Errorf("raw markup in the JSON body: %s", raw)
	}
	var body searchResponse
	decodeStrict(t, bytes.NewBufferString(raw), &body)
	if body.Query != strings.TrimSpace(q) {
		t.Errorf("query echoed as %q", body.Query)
	}
	found := false
	for _, r := range body.Results {
		found = found || r.Slug == "xss"
		s := strings.ReplaceAll(strings.ReplaceAll(r.Snippet, "<mark>", ""), "</mark>", "")
		if strings.ContainsAny(s, "<>") {
			t.Errorf("snippet of %s has markup besides <mark>: %q", r.Slug, r.Snippet)
		}
	}
	if !found {
		t.Errorf("the article with markup in its text was not suggested: %+v", body.Results)
	}
}

func TestSuggestCORS(t *testing.T) {
	e := newTicketEnv(t, nil)
	target := suggestAPIPath + "?q=" + url.QueryEscape(refundMessage)
	tests := []struct {
		name, method, path, origin string
		status                     int
		allowed                    bool
	}{
		{"configured origin", http.MethodGet, target, "https://shop.example.com", 200, true},
		{"origin in capitals", http.MethodGet, target, "https://SHOP.example.com", 200, true},
		{"other origin", http.MethodGet, target, "https://evil.example", 200, false},
		{"same scheme, other port", http.MethodGet, target, "https://shop.example.com:8443", 200, false},
		{"http instead of https", http.MethodGet, target, "http://shop.example.com", 200, false},
		{"no origin", http.MethodGet, target, "", 200, false},
		{"preflight, configured", http.MethodOptions, suggestAPIPath, "https://shop.example.com", 204, true},
		{"preflight, other", http.MethodOptions, suggestAPIPath, "https://evil.example", 403, false},
		{"search API is not shared", http.MethodGet, "/api/search?q=x", "https://shop.example.com", 200, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var rec = do(e.h, tt.method, tt.path)
			if tt.origin != "" {
				rec = do(e.h, tt.method, tt.path, "Origin", tt.origin)
			}
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			acao := rec.Header().Get("Access-Control-Allow-Origin")
			if (tt.allowed && acao != tt.origin) || (!tt.allowed && acao != "") {
				t.Errorf("Access-Control-Allow-Origin = %q", acao)
			}
			if tt.path != "/api/search?q=x" && !strings.Contains(strings.Join(rec.Header().Values("Vary"), ","), "Origin") {
				t.Error("no Vary: Origin")
			}
			if rec.Header().Get("Access-Control-Allow-Credentials") != "" {
				t.Error("credentials allowed")
			}
		})
	}
}

func TestNewChecksCORSOrigins(t *testing.T) {
	for _, o := range []string{"shop.example.com", "https://shop.example.com/path", "ftp://shop.example.com", "https://u:p@shop.example.com", "*"} {
		if _, err := New(Config{CORSOrigins: []string{o}}, nil, nil); err == nil {
			t.Errorf("origin %q accepted", o)
		}
	}
	if _, err := New(Config{CORSOrigins: []string{"https://shop.example.com/", "http://localhost:3000"}}, nil, nil); err != nil {
		t.Errorf("valid origins refused: %v", err)
	}
	if _, err := New(Config{Secret: []byte("short")}, nil, nil); err == nil {
		t.Error("a short secret was accepted")
	}
}

func TestWidget(t *testing.T) {
	e := newTicketEnv(t, nil)
	rec := do(e.h, http.MethodGet, widgetPath, "Origin", "https://evil.example")
	if rec.Code != http.StatusOK {
		t.Fatalf("status %d", rec.Code)
	}
	if ct := rec.Header().Get("Content-Type"); ct != "text/javascript; charset=utf-8" {
		t.Errorf("Content-Type = %q", ct)
	}
	if cc := rec.Header().Get("Cache-Control"); cc != widgetCache {
		t.Errorf("Cache-Control = %q", cc)
	}
	js := rec.Body.Bytes()
	var gz bytes.Buffer
	w, _ := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	_, _ = w.Write(js)
	_ = w.Close()
	if gz.Len() >= maxWidgetGzipBytes {
		t.Errorf("widget.js is %d bytes gzipped, budget %d", gz.Len(), maxWidgetGzipBytes)
	}
	t.Logf("widget.js: %d bytes, %d gzipped", len(js), gz.Len())
	src := string(js)
	for _, banned := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "import "} {
		if strings.Contains(src, banned) {
			t.Errorf("widget.js uses %s", banned)
		}
	}
	assertContains(t, src, []string{"data-kb-input", "data-kb-target", `"rtl"`, "/api/suggest", "textContent"}, nil)
	if rec := do(e.h, http.MethodGet, widgetPath, "If-None-Match", rec.Header().Get("ETag")); rec.Code != http.StatusNotModified {
		t.Errorf("revalidation: status %d, want 304", rec.Code)
	}
}
