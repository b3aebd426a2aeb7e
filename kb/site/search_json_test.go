package site

import (
	"encoding/json"
	"math"
	"testing"
)

// TestSearchResponseJSON holds searchResponse's own encoding to encoding/json's, byte for byte.
func TestSearchResponseJSON(t *testing.T) {
	tricky := "a\"b\\c<mark>d</mark>&e\n\r\t\b\f\x00\x1f\u2028\u2029 \xff\xfe ی‌ک 🚚 \x7f"
	tests := []struct {
		name string
		r    searchResponse
	}{
		{"empty lists", searchResponse{Query: "x", Results: []searchHit{}, Facets: searchFacets{Category: []facetCount{}}}},
		{"nil lists", searchResponse{}},
		{"full", searchResponse{
			Query: "رمز عبور", Total: 1234, TookMS: 0.512, Page: 2, Pages: 124,
			Results: []searchHit{
				{Slug: "reset-password", Title: "بازیابی رمز", URL: "/articles/reset-password", Category: "account",
					CategoryTitle: "حساب", Snippet: "…<mark>رمز</mark> &amp; …",
					Section: &section{ID: "گام-۲", Title: "گام ۲", Level: 2, URL: "/articles/reset-password#%DA%AF"}},
				{Slug: "b", Title: tricky},
			},
			Facets:     searchFacets{Category: []facetCount{{Name: "account", Count: 3}, {Name: tricky, Count: -1}}},
			DidYouMean: "سلام", Corrected: tricky,
		}},
		{"tiny took", searchResponse{TookMS: 1e-7}},
		{"huge took", searchResponse{TookMS: 1e21}},
		{"negative took", searchResponse{TookMS: -0.001}},
		{"whole took", searchResponse{TookMS: 12}},
		{"max ints", searchResponse{Total: math.MaxInt, Page: math.MinInt}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkSearchJSON(t, tt.r)
		})
	}
}

func checkSearchJSON(t *testing.T, r searchResponse) {
	t.Helper()
	want, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	want = append(want, '\n') // json.Encoder ends each value with a newline
	if got := r.appendJSON(nil); string(got) != string(want) {
		t.Fatalf("appendJSON:\n got %s\nwant %s", got, want)
	}
}

func FuzzSearchResponseJSON(f *testing.F) {
	f.Add("رمز", "<mark>x</mark>", "a&b", 0.25, 3)
	f.Add("\xff\u2028", "\x00", "\"\\", 1e-9, -1)
	f.Fuzz(func(t *testing.T, query, snippet, title string, took float64, n int) {
		if math.IsNaN(took) || math.IsInf(took, 0) {
			return // encoding/json refuses them; tookMS never makes one
		}
		sec := &section{ID: title, Title: snippet, Level: n, URL: query}
		checkSearchJSON(t, searchResponse{
			Query: query, Total: n, TookMS: took, Page: n, Pages: n,
			Results: []searchHit{{Slug: query, Title: title, Snippet: snippet, Section: sec}, {CategoryTitle: snippet}},
			Facets:  searchFacets{Category: []facetCount{{Name: title, Count: n}}}, DidYouMean: snippet, Corrected: title,
		})
	})
}
