package markdown

import (
	"fmt"
	"net/url"
	"path"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
)

// Links resolves the relative links and images of a document to site URLs. It is defined here
// and implemented by the caller, who knows the whole library.
type Links interface {
	// Link returns the URL of the content file or folder at rel (a clean slash path from the
	// content root, e.g. "billing/refund.md"), pointing at fragment when it is not empty (the
	// raw fragment: the implementation matches it with ResolveAnchor). A non-nil error is a
	// warning about the link; a non-empty URL is used even then.
	Link(rel, fragment string) (string, error)
	// Image returns the URL of the image at rel, or an error when it cannot be served.
	Image(rel string) (string, error)
}

// resolve rewrites relative link and image destinations in place and returns warnings for
// the ones that point nowhere. A nil links leaves relative destinations as they are.
func (d *Document) resolve(links Links) []Problem {
	var probs []Problem
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		image := false
		switch n := n.(type) {
		case *ast.Link:
			dest = &n.Destination
		case *ast.Image:
			dest, image = &n.Destination, true
		default:
			return ast.WalkContinue, nil
		}
		u, err := d.rewrite(resolveRefs(*dest), image, links)
		if u != "" {
			*dest = []byte(u)
		}
		if err != nil {
			probs = append(probs, Problem{Line: d.lines.nodeLine(n), Message: err.Error()})
		}
		return ast.WalkContinue, nil
	})
	return probs
}

// resolveRefs undoes Markdown escapes and HTML character references in a destination, as the
// HTML renderer would, so that "refund.md" and "refund&#46;md" mean the same file.
func resolveRefs(dest []byte) string {
	v := util.UnescapePunctuations(dest)
	v = util.ResolveNumericReferences(v)
	return string(util.ResolveEntityNames(v))
}

// rewrite returns the new destination of a link ("" to keep it) and a warning, if any.
func (d *Document) rewrite(dest string, image bool, links Links) (string, error) {
	switch {
	case dest == "" || dest == "#":
		return "", nil
	case dest[0] == '#' && !image:
		id, ok := ResolveAnchor(dest[1:], d.hasID)
		if !ok {
			return "", fmt.Errorf("link to missing heading %q", dest)
		}
		return "#" + id, nil
	case scheme(dest) != "" || dest[0] == '/' || links == nil:
		return "", nil // absolute: left to the renderer's scheme check
	}
	rest, fragment, _ := strings.Cut(dest, "#")
	p, query, _ := strings.Cut(rest, "?")
	if p == "" {
		return "", nil
	}
	if un, err := url.PathUnescape(p); err == nil {
		p = un
	}
	rel := path.Join(path.Dir(d.Path), p)
	if rel == ".." || strings.HasPrefix(rel, "../") {
		return "", fmt.Errorf("link %q points outside the content folder", dest)
	}
	var u string
	var err error
	if image {
		u, err = links.Image(rel)
	} else {
		u, err = links.Link(rel, fragment)
	}
	if u != "" && query != "" {
		u = addQuery(u, query)
	}
	return u, err
}

// addQuery puts query before the fragment of u.
func addQuery(u, query string) string {
	base, frag, hasFrag := strings.Cut(u, "#")
	if hasFrag {
		return base + "?" + query + "#" + frag
	}
	return base + "?" + query
}

// hasID reports whether a heading of the document has the given ID.
func (d *Document) hasID(id string) bool {
	for _, h := range d.Headings {
		if h.ID == id {
			return true
		}
	}
	return false
}
