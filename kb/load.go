package kb

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"

	"persiankb/kb/markdown"
)

// Load reads the help center in dir: every <category>/<slug>.md is an article, every
// <category>/_index.md describes its category, other files (images, _synonyms.yaml) are assets.
// It returns an error only when dir itself cannot be read. A broken file is reported in
// Library.Problems as path:line and left out; the rest of the library still loads.
//
// Loading has two passes: every file is parsed first (front matter, Markdown, headings), then
// links between articles are resolved against the whole library and every article is rendered.
func Load(dir string, opts Options) (*Library, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("kb: content folder %s: %w", dir, err)
	}
	if st, err := os.Stat(root); err != nil {
		return nil, fmt.Errorf("kb: content folder: %w", err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("kb: content folder %s is not a folder", dir)
	}
	t, err := scan(root)
	if err != nil {
		return nil, err
	}
	md := markdown.New()
	probs := t.problems
	l := &linker{byPath: make(map[string]*Article), leftOut: make(map[string]string), files: t.files, dirs: t.categoryDirs()}

	// Pass 1: parse every file (in parallel; results keep path order).
	parsedFiles := make([]*parsed, len(t.articles))
	fileProbs := make([][]Problem, len(t.articles))
	parallel(len(t.articles), func(i int) {
		parsedFiles[i], fileProbs[i] = parseArticle(md, t.articles[i].rel, t.articles[i].data)
	})
	var ps []*parsed
	for i, p := range parsedFiles {
		probs = append(probs, fileProbs[i]...)
		switch {
		case p == nil:
			l.leftOut[t.articles[i].rel] = "it has errors"
		case p.a.Draft && !opts.Drafts:
			l.leftOut[t.articles[i].rel] = "it is a draft"
		default:
			ps = append(ps, p)
		}
	}
	ps = dedupe(ps, l.leftOut, &probs)
	for _, p := range ps {
		l.byPath[p.a.Path] = p.a
		p.a.Headings = headings(p.doc.Headings)
	}
	// Pass 2: with every slug and heading known, resolve links and render.
	renderProbs := make([][]Problem, len(ps))
	renderErrs := make([]error, len(ps))
	parallel(len(ps), func(i int) {
		renderProbs[i], renderErrs[i] = ps[i].render(md, l)
	})
	articles := make([]*Article, 0, len(ps))
	for i, p := range ps {
		if renderErrs[i] != nil {
			probs = append(probs, Problem{Path: p.a.Path, Message: renderErrs[i].Error()})
			continue
		}
		probs = append(probs, renderProbs[i]...)
		articles = append(articles, p.a)
	}
	cats, pr := parseCategories(md, t.indexes)
	probs = append(probs, pr...)
	sortProblems(probs)
	lib := NewLibrary(root, articles, cats, probs)
	lib.Hash = t.hash
	if opts.Drafts {
		// The same files load differently with drafts: caches keyed by the hash must differ.
		sum := sha256.Sum256([]byte(t.hash + "\x00drafts"))
		lib.Hash = hex.EncodeToString(sum[:])
	}
	return lib, nil
}

// render resolves the article's links and renders it, filling HTML, Text and the summary.
// Warnings come back with file lines.
func (p *parsed) render(md *markdown.Renderer, l *linker) ([]Problem, error) {
	out, err := md.Render(p.doc, l)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	p.a.HTML, p.a.Text = out.HTML, out.Text
	if p.a.Summary == "" {
		p.a.Summary = truncateText(out.Lead, SummaryRunes)
	}
	probs := make([]Problem, 0, len(out.Problems))
	for _, mp := range out.Problems {
		probs = append(probs, Problem{Path: p.a.Path, Line: p.offset + mp.Line, Message: mp.Message, Warning: true})
	}
	p.doc = nil // the AST is no longer needed
	return probs, nil
}

func headings(hs []markdown.Heading) []Heading {
	out := make([]Heading, len(hs))
	for i, h := range hs {
		out[i] = Heading{Level: h.Level, Text: h.Text, ID: h.ID}
	}
	return out
}

func parseCategories(md *markdown.Renderer, indexes []sourceFile) ([]*Category, []Problem) {
	var cats []*Category
	var probs []Problem
	for _, f := range indexes {
		c, pr := parseCategory(md, f.rel, f.data)
		probs = append(probs, pr...)
		if c != nil {
			cats = append(cats, c)
		}
	}
	return cats, probs
}

// parallel calls fn(0) … fn(n-1) on as many goroutines as there are CPUs and waits for them.
func parallel(n int, fn func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				fn(i)
			}
		})
	}
	wg.Wait()
}

// sortProblems orders problems by file, then line, keeping the order within a line.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].Path != ps[j].Path {
			return ps[i].Path < ps[j].Path
		}
		return ps[i].Line < ps[j].Line
	})
}
