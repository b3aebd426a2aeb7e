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
func Load(dir string, opts Options) (*Library, error) { return load(dir, opts, nil) }

// load is Load; with a memo (see Reloader) it reuses what the last load parsed and rendered.
func load(dir string, opts Options, m *memo) (*Library, error) {
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
	ld := &loader{
		md:    markdown.New(),
		opts:  opts,
		memo:  m,
		probs: t.problems,
		links: &linker{byPath: make(map[string]*Article), leftOut: make(map[string]string),
			files: t.files, dirs: t.categoryDirs()},
	}
	ps := ld.parseAll(t.articles)
	articles := ld.renderAll(ps)
	cats, pr := parseCategories(ld.md, t.indexes)
	syn, sp, broken := readSynonyms(root, t.files[SynonymsFile])
	probs := append(append(ld.probs, pr...), sp...)
	sortProblems(probs)
	lib := NewLibrary(root, articles, cats, probs)
	lib.Hash = t.hash
	lib.Synonyms, lib.synonymsBroken = syn, broken
	if opts.Drafts {
		// The same files load differently with drafts: caches keyed by the hash must differ.
		sum := sha256.Sum256([]byte(t.hash + "\x00drafts"))
		lib.Hash = hex.EncodeToString(sum[:])
	}
	return lib, nil
}

// loader holds the state of one Load.
type loader struct {
	md    *markdown.Renderer
	opts  Options
	probs []Problem
	links *linker
	memo  *memo // nil: parse and render everything
	// parsed marks the files parsed in pass 1, by path: their ASTs are dropped once their
	// headings are read, and their bodies (Article.Source) parsed again one at a time when
	// rendered. Holding the ASTs of every article between the passes took ~60 MB at 10,000
	// articles (ten times the Markdown), most of the load's peak; the second parse of the
	// Markdown alone (no front matter) costs ~0.3 s of CPU there.
	parsed map[string]bool
}

// parseAll is pass 1: it parses every article (in parallel; results keep path order), leaves
// out broken files, hidden drafts and duplicates, and registers the rest with the linker.
func (ld *loader) parseAll(files []sourceFile) []*parsed {
	all := make([]*parsed, len(files))
	probs := make([][]Problem, len(files))
	parallel(len(files), func(i int) {
		all[i], probs[i] = ld.parse(files[i])
	})
	var ps []*parsed
	ld.parsed = make(map[string]bool)
	for i, p := range all {
		ld.probs = append(ld.probs, probs[i]...)
		if p != nil && p.doc != nil {
			ld.parsed[p.a.Path] = true
		}
		switch {
		case p == nil:
			ld.links.leftOut[files[i].rel] = "it has errors"
		case p.a.Draft && !ld.opts.Drafts:
			ld.links.leftOut[files[i].rel] = "it is a draft"
		default:
			ps = append(ps, p)
		}
	}
	ps = dedupe(ps, ld.links.leftOut, &ld.probs)
	for _, p := range ps {
		ld.links.byPath[p.a.Path] = p.a
		if p.doc != nil { // else reused, with its headings
			p.a.Headings = headings(p.doc.Headings)
			p.doc = nil // parsed again when rendered (see loader.parsed)
		}
	}
	return ps
}

// renderAll is pass 2: with every slug and heading known, it resolves links and renders each
// article (in parallel: the linker is read-only now).
func (ld *loader) renderAll(ps []*parsed) []*Article {
	probs := make([][]Problem, len(ps))
	errs := make([]error, len(ps))
	parallel(len(ps), func(i int) {
		probs[i], errs[i] = ld.render(ps[i])
	})
	articles := make([]*Article, 0, len(ps))
	for i, p := range ps {
		if errs[i] != nil {
			ld.probs = append(ld.probs, Problem{Path: p.a.Path, Message: errs[i].Error()})
			continue
		}
		ld.probs = append(ld.probs, ld.strictLinks(probs[i])...)
		articles = append(articles, p.a)
	}
	ld.dropSources(ps)
	return articles
}

// dropSources lets the files' bytes go once every article is rendered: a library keeps its
// articles' HTML and text, not their Markdown (15 MB of 80 at 10,000 articles). A Reloader
// takes an unchanged file's body from its next load's bytes.
func (ld *loader) dropSources(ps []*parsed) {
	for _, p := range ps {
		p.a.Source = nil
	}
	if ld.memo != nil {
		for _, fm := range ld.memo.next {
			if fm.parsed != nil {
				fm.parsed.a.Source = nil
			}
		}
	}
}

// render resolves the article's links and renders it, filling HTML, Text and the summary.
// Warnings come back with file lines.
func (p *parsed) render(md *markdown.Renderer, l markdown.Links) ([]Problem, error) {
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
