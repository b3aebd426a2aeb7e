package search

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestSearchFindsArticles(t *testing.T) {
	ix := openTest(t, Options{})
	tests := []struct {
		name, query, want string
	}{
		{"title words", "تغییر رمز عبور", "change-password"},
		{"keyword only", "گذرواژه", "change-password"},
		{"body word", "تنظیمات امنیت", "change-password"},
		{"ZWNJ compound meets its spaced spelling", "حساب‌کاربری", "delete-account"},
		{"heading", "امنیتی", "change-password"},
		{"summary only", "دائمی", "delete-account"},
		{"Persian letters find Arabic yeh/kaf text", "پیگیری سفارش", "track-order"},
		{"Persian kaf finds Arabic kaf", "کد رهگیری", "track-order"},
		{"Arabic letters find Persian text", "لغو سفارش", "cancel-order"},
		{"tag", "امنیت", "change-password"},
		{"refund", "بازگشت وجه", "refund"},
		{"Latin and punctuation mixed", "فاکتور؟!", "invoice"},
		{"question words and stop words keep the meaning", "چطور رمز را عوض کنم", "change-password"},
		{"spoken Persian", "رمزمو چطوری عوض کنم", "change-password"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustSearch(t, ix, Request{Query: tt.query})
			if len(res.Hits) == 0 || res.Hits[0].Slug != tt.want {
				t.Fatalf("Search(%q) = %v, want %s first", tt.query, slugs(res.Hits), tt.want)
			}
			h := res.Hits[0]
			if h.Title == "" || h.URL != "/articles/"+tt.want || h.Category == "" || h.Score <= 0 {
				t.Errorf("hit = %+v: missing title, URL, category or score", h)
			}
		})
	}
}

func TestSearchSnippetMarksExactLetters(t *testing.T) {
	ix := openTest(t, Options{})
	tests := []struct {
		name, query, slug string
		marks             []string
		contains          string
	}{
		{"word after a ZWNJ word", "تنظیمات", "change-password", []string{"تنظیمات"},
			"صفحه\u200cی <mark>تنظیمات</mark> حساب\u200cکاربری"},
		{"first part of a ZWNJ compound", "حساب", "change-password", []string{"حساب"},
			"<mark>حساب</mark>\u200cکاربری"},
		{"adjacent terms share a mark", "رمز عبور", "change-password", []string{"رمز عبور", "رمز"}, ""},
		{"Arabic-letter text marked for a Persian query", "پیگیری", "track-order", []string{"پيگيري"}, ""},
		{"Arabic kaf", "کد", "track-order", []string{"كد", "كد"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustSearch(t, ix, Request{Query: tt.query})
			i := slices.Index(slugs(res.Hits), tt.slug)
			if i < 0 {
				t.Fatalf("Search(%q) = %v, want %s", tt.query, slugs(res.Hits), tt.slug)
			}
			snip := res.Hits[i].Snippet
			if got := marked(snip); !slices.Equal(got, tt.marks) {
				t.Errorf("marks = %q, want %q\nsnippet: %s", got, tt.marks, snip)
			}
			if !strings.Contains(snip, tt.contains) {
				t.Errorf("snippet %q does not contain %q", snip, tt.contains)
			}
		})
	}
}

func TestSearchSnippetFallsBackToSummary(t *testing.T) {
	ix := openTest(t, Options{})
	res := mustSearch(t, ix, Request{Query: "دائمی"})
	if len(res.Hits) == 0 {
		t.Fatal("no hits")
	}
	if want := "حذف <mark>دائمی</mark> حساب و داده\u200cها."; res.Hits[0].Snippet != want {
		t.Errorf("snippet = %q, want %q", res.Hits[0].Snippet, want)
	}
}

func TestSearchEscapesHTML(t *testing.T) {
	ix := openTest(t, Options{})
	tests := []struct{ name, query string }{
		{"script in article text", "فاکتور نمونه"},
		{"script in query", "<script>alert(1)</script> فاکتور"},
		{"attribute injection in query", `"><img src=x onerror=alert(1)> فاکتور`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustSearch(t, ix, Request{Query: tt.query})
			i := slices.Index(slugs(res.Hits), "invoice")
			if i < 0 {
				t.Fatalf("invoice not found: %v", slugs(res.Hits))
			}
			snip := res.Hits[i].Snippet
			rest := strings.NewReplacer("<mark>", "", "</mark>", "").Replace(snip)
			if strings.ContainsAny(rest, "<>") {
				t.Errorf("snippet has raw HTML: %s", snip)
			}
			if !strings.Contains(rest, "&lt;script&gt;") || !strings.Contains(rest, "&amp;") {
				t.Errorf("snippet does not show the escaped text: %s", snip)
			}
		})
	}
}

