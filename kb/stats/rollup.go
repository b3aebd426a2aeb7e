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
	if !slices.IsSortedFunc(events, compareEvents) {
		events = slices.Clone(events)
		slices.SortStableFunc(events, compareEvents)
	}
	b := newDayBuilder(d, loc)
	for _, e := range events {
		b.add(e)
	}
	return b.rollUp(asOf)
}

// dayBuilder is a day's roll-up built event by event, so that the Roller can keep a live day
// in memory and add only the events recorded since its last pass. It keeps what does not depend
// on the time of the roll-up: the counters kept by event time, and the sessions' events,
// compacted and in order. rollUp adds the sessions' outcomes as of a time.
type dayBuilder struct {
	d        Day
	from, to int64    // the scan window, Unix ms
	counted  *dayRoll // counters by event time, and the query keys
	sessions map[string][]sev
}

func newDayBuilder(d Day, loc *time.Location) *dayBuilder {
	from, to := ScanWindow(d, loc)
	return &dayBuilder{d: d, from: from.UnixMilli(), to: to.UnixMilli(),
		counted: newDayRoll(d.Start(loc), d.End(loc), time.Time{}, false), sessions: map[string][]sev{}}
}

// add adds one event; events outside the scan window, and an event of a session added before
// (same ID), are ignored. Events may come in any order: adding them in time order is fastest.
func (b *dayBuilder) add(e store.Event) {
	if at := e.OccurredAt.UnixMilli(); at < b.from || at >= b.to {
		return
	}
	ev := b.counted.compact(e)
	if e.SessionID != "" {
		evs := b.sessions[e.SessionID]
		i := len(evs) // from the end: events mostly come in order
		for i > 0 && compareSev(evs[i-1], ev) > 0 {
			i--
		}
		if i > 0 && evs[i-1].id == ev.id && ev.id != 0 {
			return
		}
		b.sessions[e.SessionID] = slices.Insert(evs, i, ev)
	}
	if b.counted.inDay(ev.at) {
		b.counted.count(e, ev)
	}
}

// compareSev orders a session's events as compareEvents does.
func compareSev(a, b sev) int { return cmp.Or(cmp.Compare(a.at, b.at), cmp.Compare(a.id, b.id)) }

// rollUp is the day's roll-up at time asOf, from the events added so far.
func (b *dayBuilder) rollUp(asOf time.Time) store.DayRollup {
	c := b.counted
	r := newDayRoll(time.UnixMilli(c.start), time.UnixMilli(c.end), asOf, !asOf.Before(time.UnixMilli(b.to)))
	r.totals, r.keys = c.totals, c.keys
	for slug, a := range c.articles {
		r.articles[slug] = new(*a)
	}
	for key, q := range c.queries {
		r.queries[key] = new(*q)
	}
	for _, evs := range b.sessions {
		r.session(evs)
	}
	return r.result(b.d, asOf)
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
	id      int64 // store.Event.ID: orders events of the same millisecond
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
	ev := sev{at: e.OccurredAt.UnixMilli(), id: e.ID, kind: kinds[e.Type], holdout: e.Holdout, results: e.ResultCount, slug: e.Slug}
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
