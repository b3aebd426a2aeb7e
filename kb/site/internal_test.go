package site

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"persiankb/search"
)

// The internal article of newStaffState: its slug, a word of its title only it has, and the
// rest of its title.
const (
	internalSlug  = "refund-workaround"
	internalWord  = "معوق"
	internalTitle = "راه‌حل کارشناسان"
)

// lateRefundMessage is a customer's message about a late refund: both the public refund article
// and the internal workaround answer it.
const lateRefundMessage = "سلام، سفارشم را لغو کردم ولی بازگشت وجه بیش از سه روز کاری طول کشیده و پولم برنگشته."

// TestInternalArticlesNeverPublic proves that an internal article is absent from every public
// page, search, suggestion, API answer, sitemap and feed, even for queries it matches best.
func TestInternalArticlesNeverPublic(t *testing.T) {
	srv := newStaffServer(t, newStaffState(t), Config{Auth: staffAuth(t)})
	q := url.QueryEscape
	tests := []struct {
		target string
		status int
	}{
		{"/", http.StatusOK},
		{"/search?q=" + q(internalWord), http.StatusOK},
		{"/search?q=" + q("بازگشت وجه"), http.StatusOK},
		{"/categories/billing", http.StatusOK},
		{"/articles/refund", http.StatusOK},
		{"/articles/" + internalSlug, http.StatusNotFound},
		{"/api/search?q=" + q(internalWord), http.StatusOK},
		{"/api/search?q=" + q("بازگشت وجه"), http.StatusOK},
		{"/api/suggest?q=" + q(lateRefundMessage), http.StatusOK},
		{"/api/articles/" + internalSlug, http.StatusNotFound},
		{"/api/v1/search?q=" + q("بازگشت وجه"), http.StatusOK},
		{"/api/v1/suggest?q=" + q(lateRefundMessage), http.StatusOK},
		{"/api/v1/articles/" + internalSlug, http.StatusNotFound},
		{"/api/v1/categories", http.StatusOK},
		{"/sitemap.xml", http.StatusOK},
		{"/feed.atom", http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := staffRequest{target: tt.target}.send(srv.Handler())
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			body := rec.Body.String()
			assertContains(t, body, nil, []string{internalSlug, internalTitle, "شمارهٔ پیگیری بانک"})
		})
	}
	// The same searches do find it, so the absence above is the filter's doing.
	var v1 struct {
		Results []struct{ Slug string } `json:"results"`
	}
	rec := staffRequest{target: "/api/v1/search?q=" + q("بازگشت وجه"), header: map[string]string{"Authorization": "Bearer " + staffAPITok}}.send(srv.Handler())
	if err := json.Unmarshal(rec.Body.Bytes(), &v1); err != nil {
		t.Fatal(err)
	}
	if !hasSlug(v1.Results, internalSlug) {
		t.Errorf("with a token, the search does not find the internal article: %s", rec.Body)
	}
	// Public categories count public articles only.
	var cats v1CategoryList
	_ = json.Unmarshal(staffRequest{target: "/api/v1/categories"}.send(srv.Handler()).Body.Bytes(), &cats)
	for _, c := range cats.Categories {
		if c.Slug == "billing" && c.Articles != 2 {
			t.Errorf("billing has %d public articles in /api/v1/categories, want 2", c.Articles)
		}
	}
}

func hasSlug(results []struct{ Slug string }, slug string) bool {
	for _, r := range results {
		if r.Slug == slug {
			return true
		}
	}
	return false
}

// TestInternalArticlesForAgents: the agent view and API tokens see internal articles.
func TestInternalArticlesForAgents(t *testing.T) {
	srv := newStaffServer(t, newStaffState(t), Config{Auth: staffAuth(t)})
	agent := map[string]string{"Authorization": "Bearer " + staffAgentTok}
	api := map[string]string{"Authorization": "Bearer " + staffAPITok}
	tests := []struct {
		target string
		header map[string]string
		want   []string
	}{
		{"/agent?q=" + url.QueryEscape(internalWord), agent, []string{"/agent/articles/" + internalSlug, "badge-internal", "برای مشتری نفرستید"}},
		{"/agent/articles/" + internalSlug, agent, []string{"ارجاع به مالی", testBaseURL + "/agent/articles/" + internalSlug + "#"}},
		{"/api/v1/articles/" + internalSlug, api, []string{`"audience":"internal"`, `"url":"` + testBaseURL + "/agent/articles/" + internalSlug + `"`}},
		{"/api/v1/search?q=" + url.QueryEscape(internalWord), api, []string{`"slug":"` + internalSlug + `"`, `"audience":"internal"`}},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := staffRequest{target: tt.target, header: tt.header}.send(srv.Handler())
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d\n%s", rec.Code, rec.Body)
			}
			assertContains(t, rec.Body.String(), tt.want, []string{`"reply"`})
		})
	}
}

