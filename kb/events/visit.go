package events

import (
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"persiankb/kb/stats"
	"persiankb/kb/store"
)

// Bounds on the text an event carries: what the site accepts anyway (a search query is at
// most 256 characters), and a reason is a short answer, not a letter.
const (
	MaxQueryRunes  = 256
	MaxSlugRunes   = 200
	MaxReasonRunes = 300
)

// Visit is who does something on the site, as far as events know: an anonymous session, or
// nobody (Do-Not-Track/GPC). Its methods build the events of issue 5.
type Visit struct {
	SessionID string // "" for a Do-Not-Track/GPC visit
	Holdout   bool   // the session gets no suggestions on the ticket form
}

// NewVisit is the visit of a request with the given headers and session cookie value ("" if
// none). A Do-Not-Track/GPC request gets no session even if it sends a cookie; otherwise a
// valid cookie continues its session, and anything else starts a new one: isNew says the site
// must set the cookie (SessionCookie, Max-Age SessionIdle, HttpOnly, SameSite=Lax).
func NewVisit(h http.Header, cookie string, holdout Holdout) (v Visit, isNew bool) {
	if DoNotTrack(h) {
		return Visit{}, false
	}
	if !ValidSessionID(cookie) {
		cookie, isNew = NewSessionID(), true
	}
	return Visit{SessionID: cookie, Holdout: holdout.Contains(cookie)}, isNew
}

func (v Visit) event(at time.Time, typ string) store.Event {
	return store.Event{OccurredAt: at, Type: typ, SessionID: v.SessionID, Holdout: v.Holdout}
}

// Search is a search made on the search page, with its number of results.
func (v Visit) Search(at time.Time, query string, results int) store.Event {
	e := v.event(at, store.EventSearch)
	e.Query, e.NormQuery, e.ResultCount = clip(query, MaxQueryRunes), stats.NormalizeQuery(query), results
	return e
}

// ResultClick is a click on the result at rank (1-based) of a search for query.
func (v Visit) ResultClick(at time.Time, query, slug string, rank int) store.Event {
	e := v.event(at, store.EventResultClick)
	e.NormQuery, e.Slug, e.Rank = stats.NormalizeQuery(query), clip(slug, MaxSlugRunes), rank
	return e
}

// ArticleView is an article page shown; source is one of the store.Source* constants.
func (v Visit) ArticleView(at time.Time, slug, source string) store.Event {
	e := v.event(at, store.EventArticleView)
	e.Slug, e.Source = clip(slug, MaxSlugRunes), source
	return e
}

// Helpful is a "was this helpful" answer, with an optional reason.
func (v Visit) Helpful(at time.Time, slug string, yes bool, reason string) store.Event {
	e := v.event(at, store.EventHelpful)
	e.Slug, e.Value, e.Reason = clip(slug, MaxSlugRunes), "no", clip(reason, MaxReasonRunes)
	if yes {
		e.Value = "yes"
	}
	return e
}

// SuggestShown is a list of suggestions shown on the ticket form for what the visitor typed.
func (v Visit) SuggestShown(at time.Time, query string, results int) store.Event {
	e := v.event(at, store.EventSuggestShown)
	e.NormQuery, e.ResultCount = stats.NormalizeQuery(query), results
	return e
}

// SuggestClick is a click on the suggestion at rank (1-based).
func (v Visit) SuggestClick(at time.Time, slug string, rank int) store.Event {
	e := v.event(at, store.EventSuggestClick)
	e.Slug, e.Rank = clip(slug, MaxSlugRunes), rank
	return e
}

// SuggestSolved is a "this solved my problem" click on a suggested article.
func (v Visit) SuggestSolved(at time.Time, slug string) store.Event {
	e := v.event(at, store.EventSuggestSolved)
	e.Slug = clip(slug, MaxSlugRunes)
	return e
}

// FormStarted is the ticket form shown to the visitor.
func (v Visit) FormStarted(at time.Time) store.Event { return v.event(at, store.EventFormStarted) }

// FormSubmitted is a ticket submitted (after the store committed it).
func (v Visit) FormSubmitted(at time.Time) store.Event { return v.event(at, store.EventFormSubmitted) }

// clip makes s valid UTF-8 of at most n runes, trimmed of surrounding space.
func clip(s string, n int) string {
	s = strings.TrimSpace(strings.ToValidUTF8(s, ""))
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i, count := 0, 0
	for i = range s {
		if count == n {
			break
		}
		count++
	}
	return strings.TrimSpace(s[:i])
}
