package search

import (
	"context"
	"os"
	"slices"
	"testing"

	"github.com/blevesearch/bleve/v2/registry"

	"persiankb/kb"
	"persiankb/search/eval"
)

// Paths of the sample help center and its ticket-message relevance set, from this folder.
const (
	sampleContent   = "../content"
	supportMessages = "testdata/support/messages.jsonl"
)

// minSuggestTop1 is issue 4's target: the right article first for at least 3 messages in 4.
const minSuggestTop1 = 0.75

// supportMessage is one line of messages.jsonl.
type supportMessage struct {
	ID       string   `json:"id"`
	Message  string   `json:"message"`
	Relevant []string `json:"relevant"`
}

// readMessages reads the ticket messages as eval queries.
func readMessages(t testing.TB) []eval.Query {
	t.Helper()
	f, err := os.Open(supportMessages)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ms, err := eval.ReadJSONL[supportMessage](f, supportMessages)
	if err != nil {
		t.Fatal(err)
	}
	qs := make([]eval.Query, 0, len(ms))
	for _, m := range ms {
		qs = append(qs, eval.Query{ID: m.ID, Query: m.Message, Relevant: m.Relevant})
	}
	return qs
}

// openSample indexes the sample help center with the named analyzer.
func openSample(t testing.TB, analyzer string) *Index {
	t.Helper()
	lib, err := kb.Load(sampleContent, kb.Options{})
	if err != nil {
		t.Fatalf("load %s: %v", sampleContent, err)
	}
	ix, err := Open(lib, Options{Dir: t.TempDir(), Analyzer: analyzer})
	if err != nil {
		t.Fatalf("open index (%s): %v", analyzer, err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	return ix
}

// evalAnalyzers are the analyzers Suggest is measured with: the default, Bleve's fa chain with
// exact offsets ("fa"), the stock fa analyzer, and the Persian analyzer when it is registered.
func evalAnalyzers() []string {
	var names []string
	for _, n := range []string{DefaultAnalyzer, "fa", StockAnalyzer, "persian"} {
		if _, err := registry.NewCache().AnalyzerNamed(n); err != nil && n == "persian" {
			continue
		}
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names
}

// TestSuggestSupportMessages measures Suggest on the 49 ticket messages written for the sample
// help center and requires issue 4's top-1 target with the default analyzer.
func TestSuggestSupportMessages(t *testing.T) {
	qs := readMessages(t)
	if len(qs) < 30 {
		t.Fatalf("%d messages; issue 4 asks for 30 or more", len(qs))
	}
	for _, name := range evalAnalyzers() {
		t.Run(name, func(t *testing.T) {
			ix := openSample(t, name)
			var m eval.Metrics
			for _, q := range qs {
				res, err := ix.Suggest(context.Background(), q.Query, MaxSuggestLimit)
				if err != nil {
					t.Fatalf("%s: %v", q.ID, err)
				}
				got := slugs(res.Hits)
				m.Add(q, got)
				if testing.Verbose() && (len(got) == 0 || !slices.Contains(q.Relevant, got[0])) {
					t.Logf("%s: want %v, got %v", q.ID, q.Relevant, got[:min(3, len(got))])
				}
			}
			mean := m.Mean()
			t.Logf("Suggest (%s): %d messages, top-1 %.3f, MRR@10 %.3f, recall@10 %.3f",
				name, mean.N, mean.R1, mean.MRR, mean.R10)
			if name == DefaultAnalyzer && mean.R1 < minSuggestTop1 {
				t.Errorf("top-1 = %.3f with the default analyzer, want ≥ %.2f", mean.R1, minSuggestTop1)
			}
		})
	}
}
