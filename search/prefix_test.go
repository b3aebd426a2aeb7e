package search

import (
	"slices"
	"testing"

	"persiankb/kb"
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

// TestSearchPrefixWrongLayout: a word being typed on the English layout finds the Persian words
// its keys so far start, before it is a whole word (search as you type); a Latin word being
// typed whose letters start a known term stays as typed.
func TestSearchPrefixWrongLayout(t *testing.T) {
	tests := []struct {
		name, query string
		want        string // first hit
		dym         string // DidYouMean (Corrected set); "" for none
	}{
		{"keys of a Persian word so far", "md'", "track-order", "پیگ"},
		{"one more key", "md'd", "track-order", "پیگی"},
		{"after a converted whole word", "sthva md'", "track-order", "سفارش پیگ"},
		{"Latin letters starting a known term", "webh", "webhook", ""},
		// بازگ is near known words as a whole word (باز), which alone would only let it follow
		// other converted words: as the word being typed it starts بازگشت.
		{"keys of a word near a known one", "fhc'", "refund", "بازگ"},
	}
	for _, analyzer := range analyzersUnderTest {
		ix := openLibrary(t, layoutArticles(), analyzer)
		for _, tt := range tests {
			t.Run(analyzer+"/"+tt.name, func(t *testing.T) {
				res := mustSearch(t, ix, Request{Query: tt.query, Prefix: true})
				if len(res.Hits) == 0 || res.Hits[0].Slug != tt.want {
					t.Fatalf("Search(%q, prefix) = %v, want %s first", tt.query, slugs(res.Hits), tt.want)
				}
				if res.DidYouMean != tt.dym || res.Corrected != (tt.dym != "") {
					t.Errorf("DidYouMean = %q (corrected %v), want %q", res.DidYouMean, res.Corrected, tt.dym)
				}
			})
		}
	}
}

// TestSearchPrefixTypingSupportQueries types every support query letter by letter into the
// sample help center, as the search box asks while a visitor types: no prefix fails (a query
// ending in a stop word such as «ما» or «ای» once made the weights of its completions index -1).
func TestSearchPrefixTypingSupportQueries(t *testing.T) {
	lib, err := kb.Load(sampleContent, kb.Options{})
	if err != nil {
		t.Fatalf("kb.Load: %v", err)
	}
	ix := openLibrary(t, lib, DefaultAnalyzer)
	searched := 0
	for _, q := range supportQueries(t) {
		runes := []rune(q)
		for n := minPrefixRunes; n <= len(runes); n++ {
			typed := string(runes[:n])
			if _, err := ix.Search(t.Context(), Request{Query: typed, Prefix: true, Limit: 6}); err != nil {
				t.Fatalf("Search(%q, prefix): %v", typed, err)
			}
			searched++
		}
	}
	if searched < 1000 {
		t.Errorf("typed %d prefixes, want the whole support set's", searched)
	}
}

// A one-letter prefix is not completed: it starts too many words to mean anything yet.
func TestSearchPrefixTooShort(t *testing.T) {
	ix := openLibrary(t, testLibrary(testArticles(), "prefix"), DefaultAnalyzer)
	if res := mustSearch(t, ix, Request{Query: "پ", Prefix: true}); res.Total != 0 {
		t.Errorf("Search(پ) = %v, want nothing", slugs(res.Hits))
	}
}
