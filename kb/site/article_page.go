package site

import (
	"html/template"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"persiankb/kb"
)

// articlePage is the data of the article template.
type articlePage struct {
	layout
	Article     *kb.Article
	Breadcrumbs []crumb
	Body        template.HTML // the article's rendered HTML, sanitized by package kb
	TOC         []kb.Heading
	Related     []*kb.Article
	Meta        articleMeta  // updated date, contributors, edit link, live-preview problems
	Helpful     *helpfulForm // "was this helpful"; nil when events are not recorded
}

// showArticlePage renders "/articles/:slug". An old slug (alias) redirects with 301 to the
// current URL; drafts, internal and unknown articles are 404.
func (s *Server) showArticlePage(c *gin.Context, st *State) error {
	a, moved := resolveArticle(st.Library, c.Param("slug"))
	if a == nil {
		a = s.draftArticle(st.Library, c.Param("slug"))
	}
	if a == nil {
		return errNotFound(msgArticleNotFound)
	}
	if moved {
		c.Redirect(http.StatusMovedPermanently, withQuery(a.URL(), c.Request.URL.RawQuery))
		return nil
	}
	data := articlePage{
		layout:      s.layout(a.Title),
		Article:     a,
		Breadcrumbs: s.breadcrumbs(st.Library, a.Category, a.Title),
		Body:        template.HTML(a.HTML), // trusted: kb renders Markdown with raw HTML sanitized
		TOC:         a.TOC(),
		Related:     relatedArticles(st.Library, a, relatedLimit),
	}
	data.Description = a.Summary
	data.Canonical = absURL(s.cfg.BaseURL, a.URL())
	data.OG = s.articleOG(a)
	data.Meta = s.articleMeta(st, a)
	data.NoIndex = data.NoIndex || a.Draft
	if !data.Meta.Updated.IsZero() {
		data.OG.Modified = data.Meta.Updated.UTC().Format(time.RFC3339)
	}
	s.recordView(c, a)
	data.Helpful = s.helpfulForm(c, a.URL())
	return s.render(c, http.StatusOK, tmplArticle, data)
}

// breadcrumbs is the trail home › category › current page; the category is left out when the
// page has none.
func (s *Server) breadcrumbs(lib *kb.Library, category, title string) []crumb {
	trail := []crumb{{Title: msgHomeCrumb, URL: "/"}}
	if cat, ok := lib.Category(category); ok && category != "" {
		trail = append(trail, crumb{Title: categoryTitle(lib, cat.Slug), URL: kb.CategoryURL(cat.Slug)})
	}
	return append(trail, crumb{Title: title})
}
