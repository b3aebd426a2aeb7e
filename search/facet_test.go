package search

import (
	"context"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2"
)

// TestFacetsAgreeWithBleve checks the counted category facets against Bleve's facet builder
// on the same query.
func TestFacetsAgreeWithBleve(t *testing.T) {
	ix := openTest(t, Options{})
	ctx := context.Background()
	for _, q := range []string{"سفارش", "سفارش حساب", "رمز عبور", "پرداخت", "ارسال"} {
		t.Run(q, func(t *testing.T) {
			got := mustSearch(t, ix, Request{Query: q})
			r, err := validate(Request{Query: q})
			if err != nil {
				t.Fatal(err)
			}
			p, err := ix.planQuery(ctx, r.text, planOptions{})
			if err != nil {
				t.Fatal(err)
			}
			sr := bleve.NewSearchRequestOptions(searchQuery(r, p, false), 0, 0, false)
			sr.AddFacet(fieldCategory, bleve.NewFacetRequest(fieldCategory, maxFacetTerms))
			br, err := ix.bleve.SearchInContext(ctx, sr)
			if err != nil {
				t.Fatal(err)
			}
			want := []FacetCount{}
			for _, f := range br.Facets[fieldCategory].Terms.Terms() {
				want = append(want, FacetCount{Name: f.Term, Count: f.Count})
			}
			if len(want) == 0 || !slices.Equal(got.Categories, want) {
				t.Errorf("facets = %+v, Bleve's = %+v", got.Categories, want)
			}
			if got.Total != int(br.Total) {
				t.Errorf("Total = %d, Bleve's = %d", got.Total, br.Total)
			}
		})
	}
}

// TestFacetsFollowUpdates checks that the category table is read again for the snapshot a
// live update makes: an article moved to another category is counted there.
func TestFacetsFollowUpdates(t *testing.T) {
	ix := openLive(t, testLibrary(testArticles(), "h1"), t.TempDir())
	defer ix.Close()
	count := func(ix *Index, cat string) int {
		for _, f := range mustSearch(t, ix, Request{Query: "سفارش"}).Categories {
			if f.Name == cat {
				return f.Count
			}
		}
		return 0
	}
	before := count(ix, "billing")
	moved := testArticles()
	for _, a := range moved {
		if a.Slug == "cancel-order" {
			a.Category = "billing"
		}
	}
	nx := mustUpdate(t, ix, testLibrary(moved, "h2"))
	defer nx.Close()
	if got := count(nx, "billing"); got != before+1 {
		t.Errorf("billing after the move = %d, want %d", got, before+1)
	}
	res := mustSearch(t, nx, Request{Query: "سفارش", Category: "billing"})
	if !slices.Contains(slugs(res.Hits), "cancel-order") {
		t.Errorf("billing hits after the move = %v, want cancel-order among them", slugs(res.Hits))
	}
}
