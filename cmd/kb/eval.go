package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"persiankb/kb"
	"persiankb/search"
	"persiankb/search/eval"
	"persiankb/search/persian"
)

// evalConfig is the configuration of `kb eval`.
type evalConfig struct {
	Docs      string   // JSONL relevance-set documents; empty: use the articles of Content
	Content   string   // content folder, when Docs is empty
	Queries   string   // JSONL queries with relevant document IDs (article slugs for Content)
	Analyzers []string // systems to compare ("name" or "name:plain"); the first is the baseline
	Prefix    bool     // search as you type: the last word of every query is also completed
}

// plainSuffix marks a system whose queries are plain (search.Options.Plain): the analyzer
// alone, without the query-side features, to measure what each part brings.
const plainSuffix = ":plain"

func runEval(ctx context.Context, env *cliEnv, args []string) error {
	c, err := parseEvalConfig(env, args)
	if err != nil {
		return err
	}
	lib, err := evalLibrary(c)
	if err != nil {
		return err
	}
	queries, err := readJSONLFile[eval.Query](c.Queries)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "kb-eval-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	var systems []eval.System
	timers := make([]*queryTimer, len(c.Analyzers))
	for i, name := range c.Analyzers {
		analyzer, plain := strings.CutSuffix(name, plainSuffix)
		idx, err := search.Open(lib, search.Options{Dir: dir, Analyzer: analyzer, Plain: plain})
		if err != nil {
			return err
		}
		defer idx.Close()
		timers[i] = &queryTimer{prefix: c.Prefix}
		systems = append(systems, eval.System{Name: name, Search: timers[i].wrap(ctx, idx)})
	}
	fmt.Fprintf(env.stdout, "%d documents, %d queries, analyzers %s (baseline %s)\n",
		len(lib.Articles), len(queries), strings.Join(c.Analyzers, ", "), c.Analyzers[0])
	fmt.Fprintf(env.stdout, "%s: Bleve's stock fa, plain queries; %s: no query-side features; search as you type: %v\n\n",
		search.StockAnalyzer, plainSuffix, c.Prefix)
	rows := eval.Run(queries, eval.Variants(toLatinKeys), systems)
	if err := eval.WriteTable(env.stdout, rows, c.Analyzers); err != nil {
		return err
	}
	fmt.Fprintln(env.stdout, "\nmean query latency over all variants:")
	for i, name := range c.Analyzers {
		fmt.Fprintf(env.stdout, "  %-10s %8.3f ms (%d queries)\n", name, timers[i].meanMillis(), timers[i].n)
	}
	return nil
}

func parseEvalConfig(env *cliEnv, args []string) (evalConfig, error) {
	var c evalConfig
	fs := newFlagSet(env, "eval", "")
	fs.StringVar(&c.Docs, "docs", "", "JSONL documents {id,title,text} of a relevance set (default: the articles of --content)")
	fs.StringVar(&c.Content, "content", envOr(env, "KB_CONTENT", "./content"), "content folder, used when --docs is not given (KB_CONTENT)")
	fs.StringVar(&c.Queries, "queries", "", "JSONL queries {id,query,relevant[,grades]} (required)")
	analyzers := fs.String("analyzers", search.StockAnalyzer+","+search.DefaultAnalyzer,
		"comma-separated analyzers to compare, each optionally with "+plainSuffix+" (no query-side features); the first is the baseline")
	fs.BoolVar(&c.Prefix, "prefix", false, "search as you type: complete the last word of every query")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, usagef("unexpected argument %q", fs.Arg(0))
	}
	if c.Queries == "" {
		return c, usagef("--queries is required")
	}
	for _, a := range strings.Split(*analyzers, ",") {
		if a = strings.TrimSpace(a); a != "" {
			c.Analyzers = append(c.Analyzers, a)
		}
	}
	if len(c.Analyzers) == 0 {
		return c, usagef("--analyzers lists no analyzer")
	}
	return c, nil
}

// evalLibrary is the library to search: the relevance set's documents, or the content folder.
func evalLibrary(c evalConfig) (*kb.Library, error) {
	if c.Docs == "" {
		return loadLibrary(libraryConfig{Content: c.Content}, io.Discard)
	}
	docs, err := readJSONLFile[eval.Doc](c.Docs)
	if err != nil {
		return nil, err
	}
	h := sha256.New()
	articles := make([]*kb.Article, 0, len(docs))
	for _, d := range docs {
		articles = append(articles, &kb.Article{Slug: d.ID, Title: d.Title, Text: d.Text, Category: "eval"})
		fmt.Fprintf(h, "%s\x00%s\x00%s\x00", d.ID, d.Title, d.Text)
	}
	lib := kb.NewLibrary(c.Docs, articles, nil, nil)
	lib.Hash = hex.EncodeToString(h.Sum(nil))
	return lib, nil
}

func readJSONLFile[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return eval.ReadJSONL[T](f, path)
}

// toLatinKeys is what a user types when the keyboard is on the English layout but they mean Persian.
func toLatinKeys(s string) string {
	out, _ := persian.ToLatinLayout(s)
	return out
}

// queryTimer measures the wall time of a system's searches.
type queryTimer struct {
	n      int
	total  time.Duration
	prefix bool // search.Request.Prefix
}

func (t *queryTimer) wrap(ctx context.Context, idx *search.Index) eval.SearchFunc {
	return func(q string) ([]string, error) {
		start := time.Now()
		res, err := idx.Search(ctx, search.Request{Query: q, Limit: eval.Cutoff, Prefix: t.prefix})
		t.total += time.Since(start)
		t.n++
		if err != nil {
			return nil, err
		}
		ids := make([]string, len(res.Hits))
		for i, h := range res.Hits {
			ids[i] = h.Slug
		}
		return ids, nil
	}
}

func (t *queryTimer) meanMillis() float64 {
	if t.n == 0 {
		return 0
	}
	return float64(t.total.Microseconds()) / 1000 / float64(t.n)
}
