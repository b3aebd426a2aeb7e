package stats

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"persiankb/kb/store"
)

// DefaultTopN is how many rows each table of a report has by default: what a person reads on a
// dashboard; CSV exports ask for more.
const DefaultTopN = 20

// Source is where Compute reads roll-ups: the store (store.RollupStore).
type Source interface {
	Days(ctx context.Context, first, last string) ([]store.DayRollup, error)
	ArticleTotals(ctx context.Context, first, last string) ([]store.ArticleRow, error)
	QueryTotals(ctx context.Context, first, last string, order store.QueryOrder, limit int) ([]store.QueryRow, error)
}

// Report is every figure of the dashboard and of `kb report` for a range of days.
type Report struct {
	Range      Range
	Totals     store.DayTotals // the counters summed over the range
	RolledDays int             // days of the range with a roll-up (days without events have none)
	Live       bool            // some day was rolled up before its horizon ended: figures may still move
	RolledAt   time.Time       // the oldest roll-up among live days; zero when none is live

	Figures // of the whole range

	Series []DayPoint // one per day of the range, empty days included

	TopQueries        []store.QueryRow // most searched
	ZeroResultQueries []store.QueryRow // content gaps: most searches without results
	NoClickQueries    []store.QueryRow // content gaps: most searches with results but no click

	Articles      []ArticleStat // every article with activity, most viewed first
	MostHelpful   []ArticleStat // at least MinVotes votes, highest helpful ratio first
	LeastHelpful  []ArticleStat // at least MinVotes votes, lowest helpful ratio first
	TopDeflecting []ArticleStat // most deflections credited
}

// DayPoint is one day of the time series.
type DayPoint struct {
	Day    Day
	Totals store.DayTotals
	Figures
}

// Figures are the rates and scores computed from a set of counters (a day, or a range).
type Figures struct {
	// Deflection: settled ticket-form sessions shown suggestions (Rate.Den) that submitted no
	// ticket within Window (Rate.Num), split into explicit ("solved my problem") and implicit.
	Deflection, ExplicitDeflection, ImplicitDeflection Ratio
	PendingShown                                       int64

	// Causal deflection: ticket rate of form sessions with suggestions (outside the holdout)
	// and without (holdout), and their difference With - Without, with its 95% interval
	// (DiffInterval); negative means suggestions prevent tickets.
	TicketRateWith, TicketRateWithout Ratio
	SuggestionEffect                  Interval
	PendingForms                      int64

	// SelfService is help-center sessions ÷ tickets submitted (a score, not a percentage).
	SelfService Ratio

	// Search: click-through (clicked ÷ settled session searches with results), zero results
	// (÷ all searches), exits (÷ settled session searches).
	ClickThrough, ZeroResults, SearchExits Ratio
	PendingSearches                        int64
}

// FiguresOf computes the figures of a set of counters.
func FiguresOf(t store.DayTotals) Figures {
	return Figures{
		Deflection:         Ratio{t.ExplicitDeflections + t.ImplicitDeflections, t.ShownSessions},
		ExplicitDeflection: Ratio{t.ExplicitDeflections, t.ShownSessions},
		ImplicitDeflection: Ratio{t.ImplicitDeflections, t.ShownSessions},
		PendingShown:       t.PendingShown,
		TicketRateWith:     Ratio{t.FormSubmitted, t.FormSessions},
		TicketRateWithout:  Ratio{t.HoldoutSubmitted, t.HoldoutSessions},
		SuggestionEffect:   DiffInterval(t.FormSubmitted, t.FormSessions, t.HoldoutSubmitted, t.HoldoutSessions),
		PendingForms:       t.PendingForms,
		SelfService:        Ratio{t.Sessions, t.FormsSubmitted},
		ClickThrough:       Ratio{t.ClickedSearches, t.SearchesWithResults},
		ZeroResults:        Ratio{t.ZeroResultSearches, t.Searches},
		SearchExits:        Ratio{t.ExitSearches, t.SettledSearches},
		PendingSearches:    t.PendingSearches,
	}
}

// ArticleStat is one article's counters over the range with its helpfulness.
type ArticleStat struct {
	store.ArticleRow
	Helpful Ratio // yes ÷ (yes + no)
	Ranked  bool  // at least MinVotes votes: the ratio is ranked
}

// Deflections is the number of deflections credited to the article.
func (a ArticleStat) Deflections() int64 { return a.ExplicitDeflections + a.ImplicitDeflections }

// Compute reads the roll-ups of rng from src and builds its report, with topN rows per table
// (DefaultTopN when topN <= 0). Its five reads run concurrently (src must allow it, as the
// store does).
func Compute(ctx context.Context, src Source, rng Range, topN int) (Report, error) {
	if topN <= 0 {
		topN = DefaultTopN
	}
	first, last := rng.First.String(), rng.Last.String()
	var (
		days     []store.DayRollup
		articles []store.ArticleRow
		queries  [3][]store.QueryRow
		errs     [5]error
		wg       sync.WaitGroup
	)
	wg.Go(func() { days, errs[0] = src.Days(ctx, first, last) })
	wg.Go(func() { articles, errs[1] = src.ArticleTotals(ctx, first, last) })
	for i, order := range []store.QueryOrder{store.BySearches, store.ByZeroResults, store.ByNoClick} {
		wg.Go(func() { queries[i], errs[2+i] = src.QueryTotals(ctx, first, last, order, topN) })
	}
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		return Report{}, fmt.Errorf("stats: report %s: %w", rng, err)
	}
	rep := Build(rng, days, articles, topN)
	rep.TopQueries, rep.ZeroResultQueries, rep.NoClickQueries = queries[0], queries[1], queries[2]
	return rep, nil
}

// Build computes a report from the day roll-ups of rng and the article totals over it; the
// query tables are left to the caller (Compute reads them ranked from the store).
func Build(rng Range, days []store.DayRollup, articles []store.ArticleRow, topN int) Report {
	rep := Report{Range: rng}
	byDay := map[string]store.DayRollup{}
	for _, d := range days {
		byDay[d.Day] = d
	}
	for _, day := range rng.Days() {
		p := DayPoint{Day: day}
		if d, ok := byDay[day.String()]; ok {
			p.Totals = d.Totals
			rep.RolledDays++
			if !d.Final && (!rep.Live || d.RolledAt.Before(rep.RolledAt)) {
				rep.Live, rep.RolledAt = true, d.RolledAt
			}
		}
		p.Figures = FiguresOf(p.Totals)
		rep.Totals.Add(p.Totals)
		rep.Series = append(rep.Series, p)
	}
	rep.Figures = FiguresOf(rep.Totals)
	rep.rankArticles(articles, topN)
	return rep
}
