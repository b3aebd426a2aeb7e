package search

import (
	"slices"
	"testing"
)

func TestSearchPrefix(t *testing.T) {
	tests := []struct {
		name, query string
		prefix      bool
		want        string // must be among the hits
	}{
		{"Persian ی prefix finds Arabic ي text", "پیگی", true, "track-order"},
		{"Persian ک prefix finds Arabic ك text", "کد ره", true, "track-order"},
		{"unknown last word completed without the flag", "پیگی", false, "track-order"},
		{"known last word completed with the flag", "حذف حس", true, "delete-account"},
		{"last word a stop word completed with the flag", "بازگشت وجه به", true, "refund"},
		{"ZWNJ inside the prefix", "صورت\u200cحس", true, "invoice"},
	}
	for _, analyzer := range analyzersUnderTest {
		ix := openLibrary(t, testLibrary(testArticles(), "prefix"), analyzer)
		for _, tt := range tests {
			t.Run(analyzer+"/"+tt.name, func(t *testing.T) {
				res := mustSearch(t, ix, Request{Query: tt.query, Prefix: tt.prefix})
				if !slices.Contains(slugs(res.Hits), tt.want) {
					t.Errorf("Search(%q, prefix %v) = %v, want %s", tt.query, tt.prefix, slugs(res.Hits), tt.want)
				}
				if res.DidYouMean != "" {
					t.Errorf("DidYouMean = %q for a word being typed", res.DidYouMean)
				}
			})
		}
	}
}

// A one-letter prefix is not completed: it starts too many words to mean anything yet.
func TestSearchPrefixTooShort(t *testing.T) {
	ix := openLibrary(t, testLibrary(testArticles(), "prefix"), DefaultAnalyzer)
	if res := mustSearch(t, ix, Request{Query: "پ", Prefix: true}); res.Total != 0 {
		t.Errorf("Search(پ) = %v, want nothing", slugs(res.Hits))
	}
}
