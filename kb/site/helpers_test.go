package site

import (
	"context"
	"html"
	"strings"
	"sync"
	"time"

	"persiankb/kb"
	"persiankb/search"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// testLibrary is a small hand-built library for the decision and list functions.
func testLibrary() *kb.Library {
	cats := []*kb.Category{
		{Slug: "billing", Title: "پرداخت و صورتحساب", Description: "پلن‌ها و بازگشت وجه", Order: 1},
		{Slug: "account", Title: "حساب کاربری", Description: "ورود و امنیت", Order: 2},
		{Slug: "empty", Title: "دستهٔ خالی", Order: 3},
	}
	arts := []*kb.Article{
		{
			Slug: "refund", Category: "billing", Title: "بازگشت وجه", Summary: "چطور پولتان را پس بگیرید",
			Tags: []string{"پول", "اشتراک"}, Aliases: []string{"old-refund", "بازپرداخت"}, Updated: day("2024-03-20"),
			HTML:     `<h2 id="شرایط">شرایط</h2><p>متن</p><h2 id="مراحل">مراحل</h2><h3 id="کارت">کارت</h3><h2 id="زمان">زمان</h2>`,
			Headings: []kb.Heading{h(2, "شرایط"), h(2, "مراحل"), h(3, "کارت"), h(2, "زمان")},
		},
		{Slug: "invoice", Category: "billing", Title: "دریافت فاکتور", Tags: []string{"اشتراک"}, Updated: day("2025-01-10"), HTML: "<p>فاکتور</p>"},
		{Slug: "plans", Category: "billing", Title: "پلن‌ها", Updated: day("2025-01-10"), HTML: "<p>پلن</p>"},
		{Slug: "تغییر-رمز-عبور", Category: "account", Title: "تغییر رمز عبور", Tags: []string{"امنیت"}, Updated: day("2025-02-01"), HTML: "<p>رمز</p>"},
		{Slug: "مسئله-ورود", Category: "account", Title: "مشکل ورود", HTML: "<p>ورود</p>"},
		{Slug: "draft-article", Category: "account", Title: "پیش‌نویس", Draft: true, Updated: day("2030-01-01")},
		{Slug: "escalation", Category: "account", Title: "ارجاع داخلی", Audience: kb.AudienceInternal, Aliases: []string{"old-escalation"}, Tags: []string{"پول"}},
	}
	return kb.NewLibrary("/content", arts, cats, nil)
}

// fakeSearcher answers searches with fixed results by query (an empty result for other queries)
// and records the requests it got.
type fakeSearcher struct {
	mu      sync.Mutex
	results map[string]*search.Result
	err     error
	reqs    []search.Request
}

func (f *fakeSearcher) Search(_ context.Context, req search.Request) (*search.Result, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reqs = append(f.reqs, req)
	if f.err != nil {
		return nil, f.err
	}
	r := search.Result{}
	if res, ok := f.results[req.Query]; ok {
		r = *res
	}
	r.Query, r.Page = req.Query, max(req.Page, 1)
	return &r, nil
}

func (f *fakeSearcher) last() search.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.reqs) == 0 {
		return search.Request{}
	}
	return f.reqs[len(f.reqs)-1]
}

// markAll builds a snippet the way the search package does: escaped text, q wrapped in <mark>.
func markAll(text, q string) string {
	return strings.ReplaceAll(html.EscapeString(text), html.EscapeString(q), "<mark>"+html.EscapeString(q)+"</mark>")
}

// h is a heading whose anchor is its text.
func h(level int, text string) kb.Heading { return kb.Heading{Level: level, Text: text, ID: text} }
