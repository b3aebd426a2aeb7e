package markdown

import (
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// HeadingIDs is a goldmark extension that gives every heading an id attribute made by
// HeadingID from the heading's text (not its Markdown source, so links and emphasis inside a
// heading do not leak into the ID), unique within the document.
type HeadingIDs struct{}

// NewHeadingIDs returns the heading ID extension.
func NewHeadingIDs() *HeadingIDs { return &HeadingIDs{} }

// Extend implements goldmark.Extender.
func (e *HeadingIDs) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithASTTransformers(
		// After the footnote transformer (999), which moves footnotes to the end.
		util.Prioritized(headingIDTransformer{}, 1000),
	))
}

type headingIDTransformer struct{}

// Transform implements parser.ASTTransformer. It keeps no state between documents.
func (headingIDTransformer) Transform(doc *ast.Document, reader text.Reader, _ parser.Context) {
	src := reader.Source()
	ids := idSet{}
	position := 0
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		position++
		id := ids.unique(HeadingID(headingText(h, src)), position)
		h.SetAttributeString("id", []byte(id))
		return ast.WalkSkipChildren, nil
	})
}

// headingText is the plain text of a heading on one line.
func headingText(h *ast.Heading, src []byte) string {
	return plainText(h, src)
}
