package store

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// RollupStore keeps the daily roll-ups of the events table that the dashboard and `kb report`
// read instead of raw events (issue 5). kb/stats computes them; the store only keeps them.
// Days are "YYYY-MM-DD" strings in the roll-up time zone; ranges are inclusive.
type RollupStore interface {
	// ReplaceDay stores the roll-up of one day, replacing whatever that day had, in one
	// transaction: readers see the old figures or the new ones, never a mix.
	ReplaceDay(ctx context.Context, r DayRollup) error
	// PatchDay stores the roll-up r of a day whose stored roll-up is prev, writing only what
	// differs: the day's totals, the article and query rows that changed or appeared, and the
	// deletion of the rows r no longer has; in one transaction. When the stored roll-up is no
	// longer prev (its RolledAt differs: another process rolled the day up since), it writes
	// nothing and returns false, and the caller uses ReplaceDay.
	PatchDay(ctx context.Context, prev, r DayRollup) (bool, error)
	// Days returns the totals of the rolled-up days first..last, in day order; Articles and
	// Queries are left nil. Days never rolled up are absent.
	Days(ctx context.Context, first, last string) ([]DayRollup, error)
	// ArticleTotals sums the article counters of days first..last, one row per slug, by slug.
	ArticleTotals(ctx context.Context, first, last string) ([]ArticleRow, error)
	// QueryTotals sums the query counters of days first..last per query and returns the top
	// limit rows in the given order (rows whose ordering counter is 0 are left out, except with
	// BySearches), ties broken by query.
	QueryTotals(ctx context.Context, first, last string, order QueryOrder, limit int) ([]QueryRow, error)

	// EventHoursSince returns the distinct hours (Unix ms / 3,600,000, UTC) in which the events
	// with an ID above afterID occurred, and the highest such ID (afterID when there is none):
	// what the roll-up must redo since it last looked. Event IDs only grow: a batch committed
	// later has higher IDs than any event already visible.
	EventHoursSince(ctx context.Context, afterID int64) (hours []int64, lastID int64, err error)
	// ScanEventsSince calls fn for each event with an ID above afterID, in ID order: the events
	// added since a roll-up last looked, for a roll-up kept in memory between passes. The same
	// ordering promise as EventHoursSince holds.
	ScanEventsSince(ctx context.Context, afterID int64, fn func(Event) error) error
	// RollupState and SetRollupState keep the roll-up's bookkeeping.
	RollupState(ctx context.Context) (RollupState, error)
	SetRollupState(ctx context.Context, st RollupState) error
}

// RollupState is where the roll-up stands.
type RollupState struct {
	LastEventID int64  // events up to this ID are reflected in the roll-ups
	TimeZone    string // IANA name of the zone days are cut in; "" before the first roll-up
}

// diffRows returns the rows of next that are not in prev as they are (changed or new), and the
// keys of prev's rows that next no longer has, sorted: what PatchDay writes.
func diffRows[R comparable](prev, next []R, key func(R) string) (changed []R, gone []string) {
	old := make(map[string]R, len(prev))
	for _, r := range prev {
		old[key(r)] = r
	}
	for _, r := range next {
		if o, ok := old[key(r)]; !ok || o != r {
			changed = append(changed, r)
		}
		delete(old, key(r))
	}
	for k := range old {
		gone = append(gone, k)
	}
	slices.Sort(gone)
	return changed, gone
}

func articleSlug(a ArticleRow) string { return a.Slug }
func queryKey(q QueryRow) string      { return q.Query }

// checkPatch is PatchDay's argument check.
func checkPatch(prev, r DayRollup) error {
	if r.Day == "" || prev.Day != r.Day {
		return fmt.Errorf("store: patch day: roll-ups of days %q and %q", prev.Day, r.Day)
	}
	return nil
}

// DayRollup is the roll-up of one day.
type DayRollup struct {
	Day      string    // YYYY-MM-DD in the roll-up time zone
	RolledAt time.Time // when it was computed
	Final    bool      // the day and its session horizon were over when it was computed
	Totals   DayTotals
	Articles []ArticleRow // one per slug with activity that day
	Queries  []QueryRow   // one per grouped query searched that day
}

// DayTotals are one day's counters. kb/stats defines each one (and the README's "Metrics"
// section states the definitions); the store adds them up.
type DayTotals struct {
	// Counted on the day each event occurred, all events (Do-Not-Track ones included).
	Events, DNTEvents                          int64
	Searches, ZeroResultSearches               int64
	ResultClicks, ArticleViews                 int64
	HelpfulYes, HelpfulNo                      int64
	SuggestShown, SuggestClicks, SuggestSolved int64
	FormsStarted, FormsSubmitted               int64

	// Counted on the day each session began (events with a session ID only).
	Sessions                                       int64
	ShownSessions                                  int64 // settled sessions shown suggestions (not holdout)
	ExplicitDeflections, ImplicitDeflections       int64
	PendingShown                                   int64 // shown sessions whose 30-minute window was still open
	FormSessions, FormSubmitted                    int64 // form sessions outside the holdout, and those that submitted
	HoldoutSessions, HoldoutSubmitted              int64 // form sessions in the holdout, and those that submitted
	PendingForms                                   int64 // form sessions not yet settled
	SettledSearches, SearchesWithResults           int64 // counted on the search's day
	ClickedSearches, ExitSearches, PendingSearches int64
}

