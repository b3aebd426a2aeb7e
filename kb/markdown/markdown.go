// Package markdown renders help-article Markdown with goldmark: GFM, footnotes, Persian heading
// IDs, relative links resolved to site URLs, and raw HTML shown as text, never trusted.
package markdown

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
)

// Renderer parses and renders Markdown. It holds one goldmark.Markdown built once and is safe
// for concurrent use: per-document state lives in Document.
type Renderer struct {
	md goldmark.Markdown
}

// New returns a Renderer with every extension the help center uses.
func New() *Renderer {
	md := goldmark.New(
		goldmark.WithExtensions(
			extension.NewTable(
				// An align attribute, not a style attribute: the site's CSP forbids inline styles.
				extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute),
			),
			extension.Strikethrough,
			extension.TaskList,
			extension.Linkify,
			extension.NewFootnote(),
			NewHeadingIDs(),
			NewSafeHTML(),
		),
	)
	return &Renderer{md: md}
}

// Heading is one heading of a document with its unique anchor ID.
type Heading struct {
	Level int
	Text  string
	ID    string
	Line  int // 1-based line in the source given to Parse
}

// Problem is a warning about one line of a document, such as a link to a missing article.
type Problem struct {
	Line    int // 1-based line in the source given to Parse
	Message string
}

// Document is one parsed Markdown body. Parse it, read its headings and title, then Render it
// once; it is not safe for concurrent use.
type Document struct {
	Path     string    // slash path of the file relative to the content root; relative links start here
	Headings []Heading // every heading in order; IDs are unique within the document

	src   []byte
	root  ast.Node
	lines lineIndex
}

// Parse parses body, the Markdown of the file at path (a slash path relative to the content root).
func (r *Renderer) Parse(path string, body []byte) *Document {
	d := &Document{Path: path, src: body, lines: newLineIndex(body)}
	d.root = r.md.Parser().Parse(text.NewReader(body))
	d.Headings = d.collectHeadings()
	return d
}

// Output is a rendered document.
type Output struct {
	HTML     string    // safe HTML: raw HTML in the source is escaped, unsafe URLs are dropped
	Text     string    // plain text without Markdown syntax, words never glued together
	Lead     string    // plain text of the first paragraph that has text; "" when there is none
	Problems []Problem // broken links and images, in source order
}

// Render resolves the document's relative links and images with links, then renders it.
func (r *Renderer) Render(d *Document, links Links) (Output, error) {
	var out Output
	out.Problems = d.resolve(links)
	var buf bytes.Buffer
	buf.Grow(len(d.src) * 3 / 2)
	if err := r.md.Renderer().Render(&buf, d.src, d.root); err != nil {
		return Output{}, fmt.Errorf("markdown: render %s: %w", d.Path, err)
	}
	out.HTML = buf.String()
	out.Text = plainText(d.root, d.src)
	out.Lead = d.lead()
	return out, nil
}

// Title returns the text of the document's first heading, or "" when it has none.
func (d *Document) Title() string {
	if len(d.Headings) == 0 {
		return ""
	}
	return d.Headings[0].Text
}

// TrimTitle removes the document's first block when it is a level-1 heading whose text is
// title, so that a page which shows the title above the body does not show it twice. It reports
// whether it removed the heading.
func (d *Document) TrimTitle(title string) bool {
	h, ok := d.root.FirstChild().(*ast.Heading)
	if !ok || h.Level != 1 || title == "" || headingText(h, d.src) != title {
		return false
	}
	d.root.RemoveChild(d.root, h)
	d.Headings = d.Headings[1:]
	return true
}

// collectHeadings lists the headings with the IDs the HeadingIDs extension gave them.
func (d *Document) collectHeadings() []Heading {
	var hs []Heading
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		id, _ := h.AttributeString("id")
		idb, _ := id.([]byte)
		hs = append(hs, Heading{
			Level: h.Level,
			Text:  headingText(h, d.src),
			ID:    string(idb),
			Line:  d.lines.nodeLine(h),
		})
		return ast.WalkSkipChildren, nil
	})
	return hs
}

// lead returns the plain text of the first paragraph (or tight list item) that has any.
func (d *Document) lead() string {
	var lead string
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Kind() != ast.KindParagraph && n.Kind() != ast.KindTextBlock {
			return ast.WalkContinue, nil
		}
		if t := plainText(n, d.src); t != "" {
			lead = t
			return ast.WalkStop, nil
		}
		return ast.WalkSkipChildren, nil
	})
	return lead
}
