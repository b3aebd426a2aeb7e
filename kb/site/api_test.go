package site

import (
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"persiankb/search"
)

// The API shapes as clients see them, declared independently of the handler's types so that a
// renamed or added field fails these tests.
type apiSearchBody struct {
	Query      string  `json:"query"`
	Total      int     `json:"total"`
	TookMS     float64 `json:"took_ms"`
	Page       int     `json:"page"`
	Pages      int     `json:"pages"`
	DidYouMean string  `json:"did_you_mean"`
	Corrected  string  `json:"corrected"`
	Results    []struct {
		Slug          string      `json:"slug"`
		Title         string      `json:"title"`
		URL           string      `json:"url"`
		Category      string      `json:"category"`
		CategoryTitle string      `json:"category_title"`
		Snippet       string      `json:"snippet"`
		Section       *apiSection `json:"section"`
	} `json:"results"`
	Facets struct {
		Category []struct {
			Name  string `json:"name"`
			Count int    `json:"count"`
		} `json:"category"`
	} `json:"facets"`
}

type apiErrorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

type apiSection struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Level int    `json:"level"`
	URL   string `json:"url"`
}

type apiArticleBody struct {
	Slug     string       `json:"slug"`
	Title    string       `json:"title"`
	Summary  string       `json:"summary"`
	Category string       `json:"category"`
	Tags     []string     `json:"tags"`
	URL      string       `json:"url"`
	Updated  string       `json:"updated"`
	HTML     string       `json:"html"`
	Sections []apiSection `json:"sections"`
}

func TestSearchAPI(t *testing.T) {
	srv, _ := newTestServer(t, newTestState(t))
	h := srv.Handler()

	t.Run("one hit, every field", func(t *testing.T) {
		rec := do(h, http.MethodGet, "/api/search?q="+url.QueryEscape("بازگشت وجه"))
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json; charset=utf-8" {
			t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
		}
		if strings.Contains(rec.Body.String(), "did_you_mean") {
			t.Errorf("did_you_mean present although empty: %s", rec.Body)
		}
		var b apiSearchBody
		decodeStrict(t, rec.Body, &b)
		if b.Query != "بازگشت وجه" || b.Total != 1 || b.Page != 1 || b.Pages != 1 || b.TookMS < 0 {
			t.Errorf("header fields = %+v", b)
		}
		if len(b.Results) != 1 {
			t.Fatalf("results = %+v, want 1", b.Results)
		}
		r := b.Results[0]
		if r.Slug != "refund" || r.Title != "بازگشت وجه" || r.URL != "/articles/refund" || r.Category != "billing" ||
			r.CategoryTitle != "پرداخت و صورتحساب" {
			t.Errorf("result = %+v", r)
		}
		if !strings.Contains(r.Snippet, "<mark>") {
			t.Errorf("snippet without <mark>: %q", r.Snippet)
		}
		if len(b.Facets.Category) != 1 || b.Facets.Category[0].Name != "billing" || b.Facets.Category[0].Count != 1 {
			t.Errorf("facets = %+v", b.Facets)
		}
	})

	t.Run("limit and page", func(t *testing.T) {
		rec := do(h, http.MethodGet, "/api/search?limit=5&page=3&q="+url.QueryEscape("فروشگاه"))
		var b apiSearchBody
		decodeStrict(t, rec.Body, &b)
		if rec.Code != http.StatusOK || b.Total != guideCount || b.Page != 3 || b.Pages != 3 || len(b.Results) != guideCount-10 {
			t.Errorf("status %d, total %d, page %d/%d, %d results", rec.Code, b.Total, b.Page, b.Pages, len(b.Results))
		}
	})

	t.Run("default limit", func(t *testing.T) {
		var b apiSearchBody
		decodeStrict(t, do(h, http.MethodGet, "/api/search?q="+url.QueryEscape("فروشگاه")).Body, &b)
		if len(b.Results) != search.DefaultLimit || b.Pages != 2 {
			t.Errorf("%d results on %d pages, want %d on 2", len(b.Results), b.Pages, search.DefaultLimit)
		}
	})

	t.Run("category filter", func(t *testing.T) {
		var b apiSearchBody
		decodeStrict(t, do(h, http.MethodGet, "/api/search?category=guides&q="+url.QueryEscape("پرداخت")).Body, &b)
		if b.Total != 0 || len(b.Results) != 0 {
			t.Errorf("payment articles found in guides: %+v", b)
		}
	})

	t.Run("empty query", func(t *testing.T) {
		rec := do(h, http.MethodGet, "/api/search?q=")
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d", rec.Code)
		}
		want := `{"query":"","total":0,"took_ms":0,"page":1,"pages":0,"results":[],"facets":{"category":[]}}` + "\n"
		if rec.Body.String() != want {
			t.Errorf("body = %s, want %s", rec.Body, want)
		}
	})

	bad := []struct {
		name, query, code string
	}{
		{"query too long", "q=" + url.QueryEscape(strings.Repeat("ب", maxQueryRunes+1)), codeQueryTooLong},
		{"limit not a number", "q=a&limit=ten", codeBadLimit},
		{"limit zero", "q=a&limit=0", codeBadLimit},
		{"limit over max", "q=a&limit=51", codeBadLimit},
		{"page zero", "q=a&page=0", codeBadPage},
		{"page not a number", "q=a&page=x", codeBadPage},
		{"page too deep", "q=a&page=100000", codeBadPage},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(h, http.MethodGet, "/api/search?"+tt.query)
			if rec.Code != http.StatusBadRequest || rec.Header().Get("Content-Type") != "application/json; charset=utf-8" {
				t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
			}
			var e apiErrorBody
			decodeStrict(t, rec.Body, &e)
			if e.Error.Code != tt.code || e.Error.Message == "" {
				t.Errorf("error = %+v, want code %s with a message", e.Error, tt.code)
			}
		})
	}
}