func TestSearchQuerySyntaxIsText(t *testing.T) {
	ix := openTest(t, Options{})
	// Queries holding رمز as a word of its own must still find the password article.
	// ("title:رمز" is one token for the Unicode word rules, which join letters across ':'.)
	queries := []string{
		`+رمز -عبور`, `"رمز`, `رمز"`, `(رمز)`, `رمز~`, `رمز^4`, `رمز*`, "\xff\xfe رمز", `+-:"*()~^ رمز`,
		`title:رمز`, `*`, `(((`, `)`, `~2`, `^3`, `\`, `AND OR NOT`, `/re[gex/`, `:`, `{}[]`, `!`,
		`&&||`, "\x00\x01", `_all:*`, `body:"x"~3`, `+-:"*()~^`,
	}
	fa := openTest(t, Options{Analyzer: FaAnalyzer})
	for _, q := range queries {
		for _, tt := range []struct {
			ix     *Index
			prefix bool
		}{{ix, false}, {ix, true}, {fa, false}, {fa, true}} {
			t.Run(fmt.Sprintf("%s/%s/prefix=%v", q, tt.ix.Analyzer(), tt.prefix), func(t *testing.T) {
				res, err := tt.ix.Search(context.Background(), Request{Query: q, Prefix: tt.prefix})
				if err != nil {
					t.Fatalf("Search(%q): %v", q, err)
				}
				want := strings.Contains(q, "رمز") && !strings.Contains(q, ":رمز")
				if want && !slices.Contains(slugs(res.Hits), "change-password") {
					t.Errorf("Search(%q) = %v, want change-password", q, slugs(res.Hits))
				}
			})
		}
	}
}

func TestSearchRequestErrors(t *testing.T) {
	ix := openTest(t, Options{})
	tests := []struct {
		name  string
		req   Request
		field string // "" means the request is valid
	}{
		{"query too long", Request{Query: strings.Repeat("ر", MaxQueryRunes+1)}, "query"},
		{"longest query", Request{Query: strings.Repeat("ر", MaxQueryRunes)}, ""},
		{"spaces around the longest query", Request{Query: "  " + strings.Repeat("ر", MaxQueryRunes) + " "}, ""},
		{"negative limit", Request{Query: "رمز", Limit: -1}, "limit"},
		{"limit too big", Request{Query: "رمز", Limit: MaxLimit + 1}, "limit"},
		{"biggest limit", Request{Query: "رمز", Limit: MaxLimit}, ""},
		{"negative page", Request{Query: "رمز", Page: -1}, "page"},
		{"page too deep", Request{Query: "رمز", Page: MaxPage + 1}, "page"},
		{"deepest page", Request{Query: "رمز", Page: MaxPage}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ix.Search(context.Background(), tt.req)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Search: %v", err)
				}
				return
			}
			var re *RequestError
			if !errors.As(err, &re) || !errors.Is(err, ErrInvalidRequest) {
				t.Fatalf("err = %v, want a *RequestError", err)
			}
			if re.Field != tt.field || re.Message == "" || !strings.ContainsAny(re.FaMessage, "۰۱۲۳۴۵۶۷۸۹") {
				t.Errorf("RequestError = %+v, want field %s, messages with Persian digits", re, tt.field)
			}
		})
	}
}

func TestSearchNothingToSearch(t *testing.T) {
	ix := openTest(t, Options{})
	for _, q := range []string{"", "   ", "\u200c", "از", "و به از", "؟!.،"} {
		t.Run(q, func(t *testing.T) {
			res := mustSearch(t, ix, Request{Query: q})
			if res.Total != 0 || res.Hits == nil || len(res.Hits) != 0 || res.Pages != 0 || res.Page != 1 {
				t.Errorf("Search(%q) = %+v, want an empty first page", q, res)
			}
		})
	}
}

func TestSearchFacetsAndCategoryFilter(t *testing.T) {
	ix := openTest(t, Options{})
	all := mustSearch(t, ix, Request{Query: "سفارش حساب"})
	counts := map[string]int{}
	sum := 0
	for _, f := range all.Categories {
		counts[f.Name] = f.Count
		sum += f.Count
	}
	if sum != all.Total || len(counts) < 2 {
		t.Fatalf("facets %+v do not add up to total %d over 2+ categories", all.Categories, all.Total)
	}
	if !slices.IsSortedFunc(all.Categories, func(a, b FacetCount) int { return b.Count - a.Count }) {
		t.Errorf("facets not biggest first: %+v", all.Categories)
	}
	for cat, n := range counts {
		t.Run(cat, func(t *testing.T) {
			res := mustSearch(t, ix, Request{Query: "سفارش حساب", Category: cat})
			if res.Total != n {
				t.Errorf("Total = %d, want facet count %d", res.Total, n)
			}
			for _, h := range res.Hits {
				if h.Category != cat {
					t.Errorf("hit %s in category %s, want %s", h.Slug, h.Category, cat)
				}
			}
			if !slices.Equal(res.Categories, all.Categories) {
				t.Errorf("filtered facets = %+v, want the unfiltered %+v", res.Categories, all.Categories)
			}
		})
	}
	if res := mustSearch(t, ix, Request{Query: "سفارش", Category: "no-such"}); res.Total != 0 {
		t.Errorf("unknown category: Total = %d, want 0", res.Total)
	}
}

