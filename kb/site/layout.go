package site

import (
	"time"

	"persiankb/kb"
)

// layout is the data every page gives the layout template: head tags and the header.
type layout struct {
	SiteName    string
	Title       string // page title without the site name; "" on the home page
	Description string // meta description; "" leaves the tag out
	Canonical   string // absolute canonical URL; "" without a configured base URL
	NoIndex     bool   // ask search engines not to index (search results, error pages)
	Query       string // echoed in the header search box
	HeroSearch  bool   // the page has its own big search box, so the header has none
	OG          *openGraph
	Live        bool     // live preview: the page loads the reload script and the overlay style
	Scripts     []string // the page's own theme scripts besides js/site.js, e.g. "js/tickets.js"
	Styles      []string // the page's own theme stylesheets besides css/site.css
}

// openGraph holds the Open Graph (and Twitter card) tags that give links pasted into messengers
// a preview.
type openGraph struct {
	Type        string // "website" or "article"
	Title       string
	Description string
	URL         string // absolute; "" leaves og:url out
	Modified    string // RFC 3339, articles only
}

// crumb is one step of a breadcrumb trail; the last one (the current page) has no URL.
type crumb struct {
	Title string
	URL   string
}

func (s *Server) layout(title string) layout {
	return layout{SiteName: s.cfg.SiteName, Title: title, Live: s.live != nil}
}

// articleOG is the Open Graph description of an article page.
func (s *Server) articleOG(a *kb.Article) *openGraph {
	og := &openGraph{Type: "article", Title: a.Title, Description: a.Summary, URL: absURL(s.cfg.BaseURL, a.URL())}
	if !a.Updated.IsZero() {
		og.Modified = a.Updated.UTC().Format(time.RFC3339)
	}
	return og
}