func TestSearchAPIDidYouMean(t *testing.T) {
	fake := &fakeSearcher{results: map[string]*search.Result{
		"sghl": {Total: 0, DidYouMean: "سلام"},
	}}
	srv, _ := newTestServer(t, &State{Library: testLibrary(), Search: fake})
	rec := do(srv.Handler(), http.MethodGet, "/api/search?q=sghl&limit=7&page=2&category=billing")
	var b apiSearchBody
	decodeStrict(t, rec.Body, &b)
	if b.DidYouMean != "سلام" {
		t.Errorf("did_you_mean = %q", b.DidYouMean)
	}
	want := search.Request{Query: "sghl", Category: "billing", Page: 2, Limit: 7}
	if got := fake.last(); got != want {
		t.Errorf("searcher got %+v, want %+v", got, want)
	}
	page := do(srv.Handler(), http.MethodGet, "/search?q=sghl").Body.String()
	assertContains(t, page, []string{`منظورتان <a href="/search?q=%D8%B3%D9%84%D8%A7%D9%85">«<bdi>سلام</bdi>»</a> بود؟`}, nil)
	// A query typed on the wrong keyboard layout is searched converted: the page says so.
	fake.results["sghl"].Corrected = true
	page = do(srv.Handler(), http.MethodGet, "/search?q=sghl").Body.String()
	assertContains(t, page, []string{`نتایج برای <a href="/search?q=%D8%B3%D9%84%D8%A7%D9%85">«<bdi>سلام</bdi>»</a> نشان داده شده است`},
		[]string{"منظورتان"})
}

