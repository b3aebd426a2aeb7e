package search

import (
	"slices"
	"testing"

	"persiankb/kb"
)

func TestSpellings(t *testing.T) {
	tests := []struct {
		term string
		want []string // sorted
	}{
		{"مهسول", []string{"محثول", "محسول", "محصول", "مهثول", "مهسول", "مهصول"}},
		{"لغو", []string{"لغو", "لقو"}},
		{"کرم", []string{"کرم"}}, // no homophone letter
		{"سسسسس", nil},           // 3^5 spellings: too many to look up
	}
	for _, tt := range tests {
		t.Run(tt.term, func(t *testing.T) {
			got := spellings(tt.term)
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("spellings(%q) = %q, want %q", tt.term, got, tt.want)
			}
		})
	}
}

// TestSearchHomophones: a word with two letters written for their homophones, which Bleve's
// automaton counts as two edits, finds the word; typed in Persian or in Latin letters.
func TestSearchHomophones(t *testing.T) {
	arts := append(testArticles(), &kb.Article{Slug: "products", Category: "orders", Title: "ویرایش محصول",
		Text: "قیمت و عکس هر محصول را در پنل عوض کنید یا محصول را حذف کنید."})
	ix := openLibrary(t, testLibrary(arts, "homophones"), DefaultAnalyzer)
	tests := []struct{ query, want, dym string }{
		{"مهسول", "products", "محصول"},
		{"mahsul", "products", "محصول"}, // Finglish: one letter per sound
		{"ویرایش محثول", "products", "ویرایش محصول"},
		{"hazf mahsul", "products", "حذف محصول"}, // هزف: 3 letters, two homophones
		{"هزف محصول", "products", "حذف محصول"},   // the same typed in Persian
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := mustSearch(t, ix, Request{Query: tt.query})
			if len(res.Hits) == 0 || res.Hits[0].Slug != tt.want || res.DidYouMean != tt.dym {
				t.Errorf("Search(%q) = %v, did you mean %q; want %s first and %q", tt.query, slugs(res.Hits), res.DidYouMean, tt.want, tt.dym)
			}
		})
	}
}
