package site

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"persiankb/kb"
)

// homePage is the data of the home template.
type homePage struct {
	layout
	Categories []categoryCard
	Recent     []*kb.Article
}

// showHomePage renders "/": the search box, the categories and the recently updated articles.
func (s *Server) showHomePage(c *gin.Context, st *State) error {
	data := homePage{
		layout:     s.layout(""),
		Categories: categoryCards(st.Library),
		Recent:     recentArticles(st.Library, recentLimit),
	}
	data.HeroSearch = true
	data.Description = msgHomeDescription
	data.Canonical = absURL(s.cfg.BaseURL, "/")
	data.OG = &openGraph{Type: "website", Title: s.cfg.SiteName, Description: msgHomeDescription, URL: data.Canonical}
	return s.render(c, http.StatusOK, tmplHome, data)
}
