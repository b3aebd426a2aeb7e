package search

import (
	"context"
	"fmt"
	"math"
	"os"
	"testing"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"persiankb/kb"
	"persiankb/search/eval"
	"persiankb/search/persian"
)

// denseTolerance is how far a dense score may be from Bleve's, relative: the two add the same
// numbers in different orders.
const denseTolerance = 1e-9

// TestDenseMatchesBleve holds the dense evaluation to Bleve's own searchers: for the support,
// held-out and generated queries (clean, with a typo, on the wrong keyboard layout, in Arabic
// letters), with a category filter, internal articles, and a later page, both give the same
// total, category counts, hits in the same order and the same scores.
func TestDenseMatchesBleve(t *testing.T) {
	type corpus struct {
		name    string
		lib     *kb.Library
		queries []string
	}
	sample, err := kb.Load(sampleContent, kb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	gen, genQueries := synthLibrary(t, 600, 200)
	corpora := []corpus{
		{"sample", sample, append(readQueryTexts(t, "testdata/support/queries.jsonl"),
			readQueryTexts(t, supportMessages)...)},
		{"generated", gen, genQueries},
		{"small", testLibrary(testArticles(), "h1"), []string{"بازگشت وجه", "سفارش", "کد رهگيري", "رمز", "فاکتور پرداخت"}},
	}
	for _, c := range corpora {
		for _, analyzer := range []string{DefaultAnalyzer, StockAnalyzer} {
			t.Run(c.name+"/"+analyzer, func(t *testing.T) {
				ix, err := Open(c.lib, Options{Dir: t.TempDir(), Analyzer: analyzer})
				if err != nil {
					t.Fatal(err)
				}
				defer ix.Close()
				n := 0
				for _, q := range withVariants(c.queries) {
					for _, r := range denseRequests(q) {
						n += compareDense(t, ix, r)
					}
				}
				if n < 100 {
					t.Errorf("only %d searches compared", n)
				}
			})
		}
	}
}

// denseRequests are the requests each query is compared with.
func denseRequests(q string) []request {
	return []request{
		{text: q, page: 1, limit: DefaultLimit},
		{text: q, page: 1, limit: rescoreWindow, category: "account"},
		{text: q, page: 1, limit: 7, internal: true},
		{text: q, page: 3, limit: 5},
	}
}

// compareDense runs r both ways; it returns 1 when there was something to search for.
func compareDense(t *testing.T, ix *Index, r request) int {
	t.Helper()
	ctx := context.Background()
	p, err := ix.planQuery(ctx, r.text, planOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.words()) == 0 && len(p.alts) == 0 {
		return 0
	}
	size, from := r.limit, (r.page-1)*r.limit
	want, wfq, err := ix.bleveSearch(ctx, r, p, size, from, false)
	if err != nil {
		t.Fatal(err)
	}
	got, gfq, err := ix.denseSearch(ctx, r, p, size, from)
	if err != nil {
		t.Fatal(err)
	}
	label := fmt.Sprintf("%q (category %q, internal %v, page %d)", r.text, r.category, r.internal, r.page)
	if got.Total != want.Total {
		t.Errorf("%s: total %d, Bleve %d", label, got.Total, want.Total)
	}
	if g, w := fmt.Sprint(gfq.facets()), fmt.Sprint(wfq.facets()); g != w {
		t.Errorf("%s: categories %s, Bleve %s", label, g, w)
	}
	compareHits(t, label, got.Hits, want.Hits)
	return 1
}

// compareHits wants the same hits with the same scores; two hits whose scores differ by less
// than the tolerance may come in either order.
func compareHits(t *testing.T, label string, got, want bsearch.DocumentMatchCollection) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d hits, Bleve %d", label, len(got), len(want))
		return
	}
	near := func(a, b float64) bool { return math.Abs(a-b) <= denseTolerance*math.Max(1, math.Abs(b)) }
	for i := range want {
		if !near(got[i].Score, want[i].Score) {
			t.Errorf("%s: hit %d scores %v, Bleve %v (%s, %s)", label, i, got[i].Score, want[i].Score, got[i].ID, want[i].ID)
			return
		}
		if got[i].ID != want[i].ID && !(i > 0 && near(want[i].Score, want[i-1].Score) ||
			i+1 < len(want) && near(want[i].Score, want[i+1].Score)) {
			t.Errorf("%s: hit %d is %s, Bleve %s", label, i, got[i].ID, want[i].ID)
			return
		}
	}
}

// withVariants adds to each query its typo, keyboard-layout and Arabic-letter variants.
func withVariants(qs []string) []string {
	var out []string
	toLatin := func(s string) string { out, _ := persian.ToLatinLayout(s); return out }
	for _, v := range eval.Variants(toLatin) {
		for i, q := range qs {
			out = append(out, v.Apply(fmt.Sprint(i), q))
		}
	}
	return out
}

// readQueryTexts reads the query (or message) texts of a relevance set.
func readQueryTexts(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	type line struct {
		Query   string `json:"query"`
		Message string `json:"message"`
	}
	ls, err := eval.ReadJSONL[line](f, path)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, 0, len(ls))
	for _, l := range ls {
		out = append(out, l.Query+l.Message)
	}
	return out
}
