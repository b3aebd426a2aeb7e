package persian

import (
	"bufio"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/fa"
	"github.com/blevesearch/bleve/v2/registry"
)

// passagesPath is the development set shared by the team; benchmarks that need
// realistic text skip when it is absent.
const passagesPath = "../../../shared/eval/pquad/passages.jsonl"

// benchPassages is the number of PQuAD paragraphs a benchmark analyzes per
// iteration: enough text (about 100 KB) to average out paragraph differences.
const benchPassages = 100

func loadPassages(b *testing.B) [][]byte {
	f, err := os.Open(passagesPath)
	if err != nil {
		b.Skipf("no development set: %v", err)
	}
	defer f.Close()
	var out [][]byte
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() && len(out) < benchPassages {
		var p struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &p); err != nil {
			b.Fatalf("decode %s: %v", passagesPath, err)
		}
		out = append(out, []byte(p.Title+"\n"+p.Text))
	}
	return out
}

func benchmarkAnalyzer(b *testing.B, a analysis.Analyzer) {
	texts := loadPassages(b)
	size := 0
	for _, t := range texts {
		size += len(t)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			a.Analyze(t)
		}
	}
}

// BenchmarkAnalyzeVsStock analyzes the same paragraphs with both analyzers,
// interleaved, and reports the Persian chain's cost as a multiple of stock fa:
// on a shared machine the load changes between separate benchmarks, but it
// hits both halves of one iteration alike.
func BenchmarkAnalyzeVsStock(b *testing.B) {
	texts := loadPassages(b)
	stock, err := registry.NewCache().AnalyzerNamed(fa.AnalyzerName)
	if err != nil {
		b.Fatal(err)
	}
	ours := NewAnalyzer()
	var tOurs, tStock time.Duration
	for b.Loop() {
		start := time.Now()
		for _, t := range texts {
			ours.Analyze(t)
		}
		mid := time.Now()
		for _, t := range texts {
			stock.Analyze(t)
		}
		tOurs += mid.Sub(start)
		tStock += time.Since(mid)
	}
	b.ReportMetric(float64(tOurs)/float64(tStock), "x-stock")
}

// BenchmarkAnalyze compares the Persian chain with stock Bleve fa on the same
// Persian paragraphs.
func BenchmarkAnalyze(b *testing.B) {
	b.Run("persian", func(b *testing.B) {
		benchmarkAnalyzer(b, NewAnalyzer())
	})
	b.Run("fa", func(b *testing.B) {
		a, err := registry.NewCache().AnalyzerNamed(fa.AnalyzerName)
		if err != nil {
			b.Fatal(err)
		}
		benchmarkAnalyzer(b, a)
	})
}
