package markdown

import (
	"bytes"
	"sort"

	"github.com/yuin/goldmark/ast"
)

// lineIndex maps byte offsets of a source to 1-based line numbers.
type lineIndex []int // offsets of every '\n'

func newLineIndex(src []byte) lineIndex {
	idx := make(lineIndex, 0, bytes.Count(src, []byte{'\n'}))
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i)
		}
	}
	return idx
}

// line returns the line of the byte at offset off.
func (idx lineIndex) line(off int) int {
	return sort.SearchInts(idx, off) + 1
}

// nodeLine returns the line where n starts: the first text inside it, else the first line of the
// nearest block around it, else 1.
func (idx lineIndex) nodeLine(n ast.Node) int {
	if off, ok := firstOffset(n); ok {
		return idx.line(off)
	}
	for p := n; p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			return idx.line(p.Lines().At(0).Start)
		}
	}
	return 1
}

// firstOffset returns the source offset of the first text segment in n or its descendants.
func firstOffset(n ast.Node) (int, bool) {
	if t, ok := n.(*ast.Text); ok {
		return t.Segment.Start, true
	}
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start, true
	}
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if off, ok := firstOffset(c); ok {
			return off, true
		}
	}
	return 0, false
}
