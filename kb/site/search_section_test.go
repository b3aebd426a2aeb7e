package site

import (
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"persiankb/search"
	"persiankb/search/persian"
)

// Section anchors of the refund article (see stack_test.go), percent-encoded.
const (
	encPayTime = "%D8%B2%D9%85%D8%A7%D9%86-%D9%88%D8%A7%D8%B1%DB%8C%D8%B2"                    // زمان-واریز
	encByCard  = "%D9%BE%D8%B1%D8%AF%D8%A7%D8%AE%D8%AA-%D8%A8%D8%A7-%DA%A9%D8%A7%D8%B1%D8%AA" // پرداخت-با-کارت
)

// agentSearchHref is the agent view's search for «زمان واریز» as html/template writes it in
// an href ("+" escaped).
var agentSearchHref = "/agent?q=" + strings.ReplaceAll(url.QueryEscape("زمان واریز"), "+", "&#43;")

// latinLayout is text as typed on an English keyboard layout.
func latinLayout(t testing.TB, text string) string {
	t.Helper()
	l, ok := persian.ToLatinLayout(text)
	if !ok {
		t.Fatalf("ToLatinLayout(%q) failed", text)
	}
	return l
}

// sectionBody is what the search APIs say about a hit's section and the correction.
type sectionBody struct {
	DidYouMean string `json:"did_you_mean"`
	Corrected  string `json:"corrected"`
	Results    []struct {
		Slug    string `json:"slug"`
		Section *struct {
			ID, Title, URL string
			Level          int
			Share          *struct{ Link, Markdown, Reply string }
		} `json:"section"`
	} `json:"results"`
}

// TestSearchSections: every search answer names the section of the refund article that
// matches best, linked at its Persian anchor, for customers, the APIs and agents.
func TestSearchSections(t *testing.T) {
	st := newStaffState(t)
	srv := newStaffServer(t, st, Config{Auth: staffAuth(t)})
	h := srv.Handler()
	refund, _ := st.Library.Article("refund")
	get := func(target string, header map[string]string) string {
		t.Helper()
		rec := staffRequest{target: target, header: header}.send(h)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: status %d\n%s", target, rec.Code, rec.Body)
		}
		return rec.Body.String()
	}
	apiSection := func(target string, header map[string]string) (sectionBody, string) {
		t.Helper()
		var b sectionBody
		if err := json.Unmarshal([]byte(get(target, header)), &b); err != nil {
			t.Fatal(err)
		}
		for _, r := range b.Results {
			if r.Slug == "refund" {
				if r.Section == nil {
					return b, ""
				}
				return b, r.Section.ID
			}
		}
		t.Fatalf("%s: no refund result", target)
		return b, ""
	}
	tests := []struct {
		name, query, want string
	}{
		{"a heading", "زمان واریز", "زمان-واریز"},
		{"a lower section's text, inflected", "همان کارت پرداخت کردم", "پرداخت-با-کارت"},
		{"the intro only", "سفارش لغو شود", ""},
		{"a tag only", "اشتراک", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := url.QueryEscape(tt.query)
			if _, got := apiSection("/api/search?q="+q, nil); got != tt.want {
				t.Errorf("/api/search: section %q, want %q", got, tt.want)
			}
			if _, got := apiSection("/api/v1/search?q="+q, nil); got != tt.want {
				t.Errorf("/api/v1/search: section %q, want %q", got, tt.want)
			}
		})
	}

	t.Run("links and copy fields", func(t *testing.T) {
		q := url.QueryEscape("زمان واریز")
		var b sectionBody
		_ = json.Unmarshal([]byte(get("/api/search?q="+q, nil)), &b)
		sec := b.Results[0].Section
		if b.Results[0].Slug != "refund" || sec == nil || sec.Title != "زمان واریز" || sec.Level != 2 ||
			sec.URL != "/articles/refund#"+encPayTime || sec.Share != nil {
			t.Errorf("/api/search section = %+v", sec)
		}
		auth := map[string]string{"Authorization": "Bearer " + staffAPITok}
		_ = json.Unmarshal([]byte(get("/api/v1/search?q="+q, auth)), &b)
		sec = b.Results[0].Section
		want := sectionShare(testBaseURL, refund, refund.Headings[3])
		if sec == nil || sec.URL != testBaseURL+"/articles/refund#"+encPayTime || sec.Share == nil ||
			sec.Share.Link != want.Link || sec.Share.Markdown != want.Markdown || sec.Share.Reply != want.Reply {
			t.Errorf("/api/v1/search section with a token = %+v, want share %+v", sec, want)
		}
		page := get("/search?q="+q, nil)
		assertContains(t, page, []string{`بخش مرتبط: <a href="/articles/refund#` + encPayTime + `">زمان واریز</a>`}, nil)
		agent := get("/agent?q="+q, map[string]string{"Authorization": "Bearer " + staffAgentTok})
		assertContains(t, agent, []string{`بخش مرتبط: <a href="/agent/articles/refund#` + encPayTime + `">زمان واریز</a>`}, nil)
		for _, v := range []string{want.Link, want.Markdown, want.Reply} {
			if !strings.Contains(agent, `data-copy="`+html.EscapeString(v)+`"`) {
				t.Errorf("the agent view has no copy button for %q", v)
			}
		}
		if want.Link != testBaseURL+"/articles/refund?ref=agent#"+encPayTime ||
			want.Reply != "پاسخ شما در بخش «زمان واریز» از راهنمای «بازگشت وجه» آمده است:\n"+want.Link {
			t.Errorf("section share = %+v", want)
		}
	})

	t.Run("layout correction", func(t *testing.T) {
		q := url.QueryEscape(latinLayout(t, "زمان واریز"))
		for _, target := range []string{"/api/search?q=" + q, "/api/v1/search?q=" + q} {
			b, got := apiSection(target, nil)
			if b.Corrected != "زمان واریز" || b.DidYouMean != "زمان واریز" || got != "زمان-واریز" {
				t.Errorf("%s: corrected %q, did_you_mean %q, section %q", target, b.Corrected, b.DidYouMean, got)
			}
		}
		agent := get("/agent?q="+q, map[string]string{"Authorization": "Bearer " + staffAgentTok})
		note := `نتایج برای <a href="` + agentSearchHref + `">«<bdi>زمان واریز</bdi>»</a> نشان داده شده است`
		assertContains(t, agent, []string{note}, []string{"منظورتان"})
	})

	t.Run("spelling correction is only offered", func(t *testing.T) {
		q := url.QueryEscape("زمان واربز")
		var b sectionBody
		_ = json.Unmarshal([]byte(get("/api/search?q="+q, nil)), &b)
		if b.DidYouMean != "زمان واریز" || b.Corrected != "" {
			t.Errorf("did_you_mean %q, corrected %q", b.DidYouMean, b.Corrected)
		}
		agent := get("/agent?q="+q, map[string]string{"Authorization": "Bearer " + staffAgentTok})
		assertContains(t, agent, []string{`منظورتان <a href="` + agentSearchHref + `">«<bdi>زمان واریز</bdi>»</a> بود؟`},
			[]string{"نشان داده شده است"})
	})
}

