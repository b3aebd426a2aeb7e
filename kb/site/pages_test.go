package site

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestPages requests every page through the whole router (embedded theme, real library and
// index) and checks the status and the content that matters on each.
func TestPages(t *testing.T) {
	srv, _ := newTestServer(t, newTestState(t))
	h := srv.Handler()
	long := url.QueryEscape(strings.Repeat("ب", maxQueryRunes+1))
	tests := []struct {
		name    string
		target  string
		status  int
		want    []string
		notWant []string
	}{
		{"home", "/", 200, []string{
			`<html lang="fa" dir="rtl">`, "<title>مرکز راهنما</title>", `action="/search"`,
			`href="/categories/billing"`, "پرداخت و صورتحساب", "پلن‌ها، فاکتور و بازگشت وجه.",
			"۲ مقاله", "۱۲ مقاله", // article counts in Persian digits (drafts and internal left out)
			"تازه‌ترین مقاله‌ها", `datetime="2025-02-01"`, "۱۳ بهمن ۱۴۰۳", // recent, Jalali date
			`<link rel="canonical" href="https://help.example.com/">`, `<meta name="description"`,
		}, []string{"پیش‌نویس", "ارجاع به کارشناس ارشد"}},
		{"search", "/search?q=" + url.QueryEscape("بازگشت وجه"), 200, []string{
			`نتایج جستجو برای «<bdi class="query-echo">بازگشت وجه</bdi>»`,
			`value="بازگشت وجه"`, `href="/articles/refund"`, "<mark>", `class="hit-snippet"`,
			"۱ نتیجه", `<meta name="robots" content="noindex">`,
		}, []string{"پیش‌نویس", "ارجاع به کارشناس ارشد"}},
		{"search page 1 of 2", "/search?q=" + url.QueryEscape("فروشگاه"), 200, []string{
			"۱۲ نتیجه", "نمایش ۱ تا ۱۰", `aria-label="صفحه‌های نتایج"`, `aria-current="page">۱</a>`,
			`rel="next"`, "/search?page=2&amp;q=", `href="/categories/guides"`,
		}, []string{`rel="prev"`}},
		{"search page 2 of 2", "/search?page=2&q=" + url.QueryEscape("فروشگاه"), 200, []string{
			"نمایش ۱۱ تا ۱۲", `aria-current="page">۲</a>`, `rel="prev"`,
		}, []string{`rel="next"`}},
		{"search category filter", "/search?category=billing&q=" + url.QueryEscape("فاکتور"), 200, []string{
			`در دستهٔ «پرداخت و صورتحساب»`, `href="/articles/invoice"`, "همهٔ دسته‌ها",
		}, nil},
		{"search facets", "/search?q=" + url.QueryEscape("پرداخت"), 200, []string{
			`aria-labelledby="facets-title"`, "/search?category=billing&amp;q=",
		}, nil},
		{"search empty query explains", "/search?q=+", 200, []string{
			"جستجو در راهنما", "چه بنویسم؟", "نیم‌فاصله", `href="/categories/billing"`,
		}, []string{"نتیجه‌ای پیدا نشد"}},
		{"search no results suggests", "/search?q=" + url.QueryEscape("زرافهٔ بنفش"), 200, []string{
			"نتیجه‌ای پیدا نشد", "املای کلمه‌ها را بررسی کنید", `href="/categories/account"`, `href="/tickets/new"`,
		}, nil},
		{"search query too long", "/search?q=" + long, 400, []string{
			"درخواست نامعتبر", "حداکثر ۲۵۶ نویسه", `action="/search"`,
		}, nil},
		{"search bad page", "/search?q=a&page=0", 400, []string{"شمارهٔ صفحه"}, nil},
		{"article", "/articles/refund", 200, []string{
			"<title>بازگشت وجه | مرکز راهنما</title>",
			`<meta name="description" content="چطور و در چه مدت پولتان برمی‌گردد.">`,
			`<link rel="canonical" href="https://help.example.com/articles/refund">`,
			`<meta property="og:type" content="article">`, `<meta property="og:title" content="بازگشت وجه">`,
			`<meta property="og:url" content="https://help.example.com/articles/refund">`,
			`<meta property="og:locale" content="fa_IR">`, `<meta name="twitter:card" content="summary">`,
			`<meta property="article:modified_time" content="2024-03-20T00:00:00Z">`,
			`aria-label="مسیر صفحه"`, `<a href="/">صفحهٔ اصلی</a>`, `<a href="/categories/billing">پرداخت و صورتحساب</a>`,
			`<span aria-current="page">بازگشت وجه</span>`,
			"در این مقاله", `class="toc-level-3"`, // TOC: four headings
			"۱ فروردین ۱۴۰۳", `datetime="2024-03-20"`,
			"مبلغ ظرف سه روز کاری", `href="/articles/%D8%AA%D8%BA%DB%8C%DB%8C%D8%B1-%D8%B1%D9%85%D8%B2-%D8%B9%D8%A8%D9%88%D8%B1"`,
			`src="/media/images/receipt.png"`,
			"مقاله‌های مرتبط", `href="/articles/invoice"`, // shares a tag and the category
		}, nil},
		{"article persian slug escaped", "/articles/" + url.PathEscape("تغییر-رمز-عبور"), 200, []string{
			"<h1 id=\"article-title\" class=\"page-title\">تغییر رمز عبور</h1>",
			`<link rel="canonical" href="https://help.example.com/articles/%D8%AA%D8%BA%DB%8C%DB%8C%D8%B1-%D8%B1%D9%85%D8%B2-%D8%B9%D8%A8%D9%88%D8%B1">`,
		}, []string{"در این مقاله"}}, // short article: no TOC
		{"article persian slug raw", "/articles/تغییر-رمز-عبور", 200, []string{"رمز عبور از صفحهٔ تنظیمات"}, nil},
		{"article trailing slash", "/articles/refund/", 301, nil, nil},
		{"article unknown", "/articles/no-such-article", 404, []string{
			"صفحه پیدا نشد", "این مقاله پیدا نشد", `action="/search"`, `<meta name="robots" content="noindex">`,
		}, nil},
		{"article draft", "/articles/draft-article", 404, nil, []string{"هنوز منتشر نشده"}},
		{"article internal", "/articles/escalation", 404, nil, []string{"فقط برای کارشناسان"}},
		{"article alias of internal", "/articles/old-escalation", 404, nil, nil},
		{"category", "/categories/billing", 200, []string{
			"<h1 class=\"page-title\">پرداخت و صورتحساب</h1>", "پلن‌ها، فاکتور و بازگشت وجه.",
			`href="/articles/refund"`, `href="/articles/invoice"`, `<span aria-current="page">پرداخت و صورتحساب</span>`,
			`<link rel="canonical" href="https://help.example.com/categories/billing">`,
		}, nil},
		{"category lists public articles only", "/categories/account", 200,
			[]string{"تغییر رمز عبور"}, []string{"پیش‌نویس", "ارجاع به کارشناس ارشد"}},
		{"category unknown", "/categories/nope", 404, []string{"صفحه پیدا نشد"}, nil},
		{"unknown route", "/no/such/page", 404, []string{"۴۰۴", "صفحه پیدا نشد", `name="q"`}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := do(h, http.MethodGet, tt.target)
			if rec.Code != tt.status {
				t.Fatalf("GET %s = %d, want %d\n%s", tt.target, rec.Code, tt.status, rec.Body)
			}
			if tt.status != http.StatusMovedPermanently {
				if ct := rec.Header().Get("Content-Type"); ct != "text/html; charset=utf-8" {
					t.Errorf("Content-Type = %q", ct)
				}
			}
			assertContains(t, rec.Body.String(), tt.want, tt.notWant)
		})
	}
}