func TestArticleAPI(t *testing.T) {
	srv, _ := newTestServer(t, newTestState(t))
	h := srv.Handler()

	t.Run("refund", func(t *testing.T) {
		rec := do(h, http.MethodGet, "/api/articles/refund")
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/json; charset=utf-8" {
			t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
		}
		var b apiArticleBody
		decodeStrict(t, rec.Body, &b)
		if b.Slug != "refund" || b.Title != "بازگشت وجه" || b.Summary != "چطور و در چه مدت پولتان برمی‌گردد." ||
			b.Category != "billing" || b.URL != "/articles/refund" || b.Updated != "2024-03-20T00:00:00Z" {
			t.Errorf("metadata = %+v", b)
		}
		if !reflect.DeepEqual(b.Tags, []string{"پرداخت", "اشتراک"}) {
			t.Errorf("tags = %q", b.Tags)
		}
		if !strings.Contains(b.HTML, "مبلغ ظرف سه روز کاری") || !strings.Contains(b.HTML, "<h2 id=") {
			t.Errorf("html = %q", b.HTML)
		}
		if len(b.Sections) != 4 {
			t.Fatalf("sections = %+v, want 4", b.Sections)
		}
		s := b.Sections[2]
		if s.Title != "پرداخت با کارت" || s.Level != 3 || s.ID == "" ||
			s.URL != "/articles/refund#"+(&url.URL{Fragment: s.ID}).EscapedFragment() {
			t.Errorf("section = %+v", s)
		}
		if !strings.Contains(b.HTML, `id="`+s.ID+`"`) {
			t.Errorf("section id %q is not an anchor in the HTML", s.ID)
		}
	})

	t.Run("persian slug, no date, no sections", func(t *testing.T) {
		rec := do(h, http.MethodGet, "/api/articles/"+url.PathEscape("تغییر-رمز-عبور"))
		var raw map[string]json.RawMessage
		if err := json.NewDecoder(rec.Body).Decode(&raw); err != nil || rec.Code != http.StatusOK {
			t.Fatalf("status %d, %v", rec.Code, err)
		}
		if string(raw["tags"]) != "[]" || string(raw["sections"]) != "[]" {
			t.Errorf("tags %s, sections %s: want empty lists, not null", raw["tags"], raw["sections"])
		}
	})

	for _, slug := range []string{"no-such", "draft-article", "escalation"} {
		t.Run("404 "+slug, func(t *testing.T) {
			rec := do(h, http.MethodGet, "/api/articles/"+slug)
			var e apiErrorBody
			decodeStrict(t, rec.Body, &e)
			if rec.Code != http.StatusNotFound || e.Error.Code != codeNotFound || e.Error.Message == "" {
				t.Errorf("status %d, error %+v", rec.Code, e.Error)
			}
		})
	}

	t.Run("unknown API route", func(t *testing.T) {
		rec := do(h, http.MethodGet, "/api/nope")
		var e apiErrorBody
		decodeStrict(t, rec.Body, &e)
		if rec.Code != http.StatusNotFound || e.Error.Code != codeNotFound {
			t.Errorf("status %d, error %+v", rec.Code, e.Error)
		}
	})
}

func TestHealthz(t *testing.T) {
	srv, _ := newTestServer(t, nil)
	h := srv.Handler()
	rec := do(h, http.MethodGet, "/healthz")
	if rec.Code != http.StatusServiceUnavailable || rec.Body.String() != `{"status":"starting"}`+"\n" {
		t.Errorf("before the index: %d %s", rec.Code, rec.Body)
	}
	if rec := do(h, http.MethodGet, "/"); rec.Code != http.StatusServiceUnavailable || rec.Header().Get("Retry-After") == "" {
		t.Errorf("home before the index: %d", rec.Code)
	}
	if rec := do(h, http.MethodGet, "/api/search?q=a"); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("API before the index: %d", rec.Code)
	}

	st := newTestState(t)
	srv.Swap(st)
	rec = do(h, http.MethodGet, "/healthz")
	var b struct {
		Status   string `json:"status"`
		Articles int    `json:"articles"`
	}
	decodeStrict(t, rec.Body, &b)
	if rec.Code != http.StatusOK || b.Status != "ok" || b.Articles != len(st.Library.Articles) || b.Articles == 0 {
		t.Errorf("after Swap: %d %+v", rec.Code, b)
	}
	if rec := do(h, http.MethodGet, "/"); rec.Code != http.StatusOK {
		t.Errorf("home after Swap: %d", rec.Code)
	}
}