// Add adds o's counters to t.
func (t *DayTotals) Add(o DayTotals) {
	dst, src := t.counters(), o.counters()
	for i := range dst {
		*dst[i] += *src[i]
	}
}

// counters lists the fields in the order of dayColumns.
func (t *DayTotals) counters() []*int64 {
	return []*int64{&t.Events, &t.DNTEvents, &t.Searches, &t.ZeroResultSearches,
		&t.ResultClicks, &t.ArticleViews, &t.HelpfulYes, &t.HelpfulNo,
		&t.SuggestShown, &t.SuggestClicks, &t.SuggestSolved, &t.FormsStarted, &t.FormsSubmitted,
		&t.Sessions, &t.ShownSessions, &t.ExplicitDeflections, &t.ImplicitDeflections, &t.PendingShown,
		&t.FormSessions, &t.FormSubmitted, &t.HoldoutSessions, &t.HoldoutSubmitted, &t.PendingForms,
		&t.SettledSearches, &t.SearchesWithResults, &t.ClickedSearches, &t.ExitSearches, &t.PendingSearches}
}

// dayColumns are the stats_days counter columns, in the order of DayTotals.counters.
var dayColumns = []string{"events", "dnt_events", "searches", "zero_result_searches",
	"result_clicks", "article_views", "helpful_yes", "helpful_no",
	"suggest_shown", "suggest_clicks", "suggest_solved", "forms_started", "forms_submitted",
	"sessions", "shown_sessions", "explicit_deflections", "implicit_deflections", "pending_shown",
	"form_sessions", "form_submitted", "holdout_sessions", "holdout_submitted", "pending_forms",
	"settled_searches", "searches_with_results", "clicked_searches", "exit_searches", "pending_searches"}

// ArticleRow is one article's counters (for one day, or summed over days).
type ArticleRow struct {
	Slug string
	ArticleCounts
}

// ArticleCounts are the per-article counters.
type ArticleCounts struct {
	Views                                                 int64
	ViewsSearch, ViewsSuggestion, ViewsAgent, ViewsDirect int64
	HelpfulYes, HelpfulNo                                 int64
	ResultClicks, SuggestClicks, SuggestSolved            int64
	ExplicitDeflections, ImplicitDeflections              int64 // attributed to the article (see kb/stats)
}

// Add adds o's counters to c.
func (c *ArticleCounts) Add(o ArticleCounts) {
	dst, src := c.counters(), o.counters()
	for i := range dst {
		*dst[i] += *src[i]
	}
}

func (c *ArticleCounts) counters() []*int64 {
	return []*int64{&c.Views, &c.ViewsSearch, &c.ViewsSuggestion, &c.ViewsAgent, &c.ViewsDirect,
		&c.HelpfulYes, &c.HelpfulNo, &c.ResultClicks, &c.SuggestClicks, &c.SuggestSolved,
		&c.ExplicitDeflections, &c.ImplicitDeflections}
}

var articleColumns = []string{"views", "views_search", "views_suggestion", "views_agent", "views_direct",
	"helpful_yes", "helpful_no", "result_clicks", "suggest_clicks", "suggest_solved",
	"explicit_deflections", "implicit_deflections"}

// QueryRow is one grouped query's counters (for one day, or summed over days).
type QueryRow struct {
	Query string // grouping form of the query
	QueryCounts
}

// QueryCounts are the per-query counters.
type QueryCounts struct {
	Searches    int64 // all searches, Do-Not-Track ones included
	ZeroResults int64 // of which returned nothing
	WithResults int64 // settled searches in a session that returned results
	Clicked     int64 // of which were followed by a result click
	Exits       int64 // settled searches in a session after which the session did nothing
}

// Add adds o's counters to c.
func (c *QueryCounts) Add(o QueryCounts) {
	dst, src := c.counters(), o.counters()
	for i := range dst {
		*dst[i] += *src[i]
	}
}

func (c *QueryCounts) counters() []*int64 {
	return []*int64{&c.Searches, &c.ZeroResults, &c.WithResults, &c.Clicked, &c.Exits}
}

var queryColumns = []string{"searches", "zero_results", "with_results", "clicked", "exits"}

// QueryOrder is how QueryTotals ranks queries.
type QueryOrder int

// Query orders.
const (
	BySearches    QueryOrder = iota // most searched
	ByZeroResults                   // most searches without results
	ByNoClick                       // most searches with results but no click (WithResults - Clicked)
)

// orderExpr is the SQL ranking expression of o, over the summed columns.
func (o QueryOrder) orderExpr() string {
	switch o {
	case ByZeroResults:
		return "SUM(zero_results)"
	case ByNoClick:
		return "SUM(with_results) - SUM(clicked)"
	}
	return "SUM(searches)"
}

// column is the stats_queries column (or expression) o ranks one day's rows by; migration 0004
// indexes each with the day.
func (o QueryOrder) column() string {
	switch o {
	case ByZeroResults:
		return "zero_results"
	case ByNoClick:
		return "with_results - clicked"
	}
	return "searches"
}

// Key is the counter o ranks by, for backends and tests that rank in Go.
func (o QueryOrder) Key(c QueryCounts) int64 {
	switch o {
	case ByZeroResults:
		return c.ZeroResults
	case ByNoClick:
		return c.WithResults - c.Clicked
	}
	return c.Searches
}