// TestRedirects checks the 301s from old slugs (aliases) to the current URL, keeping the query.
func TestRedirects(t *testing.T) {
	srv, _ := newTestServer(t, newTestState(t))
	h := srv.Handler()
	tests := []struct {
		target, location string
	}{
		{"/articles/old-refund", "/articles/refund"},
		{"/articles/old-refund?ref=agent", "/articles/refund?ref=agent"},
		{"/articles/" + url.PathEscape("بازپرداخت"), "/articles/refund"},
		{"/articles/بازپرداخت", "/articles/refund"},
		{"/api/articles/old-refund", "/api/articles/refund"},
		{"/articles/refund/", "/articles/refund"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := do(h, http.MethodGet, tt.target)
			if rec.Code != http.StatusMovedPermanently || rec.Header().Get("Location") != tt.location {
				t.Errorf("GET %s = %d → %q, want 301 → %q", tt.target, rec.Code, rec.Header().Get("Location"), tt.location)
			}
		})
	}
}

// TestHead checks that pages answer HEAD (link previewers use it) without a body.
func TestHead(t *testing.T) {
	srv, _ := newTestServer(t, newTestState(t))
	for _, target := range []string{"/", "/articles/refund", "/categories/billing", "/search?q=a"} {
		t.Run(target, func(t *testing.T) {
			rec := do(srv.Handler(), http.MethodHead, target)
			if rec.Code != http.StatusOK {
				t.Errorf("HEAD %s = %d", target, rec.Code)
			}
		})
	}
}
