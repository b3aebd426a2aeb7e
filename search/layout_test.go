package search

import (
	"slices"
	"testing"

	"persiankb/kb"
)

// layoutArticles adds articles with Latin product names to the test library.
func layoutArticles() *kb.Library {
	arts := append(testArticles(),
		&kb.Article{Slug: "ssl", Category: "account", Title: "گواهی SSL",
			Text: "گواهی SSL برای همهٔ دامنه‌ها رایگان صادر می‌شود."},
		&kb.Article{Slug: "webhook", Category: "account", Title: "وبهوک سفارش",
			Text: "با webhook هر سفارش تازه به نشانی شما فرستاده می‌شود."},
	)
	return testLibrary(arts, "layout")
}

func TestSearchWrongKeyboardLayout(t *testing.T) {
	tests := []struct {
		name, query string
		want        string // first hit
		dym         string // DidYouMean, with Corrected set; "" for none
	}{
		{"Persian typed on the English layout", "gy, sthva", "cancel-order", "لغو سفارش"},
		{"capitalized by the phone", "Gy, sthva", "cancel-order", "لغو سفارش"},
		{"layout punctuation inside a word", ";n vi'dvd", "track-order", "کد رهگیری"},
		{"stop word converted along", "fvhd nv,n", "", "برای ورود"}, // ورود: one edit from a known word
		{"Latin name typed on the Persian layout", "سسم", "ssl", "ssl"},
		{"mixed: one word converted", "گواهی سسم", "ssl", "گواهی ssl"},
		{"known Latin word stays", "webhook", "webhook", ""},
		{"known Persian word stays", "سفارش", "", ""},
		{"misspelt word after a converted one", "md'vd sthva", "track-order", "پیگیری سفارش"},
		{"misspelt word alone, a known word one edit away", "md'vd", "track-order", "پیگیری"},
		{"unknown English-looking word stays", "strength", "", ""},
		{"no known word near the conversion", "fvhd tqtq", "", ""},
		{"a synonym typed on the English layout", "ms,vn", "change-password", "پسورد"},
		{"a short word's slip on the English layout", "pqt psf", "delete-account", "حذف حساب"},
	}
	for _, analyzer := range analyzersUnderTest {
		ix := openLibrary(t, layoutArticles(), analyzer)
		for _, tt := range tests {
			t.Run(analyzer+"/"+tt.name, func(t *testing.T) {
				res := mustSearch(t, ix, Request{Query: tt.query})
				if tt.want != "" && (len(res.Hits) == 0 || res.Hits[0].Slug != tt.want) {
					t.Fatalf("Search(%q) = %v, want %s first", tt.query, slugs(res.Hits), tt.want)
				}
				if res.DidYouMean != tt.dym || res.Corrected != (tt.dym != "") {
					t.Errorf("DidYouMean = %q (corrected %v), want %q", res.DidYouMean, res.Corrected, tt.dym)
				}
				if res.Query != tt.query {
					t.Errorf("Query = %q, want the query as typed", res.Query)
				}
			})
		}
	}
}

// TestSearchWrongLayoutReadings: a word typed on the English layout converts when a reading of
// it that the planner tries is known, not only the word itself (the Persian analyzer's variants).
func TestSearchWrongLayoutReadings(t *testing.T) {
	tests := []struct{ name, query, dym string }{
		{"possessive", "pshfl", "حسابم"},                                  // the conversion as typed: a possessive is no typo
		{"spoken object marker", "sthval,", "سفارشمو"},                    // سفارشمو
		{"spoken possessive and a known word", "gy, sthvah", "لغو سفارش"}, // لغو سفارشا
	}
	ix := openLibrary(t, layoutArticles(), DefaultAnalyzer)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustSearch(t, ix, Request{Query: tt.query})
			if len(res.Hits) == 0 || res.DidYouMean != tt.dym {
				t.Errorf("Search(%q) = %v, did you mean %q, want hits and %q", tt.query, slugs(res.Hits), res.DidYouMean, tt.dym)
			}
		})
	}
}

func TestSearchStockHasNoQueryFeatures(t *testing.T) {
	ix := openLibrary(t, layoutArticles(), StockAnalyzer)
	for _, q := range []string{"gy, sthva", "پیگری", "سسم"} {
		res := mustSearch(t, ix, Request{Query: q})
		if res.DidYouMean != "" || res.Corrected || slices.Contains(slugs(res.Hits), "cancel-order") {
			t.Errorf("stock Search(%q) = %v, did you mean %q: want a plain match", q, slugs(res.Hits), res.DidYouMean)
		}
	}
}
