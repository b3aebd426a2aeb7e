package search

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"persiankb/kb"
)

// editedArticles is testArticles with refund rewritten, invoice removed and gift-card added.
func editedArticles() []*kb.Article {
	var out []*kb.Article
	for _, a := range testArticles() {
		switch a.Slug {
		case "invoice":
			continue
		case "refund":
			a.Text = "مبلغ سفارش لغوشده به کیف پول شما برمی‌گردد و از آن برای خرید بعدی استفاده می‌کنید."
		}
		out = append(out, a)
	}
	return append(out, &kb.Article{Slug: "gift-card", Category: "billing", Title: "کارت هدیه",
		Summary: "خرید و استفاده از کارت هدیه.", Keywords: []string{"هدیه"},
		Text: "کارت هدیه را در صفحهٔ پرداخت وارد کنید تا اعتبار آن از مبلغ سفارش کم شود."})
}

// openLive opens lib live in dir; the caller closes it.
func openLive(t *testing.T, lib *kb.Library, dir string) *Index {
	t.Helper()
	ix, err := Open(lib, Options{Dir: dir, Live: true})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	return ix
}

// mustUpdate updates ix to lib and fails the test on error.
func mustUpdate(t *testing.T, ix *Index, lib *kb.Library) *Index {
	t.Helper()
	nx, err := ix.Update(lib)
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	return nx
}

func TestUpdateIndexesOnlyTheChanges(t *testing.T) {
	ix := openLive(t, testLibrary(testArticles(), "h1"), t.TempDir())
	defer ix.Close()
	nx := mustUpdate(t, ix, testLibrary(editedArticles(), "h2"))
	defer nx.Close()
	if got, want := nx.Changes(), (Changes{Indexed: 2, Removed: 1}); got != want {
		t.Errorf("Changes = %+v, want %+v", got, want)
	}
	// The old Index still answers until it is closed, with articles of its own library only.
	if got := slugs(mustSearch(t, ix, Request{Query: "کارت هدیه"}).Hits); slices.Contains(got, "gift-card") {
		t.Errorf("old index after the update: %v; gift-card is not in its library", got)
	}
	if err := ix.Close(); err != nil {
		t.Fatalf("closing the old index: %v", err)
	}
	if _, err := ix.Search(context.Background(), Request{Query: "سفارش"}); err == nil {
		t.Error("the old index answers after Close")
	}
	tests := []struct {
		name, query string
		first       string // the first hit; "" for any
		absent      string // a slug that must not be among the hits; "" for none
	}{
		{"changed text is findable", "کیف پول", "refund", ""},
		{"old text is gone", "هفت روز کاری", "", "refund"},
		{"added article", "کارت هدیه", "gift-card", ""},
		{"removed article", "فاکتور رسمی", "", "invoice"},
		{"unchanged article", "رمز عبور", "change-password", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slugs(mustSearch(t, nx, Request{Query: tt.query, Limit: MaxLimit}).Hits)
			if tt.first != "" && (len(got) == 0 || got[0] != tt.first) {
				t.Errorf("Search(%q) = %v, want %s first", tt.query, got, tt.first)
			}
			if tt.absent != "" && slices.Contains(got, tt.absent) {
				t.Errorf("Search(%q) = %v, want no %s", tt.query, got, tt.absent)
			}
		})
	}
	if n, err := nx.DocCount(); err != nil || n != uint64(publishedCount()) {
		t.Errorf("DocCount = %d, %v; want %d", n, err, publishedCount())
	}
}

// equivalenceQueries cover plain words, phrases, the changed, added and removed articles,
// completions, spelling fallbacks of kept and removed words, and a category filter.
var equivalenceQueries = []Request{
	{Query: "سفارش"}, {Query: "حساب"}, {Query: "رمز عبور"}, {Query: "لغو سفارش"},
	{Query: "کیف پول"}, {Query: "کارت"}, {Query: "هدیه"}, {Query: "فاکتور"}, {Query: "بازگشت وجه"},
	{Query: "مبلغ", Category: "billing"}, {Query: "پرداخت", Internal: true},
	{Query: "فاکت", Prefix: true}, {Query: "کیف", Prefix: true}, {Query: "سفار", Prefix: true},
	{Query: "فاکتوز"}, {Query: "پیگیرى سفارس"}, {Query: "کارتهای هدیع"},
}