func TestSearchPagination(t *testing.T) {
	ix := openTest(t, Options{})
	const q = "سفارش حساب رمز فاکتور وجه"
	total := mustSearch(t, ix, Request{Query: q}).Total
	if total < 5 {
		t.Fatalf("query matches %d articles; the test needs 5+", total)
	}
	for _, limit := range []int{1, 2, 3, total, MaxLimit} {
		seen := map[string]bool{}
		pages := (total + limit - 1) / limit
		for page := 1; page <= pages+1; page++ {
			res := mustSearch(t, ix, Request{Query: q, Limit: limit, Page: page})
			if res.Total != total || res.Pages != pages || res.Page != page {
				t.Fatalf("limit %d page %d: total/pages/page = %d/%d/%d, want %d/%d/%d",
					limit, page, res.Total, res.Pages, res.Page, total, pages, page)
			}
			want := min(limit, max(total-(page-1)*limit, 0))
			if len(res.Hits) != want {
				t.Errorf("limit %d page %d: %d hits, want %d", limit, page, len(res.Hits), want)
			}
			for _, h := range res.Hits {
				if seen[h.Slug] {
					t.Errorf("limit %d: %s on two pages", limit, h.Slug)
				}
				seen[h.Slug] = true
			}
		}
		if len(seen) != total {
			t.Errorf("limit %d: %d distinct hits over all pages, want %d", limit, len(seen), total)
		}
	}
	if got := len(mustSearch(t, ix, Request{Query: q}).Hits); got != min(total, DefaultLimit) {
		t.Errorf("default limit gave %d hits", got)
	}
}

func TestSearchAudienceAndDrafts(t *testing.T) {
	ix := openTest(t, Options{})
	tests := []struct {
		name     string
		req      Request
		slug     string
		included bool
	}{
		{"internal hidden from customers", Request{Query: "بازگشت وجه"}, "agent-refund-policy", false},
		{"internal shown to agents", Request{Query: "بازگشت وجه", Internal: true}, "agent-refund-policy", true},
		{"public shown to agents", Request{Query: "بازگشت وجه", Internal: true}, "refund", true},
		{"internal hidden in its category", Request{Query: "بازگشت وجه", Category: "billing"}, "agent-refund-policy", false},
		{"draft never indexed", Request{Query: "باشگاه مشتریان", Internal: true}, "draft-loyalty", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustSearch(t, ix, tt.req)
			if got := slices.Contains(slugs(res.Hits), tt.slug); got != tt.included {
				t.Errorf("hits %v: %s included = %v, want %v", slugs(res.Hits), tt.slug, got, tt.included)
			}
			sum := 0
			for _, f := range res.Categories {
				sum += f.Count
			}
			if tt.req.Category == "" && sum != res.Total {
				t.Errorf("facets count %d hits, total is %d", sum, res.Total)
			}
		})
	}
}

func TestSearchConcurrent(t *testing.T) {
	ix := openTest(t, Options{})
	queries := []string{"رمز", "سفارش", "پیگیری", "فاکتور", "بازگشت وجه", "حساب"}
	var wg sync.WaitGroup
	errs := make(chan error, 8*len(queries))
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range queries {
				q := queries[(g+i)%len(queries)]
				res, err := ix.Search(context.Background(), Request{Query: q})
				if err == nil && res.Total == 0 {
					err = errors.New("no hits for " + q)
				}
				if err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestSearchAfterCloseFails(t *testing.T) {
	ix := openTest(t, Options{})
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}
	if err := ix.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if _, err := ix.Search(context.Background(), Request{Query: "رمز"}); err == nil || errors.Is(err, ErrInvalidRequest) {
		t.Errorf("Search after Close: err = %v, want an index error", err)
	}
	if _, err := ix.DocCount(); err == nil {
		t.Error("DocCount after Close succeeded")
	}
}

func TestSearchEmptyLibrary(t *testing.T) {
	ix, err := Open(testLibrary(nil, "empty"), Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	if n, err := ix.DocCount(); err != nil || n != 0 {
		t.Errorf("DocCount = %d, %v", n, err)
	}
	if res := mustSearch(t, ix, Request{Query: "رمز", Category: "account"}); res.Total != 0 || len(res.Categories) != 0 {
		t.Errorf("empty library: %+v", res)
	}
}

func TestSearchCanceled(t *testing.T) {
	ix := openTest(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ix.Search(ctx, Request{Query: "رمز"})
	if err == nil || errors.Is(err, ErrInvalidRequest) || !errors.Is(err, context.Canceled) {
		t.Errorf("canceled search: err = %v, want context.Canceled", err)
	}
}
