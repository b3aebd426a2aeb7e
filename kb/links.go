package kb

import (
	"fmt"
	"path"
	"strings"

	"persiankb/kb/markdown"
)

// linker resolves links between content files for markdown.Render, once every article of the
// library is known. It is read-only while rendering, so articles may render concurrently.
type linker struct {
	byPath  map[string]*Article // loaded articles by slash path
	leftOut map[string]string   // articles not loaded, by path: why
	files   map[string]bool     // non-Markdown files by slash path
	dirs    map[string]bool     // top-level folders (categories)
}

// from returns the links of one article: they know who links, to warn about public articles
// that link to internal ones.
func (l *linker) from(a *Article) markdown.Links {
	return articleLinks{l, a}
}

type articleLinks struct {
	*linker
	from *Article
}

// Link implements markdown.Links.
func (al articleLinks) Link(rel, fragment string) (string, error) {
	if a, ok := al.byPath[rel]; ok && a.Audience == AudienceInternal && al.from.Audience != AudienceInternal {
		u, _ := anchorURL(a, fragment)
		return u, fmt.Errorf("link to %s, %s", rel, internalLinkNote)
	}
	return al.linker.Link(rel, fragment)
}

// Link implements markdown.Links.
func (l *linker) Link(rel, fragment string) (string, error) {
	if a, ok := l.byPath[rel]; ok {
		return anchorURL(a, fragment)
	}
	if why, ok := l.leftOut[rel]; ok {
		return "", fmt.Errorf("link to %s, which is not published: %s", rel, why)
	}
	if dir := strings.TrimSuffix(rel, "/_index.md"); l.dirs[dir] {
		return CategoryURL(dir), nil
	}
	switch {
	case strings.EqualFold(path.Ext(rel), ".md"):
		return "", fmt.Errorf("link to missing article %s", rel)
	case !l.files[rel]:
		return "", fmt.Errorf("link to missing file %s", rel)
	case !assetAllowed(rel):
		return "", fmt.Errorf("link to %s: files of type %q are not served", rel, path.Ext(rel))
	}
	return MediaURL(rel), nil
}

// Image implements markdown.Links.
func (l *linker) Image(rel string) (string, error) {
	switch {
	case !l.files[rel]:
		return "", fmt.Errorf("missing image %s", rel)
	case !imageAllowed(rel):
		return "", fmt.Errorf("image %s is not served: use PNG, JPEG, GIF or WebP (SVG can carry scripts)", rel)
	}
	return MediaURL(rel), nil
}

// anchorURL is the URL of a, pointing at the heading fragment names (its ID or its text).
func anchorURL(a *Article, fragment string) (string, error) {
	if fragment == "" {
		return a.URL(), nil
	}
	id, ok := markdown.ResolveAnchor(fragment, func(id string) bool {
		for _, h := range a.Headings {
			if h.ID == id {
				return true
			}
		}
		return false
	})
	if !ok {
		return a.URL(), fmt.Errorf("link to missing heading #%s in %s", fragment, a.Path)
	}
	return a.URL() + "#" + id, nil
}
