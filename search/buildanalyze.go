package search

import (
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	bdoc "github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/mapping"
)

// analyzeAll maps es to Bleve documents with m and analyzes their text fields, on every core,
// adding each text field's token count (and their sum, under _all) to lengths. The documents
// carry their tokens: the index builder, which analyzes on one goroutine, only reads them back.
func analyzeAll(m mapping.IndexMapping, es []entry, lengths map[string]int) ([]*bdoc.Document, error) {
	docs := make([]*bdoc.Document, len(es))
	workers := max(1, min(runtime.GOMAXPROCS(0), len(es)))
	counts := make([]map[string]int, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	for w := range workers {
		counts[w] = make(map[string]int)
		wg.Go(func() {
			for i := w; i < len(es); i += workers {
				d, err := analyzeDoc(m, es[i], counts[w])
				if err != nil {
					errs[w] = err
					return
				}
				docs[i] = d
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	for _, c := range counts {
		for f, n := range c {
			lengths[f] += n
		}
	}
	return docs, nil
}

// analyzeDoc maps e as Bleve's batches do, then replaces each indexed text field by the same
// field with its tokens computed.
func analyzeDoc(m mapping.IndexMapping, e entry, counts map[string]int) (*bdoc.Document, error) {
	d := bdoc.NewDocument(e.id)
	if err := m.MapDocument(d, e.doc); err != nil {
		return nil, fmt.Errorf("search: index %s: %w", e.id, err)
	}
	for i, f := range d.Fields {
		tf, ok := f.(*bdoc.TextField)
		if !ok || !tf.Options().IsIndexed() || tf.Analyzer() == nil {
			continue
		}
		ts := tf.Analyzer().Analyze(tf.Value())
		d.Fields[i] = bdoc.NewTextFieldCustom(tf.Name(), tf.ArrayPositions(), tf.Value(), tf.Options(), analyzed(ts))
		if lengthField(tf.Name()) {
			counts[tf.Name()] += len(ts)
			counts[compositeAllName] += len(ts)
		}
	}
	return d, nil
}

// emptyLengths is the field lengths of no document: every text field is present, since
// Bleve's BM25 fails on a field without statistics.
func emptyLengths() map[string]int {
	return map[string]int{fieldTitle: 0, fieldSummary: 0, fieldKeywords: 0, fieldHeadings: 0, fieldBody: 0, compositeAllName: 0}
}

// lengthField reports whether name is a text field whose length BM25 uses (see fieldLengths).
func lengthField(name string) bool {
	switch name {
	case fieldTitle, fieldSummary, fieldKeywords, fieldHeadings, fieldBody:
		return true
	}
	return false
}

// analyzed is an analyzer that returns the tokens it was made with, whatever its input: the
// analysis of one field done beforehand.
type analyzed analysis.TokenStream

func (a analyzed) Analyze([]byte) analysis.TokenStream { return analysis.TokenStream(a) }
