package search

import (
	"testing"
)

func TestBM25Stats(t *testing.T) {
	lib := testLibrary(testArticles(), "bm25")
	ix := openLibrary(t, lib, DefaultAnalyzer)
	if ix.bm25 == nil {
		t.Fatal("no BM25 statistics for the Persian chain")
	}
	st := ix.bm25
	if int(st.DocCount) != len(entries(lib)) {
		t.Errorf("doc count %v, want %d", st.DocCount, len(entries(lib)))
	}
	// Real lengths: the bodies hold more tokens than distinct terms, and _all is their sum.
	adv, _ := ix.bleve.Advanced()
	r, err := adv.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	fd, err := r.FieldDict(fieldBody)
	if err != nil {
		t.Fatal(err)
	}
	distinct := fd.Cardinality()
	_ = fd.Close()
	if st.FieldCardinality[fieldBody] <= distinct {
		t.Errorf("body length %d, not above its %d distinct terms", st.FieldCardinality[fieldBody], distinct)
	}
	sum := 0
	for _, f := range []string{fieldTitle, fieldSummary, fieldKeywords, fieldHeadings, fieldBody} {
		sum += st.FieldCardinality[f]
	}
	if st.FieldCardinality[compositeAllName] < sum-len(boostFields())*int(st.DocCount) {
		t.Errorf("_all length %d, fields %d", st.FieldCardinality[compositeAllName], sum)
	}
	for _, f := range []string{fieldCategory, fieldTags, fieldAudience, fieldKeywords} {
		if st.FieldCardinality[f] <= 0 {
			t.Errorf("field %s has no positive length: Bleve would fall back to tf-idf or fail", f)
		}
	}
	// The stock baseline keeps Bleve's own statistics.
	if openLibrary(t, lib, StockAnalyzer).bm25 != nil {
		t.Error("stock analyzer got BM25 statistics")
	}
	// Every field a search may touch has its statistics (Bleve fails the search otherwise).
	res := mustSearch(t, ix, Request{Query: "بازگشت وجه", Category: "billing", Internal: true})
	if res.Total == 0 {
		t.Error("no hit with a category filter and internal articles")
	}
}
