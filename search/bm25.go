package search

import (
	"github.com/blevesearch/bleve/v2/analysis"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// Bleve's BM25 takes a field's average length to be its number of distinct terms divided by
// the number of documents (and, summed over segments, it even changes with how the index was
// merged): for the body of a help article that is a fraction of its real length, so length
// normalization weighs far too much. The query-side chain gives Bleve the real average
// lengths instead, counted when the index is built: +0.3 point of MRR@10 on the support set
// and +0.15 on PQuAD. The baseline (plain queries) keeps Bleve's own.

// fieldLengths counts the tokens of each text field, and of _all (their sum), over es, as an
// analyzes them.
func fieldLengths(an analysis.Analyzer, es []entry) map[string]int {
	n := func(texts ...string) int {
		total := 0
		for _, t := range texts {
			total += len(an.Analyze([]byte(t)))
		}
		return total
	}
	out := make(map[string]int)
	for _, e := range es {
		d := e.doc
		counts := map[string]int{
			fieldTitle: n(d.Title), fieldSummary: n(d.Summary), fieldBody: n(d.Body),
			fieldKeywords: n(d.Keywords...), fieldHeadings: n(d.Headings...),
		}
		for f, c := range counts {
			out[f] += c
			out[compositeAllName] += c
		}
	}
	return out
}

// bm25Stats returns the statistics Bleve's BM25 uses (document count, and a "cardinality"
// per field that it divides by the document count to get the average field length) with real
// lengths; nil when the index's meta has none. Keyword fields (filters, facets) count one
// token per document.
func bm25Stats(meta indexMeta) *bsearch.BM25Stats {
	if meta.FieldLengths == nil || meta.Docs == 0 {
		return nil
	}
	card := make(map[string]int, len(meta.FieldLengths)+3)
	for f, n := range meta.FieldLengths {
		card[f] = max(n, meta.Docs) // an empty field still needs a positive average
	}
	for _, f := range []string{fieldCategory, fieldTags, fieldAudience} {
		card[f] = meta.Docs
	}
	return &bsearch.BM25Stats{DocCount: float64(meta.Docs), FieldCardinality: card}
}
