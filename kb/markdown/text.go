package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// textWriter builds plain text with separators that are written only between words, so that
// neither leading nor trailing space is produced and adjacent blocks never glue together.
type textWriter struct {
	b       strings.Builder
	pending byte // 0, ' ' or '\n'
}

func (w *textWriter) sep(c byte) {
	if w.b.Len() > 0 && (w.pending == 0 || c == '\n') {
		w.pending = c
	}
}

func (w *textWriter) write(s string) {
	if s == "" {
		return
	}
	if w.pending != 0 {
		w.b.WriteByte(w.pending)
		w.pending = 0
	}
	w.b.WriteString(s)
}

// plainText returns the text of n without Markdown syntax: text, code spans and code blocks,
// link texts, image alt texts and table cells; raw HTML and task checkboxes are left out.
func plainText(n ast.Node, src []byte) string {
	var w textWriter
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		return w.node(n, src, entering), nil
	})
	return w.b.String()
}

func (w *textWriter) node(n ast.Node, src []byte, entering bool) ast.WalkStatus {
	switch n := n.(type) {
	case *ast.Text:
		if entering {
			w.write(textValue(n, src))
			if n.HardLineBreak() {
				w.sep('\n')
			} else if n.SoftLineBreak() {
				w.sep(' ')
			}
		}
	case *ast.CodeSpan:
		if entering {
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if t, ok := c.(*ast.Text); ok {
					w.write(strings.TrimSuffix(string(t.Value(src)), "\n"))
				}
			}
		}
		return ast.WalkSkipChildren
	case *ast.String:
		if entering {
			w.write(string(n.Value))
		}
	case *ast.AutoLink:
		if entering {
			w.write(string(n.Label(src)))
		}
		return ast.WalkSkipChildren
	case *ast.CodeBlock, *ast.FencedCodeBlock:
		if entering {
			w.sep('\n')
			w.lines(n, src)
			w.sep('\n')
		}
		return ast.WalkSkipChildren
	case *ast.RawHTML, *ast.HTMLBlock, *east.TaskCheckBox, *east.FootnoteLink, *east.FootnoteBacklink:
		return ast.WalkSkipChildren
	case *east.TableCell:
		w.sep(' ')
	default:
		if n.Type() == ast.TypeBlock {
			w.sep('\n')
		}
	}
	return ast.WalkContinue
}

// textValue is the text of a Text node as a reader sees it: backslash escapes and character
// references resolved, like the HTML renderer does.
func textValue(n *ast.Text, src []byte) string {
	v := n.Value(src)
	if n.IsRaw() {
		return string(v)
	}
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return string(util.ResolveEntityNames(v))
}

// lines writes the lines of a code block, one text line per source line.
func (w *textWriter) lines(n ast.Node, src []byte) {
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		w.write(strings.TrimRight(string(seg.Value(src)), " \t\r\n"))
		w.sep('\n')
	}
}
