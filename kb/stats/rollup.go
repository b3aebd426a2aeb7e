package stats

import (
	"cmp"
	"slices"
	"time"

	"persiankb/kb/store"
)

// ScanWindow is the span of events RollUpDay needs for day d: from Horizon before the day's
// start (to recognise sessions that began the day before) to Horizon after its end (to follow
// the day's sessions and searches past midnight).
func ScanWindow(d Day, loc *time.Location) (from, to time.Time) {
	return d.Start(loc).Add(-Horizon), d.End(loc).Add(Horizon)
}

// IsFinal reports whether day d's figures can no longer change at time now (late events
// aside): its session horizon is over.
func IsFinal(d Day, loc *time.Location, now time.Time) bool {
	_, to := ScanWindow(d, loc)
	return !now.Before(to)
}

// RollUpDay computes the roll-up of day d (days cut in loc) at time asOf from events, which must
// include every event of ScanWindow(d, loc); events outside it are ignored and their order does
// not matter. Windows still open at asOf are counted as pending, not as outcomes; after the
// horizon (IsFinal) nothing is pending.
func RollUpDay(d Day, loc *time.Location, events []store.Event, asOf time.Time) store.DayRollup {
	from, to := ScanWindow(d, loc)
	r := newDayRoll(d.Start(loc), d.End(loc), asOf, IsFinal(d, loc, asOf))
	if !slices.IsSortedFunc(events, compareEvents) {
		events = slices.Clone(events)
		slices.SortStableFunc(events, compareEvents)
	}
	sessions := map[string][]sev{}
	for _, e := range events {
		if e.OccurredAt.Before(from) || !e.OccurredAt.Before(to) {
			continue
		}
		ev := r.compact(e)
		if r.inDay(ev.at) {
			r.count(e, ev)
		}
		if e.SessionID != "" {
			sessions[e.SessionID] = append(sessions[e.SessionID], ev)
		}
	}
	for _, evs := range sessions {
		r.session(evs)
	}
	return r.result(d, asOf)
}

// compareEvents orders events by time, then by ID (insertion order).
func compareEvents(a, b store.Event) int {
	if c := a.OccurredAt.Compare(b.OccurredAt); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// Event kinds, compact.
const (
	kindOther uint8 = iota
	kindSearch
	kindResultClick
	kindArticleView
	kindHelpful
	kindSuggestShown
	kindSuggestClick
	kindSuggestSolved
	kindFormStarted
	kindFormSubmitted
)

var kinds = map[string]uint8{
	store.EventSearch: kindSearch, store.EventResultClick: kindResultClick,
	store.EventArticleView: kindArticleView, store.EventHelpful: kindHelpful,
	store.EventSuggestShown: kindSuggestShown, store.EventSuggestClick: kindSuggestClick,
	store.EventSuggestSolved: kindSuggestSolved, store.EventFormStarted: kindFormStarted,
	store.EventFormSubmitted: kindFormSubmitted,
}

// sev is what the roll-up keeps of one event of a session.
type sev struct {
	at      int64 // Unix ms
	kind    uint8
	holdout bool
	results int
	key     string // grouped query (searches and result clicks)
	slug    string
}

// dayRoll accumulates one day's roll-up.
type dayRoll struct {
	start, end, asOf int64 // Unix ms
	final            bool
	totals           store.DayTotals
	articles         map[string]*store.ArticleCounts
	queries          map[string]*store.QueryCounts
	keys             map[string]string // query as recorded → NormalizeQuery, computed once
}

func newDayRoll(start, end, asOf time.Time, final bool) *dayRoll {
	return &dayRoll{start: start.UnixMilli(), end: end.UnixMilli(), asOf: asOf.UnixMilli(), final: final,
		articles: map[string]*store.ArticleCounts{}, queries: map[string]*store.QueryCounts{}, keys: map[string]string{}}
}

func (r *dayRoll) inDay(ms int64) bool { return ms >= r.start && ms < r.end }

// settled reports whether a window ending at ms is over: its outcome is known.
func (r *dayRoll) settled(windowEnd int64) bool { return r.final || windowEnd <= r.asOf }

func (r *dayRoll) compact(e store.Event) sev {
	ev := sev{at: e.OccurredAt.UnixMilli(), kind: kinds[e.Type], holdout: e.Holdout, results: e.ResultCount, slug: e.Slug}
	if ev.kind == kindSearch || ev.kind == kindResultClick {
		ev.key = r.key(e)
	}
	return ev
}

// key is the grouping form of the event's query: its recorded NormQuery, else its Query,
// normalized again (idempotent), so events recorded by any version group alike.
func (r *dayRoll) key(e store.Event) string {
	q := e.NormQuery
	if q == "" {
		q = e.Query
	}
	k, ok := r.keys[q]
	if !ok {
		k = NormalizeQuery(q)
		r.keys[q] = k
	}
	return k
}

func (r *dayRoll) article(slug string) *store.ArticleCounts {
	a := r.articles[slug]
	if a == nil {
		a = &store.ArticleCounts{}
		r.articles[slug] = a
	}
	return a
}

// query returns the counters of a grouped query; nil for a query that normalizes to nothing.
func (r *dayRoll) query(key string) *store.QueryCounts {
	if key == "" {
		return nil
	}
	q := r.queries[key]
	if q == nil {
		q = &store.QueryCounts{}
		r.queries[key] = q
	}
	return q
}

// result is the accumulated roll-up, rows sorted by key.
func (r *dayRoll) result(d Day, asOf time.Time) store.DayRollup {
	out := store.DayRollup{Day: d.String(), RolledAt: asOf.UTC().Truncate(time.Millisecond), Final: r.final, Totals: r.totals}
	for slug, c := range r.articles {
		if slug != "" {
			out.Articles = append(out.Articles, store.ArticleRow{Slug: slug, ArticleCounts: *c})
		}
	}
	for key, c := range r.queries {
		out.Queries = append(out.Queries, store.QueryRow{Query: key, QueryCounts: *c})
	}
	slices.SortFunc(out.Articles, func(a, b store.ArticleRow) int { return cmp.Compare(a.Slug, b.Slug) })
	slices.SortFunc(out.Queries, func(a, b store.QueryRow) int { return cmp.Compare(a.Query, b.Query) })
	return out
}
