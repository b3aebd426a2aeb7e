package site

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"persiankb/kb/events"
	"persiankb/kb/stats"
	"persiankb/kb/store"
)

// TestAutocompleteEvents: the search box's requests as the visitor types are not searches; the
// suggestion opened records the search it came from and the click on its result, and the view
// counts as one from search as you type.
func TestAutocompleteEvents(t *testing.T) {
	e, rec := newEventsEnv(t, 0)
	fc := newClient(t, e.h, "198.51.100.61")
	session := fc.cookies[events.SessionCookie].Value
	rec.take() // form_started
	norm := stats.NormalizeQuery(refundQuery)
	get := func(target string) *httptest.ResponseRecorder {
		return fc.do(httptest.NewRequest(http.MethodGet, target, nil))
	}
	click := "/articles/refund?ref=autocomplete&rank=2&q=" + url.QueryEscape(refundQuery)
	tests := []struct {
		name, target string
		want         []wantEvent
	}{
		{"typing", "/api/search?prefix=1&limit=6&q=" + url.QueryEscape("بازگ"), nil},
		{"typing on", "/api/search?prefix=1&limit=6&q=" + url.QueryEscape(refundQuery), nil},
		{"suggestion opened", click, []wantEvent{
			{Type: store.EventArticleView, Slug: "refund", Source: store.SourceAutocomplete},
			{Type: store.EventSearch, NormQuery: norm, MinResults: 1},
			{Type: store.EventResultClick, Slug: "refund", NormQuery: norm, Rank: 2}}},
		{"no rank: a view only", "/articles/refund?ref=autocomplete&q=x", []wantEvent{
			{Type: store.EventArticleView, Slug: "refund", Source: store.SourceAutocomplete}}},
		{"no query: a view only", "/articles/refund?ref=autocomplete&rank=1", []wantEvent{
			{Type: store.EventArticleView, Slug: "refund", Source: store.SourceAutocomplete}}},
		{"rank out of range", "/articles/refund?ref=autocomplete&rank=0&q=x", []wantEvent{
			{Type: store.EventArticleView, Slug: "refund", Source: store.SourceAutocomplete}}},
		{"query too long", "/articles/refund?ref=autocomplete&rank=1&q=" + strings.Repeat("x", maxQueryRunes+1), []wantEvent{
			{Type: store.EventArticleView, Slug: "refund", Source: store.SourceAutocomplete}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if r := get(tt.target); r.Code != http.StatusOK {
				t.Fatalf("GET %s = %d", tt.target, r.Code)
			}
			checkEvents(t, rec.take(), tt.want, session)
		})
	}
}

// TestSearchAPICategoryTitle: each result names its category's title, which the search box's
// suggestions show.
func TestSearchAPICategoryTitle(t *testing.T) {
	srv, _ := newTestServer(t, newTestState(t))
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet,
		"/api/search?prefix=1&limit=6&q="+url.QueryEscape("بازگ"), nil))
	var body searchResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &body); rec.Code != http.StatusOK || err != nil {
		t.Fatalf("status %d, %v: %s", rec.Code, err, rec.Body)
	}
	if len(body.Results) == 0 {
		t.Fatal("no results")
	}
	for _, r := range body.Results {
		if r.CategoryTitle == "" || r.CategoryTitle == r.Category {
			t.Errorf("%s: category_title %q for category %q", r.Slug, r.CategoryTitle, r.Category)
		}
	}
}
