package main

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"persiankb/kb"
	"persiankb/search"
)

// defaultAnalyzer is the analyzer used when none is configured: the Persian chain, measured
// better than Bleve's stock fa on both relevance sets (BENCHMARKS.md).
const defaultAnalyzer = search.DefaultAnalyzer

// analyzers lists the values --analyzer accepts: the Persian chain, Bleve's stock fa chain
// (with exact highlight offsets), and stock fa unchanged with plain queries (the baseline of
// the scale benchmark, make scale).
func analyzers() []string {
	return []string{search.DefaultAnalyzer, search.FaAnalyzer, search.StockAnalyzer}
}

// buildGCPercent is the GC target (GOGC) while the index is opened and, when the content
// changed, built: the builder's batches come on top of the loaded library, and with Go's
// default of 100 the build of 10,000 articles peaked at 240–280 MB RSS against a target of 250;
// 50 keeps it near 210 MB for no measurable build time (BENCHMARKS.md "Scale"). Serving runs with
// the default again.
const buildGCPercent = 50

func validAnalyzer(name string) bool { return slices.Contains(analyzers(), name) }

// loadLibrary loads the content folder and reports every problem as path:line on w.
// Broken files are left out; the rest of the help center still loads.
func loadLibrary(c libraryConfig, w io.Writer) (*kb.Library, error) {
	lib, err := kb.Load(c.Content, kb.Options{Drafts: c.Drafts})
	if err != nil {
		return nil, fmt.Errorf("load content: %w", err)
	}
	for _, p := range lib.Problems {
		kind := "error"
		if p.Warning {
			kind = "warning"
		}
		fmt.Fprintf(w, "%s: %s\n", kind, joinPath(c.Content, p))
	}
	return lib, nil
}

// joinPath prefixes a problem's content-relative path with the content folder so that
// editors and terminals can jump to it.
func joinPath(root string, p kb.Problem) string {
	p.Path = strings.TrimSuffix(root, "/") + "/" + p.Path
	return p.Error()
}

// loadIndexed validates c, loads the content and opens its index; the library is idx.Library().
func loadIndexed(c libraryConfig, w io.Writer) (*search.Index, error) {
	if err := c.validate(); err != nil {
		return nil, usagef("%v", err)
	}
	lib, err := loadLibrary(c, w)
	if err != nil {
		return nil, err
	}
	return openIndex(c, lib, w, false)
}

// openIndex opens the on-disk index for lib, rebuilding it when the content changed,
// with progress on w. A live index can be updated in place (kb serve --watch).
func openIndex(c libraryConfig, lib *kb.Library, w io.Writer, live bool) (*search.Index, error) {
	if !c.OperatorGC {
		defer debug.SetGCPercent(debug.SetGCPercent(buildGCPercent))
	}
	start := time.Now()
	p := newProgress(w)
	idx, err := search.Open(lib, search.Options{Dir: c.Data, Analyzer: c.Analyzer, Progress: p.update, Live: live})
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	p.finish()
	if idx.Rebuilt() {
		fmt.Fprintf(w, "indexed %d articles in %s\n", len(lib.Articles), time.Since(start).Round(time.Millisecond))
	} else {
		fmt.Fprintf(w, "content unchanged: reusing the index in %s\n", c.Data)
	}
	return idx, nil
}

// progress prints indexing progress: one updating line on a terminal, a few lines otherwise.
type progress struct {
	w        io.Writer
	terminal bool
	lastPct  int
	shown    bool
}

func newProgress(w io.Writer) *progress {
	terminal := false
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			terminal = true
		}
	}
	return &progress{w: w, terminal: terminal, lastPct: -1}
}

func (p *progress) update(done, total int) {
	if total <= 0 {
		return
	}
	pct := done * 100 / total
	switch {
	case p.terminal:
		fmt.Fprintf(p.w, "\rindexing %d/%d (%d%%)", done, total, pct)
	case pct/25 != p.lastPct/25 || done == total:
		fmt.Fprintf(p.w, "indexing %d/%d (%d%%)\n", done, total, pct)
	default:
		return
	}
	p.lastPct = pct
	p.shown = true
}

func (p *progress) finish() {
	if p.terminal && p.shown {
		fmt.Fprintln(p.w)
	}
}
