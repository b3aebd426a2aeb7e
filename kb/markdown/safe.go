package markdown

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// SafeHTML is a goldmark extension that never trusts the Markdown source: raw HTML (inline and
// blocks) is shown as escaped text; links and images keep only http, https, mailto and tel URLs
// or relative ones (anything else, such as javascript: or data:, loses its link and keeps its
// text); external links get rel="noopener"; images load lazily.
type SafeHTML struct{}

// NewSafeHTML returns the safe rendering extension.
func NewSafeHTML() *SafeHTML { return &SafeHTML{} }

// Extend implements goldmark.Extender.
func (e *SafeHTML) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		// Lower value, higher priority: replaces the default HTML renderer's functions (1000).
		util.Prioritized(safeRenderer{}, 100),
	))
}

type safeRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (safeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, renderRawHTML)
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
	reg.Register(ast.KindLink, renderLink)
	reg.Register(ast.KindAutoLink, renderAutoLink)
	reg.Register(ast.KindImage, renderImage)
}

// safeURL escapes a link destination like goldmark does and reports whether its scheme is one a
// link may use: none (relative), http, https, mailto or tel.
func safeURL(dest []byte) (string, bool) {
	u := string(util.URLEscape(dest, true))
	switch scheme(u) {
	case "", "http", "https", "mailto", "tel":
		return u, true
	}
	return u, false
}

// safeImageURL is safeURL for images: relative, http or https only.
func safeImageURL(dest []byte) (string, bool) {
	u := string(util.URLEscape(dest, true))
	switch scheme(u) {
	case "", "http", "https":
		return u, true
	}
	return u, false
}

// scheme returns the lower-cased URL scheme of u, "" for a relative URL. It is what a browser
// sees: u has been percent-escaped, so no control characters or spaces can hide a scheme.
func scheme(u string) string {
	for i := 0; i < len(u); i++ {
		c := u[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'):
		case i > 0 && c == ':':
			return strings.ToLower(u[:i])
		default:
			return ""
		}
	}
	return ""
}

// external reports whether u leaves the site.
func external(u string) bool {
	s := scheme(u)
	return s == "http" || s == "https" || strings.HasPrefix(u, "//")
}

func renderRawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		segs := node.(*ast.RawHTML).Segments
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			_, _ = w.Write(util.EscapeHTML(seg.Value(src)))
		}
	}
	return ast.WalkSkipChildren, nil
}

// renderHTMLBlock shows a raw HTML block as an escaped paragraph of text.
func renderHTMLBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	if entering {
		_, _ = w.WriteString("<p>")
		for i := 0; i < n.Lines().Len(); i++ {
			line := n.Lines().At(i)
			_, _ = w.Write(util.EscapeHTML(line.Value(src)))
		}
		return ast.WalkContinue, nil
	}
	if n.HasClosure() {
		_, _ = w.Write(util.EscapeHTML(n.ClosureLine.Value(src)))
	}
	_, _ = w.WriteString("</p>\n")
	return ast.WalkContinue, nil
}

func renderLink(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	href, ok := safeURL(n.Destination)
	if !ok {
		return ast.WalkContinue, nil // the text stays, the link goes
	}
	if !entering {
		_, _ = w.WriteString("</a>")
		return ast.WalkContinue, nil
	}
	openLink(w, href)
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		html.DefaultWriter.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return ast.WalkContinue, nil
}

// openLink writes `<a href="…"` with rel="noopener" for external links, without the closing '>'.
func openLink(w util.BufWriter, href string) {
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML([]byte(href)))
	_ = w.WriteByte('"')
	if external(href) {
		_, _ = w.WriteString(` rel="noopener"`)
	}
}

func renderAutoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.AutoLink)
	label := util.EscapeHTML(n.Label(src))
	dest := n.URL(src)
	if n.AutoLinkType == ast.AutoLinkEmail && scheme(string(dest)) != "mailto" {
		dest = append([]byte("mailto:"), dest...)
	}
	href, ok := safeURL(dest)
	if !ok {
		_, _ = w.Write(label)
		return ast.WalkSkipChildren, nil
	}
	openLink(w, href)
	_ = w.WriteByte('>')
	_, _ = w.Write(label)
	_, _ = w.WriteString("</a>")
	return ast.WalkSkipChildren, nil
}

func renderImage(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	alt := util.EscapeHTML([]byte(plainText(n, src)))
	u, ok := safeImageURL(n.Destination)
	if !ok {
		_, _ = w.Write(alt) // an image we will not load: keep its description
		return ast.WalkSkipChildren, nil
	}
	_, _ = w.WriteString(`<img src="`)
	_, _ = w.Write(util.EscapeHTML([]byte(u)))
	_, _ = w.WriteString(`" alt="`)
	_, _ = w.Write(alt)
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		html.DefaultWriter.Write(w, n.Title)
		_ = w.WriteByte('"')
	}
	_, _ = w.WriteString(` loading="lazy">`)
	return ast.WalkSkipChildren, nil
}
