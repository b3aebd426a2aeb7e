package site

import (
	"net/http"
	"net/url"
	"time"

	"github.com/gin-gonic/gin"

	"persiankb/kb"
)

// v1Article is the body of GET /api/v1/articles/{slug}.
type v1Article struct {
	Slug     string      `json:"slug"`
	Title    string      `json:"title"`
	Summary  string      `json:"summary"`
	Category string      `json:"category"`
	Tags     []string    `json:"tags"`
	URL      string      `json:"url"`
	Updated  string      `json:"updated,omitempty"` // RFC 3339; left out when unknown
	HTML     string      `json:"html"`
	Sections []v1Section `json:"sections"`
	Audience string      `json:"audience,omitempty"`
	Share    *v1Share    `json:"share,omitempty"`
}

// v1Section is one heading of an article, with a link straight to it.
type v1Section struct {
	ID    string   `json:"id"`
	Title string   `json:"title"`
	Level int      `json:"level"`
	URL   string   `json:"url"`
	Share *v1Share `json:"share,omitempty"`
}

// v1CategoryList is the body of GET /api/v1/categories.
type v1CategoryList struct {
	Categories []v1Category `json:"categories"`
}

// v1Category is one category with the number of articles the caller may read in it.
type v1Category struct {
	Slug        string `json:"slug"`
	Title       string `json:"title"`
	Description string `json:"description"`
	URL         string `json:"url"`
	Articles    int    `json:"articles"`
}

// apiV1Article answers GET /api/v1/articles/{slug}: the article with its sections. An old slug
// redirects (301) within the API; internal articles are 404 without a token.
func (s *Server) apiV1Article(c *gin.Context, st *State) error {
	acc, err := s.apiV1Access(c)
	if err != nil {
		return err
	}
	resolve := resolveArticle
	if acc.internal {
		resolve = resolveAgentArticle
	}
	a, moved := resolve(st.Library, c.Param("slug"))
	if a == nil {
		return errNotFound(msgArticleNotFound)
	}
	if moved {
		c.Redirect(http.StatusMovedPermanently, withQuery(apiV1Prefix+"/articles/"+url.PathEscape(a.Slug), c.Request.URL.RawQuery))
		return nil
	}
	s.writeJSON(c, http.StatusOK, newV1Article(acc, st, a))
	return nil
}

func newV1Article(acc apiAccess, st *State, a *kb.Article) v1Article {
	out := v1Article{
		Slug: a.Slug, Title: a.Title, Summary: a.Summary, Category: a.Category,
		Tags: append([]string{}, a.Tags...), URL: v1URL(acc, a), HTML: a.HTML,
		Sections: make([]v1Section, 0, len(a.Headings)),
	}
	if t := articleUpdated(st, a); !t.IsZero() {
		out.Updated = t.UTC().Format(time.RFC3339)
	}
	if acc.internal {
		out.Audience = audience(a)
		out.Share = newV1Share(articleShare(acc.base, a))
	}
	for _, h := range a.Headings {
		sec := v1Section{ID: h.ID, Title: h.Text, Level: h.Level,
			URL: out.URL + "#" + (&url.URL{Fragment: h.ID}).EscapedFragment()}
		if acc.internal {
			sec.Share = newV1Share(sectionShare(acc.base, a, h))
		}
		out.Sections = append(out.Sections, sec)
	}
	return out
}

// apiV1Categories answers GET /api/v1/categories: the categories in display order, each with
// the number of articles the caller may read; categories with none are left out.
func (s *Server) apiV1Categories(c *gin.Context, st *State) error {
	acc, err := s.apiV1Access(c)
	if err != nil {
		return err
	}
	counts := map[string]int{}
	for _, a := range st.Library.Articles {
		if a.Public() || (acc.internal && a.Audience == kb.AudienceInternal && !a.Draft) {
			counts[a.Category]++
		}
	}
	out := v1CategoryList{Categories: []v1Category{}}
	for _, cat := range st.Library.Categories {
		if n := counts[cat.Slug]; n > 0 && cat.Slug != "" {
			out.Categories = append(out.Categories, v1Category{
				Slug: cat.Slug, Title: cat.Title, Description: cat.Description,
				URL: acc.base + kb.CategoryURL(cat.Slug), Articles: n,
			})
		}
	}
	s.writeJSON(c, http.StatusOK, out)
	return nil
}