// TestSearchSectionLinkCounted: with metrics on, the section link of a result carries the
// result's source and rank like the result's own link, so a click on it is counted.
func TestSearchSectionLinkCounted(t *testing.T) {
	env, _ := newEventsEnv(t, 0)
	rec := httptest.NewRecorder()
	env.h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/search?q="+url.QueryEscape("زمان واریز"), nil))
	assertContains(t, rec.Body.String(), []string{
		`بخش مرتبط: <a href="/articles/refund?ref=search&amp;rank=1#` + encPayTime + `">زمان واریز</a>`,
	}, nil)
}

func TestCorrectionFor(t *testing.T) {
	link := func(q string) string { return "/x?q=" + q }
	tests := []struct {
		name     string
		res      *search.Result
		want     *correction
		searched string
	}{
		{"none", &search.Result{}, nil, ""},
		{"spelling", &search.Result{DidYouMean: "تمدید"}, &correction{Query: "تمدید", URL: "/x?q=تمدید"}, ""},
		{"layout", &search.Result{DidYouMean: "سلام", Corrected: true}, &correction{Query: "سلام", URL: "/x?q=سلام", Layout: true}, "سلام"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := correctionFor(tt.res, link)
			if (got == nil) != (tt.want == nil) || got != nil && *got != *tt.want {
				t.Errorf("correctionFor = %+v, want %+v", got, tt.want)
			}
			if s := correctedQuery(tt.res); s != tt.searched {
				t.Errorf("correctedQuery = %q, want %q", s, tt.searched)
			}
		})
	}
}

// TestSearchAPIPrefix: prefix=1 asks the search to complete the last word (search as you
// type), on both search APIs; anything but 0/1/true/false is a 400.
func TestSearchAPIPrefix(t *testing.T) {
	fake := &fakeSearcher{}
	srv := newStaffServer(t, &State{Library: testLibrary(), Search: fake}, Config{Auth: staffAuth(t)})
	tests := []struct {
		target string
		status int
		prefix bool
	}{
		{"/api/search?q=a&prefix=1", http.StatusOK, true},
		{"/api/search?q=a&prefix=true", http.StatusOK, true},
		{"/api/search?q=a&prefix=0", http.StatusOK, false},
		{"/api/search?q=a", http.StatusOK, false},
		{"/api/search?q=a&prefix=2", http.StatusBadRequest, false},
		{"/api/v1/search?q=a&prefix=1", http.StatusOK, true},
		{"/api/v1/search?q=a", http.StatusOK, false},
		{"/search?q=a&prefix=1", http.StatusOK, false}, // a submitted search box: whole words
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			fake.reqs = nil
			rec := staffRequest{target: tt.target}.send(srv.Handler())
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if tt.status == http.StatusOK && fake.last().Prefix != tt.prefix {
				t.Errorf("Prefix = %v, want %v", fake.last().Prefix, tt.prefix)
			}
		})
	}
}
