package site

import (
	"fmt"
	"html/template"
	"net/http"

	"github.com/gin-gonic/gin"
	"golang.org/x/text/unicode/norm"

	"persiankb/kb"
)

// agentArticlePage is the data of an article opened in the agent view.
type agentArticlePage struct {
	layout
	staffHead
	Article       *kb.Article
	CategoryTitle string
	PublicURL     string // the public page; "" for internal articles and drafts
	Share         shareView
	Sections      []agentSection
	Body          template.HTML // the article's rendered HTML, sanitized by package kb
	NoBaseURL     bool
}

// agentSection is one heading of the article with its copy fields.
type agentSection struct {
	Level int
	Text  string
	ID    string
	Share shareView
}

// showAgentArticle renders /agent/articles/:slug: any article of the library, internal ones
// included, with copy fields for the article and for each of its sections. Old slugs redirect.
func (s *Server) showAgentArticle(c *gin.Context, st *State) error {
	a, moved := resolveAgentArticle(st.Library, c.Param("slug"))
	if a == nil {
		return errNotFound(msgArticleNotFound)
	}
	if moved {
		c.Redirect(http.StatusMovedPermanently, agentArticleURL(a.Slug))
		return nil
	}
	data := agentArticlePage{
		layout: s.staffLayout(a.Title + " | " + msgAgentTitle), staffHead: s.staffHead(c),
		Article: a, CategoryTitle: categoryTitle(st.Library, a.Category),
		Share: newShareView("article", articleShare(s.cfg.BaseURL, a)),
		Body:  template.HTML(a.HTML), // trusted: kb renders Markdown with raw HTML sanitized
	}
	data.NoBaseURL = s.cfg.BaseURL == ""
	data.Scripts = []string{agentScript}
	if a.Public() {
		data.PublicURL = a.URL()
	}
	for i, h := range a.Headings {
		data.Sections = append(data.Sections, s.newAgentSection(fmt.Sprintf("section-%d", i+1), a, h))
	}
	return s.render(c, http.StatusOK, tmplAgentArt, data)
}

// newAgentSection is heading h of a with its copy fields, whose element IDs start with id.
func (s *Server) newAgentSection(id string, a *kb.Article, h kb.Heading) agentSection {
	sv := newShareView(id, sectionShare(s.cfg.BaseURL, a, h))
	sv.Section = true
	return agentSection{Level: h.Level, Text: h.Text, ID: h.ID, Share: sv}
}

// resolveAgentArticle finds any article of the library for a slug, as resolveArticle does for
// public ones: moved reports an old alias or a non-NFC spelling.
func resolveAgentArticle(lib *kb.Library, slug string) (a *kb.Article, moved bool) {
	if a, ok := lib.Article(slug); ok {
		return a, false
	}
	if cur, ok := lib.Redirect(slug); ok {
		a, _ := lib.Article(cur)
		return a, a != nil
	}
	if n := norm.NFC.String(slug); n != slug {
		if a, _ := resolveAgentArticle(lib, n); a != nil {
			return a, true
		}
	}
	return nil, false
}