// TestUpdateEqualsRebuild checks that an updated index answers every query as an index built
// whole from the same library: the same hits with the same scores, the same totals, facets and
// corrections.
func TestUpdateEqualsRebuild(t *testing.T) {
	ix := openLive(t, testLibrary(testArticles(), "h1"), t.TempDir())
	defer ix.Close()
	lib := testLibrary(editedArticles(), "h2")
	nx := mustUpdate(t, ix, lib)
	defer nx.Close()
	full, err := Open(lib, Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer full.Close()
	for _, req := range equivalenceQueries {
		t.Run(fmt.Sprintf("%s/%s", req.Query, req.Category), func(t *testing.T) {
			got, want := describeResult(t, nx, req), describeResult(t, full, req)
			if got != want {
				t.Errorf("updated:\n%s\nrebuilt:\n%s", got, want)
			}
		})
	}
}

// describeResult writes what a search answers, hits in order of score then slug (Bleve orders
// equal scores by its internal document numbers, which differ between the two indexes).
func describeResult(t *testing.T, ix *Index, req Request) string {
	req.Limit = MaxLimit
	res, err := ix.Search(context.Background(), req)
	if err != nil {
		t.Fatalf("Search(%+v): %v", req, err)
	}
	hits := slices.Clone(res.Hits)
	round := func(f float64) float64 { return math.Round(f*1e9) / 1e9 }
	slices.SortFunc(hits, func(a, b Hit) int {
		if c := -cmpFloat(round(a.Score), round(b.Score)); c != 0 {
			return c
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	var sb strings.Builder
	fmt.Fprintf(&sb, "total %d, did you mean %q %v, categories %v\n", res.Total, res.DidYouMean, res.Corrected, res.Categories)
	for _, h := range hits {
		fmt.Fprintf(&sb, "%s %.9f %s\n", h.Slug, h.Score, h.Snippet)
	}
	return sb.String()
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func TestUpdateIsReusedAfterRestart(t *testing.T) {
	dir := t.TempDir()
	ix := openLive(t, testLibrary(testArticles(), "h1"), dir)
	lib := testLibrary(editedArticles(), "h2")
	nx := mustUpdate(t, ix, lib)
	_ = ix.Close()
	if err := nx.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	for _, live := range []bool{true, false} {
		again, err := Open(lib, Options{Dir: dir, Live: live})
		if err != nil {
			t.Fatalf("Open(live=%v): %v", live, err)
		}
		if again.Rebuilt() {
			t.Errorf("Open(live=%v) after an update rebuilt the index", live)
		}
		if got := slugs(mustSearch(t, again, Request{Query: "کیف پول"}).Hits); !slices.Contains(got, "refund") {
			t.Errorf("Open(live=%v) after an update: كيف پول finds %v", live, got)
		}
		_ = again.Close()
	}
}

// manyArticles is a library of n short articles; the first changed of them have another text.
func manyArticles(n, changed int, hash string) *kb.Library {
	arts := make([]*kb.Article, n)
	for i := range arts {
		text := fmt.Sprintf("راهنمای شماره %d دربارهٔ ارسال سفارش", i)
		if i < changed {
			text = fmt.Sprintf("راهنمای شماره %d دربارهٔ کارت هدیه", i)
		}
		arts[i] = &kb.Article{Slug: fmt.Sprintf("a%d", i), Category: "orders", Title: text, Text: text}
	}
	lib := kb.NewLibrary("testdata", arts, testCategories(), nil)
	lib.Hash = hash
	return lib
}

func TestUpdateFallsBackToRebuild(t *testing.T) {
	const n = 4 * minRebuildChanges
	tests := []struct {
		name    string
		live    bool
		changed int  // articles changed by the update
		twice   bool // update the same Index twice: the second is stale
		full    bool
	}{
		{"few changes update in place", true, minRebuildChanges, false, false},
		{"many changes rebuild", true, n/2 + 1, false, true},
		{"read-only index rebuilds", false, 1, false, true},
		{"an older index rebuilds", true, 1, true, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix, err := Open(manyArticles(n, 0, "v0"), Options{Dir: t.TempDir(), Live: tt.live})
			if err != nil {
				t.Fatal(err)
			}
			lib := manyArticles(n, tt.changed, "v1")
			nx := mustUpdate(t, ix, lib)
			defer nx.Close()
			if tt.twice {
				nx2 := mustUpdate(t, ix, lib)
				defer nx2.Close()
				nx = nx2
			}
			// The old index closes cleanly, even when a rebuild replaced its folder.
			if err := ix.Close(); err != nil {
				t.Errorf("closing the old index: %v", err)
			}
			if c := nx.Changes(); c.Full != tt.full || (c.Full && c.Reason == "") {
				t.Errorf("Changes = %+v, want Full %v with a reason", c, tt.full)
			}
			res := mustSearch(t, nx, Request{Query: "کارت هدیه", Limit: MaxLimit})
			if res.Total != tt.changed {
				t.Errorf("%d hits for the changed text, want %d", res.Total, tt.changed)
			}
		})
	}
}

// TestUpdateConcurrentSearches searches the old and the new Index while updates run and the
// old ones are closed, as the live preview does (run with -race).
func TestUpdateConcurrentSearches(t *testing.T) {
	ix := openLive(t, testLibrary(testArticles(), "h1"), t.TempDir())
	libs := []*kb.Library{testLibrary(editedArticles(), "h2"), testLibrary(testArticles(), "h3")}
	done := make(chan struct{})
	cur := make(chan *Index, 1)
	cur <- ix
	go func() {
		defer close(done)
		for i := range 20 {
			old := <-cur
			nx, err := old.Update(libs[i%2])
			if err != nil {
				t.Errorf("Update: %v", err)
				cur <- old
				return
			}
			cur <- nx
			_ = old.Close()
		}
	}()
	for {
		select {
		case <-done:
			last := <-cur
			if c := last.Changes(); c.Full {
				t.Errorf("last update rebuilt: %+v", c)
			}
			_ = last.Close()
			return
		case x := <-cur:
			cur <- x
			// x may be closed by the updater meanwhile: only a closed index may fail.
			if _, err := x.Search(context.Background(), Request{Query: "سفارش"}); err != nil && !strings.Contains(err.Error(), "closed") {
				t.Errorf("Search: %v", err)
			}
		}
	}
}

// TestUpdateForgetsRemovedTerms checks the vocabulary after an update: the terms of replaced
// and removed documents stay in Bleve's term dictionaries (with their old counts) until a
// merge, but are neither completions nor spelling candidates.
func TestUpdateForgetsRemovedTerms(t *testing.T) {
	ix := openLive(t, testLibrary(testArticles(), "h1"), t.TempDir())
	defer ix.Close()
	nx := mustUpdate(t, ix, testLibrary(editedArticles(), "h2"))
	defer nx.Close()
	v, err := nx.newVocab(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer v.close()
	tests := []struct {
		name string
		find func() ([]candidate, error)
		gone string // term of the removed invoice
	}{
		{"completions", func() ([]candidate, error) { return v.completions(nx.feat.fold("فاکت"), maxCompletions) }, "فاکتور"},
		{"spelling", func() ([]candidate, error) { return v.fuzzy(nx.feat.fold("فاکتوز"), 1, maxSpellingCandidates) }, "فاکتور"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs, err := tt.find()
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cs {
				if c.term == tt.gone || c.df == 0 {
					t.Errorf("candidate %+v: only in a removed article", c)
				}
			}
		})
	}
}
