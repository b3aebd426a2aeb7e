package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
)

// Span is a byte range [Start, End) of a Markdown source.
type Span struct {
	Start, End int
}

// Prose returns the byte ranges of body that readers see as running text: paragraphs,
// headings, list items, table cells, link texts and image alt texts. Code spans and blocks,
// raw HTML, autolinks and bare URLs, link destinations and footnote markers are left out, so a
// typography checker or fixer that works on these ranges never touches code or addresses.
// Adjacent text nodes are merged into one range; ranges never span a line break.
func (r *Renderer) Prose(body []byte) []Span {
	root := r.md.Parser().Parse(text.NewReader(body))
	var spans []Span
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock, *ast.RawHTML, *ast.HTMLBlock,
			*ast.AutoLink, *east.TaskCheckBox, *east.FootnoteLink, *east.FootnoteBacklink:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if n.IsRaw() || n.Segment.Len() == 0 {
				return ast.WalkContinue, nil
			}
			s := Span{n.Segment.Start, n.Segment.Stop}
			if k := len(spans) - 1; k >= 0 && spans[k].End == s.Start {
				spans[k].End = s.End
			} else {
				spans = append(spans, s)
			}
		}
		return ast.WalkContinue, nil
	})
	return spans
}
