package search

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"persiankb/kb"
)

// batchArticles is n articles made from the test articles, so that a build spans several
// batches and ends with a partial one.
func batchArticles(n int) []*kb.Article {
	base := testArticles()[:6] // neither the internal article nor the draft
	out := make([]*kb.Article, n)
	for i := range out {
		a := *base[i%len(base)]
		a.Slug = fmt.Sprintf("%s-%d", a.Slug, i)
		a.Title = fmt.Sprintf("%s %d", a.Title, i)
		out[i] = &a
	}
	return out
}

func TestBuildSeveralBatches(t *testing.T) {
	n := 2*batchSize + 7
	arts := batchArticles(n)
	lib := testLibrary(arts, "many")
	last := arts[n-1]
	for _, analyzer := range []string{DefaultAnalyzer, FaAnalyzer, StockAnalyzer} {
		t.Run(analyzer, func(t *testing.T) {
			dir := t.TempDir()
			var progress [2]int
			ix, err := Open(lib, Options{Dir: dir, Analyzer: analyzer, Progress: func(done, total int) { progress = [2]int{done, total} }})
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer ix.Close()
			if progress != [2]int{n, n} {
				t.Errorf("last progress = %v, want [%d %d]", progress, n, n)
			}
			if c, err := ix.DocCount(); err != nil || c != uint64(n) {
				t.Errorf("DocCount = %d, %v; want %d", c, err, n)
			}
			res := mustSearch(t, ix, Request{Query: last.Title})
			if len(res.Hits) == 0 || res.Hits[0].Slug != last.Slug {
				t.Errorf("the last batch's article is not the best hit: %v", slugs(res.Hits))
			}
			raw, err := ix.bleve.GetInternal([]byte(metaKey))
			if err != nil {
				t.Fatal(err)
			}
			var meta indexMeta
			if err := json.Unmarshal(raw, &meta); err != nil {
				t.Fatal(err)
			}
			if want := fieldLengths(ix.an, entries(lib)); !maps.Equal(meta.FieldLengths, want) {
				t.Errorf("field lengths counted while building = %v, want %v", meta.FieldLengths, want)
			}
			segs, _ := filepath.Glob(filepath.Join(ix.path, "store", "*.zap"))
			if len(segs) != 1 {
				t.Errorf("%d segments, want one: %v", len(segs), segs)
			}
			if _, err := os.Stat(filepath.Join(ix.path, segmentsDir)); !os.IsNotExist(err) {
				t.Errorf("the builder's scratch folder is left: %v", err)
			}
		})
	}
}

func TestBuildEmptyLibrary(t *testing.T) {
	ix, err := Open(testLibrary(nil, "empty"), Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	defer ix.Close()
	res, err := ix.Search(context.Background(), Request{Query: "رمز"})
	if err != nil || res.Total != 0 {
		t.Errorf("Search = %+v, %v; want no hits", res, err)
	}
}
