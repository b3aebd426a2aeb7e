package site

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"persiankb/kb"
)

// articleResponse is the body of GET /api/articles/:slug.
type articleResponse struct {
	Slug     string    `json:"slug"`
	Title    string    `json:"title"`
	Summary  string    `json:"summary"`
	Category string    `json:"category"`
	Tags     []string  `json:"tags"`
	URL      string    `json:"url"`
	Updated  string    `json:"updated,omitempty"` // RFC 3339; left out when unknown
	HTML     string    `json:"html"`
	Sections []section `json:"sections"`
}

// section is one heading of an article, with a link straight to it.
type section struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Level int    `json:"level"`
	URL   string `json:"url"` // the article URL with #id
}

// apiArticlePrefix is the path of the article API; an old slug redirects within it.
const apiArticlePrefix = "/api/articles/"

// articleAPI answers GET /api/articles/:slug with the article's metadata, HTML and sections.
func (s *Server) articleAPI(c *gin.Context, st *State) error {
	a, moved := resolveArticle(st.Library, c.Param("slug"))
	if a == nil {
		return errNotFound(msgArticleNotFound)
	}
	if moved {
		c.Redirect(http.StatusMovedPermanently, withQuery(apiArticlePrefix+url.PathEscape(a.Slug), c.Request.URL.RawQuery))
		return nil
	}
	s.recordPanelView(c, a.Slug)
	s.writeJSON(c, http.StatusOK, newArticleResponse(a))
	return nil
}

func newArticleResponse(a *kb.Article) articleResponse {
	out := articleResponse{
		Slug: a.Slug, Title: a.Title, Summary: a.Summary, Category: a.Category,
		Tags: append([]string{}, a.Tags...), URL: a.URL(), HTML: a.HTML,
		Sections: make([]section, 0, len(a.Headings)),
	}
	if !a.Updated.IsZero() {
		out.Updated = a.Updated.UTC().Format(time.RFC3339)
	}
	for _, h := range a.Headings {
		out.Sections = append(out.Sections, section{
			ID: h.ID, Title: h.Text, Level: h.Level,
			URL: a.URL() + "#" + (&url.URL{Fragment: h.ID}).EscapedFragment(),
		})
	}
	return out
}
