package site

import (
	"encoding/xml"
	"unicode/utf8"

	"github.com/gin-gonic/gin"
)

// OpenSearchPath is the OpenSearch description that lets browsers search the help center from
// the address bar; the layout links it with <link rel="search">.
const OpenSearchPath = "/opensearch.xml"

// openSearchShortNameRunes is the OpenSearch 1.1 limit on ShortName.
const openSearchShortNameRunes = 16

// openSearchDescription is an OpenSearch 1.1 description document.
type openSearchDescription struct {
	XMLName       xml.Name        `xml:"http://a9.com/-/spec/opensearch/1.1/ OpenSearchDescription"`
	ShortName     string          `xml:"ShortName"`
	Description   string          `xml:"Description"`
	InputEncoding string          `xml:"InputEncoding"`
	Language      string          `xml:"Language"`
	Image         openSearchImage `xml:"Image"`
	URLs          []openSearchURL `xml:"Url"`
}

type openSearchImage struct {
	Width  int    `xml:"width,attr"`
	Height int    `xml:"height,attr"`
	Type   string `xml:"type,attr"`
	URL    string `xml:",chardata"`
}

type openSearchURL struct {
	Type     string `xml:"type,attr"`
	Rel      string `xml:"rel,attr,omitempty"`
	Method   string `xml:"method,attr,omitempty"`
	Template string `xml:"template,attr"`
}

// showOpenSearch answers GET /opensearch.xml. Browsers need absolute URLs, so it is 404 without
// a base URL.
func (s *Server) showOpenSearch(c *gin.Context, _ *State) error {
	if s.cfg.BaseURL == "" {
		return errNotFound(msgNotFound)
	}
	th, err := s.currentTheme()
	if err != nil {
		return err
	}
	icon, err := th.assets.url("img/favicon.svg")
	if err != nil {
		return err
	}
	d := openSearchDescription{
		ShortName:     truncateRunes(s.cfg.SiteName, openSearchShortNameRunes),
		Description:   msgOpenSearchDescription + " " + s.cfg.SiteName,
		InputEncoding: "UTF-8",
		Language:      "fa",
		Image:         openSearchImage{Width: 32, Height: 32, Type: "image/svg+xml", URL: s.cfg.BaseURL + icon},
		URLs: []openSearchURL{
			{Type: "text/html", Method: "get", Template: s.cfg.BaseURL + "/search?q={searchTerms}"},
			{Type: "application/opensearchdescription+xml", Rel: "self", Template: s.cfg.BaseURL + OpenSearchPath},
		},
	}
	return s.writeXML(c, "application/opensearchdescription+xml; charset=utf-8", d)
}

// msgOpenSearchDescription is how a browser describes the search engine it adds.
const msgOpenSearchDescription = "جستجو در"

// truncateRunes cuts s to at most n runes.
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for pos := range s {
		if i == n {
			return s[:pos]
		}
		i++
	}
	return s
}
