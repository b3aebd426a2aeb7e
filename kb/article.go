// Package kb loads a help center's Markdown articles: front matter, categories, rendering and checks.
package kb

import (
	"fmt"
	"net/url"
	"time"
)

// Audience values for Article.Audience.
const (
	AudiencePublic   = "public"
	AudienceInternal = "internal" // agents and API tokens only (issue 6)
)

// Article is one help article, parsed and rendered.
type Article struct {
	Path     string // slash path relative to the content root, e.g. "billing/refund.md"
	Slug     string // URL slug, unique in the library; may be Persian
	Category string // category slug (the folder name); "" for files at the root
	Title    string
	Summary  string
	Tags     []string
	Keywords []string // extra search terms, never shown
	Aliases  []string // old slugs that redirect (301) to Slug
	Draft    bool
	Order    int
	Audience string    // AudiencePublic (default) or AudienceInternal
	Updated  time.Time // zero when unknown

	Source   []byte    // Markdown body without the front matter, while loading; nil in a Library
	HTML     string    // rendered and sanitized HTML of the body
	Text     string    // plain text of the body (no Markdown syntax), for indexing and snippets
	Headings []Heading // every heading of the body in order, with its unique anchor ID
	Hash     string    // hex SHA-256 of the file's bytes
}

// Heading is one heading of an article body.
type Heading struct {
	Level int
	Text  string
	ID    string // anchor, unique within the article, human-readable (Persian kept)
}

// Category is a folder of articles, described by its _index.md.
type Category struct {
	Slug        string // folder name
	Title       string
	Description string
	Order       int
	Articles    []*Article // published articles in display order
}

// Problem is an error or warning found in a content file.
type Problem struct {
	Path    string // slash path relative to the content root
	Line    int    // 1-based; 0 when the problem is about the whole file
	Message string
	Warning bool // warnings do not stop an article from being published
}

func (p Problem) Error() string {
	if p.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", p.Path, p.Line, p.Message)
	}
	return fmt.Sprintf("%s: %s", p.Path, p.Message)
}

// ArticleURL is the site path of the article with the given slug, escaped for use in links.
func ArticleURL(slug string) string {
	return "/articles/" + url.PathEscape(slug)
}

// CategoryURL is the site path of a category page.
func CategoryURL(slug string) string {
	return "/categories/" + url.PathEscape(slug)
}

// MediaURL is the site path of a file (an image) under the content root, given its slash path.
func MediaURL(rel string) string {
	return "/media/" + (&url.URL{Path: rel}).EscapedPath()
}

// URL is the article's site path.
func (a *Article) URL() string { return ArticleURL(a.Slug) }

// Public reports whether the article may appear on public pages, search and feeds.
func (a *Article) Public() bool { return a.Audience != AudienceInternal && !a.Draft }
