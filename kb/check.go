package kb

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"persiankb/kb/markdown"
)

// CheckOptions controls Check.
type CheckOptions struct {
	// Drafts checks drafts as if they were published: their links are checked and links to
	// them resolve. Without it, a link to a draft is an error, as it is broken once published.
	Drafts bool
}

// Report is what Check found in a content folder.
type Report struct {
	Problems []Problem // errors and warnings, ordered by file and line
	Files    int       // Markdown files checked (articles and category files)
	Fixable  int       // typography fixes that Fix would apply
}

// Errors is the number of problems that are errors.
func (r *Report) Errors() int {
	n := 0
	for _, p := range r.Problems {
		if !p.Warning {
			n++
		}
	}
	return n
}

// Warnings is the number of problems that are warnings.
func (r *Report) Warnings() int { return len(r.Problems) - r.Errors() }

// internalLinkNote ends the warning about a public article linking to an internal one. It stays
// a warning in Check: the link works, for agents.
const internalLinkNote = "an internal article: public readers will not find it"

// Check checks the content folder dir before publishing, more strictly than Load: besides
// everything Load reports, links to missing articles, headings, files and images are errors,
// articles need a title (front matter or heading), folders of articles need an _index.md, and
// Persian typography is checked in prose (front matter titles, summaries and tags, the body's
// text outside code and URLs), each warning with its suggested fix.
func Check(dir string, opts CheckOptions) (*Report, error) {
	lib, err := Load(dir, Options{Drafts: opts.Drafts, strict: true})
	if err != nil {
		return nil, err
	}
	t, err := scan(lib.Root)
	if err != nil {
		return nil, err
	}
	r := &Report{Problems: lib.Problems, Files: len(t.articles) + len(t.indexes)}
	r.Problems = append(r.Problems, missingIndexes(t)...)
	md := markdown.New()
	for _, f := range t.articles {
		r.Problems = append(r.Problems, titleProblems(md, f)...)
		r.addTypos(md, f)
	}
	for _, f := range t.indexes {
		r.addTypos(md, f)
	}
	sortProblems(r.Problems)
	return r, nil
}

// strictLinks makes broken links and images errors when Load runs for Check.
func (ld *loader) strictLinks(ps []Problem) []Problem {
	if !ld.opts.strict {
		return ps
	}
	for i := range ps {
		if !strings.HasSuffix(ps[i].Message, internalLinkNote) {
			ps[i].Warning = false
		}
	}
	return ps
}

// missingIndexes reports folders of articles without an _index.md: the category would be
// shown under its folder name, with no description.
func missingIndexes(t *tree) []Problem {
	has := make(map[string]bool, len(t.indexes))
	for _, f := range t.indexes {
		has[categoryOf(f.rel)] = true
	}
	var ps []Problem
	reported := make(map[string]bool)
	for _, f := range t.articles {
		c := categoryOf(f.rel)
		if c == "" || has[c] || reported[c] || strings.HasPrefix(c, "_") {
			continue
		}
		reported[c] = true
		ps = append(ps, Problem{Path: c + "/_index.md",
			Message: "category folder " + quote(c) + " has no _index.md: add one with the category's title"})
	}
	return ps
}

// titleProblems reports an article with no title in its front matter and no heading, whose
// title would be made from its file name. A file with front matter errors is left to Load.
func titleProblems(md *markdown.Renderer, f sourceFile) []Problem {
	discard := &problems{path: f.rel}
	body, fm, _, ok := splitFile(f.data, discard)
	if !ok {
		return nil
	}
	if fm != nil {
		for _, fl := range fm.fields(discard) {
			if fl.name != "title" {
				continue
			}
			if s, _ := textValue(fl, discard); s != "" {
				return nil
			}
		}
	}
	if md.Parse(f.rel, body).Title() != "" {
		return nil
	}
	return []Problem{{Path: f.rel, Line: 1,
		Message: "no title: set title in the front matter or start the article with a # heading"}}
}

// maxTypoExamples is how many fixes one warning lists: a line written on an Arabic keyboard
// has a dozen words to fix, and one warning per word would bury everything else.
const maxTypoExamples = 3

// addTypos adds the typography warnings of one file: one per line and rule, listing the fixes.
func (r *Report) addTypos(md *markdown.Renderer, f sourceFile) {
	type key struct {
		line int
		rule string
	}
	var order []key
	groups := make(map[key][]typo)
	var lines lineCounter
	for _, t := range fileTypos(md, f.data) {
		k := key{lines.at(f.data, t.start), t.rule}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], t)
		if t.safe {
			r.Fixable++
		}
	}
	for _, k := range order {
		r.Problems = append(r.Problems, Problem{Path: f.rel, Line: k.line, Message: typoMessage(groups[k]), Warning: true})
	}
}

// typoMessage describes the findings of one rule on one line.
func typoMessage(ts []typo) string {
	var b strings.Builder
	b.WriteString(ts[0].message())
	for i, t := range ts[1:] {
		if i+1 == maxTypoExamples {
			fmt.Fprintf(&b, " and %d more", len(ts)-maxTypoExamples)
			break
		}
		b.WriteString(", ")
		b.WriteString(t.fix())
	}
	if !ts[0].safe {
		b.WriteString(" (not fixed by --fix: check it)")
	}
	return b.String()
}

// lineCounter finds the lines of increasing offsets in one pass.
type lineCounter struct{ off, line int }

func (c *lineCounter) at(data []byte, off int) int {
	if c.line == 0 || off < c.off {
		c.off, c.line = 0, 1
	}
	c.line += bytes.Count(data[c.off:off], []byte{'\n'})
	c.off = off
	return c.line
}

// ValidSlug reports why s cannot be an article slug, or nil: Persian letters, digits, '-' and
// ZWNJ are fine; '/', '?', '#', '%', spaces and invisible characters are not.
func ValidSlug(s string) error {
	if s == "" {
		return errEmptySlug
	}
	return checkSlug(s)
}

var errEmptySlug = errors.New("is empty")
