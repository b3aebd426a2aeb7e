package stats

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"persiankb/kb/store"
)

// tehran is the help center's zone: +03:30, so days are not cut at UTC midnight.
var tehran = time.FixedZone("Asia/Tehran", 3*3600+1800)

// day0 is the day most tests roll up.
var day0 = Date(2025, 3, 21)

// at is day0's start plus h hours and m minutes (h may be negative or past 24).
func at(h, m int) time.Time {
	return day0.Start(tehran).Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute)
}

// Event builders for hand-written sequences; sid "" is a Do-Not-Track visit.
func search(sid, q string, n int, t time.Time) store.Event {
	return store.Event{OccurredAt: t, Type: store.EventSearch, SessionID: sid, Query: q, ResultCount: n}
}

func click(sid, q, slug string, t time.Time) store.Event {
	return store.Event{OccurredAt: t, Type: store.EventResultClick, SessionID: sid, NormQuery: q, Slug: slug, Rank: 1}
}

func view(sid, slug, source string, t time.Time) store.Event {
	return store.Event{OccurredAt: t, Type: store.EventArticleView, SessionID: sid, Slug: slug, Source: source}
}

func vote(sid, slug, value string, t time.Time) store.Event {
	return store.Event{OccurredAt: t, Type: store.EventHelpful, SessionID: sid, Slug: slug, Value: value}
}

func formStart(sid string, holdout bool, t time.Time) store.Event {
	return store.Event{OccurredAt: t, Type: store.EventFormStarted, SessionID: sid, Holdout: holdout}
}

func submit(sid string, holdout bool, t time.Time) store.Event {
	return store.Event{OccurredAt: t, Type: store.EventFormSubmitted, SessionID: sid, Holdout: holdout}
}

func shown(sid string, t time.Time) store.Event {
	return store.Event{OccurredAt: t, Type: store.EventSuggestShown, SessionID: sid, NormQuery: "پرداخت", ResultCount: 3}
}

func suggestClick(sid, slug string, t time.Time) store.Event {
	return store.Event{OccurredAt: t, Type: store.EventSuggestClick, SessionID: sid, Slug: slug, Rank: 1}
}

func solved(sid, slug string, t time.Time) store.Event {
	return store.Event{OccurredAt: t, Type: store.EventSuggestSolved, SessionID: sid, Slug: slug}
}

// withIDs numbers events in the given order, as the store would.
func withIDs(events []store.Event) []store.Event {
	out := slices.Clone(events)
	for i := range out {
		out[i].ID = int64(i + 1)
	}
	return out
}

// checkCounters compares the named counters of a roll-up: "Sessions" is a DayTotals field,
// "article:SLUG.Views" an article's, "query:QUERY.Clicked" a grouped query's. Counters not
// named are not checked.
func checkCounters(t *testing.T, r store.DayRollup, want map[string]int64) {
	t.Helper()
	for name, w := range want {
		got, err := counter(r, name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
		} else if got != w {
			t.Errorf("%s = %d, want %d", name, got, w)
		}
	}
}

func counter(r store.DayRollup, name string) (int64, error) {
	var v reflect.Value
	switch {
	case strings.HasPrefix(name, "article:"):
		slug, field, _ := strings.Cut(strings.TrimPrefix(name, "article:"), ".")
		name = field
		v = reflect.ValueOf(store.ArticleCounts{})
		for _, a := range r.Articles {
			if a.Slug == slug {
				v = reflect.ValueOf(a.ArticleCounts)
			}
		}
	case strings.HasPrefix(name, "query:"):
		q, field, _ := strings.Cut(strings.TrimPrefix(name, "query:"), ".")
		name = field
		v = reflect.ValueOf(store.QueryCounts{})
		for _, row := range r.Queries {
			if row.Query == q {
				v = reflect.ValueOf(row.QueryCounts)
			}
		}
	default:
		v = reflect.ValueOf(r.Totals)
	}
	f := v.FieldByName(name)
	if !f.IsValid() {
		return 0, fmt.Errorf("no counter %q", name)
	}
	return f.Int(), nil
}
