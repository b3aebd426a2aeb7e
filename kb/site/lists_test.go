package site

import (
	"strings"
	"testing"

	"persiankb/kb"
	"persiankb/kb/store"
)

func slugs(as []*kb.Article) string {
	var s []string
	for _, a := range as {
		s = append(s, a.Slug)
	}
	return strings.Join(s, ",")
}

func TestRecentArticles(t *testing.T) {
	lib := testLibrary()
	tests := []struct {
		n    int
		want string
	}{
		// newest first; invoice and plans share a date: Persian order puts "پلن‌ها" (پ) before "دریافت" (د);
		// drafts, internal and undated articles are left out.
		{10, "تغییر-رمز-عبور,plans,invoice,refund"},
		{2, "تغییر-رمز-عبور,plans"},
		{0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := slugs(recentArticles(lib, tt.n)); got != tt.want {
				t.Errorf("recentArticles(%d) = %s, want %s", tt.n, got, tt.want)
			}
		})
	}
}

func TestRelatedArticles(t *testing.T) {
	lib := testLibrary()
	tests := []struct {
		slug string
		n    int
		want string
	}{
		// invoice shares the tag اشتراک and the category (3); plans only the category (1); the
		// internal article shares the tag پول but is never shown.
		{"refund", 5, "invoice,plans"},
		{"refund", 1, "invoice"},
		{"تغییر-رمز-عبور", 5, "مسئله-ورود"},
	}
	for _, tt := range tests {
		t.Run(tt.slug, func(t *testing.T) {
			a, _ := lib.Article(tt.slug)
			if got := slugs(relatedArticles(lib, a, tt.n)); got != tt.want {
				t.Errorf("relatedArticles(%s) = %s, want %s", tt.slug, got, tt.want)
			}
		})
	}
}

func TestCategoryCards(t *testing.T) {
	cards := categoryCards(testLibrary())
	var got []string
	for _, c := range cards {
		got = append(got, c.Slug+":"+string(rune('0'+c.Count)))
	}
	// empty categories are left out; counts include public articles only.
	if want := "billing:3,account:2"; strings.Join(got, ",") != want {
		t.Errorf("categoryCards = %v, want %s", got, want)
	}
}

func TestPopularArticles(t *testing.T) {
	lib := testLibrary()
	views := func(slugViews ...any) []store.ArticleRow {
		var rows []store.ArticleRow
		for i := 0; i < len(slugViews); i += 2 {
			rows = append(rows, store.ArticleRow{Slug: slugViews[i].(string), ArticleCounts: store.ArticleCounts{Views: int64(slugViews[i+1].(int))}})
		}
		return rows
	}
	// Display order: billing (refund, invoice, plans by title: بازگشت، پلن‌ها، دریافت), then
	// account (تغییر رمز عبور، مشکل ورود).
	const displayOrder = "refund,plans,invoice,تغییر-رمز-عبور,مسئله-ورود"
	tests := []struct {
		name string
		rows []store.ArticleRow
		n    int
		want string
	}{
		{"no data: display order", nil, 10, displayOrder},
		{"no data, fewer", nil, 2, "refund,plans"},
		{"most viewed first, the rest in display order", views("invoice", 5, "مسئله-ورود", 9), 10,
			"مسئله-ورود,invoice,refund,plans,تغییر-رمز-عبور"},
		{"ties keep the display order", views("invoice", 3, "plans", 3), 2, "plans,invoice"},
		{"drafts and internal articles never, whatever their views",
			views("draft-article", 1000, "escalation", 900, "old-escalation", 800, "plans", 1), 3, "plans,refund,invoice"},
		{"old slugs count for the renamed article", views("invoice", 4, "old-refund", 3, "بازپرداخت", 2), 1, "refund"},
		{"unknown slugs and zero views are ignored", views("gone", 50, "plans", 0), 1, "refund"},
		{"none asked", views("plans", 3), 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := slugs(popularArticles(lib, tt.rows, tt.n)); got != tt.want {
				t.Errorf("popularArticles = %s, want %s", got, tt.want)
			}
		})
	}
}