// internalSuggestIndex is the real index with internal suggestions added the way an index
// implementing InternalSuggester gives them: the real public suggestions plus one internal hit.
type internalSuggestIndex struct {
	*search.Index
	calls int
}

func (ix *internalSuggestIndex) SuggestInternal(ctx context.Context, text string, limit int) (*search.Result, error) {
	ix.calls++
	res, err := ix.Suggest(ctx, text, limit)
	if err != nil {
		return nil, err
	}
	res.Hits = append([]search.Hit{{Slug: internalSlug, Title: "داخلی", Snippet: "<mark>بازگشت</mark>"}}, res.Hits...)
	res.Total++
	return res, nil
}

// TestInternalSuggestions: the agent view's message box and the API with a token use the
// internal suggestions; the public suggestions never do.
func TestInternalSuggestions(t *testing.T) {
	st := newStaffState(t)
	ix := &internalSuggestIndex{Index: st.Search.(*search.Index)}
	st.Search = ix
	srv := newStaffServer(t, st, Config{Auth: staffAuth(t)})
	h := srv.Handler()

	for _, target := range []string{"/api/suggest?q=", "/api/v1/suggest?q="} {
		body := staffRequest{target: target + url.QueryEscape(lateRefundMessage)}.send(h).Body.String()
		assertContains(t, body, []string{`"slug":"refund"`}, []string{internalSlug})
	}
	// the ticket form's suggestions step (no script)
	fc := newClient(t, h, "192.0.2.91")
	rec := fc.post(with(with(validFields(), stepField, "\x00"), "description", lateRefundMessage))
	assertContains(t, rec.Body.String(), []string{`href="/articles/refund"`}, []string{internalSlug})
	if ix.calls != 0 {
		t.Fatalf("public suggestions asked for internal articles %d times", ix.calls)
	}
	body := staffRequest{target: "/api/v1/suggest?q=" + url.QueryEscape(lateRefundMessage),
		header: map[string]string{"Authorization": "Bearer " + staffAPITok}}.send(h).Body.String()
	assertContains(t, body, []string{`"slug":"` + internalSlug + `"`, `"slug":"refund"`}, nil)

	sess := login(t, h, "192.0.2.90")
	page := staffRequest{target: "/agent", cookies: []*http.Cookie{sess}}.send(h).Body.String()
	form := url.Values{csrfField: {formCSRF(t, page)}, messageField: {lateRefundMessage}}
	rec = staffRequest{method: http.MethodPost, target: "/agent", form: form, cookies: []*http.Cookie{sess}}.send(h)
	if rec.Code != http.StatusOK {
		t.Fatalf("POST /agent: %d\n%s", rec.Code, rec.Body)
	}
	assertContains(t, rec.Body.String(), []string{"/agent/articles/" + internalSlug, "/agent/articles/refund", "مقاله‌های پیشنهادی"}, nil)
	if ix.calls != 2 {
		t.Errorf("internal suggestions asked %d times, want 2", ix.calls)
	}
	form.Del(csrfField)
	if rec := (staffRequest{method: http.MethodPost, target: "/agent", form: form, cookies: []*http.Cookie{sess}}).send(h); rec.Code != http.StatusForbidden {
		t.Errorf("POST /agent without the form token: %d, want 403", rec.Code)
	}
	if !strings.Contains(staffRequest{method: http.MethodPost, target: "/agent", form: form, header: map[string]string{"Authorization": "Bearer " + staffAgentTok}}.send(h).Body.String(), internalSlug) {
		t.Error("a bearer request needs no form token, but got no suggestions")
	}
}
