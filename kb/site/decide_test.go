package site

import (
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"persiankb/kb"
	"persiankb/search"
)

func TestParseSearchParams(t *testing.T) {
	long := strings.Repeat("ب", maxQueryRunes)
	tests := []struct {
		name      string
		query     string
		withLimit bool
		want      searchParams
		wantCode  string // "" for no error
	}{
		{"empty", "", true, searchParams{Page: 1, Limit: 10}, ""},
		{"query trimmed", "q=+%D8%B3%D9%84%D8%A7%D9%85+", true, searchParams{Query: "سلام", Page: 1, Limit: 10}, ""},
		{"all", "q=a&category=billing&page=3&limit=50", true, searchParams{Query: "a", Category: "billing", Page: 3, Limit: 50}, ""},
		{"max runes", "q=" + url.QueryEscape(long), true, searchParams{Query: long, Page: 1, Limit: 10}, ""},
		{"too long", "q=" + url.QueryEscape(long+"ب"), true, searchParams{}, codeQueryTooLong},
		{"invalid utf8", "q=%FF", true, searchParams{}, codeQueryTooLong},
		{"page zero", "q=a&page=0", true, searchParams{}, codeBadPage},
		{"page negative", "q=a&page=-1", true, searchParams{}, codeBadPage},
		{"page text", "q=a&page=two", true, searchParams{}, codeBadPage},
		{"page too deep", "q=a&page=" + strconv.Itoa(maxPage+1), true, searchParams{}, codeBadPage},
		{"limit zero", "q=a&limit=0", true, searchParams{}, codeBadLimit},
		{"limit over max", "q=a&limit=51", true, searchParams{}, codeBadLimit},
		{"limit text", "q=a&limit=ten", true, searchParams{}, codeBadLimit},
		{"limit ignored by page", "q=a&limit=500", false, searchParams{Query: "a", Page: 1, Limit: 10}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			got, herr := parseSearchParams(v, tt.withLimit)
			if tt.wantCode != "" {
				if herr == nil || herr.Code != tt.wantCode || herr.Status != http.StatusBadRequest || herr.Message == "" {
					t.Fatalf("error = %+v, want 400 %s with a message", herr, tt.wantCode)
				}
				return
			}
			if herr != nil {
				t.Fatalf("unexpected error %v", herr)
			}
			if got != tt.want {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestSearchURL(t *testing.T) {
	tests := []struct {
		q, cat string
		page   int
		want   string
	}{
		{"سلام", "", 1, "/search?q=%D8%B3%D9%84%D8%A7%D9%85"},
		{"a b", "billing", 1, "/search?category=billing&q=a+b"},
		{"a&page=9", "", 2, "/search?page=2&q=a%26page%3D9"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := searchURL(tt.q, tt.cat, tt.page); got != tt.want {
				t.Errorf("searchURL = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPaginate(t *testing.T) {
	u := func(n int) string { return "p" + strconv.Itoa(n) }
	// numbers renders the links compactly: "[3]" is the current page, "…" a gap.
	numbers := func(p pagination) string {
		var parts []string
		for _, l := range p.Links {
			switch {
			case l.Gap:
				parts = append(parts, "…")
			case l.Current:
				parts = append(parts, "["+strconv.Itoa(l.Number)+"]")
			default:
				parts = append(parts, strconv.Itoa(l.Number))
			}
		}
		return strings.Join(parts, " ")
	}
	tests := []struct {
		name        string
		page, pages int
		prev, next  string
		links       string
	}{
		{"no results", 1, 0, "", "", ""},
		{"single page", 1, 1, "", "", ""},
		{"first of two", 1, 2, "", "p2", "[1] 2"},
		{"last of two", 2, 2, "p1", "", "1 [2]"},
		{"middle of many", 10, 20, "p9", "p11", "1 … 8 9 [10] 11 12 … 20"},
		{"near start", 3, 20, "p2", "p4", "1 2 [3] 4 5 … 20"},
		{"near end", 19, 20, "p18", "p20", "1 … 17 18 [19] 20"},
		{"a gap of one page shows the page", 5, 20, "p4", "p6", "1 2 3 4 [5] 6 7 … 20"},
		{"gap of two pages", 6, 20, "p5", "p7", "1 … 4 5 [6] 7 8 … 20"},
		{"past the end", 7, 3, "p3", "", "1 2 3"},
		{"past the end, no results", 4, 0, "p1", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := paginate(tt.page, tt.pages, u)
			if p.Prev != tt.prev || p.Next != tt.next || numbers(p) != tt.links {
				t.Errorf("paginate(%d, %d) = prev %q next %q links %q; want %q %q %q",
					tt.page, tt.pages, p.Prev, p.Next, numbers(p), tt.prev, tt.next, tt.links)
			}
		})
	}
}

func TestResolveArticle(t *testing.T) {
	lib := testLibrary()
	tests := []struct {
		name      string
		slug      string
		wantSlug  string // "" for not found
		wantMoved bool
	}{
		{"current slug", "refund", "refund", false},
		{"persian slug", "تغییر-رمز-عبور", "تغییر-رمز-عبور", false},
		{"alias", "old-refund", "refund", true},
		{"persian alias", "بازپرداخت", "refund", true},
		{"decomposed yeh with hamza (NFD) finds the NFC slug", "\u0645\u0633\u064A\u0654\u0644\u0647-\u0648\u0631\u0648\u062F", "مسئله-ورود", true},
		{"draft", "draft-article", "", false},
		{"internal", "escalation", "", false},
		{"alias of an internal article", "old-escalation", "", false},
		{"unknown", "nope", "", false},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, moved := resolveArticle(lib, tt.slug)
			got := ""
			if a != nil {
				got = a.Slug
			}
			if got != tt.wantSlug || moved != tt.wantMoved {
				t.Errorf("resolveArticle(%q) = %q, %v; want %q, %v", tt.slug, got, moved, tt.wantSlug, tt.wantMoved)
			}
		})
	}
}

func TestWithQueryAndAbsURL(t *testing.T) {
	if got := withQuery("/articles/x", ""); got != "/articles/x" {
		t.Errorf("withQuery without query = %q", got)
	}
	if got := withQuery("/articles/x", "ref=agent"); got != "/articles/x?ref=agent" {
		t.Errorf("withQuery = %q", got)
	}
	if got := absURL("", "/a"); got != "" {
		t.Errorf("absURL without base = %q, want empty", got)
	}
	if got := absURL("https://h.example", kb.ArticleURL("بازگشت")); got != "https://h.example/articles/%D8%A8%D8%A7%D8%B2%DA%AF%D8%B4%D8%AA" {
		t.Errorf("absURL = %q", got)
	}
}

func TestAsHTTPError(t *testing.T) {
	nf := errNotFound("x")
	if got := asHTTPError(nf); !reflect.DeepEqual(got, nf) {
		t.Errorf("httpError not passed through: %+v", got)
	}
	got := asHTTPError(http.ErrHandlerTimeout)
	if got.Status != http.StatusInternalServerError || got.Code != codeInternal || got.Err != http.ErrHandlerTimeout {
		t.Errorf("plain error = %+v, want 500 keeping the cause", got)
	}
}

func TestAsHTTPErrorSearchRequestError(t *testing.T) {
	tests := []struct {
		field, code string
	}{
		{"query", codeQueryTooLong},
		{"limit", codeBadLimit},
		{"page", codeBadPage},
		{"other", codeBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			err := fmt.Errorf("search: %w", &search.RequestError{Field: tt.field, Message: "bad", FaMessage: "نادرست"})
			got := asHTTPError(err)
			if got.Status != http.StatusBadRequest || got.Code != tt.code || got.Message != "نادرست" {
				t.Errorf("asHTTPError = %+v, want 400 %s with the Persian message", got, tt.code)
			}
		})
	}
}

// FuzzParseSearchParams checks that any query string is either refused with a 400 or gives
// parameters within the limits the index expects.
func FuzzParseSearchParams(f *testing.F) {
	for _, s := range []string{"q=a", "q=%FF&page=2", "limit=50&page=1000", "page=-1", "q=" + strings.Repeat("ب", 300), "limit=1e3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		p, herr := parseSearchParams(v, true)
		if herr != nil {
			if herr.Status != http.StatusBadRequest || herr.Message == "" {
				t.Fatalf("%q: error %+v", raw, herr)
			}
			return
		}
		if p.Page < 1 || p.Page > maxPage || p.Limit < 1 || p.Limit > maxLimit ||
			utf8.RuneCountInString(p.Query) > maxQueryRunes || p.Query != strings.TrimSpace(p.Query) {
			t.Fatalf("%q: out-of-range params %+v", raw, p)
		}
	})
}
