package site

import (
	"encoding/xml"
	"sort"
	"time"

	"github.com/gin-gonic/gin"

	"persiankb/kb"
)

// FeedPath is the Atom feed of recently updated articles.
const FeedPath = "/feed.atom"

// feedEntries is how many articles the feed lists: feed readers keep their own history, so the
// last few dozen changes are enough.
const feedEntries = 30

// atomFeed is an RFC 4287 Atom feed.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomPerson  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID       string        `xml:"id"`
	Title    string        `xml:"title"`
	Updated  string        `xml:"updated"`
	Link     atomLink      `xml:"link"`
	Summary  string        `xml:"summary,omitempty"`
	Authors  []atomPerson  `xml:"author,omitempty"`
	Category *atomCategory `xml:"category,omitempty"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

// atomEpoch dates a feed with no dated article: Atom requires an updated date.
const atomEpoch = "1970-01-01T00:00:00Z"

// showFeed answers GET /feed.atom: the most recently updated public articles, newest first.
// Articles without any date are left out. Like the sitemap, it needs the base URL.
func (s *Server) showFeed(c *gin.Context, st *State) error {
	if s.cfg.BaseURL == "" {
		return errNotFound(msgNotFound)
	}
	type dated struct {
		a *kb.Article
		t time.Time
	}
	var as []dated
	for _, a := range st.Library.Articles {
		if t := articleUpdated(st, a); a.Public() && !t.IsZero() {
			as = append(as, dated{a, t})
		}
	}
	sort.SliceStable(as, func(i, j int) bool { return as[i].t.After(as[j].t) })
	as = as[:min(len(as), feedEntries)]
	f := atomFeed{
		Lang: "fa", ID: s.cfg.BaseURL + "/", Title: s.cfg.SiteName, Updated: atomEpoch,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: s.cfg.BaseURL + FeedPath},
			{Rel: "alternate", Type: "text/html", Href: s.cfg.BaseURL + "/"},
		},
		Author: atomPerson{Name: s.cfg.SiteName},
	}
	if len(as) > 0 {
		f.Updated = w3cDate(as[0].t)
	}
	for _, d := range as {
		f.Entries = append(f.Entries, s.feedEntry(st, d.a, d.t))
	}
	return s.writeXML(c, "application/atom+xml; charset=utf-8", f)
}

// feedEntry describes one article; its authors are its contributors from git, when known.
func (s *Server) feedEntry(st *State, a *kb.Article, t time.Time) atomEntry {
	u := s.cfg.BaseURL + a.URL()
	e := atomEntry{ID: u, Title: a.Title, Updated: w3cDate(t), Summary: a.Summary,
		Link: atomLink{Rel: "alternate", Type: "text/html", Href: u}}
	for _, name := range s.articleMeta(st, a).Contributors {
		e.Authors = append(e.Authors, atomPerson{Name: name})
	}
	if a.Category != "" {
		e.Category = &atomCategory{Term: a.Category, Label: categoryTitle(st.Library, a.Category)}
	}
	return e
}
