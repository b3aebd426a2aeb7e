package site

import (
	"net/http"
	"net/url"
	"testing"
)

// BenchmarkRouter measures whole requests through the router (middleware, handler, template or
// JSON rendering) against the real index of the test content.
func BenchmarkRouter(b *testing.B) {
	srv, _ := newTestServer(b, newTestState(b))
	h := srv.Handler()
	q := url.QueryEscape("بازگشت وجه")
	for _, bm := range []struct{ name, target string }{
		{"home", "/"},
		{"search_page", "/search?q=" + q},
		{"search_api", "/api/search?q=" + q},
		{"article_page", "/articles/refund"},
		{"article_api", "/api/articles/refund"},
		{"static_css", "/static/css/site.css"},
	} {
		b.Run(bm.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if rec := do(h, http.MethodGet, bm.target); rec.Code != http.StatusOK {
					b.Fatalf("GET %s = %d", bm.target, rec.Code)
				}
			}
		})
	}
}
