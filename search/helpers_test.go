package search

import (
	"context"
	"strings"
	"testing"

	"persiankb/kb"
)

// zwnjPasswordText is an article body with ZWNJ inside and between words.
const zwnjPasswordText = "برای تغییر رمز عبور از صفحه‌ی تنظیمات حساب‌کاربری استفاده می‌کنید. " +
	"پس از ورود، گزینهٔ امنیت را باز کنید و رمز تازه را دو بار بنویسید."

// arabicTrackingText is written with Arabic yeh and kaf, as some writers type.
const arabicTrackingText = "براي پيگيري سفارش، كد رهگيري پستي را در صفحهٔ سفارش‌ها وارد كنيد. " +
	"كد رهگيري پس از ارسال بسته پيامك مي‌شود."

// testArticles is a small help center: three categories, one internal article, one draft and
// one article with HTML in its text.
func testArticles() []*kb.Article {
	return []*kb.Article{
		{Slug: "change-password", Category: "account", Title: "تغییر رمز عبور",
			Summary: "چگونه رمز عبور حساب را عوض کنیم.", Keywords: []string{"گذرواژه", "پسورد"},
			Tags: []string{"امنیت"}, Text: zwnjPasswordText,
			Headings: []kb.Heading{{Level: 2, Text: "تنظیمات امنیتی", ID: "تنظیمات-امنیتی"}}},
		{Slug: "delete-account", Category: "account", Title: "حذف حساب کاربری",
			Summary: "حذف دائمی حساب و داده‌ها.",
			Text:    "برای حذف حساب کاربری به بخش تنظیمات بروید و درخواست حذف را ثبت کنید. پس از سی روز حساب پاک می‌شود."},
		{Slug: "track-order", Category: "orders", Title: "پيگيري سفارش",
			Summary: "پیدا کردن وضعیت ارسال سفارش با کد رهگیری.", Text: arabicTrackingText},
		{Slug: "cancel-order", Category: "orders", Title: "لغو سفارش",
			Summary: "تا پیش از ارسال، سفارش را می‌توان لغو کرد.",
			Text:    "سفارشی که هنوز ارسال نشده است از صفحهٔ سفارش‌ها لغو می‌شود و مبلغ آن به حساب شما برمی‌گردد."},
		{Slug: "refund", Category: "billing", Title: "بازگشت وجه",
			Summary: "زمان و روش بازگشت وجه.", Tags: []string{"پرداخت"},
			Text: "بازگشت وجه سفارش لغوشده تا هفت روز کاری به کارت بانکی شما انجام می‌شود."},
		{Slug: "invoice", Category: "billing", Title: "دریافت فاکتور",
			Summary: "فاکتور رسمی هر پرداخت.",
			Text:    "فاکتور هر پرداخت در بخش صورت‌حساب‌ها آماده است. <script>alert('xss')</script> نمونهٔ کد را در فاکتور ننویسید & نگران نباشید."},
		{Slug: "agent-refund-policy", Category: "billing", Title: "دستورالعمل داخلی بازگشت وجه",
			Summary: "فقط برای کارشناسان پشتیبانی.", Audience: kb.AudienceInternal,
			Text: "کارشناس پیش از تأیید بازگشت وجه، وضعیت تراکنش را در پنل بانک بررسی می‌کند."},
		{Slug: "draft-loyalty", Category: "billing", Title: "باشگاه مشتریان", Draft: true,
			Summary: "پیش‌نویس.", Text: "امتیاز باشگاه مشتریان با هر خرید زیاد می‌شود."},
	}
}

func testCategories() []*kb.Category {
	return []*kb.Category{
		{Slug: "account", Title: "حساب کاربری", Order: 1},
		{Slug: "orders", Title: "سفارش‌ها", Order: 2},
		{Slug: "billing", Title: "پرداخت و صورت‌حساب", Order: 3},
	}
}

// testLibrary builds a library from arts with the given content hash.
func testLibrary(arts []*kb.Article, hash string) *kb.Library {
	lib := kb.NewLibrary("testdata", arts, testCategories(), nil)
	lib.Hash = hash
	return lib
}

// openTest opens an index of the test library in a fresh directory and closes it at the end.
func openTest(t testing.TB, opts Options) *Index {
	t.Helper()
	if opts.Dir == "" {
		opts.Dir = t.TempDir()
	}
	ix, err := Open(testLibrary(testArticles(), "h1"), opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	return ix
}

// mustSearch runs a search that must succeed.
func mustSearch(t *testing.T, ix *Index, req Request) *Result {
	t.Helper()
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("Search(%+v): %v", req, err)
	}
	return res
}

func slugs(hits []Hit) []string {
	out := make([]string, len(hits))
	for i, h := range hits {
		out[i] = h.Slug
	}
	return out
}

// marked returns the texts inside <mark>…</mark> in an HTML snippet.
func marked(snippet string) []string {
	var out []string
	for {
		i := strings.Index(snippet, "<mark>")
		if i < 0 {
			return out
		}
		snippet = snippet[i+len("<mark>"):]
		j := strings.Index(snippet, "</mark>")
		if j < 0 {
			return append(out, "UNCLOSED:"+snippet)
		}
		out = append(out, snippet[:j])
		snippet = snippet[j+len("</mark>"):]
	}
}
