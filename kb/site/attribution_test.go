package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

func TestViewSource(t *testing.T) {
	tests := []struct {
		name, target, referer, want string
	}{
		{"agent link", "/articles/refund?ref=agent", "", SourceAgent},
		{"agent link, upper case", "/articles/refund?ref=AGENT", "", SourceAgent},
		{"agent link wins over the referer", "/articles/refund?ref=agent", "http://example.com/search?q=x", SourceAgent},
		{"search link", "/articles/refund?ref=search", "", SourceSearch},
		{"search box suggestion", "/articles/refund?ref=autocomplete&rank=1&q=x", "http://example.com/", SourceAutocomplete},
		{"widget link", "/articles/refund?ref=widget", "https://shop.example.net/contact", SourceSuggestion},
		{"suggestion link", "/articles/refund?ref=suggestion", "", SourceSuggestion},
		{"from the search page", "/articles/refund", "http://example.com/search?q=%D9%BE%D9%88%D9%84", SourceSearch},
		{"from the ticket form", "/articles/refund", "http://example.com/tickets/new", SourceSuggestion},
		{"from a category page", "/articles/refund", "http://example.com/categories/billing", SourceDirect},
		{"another site's search page", "/articles/refund", "https://evil.example/search?q=x", SourceDirect},
		{"unknown ref", "/articles/refund?ref=newsletter", "", SourceDirect},
		{"typed", "/articles/refund", "", SourceDirect},
		{"broken referer", "/articles/refund", "http://[::1", SourceDirect},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, tt.target, nil) // Host: example.com
			if tt.referer != "" {
				req.Header.Set("Referer", tt.referer)
			}
			if got := viewSource(req); got != tt.want {
				t.Errorf("viewSource = %q, want %q", got, tt.want)
			}
		})
	}
}

// viewLog records the views a server reports.
type viewLog struct {
	mu    sync.Mutex
	views []string // "slug source"
}

func (l *viewLog) RecordView(_ context.Context, slug, source string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.views = append(l.views, slug+" "+source)
}

// TestViewsRecorded: article page views reach the ViewRecorder with their source, and the
// ref parameter never reaches the canonical URL.
func TestViewsRecorded(t *testing.T) {
	views := &viewLog{}
	srv := newStaffServer(t, newStaffState(t), Config{Views: views})
	h := srv.Handler()
	reqs := []staffRequest{
		{target: "/articles/refund?ref=agent"},
		{target: "/articles/refund", header: map[string]string{"Referer": "http://example.com/search?q=x"}},
		{target: "/articles/refund"},
		{method: http.MethodHead, target: "/articles/refund?ref=agent"}, // not a view
		{target: "/articles/refund-workaround?ref=agent"},               // internal: 404, not a view
		{target: "/articles/old-refund?ref=agent"},                      // redirect: the view comes after it
	}
	for _, r := range reqs {
		rec := r.send(h)
		if r.target == "/articles/refund?ref=agent" && r.method == "" {
			body := rec.Body.String()
			assertContains(t, body, []string{`<link rel="canonical" href="` + testBaseURL + `/articles/refund">`,
				`<meta property="og:url" content="` + testBaseURL + `/articles/refund">`}, []string{"ref=agent"})
		}
	}
	if loc := (staffRequest{target: "/articles/old-refund?ref=agent"}).send(h).Header().Get("Location"); loc != "/articles/refund?ref=agent" {
		t.Errorf("the alias redirect drops the attribution: Location %q", loc)
	}
	want := "refund agent|refund search|refund direct"
	if got := strings.Join(views.views, "|"); got != want {
		t.Errorf("views = %q, want %q", got, want)
	}
}
