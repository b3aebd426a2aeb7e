package site

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"persiankb/kb"
)

// categoryPage is the data of the category template.
type categoryPage struct {
	layout
	Category    *kb.Category
	Breadcrumbs []crumb
}

// showCategoryPage renders "/categories/:slug": the category's title, description and its public
// articles in display order.
func (s *Server) showCategoryPage(c *gin.Context, st *State) error {
	slug := c.Param("slug")
	cat, ok := st.Library.Category(slug)
	if !ok || slug == "" {
		return errNotFound(msgNotFound)
	}
	data := categoryPage{
		layout:      s.layout(categoryTitle(st.Library, cat.Slug)),
		Category:    cat,
		Breadcrumbs: []crumb{{Title: msgHomeCrumb, URL: "/"}, {Title: categoryTitle(st.Library, cat.Slug)}},
	}
	data.Description = cat.Description
	data.Canonical = absURL(s.cfg.BaseURL, kb.CategoryURL(cat.Slug))
	data.OG = &openGraph{Type: "website", Title: data.Title, Description: cat.Description, URL: data.Canonical}
	return s.render(c, http.StatusOK, tmplCategory, data)
}
