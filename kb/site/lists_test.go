package site

import (
	"strings"
	"testing"

	"persiankb/kb"
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
