package site

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"persiankb/kb"
)

// maxContributors is how many contributors an article page names: the people a reader might
// thank or ask, not the full log.
const maxContributors = 8

// EditPathPlaceholder is replaced in Config.EditURL by the article's file path, relative to the
// content folder.
const EditPathPlaceholder = "{path}"

// articleMeta is what the article page shows about the article's file: when it last changed,
// who wrote it, where to edit it and, in live preview, the file's problems.
type articleMeta struct {
	Updated      time.Time
	Contributors []string
	More         int // contributors not named
	EditURL      string
	Problems     []kb.Problem // live preview only: errors and warnings of the article's file
	Broken       bool         // the file has errors: the page shows its last good version
}

// articleMeta gathers the meta of a. The updated date is the front matter's `updated` when set
// (a writer's statement that the text was reviewed, which a typo fix or a mass rename in git
// should not override), else the author date of the file's last commit, else the file time.
func (s *Server) articleMeta(st *State, a *kb.Article) articleMeta {
	m := articleMeta{EditURL: EditURL(s.cfg.EditURL, a.Path)}
	if u := articleUpdated(st, a); !u.IsZero() {
		m.Updated = u.In(iranZone())
	}
	if st.History != nil {
		if f, ok := st.History.File(a.Path); ok {
			seen := make(map[string]bool, len(f.Contributors))
			for _, c := range f.Contributors {
				switch {
				case seen[c.Name] || c.Name == "":
				case len(m.Contributors) == maxContributors:
					m.More++
				default:
					seen[c.Name] = true
					m.Contributors = append(m.Contributors, c.Name)
				}
			}
		}
	}
	if s.cfg.Live {
		for _, p := range st.Library.Problems {
			if p.Path == a.Path {
				m.Problems = append(m.Problems, p)
				m.Broken = m.Broken || !p.Warning
			}
		}
	}
	return m
}

// articleUpdated is the article's updated date as articleMeta decides it, for feeds and sitemaps.
func articleUpdated(st *State, a *kb.Article) time.Time {
	if !a.Updated.IsZero() || st.History == nil {
		return a.Updated
	}
	f, _ := st.History.File(a.Path)
	return f.Updated
}

// iranZone is Iran Standard Time. Iran has kept UTC+03:30 all year since 2022; a fixed zone
// needs no time zone database on the server.
func iranZone() *time.Location { return time.FixedZone("+0330", 3*3600+30*60) }

// EditURL fills pattern's {path} with the file path rel (each segment escaped); "" when pattern
// is "".
func EditURL(pattern, rel string) string {
	if pattern == "" {
		return ""
	}
	parts := strings.Split(rel, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.ReplaceAll(pattern, EditPathPlaceholder, strings.Join(parts, "/"))
}

// CheckEditURL accepts "" or an absolute http(s) URL pattern containing {path}.
func CheckEditURL(pattern string) error {
	if pattern == "" {
		return nil
	}
	u, err := url.Parse(strings.ReplaceAll(pattern, EditPathPlaceholder, "x"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || !strings.Contains(pattern, EditPathPlaceholder) {
		return fmt.Errorf("site: edit URL %q must be an absolute http(s) URL with %s in it, such as https://git.example.com/help/edit/main/content/%s",
			pattern, EditPathPlaceholder, EditPathPlaceholder)
	}
	return nil
}

// draftArticle returns the draft with the given slug when drafts are served (kb serve
// --drafts): a writer previews it at its URL; it is never listed, searched or put in feeds.
func (s *Server) draftArticle(lib *kb.Library, slug string) *kb.Article {
	if !s.cfg.Drafts {
		return nil
	}
	if a, ok := lib.Article(slug); ok && a.Draft && a.Audience != kb.AudienceInternal {
		return a
	}
	return nil
}
