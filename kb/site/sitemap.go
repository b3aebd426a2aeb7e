package site

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"persiankb/kb"
)

// maxSitemapURLs is the sitemaps.org limit for one file; a bigger help center would need a
// sitemap index, which no help center of this kind approaches.
const maxSitemapURLs = 50000

// sitemapURLSet is a sitemaps.org 0.9 document.
type sitemapURLSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

// showSitemap answers GET /sitemap.xml: the home page, every category with public articles and
// every public article, with the date each last changed. Drafts and internal articles are left
// out. It needs the base URL (sitemaps hold absolute URLs) and is 404 without one.
func (s *Server) showSitemap(c *gin.Context, st *State) error {
	if s.cfg.BaseURL == "" {
		return errNotFound(msgNotFound)
	}
	var set sitemapURLSet
	var newest time.Time
	add := func(path string, t time.Time) {
		if len(set.URLs) < maxSitemapURLs {
			set.URLs = append(set.URLs, sitemapURL{Loc: s.cfg.BaseURL + path, LastMod: w3cDate(t)})
		}
	}
	add("/", time.Time{}) // dated below, once the newest article is known
	for _, cat := range st.Library.Categories {
		if cat.Slug == "" || len(cat.Articles) == 0 {
			continue // Category.Articles holds public articles only
		}
		var catNewest time.Time
		for _, a := range cat.Articles {
			catNewest = later(catNewest, articleUpdated(st, a))
		}
		add(kb.CategoryURL(cat.Slug), catNewest)
		newest = later(newest, catNewest)
	}
	for _, a := range st.Library.Articles {
		if a.Public() {
			t := articleUpdated(st, a)
			add(a.URL(), t)
			newest = later(newest, t)
		}
	}
	set.URLs[0].LastMod = w3cDate(newest)
	return s.writeXML(c, "application/xml; charset=utf-8", set)
}

// later returns the later of two times.
func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// w3cDate formats t for sitemaps and feeds (RFC 3339 in UTC); "" for the zero time.
func w3cDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// writeXML encodes v as an XML document into a buffer first, so that an encoding error is a
// clean 500, and writes it with the given content type.
func (s *Server) writeXML(c *gin.Context, contentType string, v any) error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", " ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("site: encode %s: %w", c.Request.URL.Path, err)
	}
	buf.WriteByte('\n')
	c.Header("Cache-Control", "public, max-age=300") // crawlers and feed readers poll; content changes rarely
	c.Data(http.StatusOK, contentType, buf.Bytes())
	return nil
}
