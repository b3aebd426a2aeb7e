package stats

import (
	"fmt"
	"testing"

	"persiankb/kb/store"
)

func TestBuild(t *testing.T) {
	rng := Range{First: day0.AddDays(-1), Last: day0.AddDays(1)} // the day before has no events
	events := withIDs([]store.Event{
		// explicit deflection, then an implicit one, then a ticket
		formStart("a", false, at(9, 0)), shown("a", at(9, 1)), solved("a", "refund", at(9, 2)),
		formStart("b", false, at(10, 0)), shown("b", at(10, 1)), suggestClick("b", "refund", at(10, 2)),
		formStart("c", false, at(11, 0)), shown("c", at(11, 1)), submit("c", false, at(11, 9)),
		// holdout: one of two submits
		formStart("h", true, at(12, 0)), submit("h", true, at(12, 5)), formStart("i", true, at(12, 0)),
		// a Do-Not-Track ticket: counted as a ticket, no session
		formStart("", false, at(13, 0)), submit("", false, at(13, 5)),
		// searches: one clicked, one zero-result exit
		search("d", "ارسال", 4, at(14, 0)), click("d", "ارسال", "ship", at(14, 1)),
		search("e", "پیگيری", 0, at(15, 0)),
	})
	asOf := at(20, 0) // the second day is live
	var days []store.DayRollup
	articles := map[string]*store.ArticleCounts{}
	for _, d := range rng.Days() {
		r := RollUpDay(d, tehran, events, asOf)
		if r.Totals.Events == 0 {
			continue // the store has no row for a day without events
		}
		days = append(days, r)
		for _, a := range r.Articles {
			if articles[a.Slug] == nil {
				articles[a.Slug] = &store.ArticleCounts{}
			}
			articles[a.Slug].Add(a.ArticleCounts)
		}
	}
	var rows []store.ArticleRow
	for slug, c := range articles {
		rows = append(rows, store.ArticleRow{Slug: slug, ArticleCounts: *c})
	}
	rep := Build(rng, days, rows, 10)

	checks := []struct {
		name      string
		got, want any
	}{
		{"deflection", rep.Deflection, Ratio{2, 3}},
		{"explicit", rep.ExplicitDeflection, Ratio{1, 3}},
		{"implicit", rep.ImplicitDeflection, Ratio{1, 3}},
		{"ticket rate with suggestions", rep.TicketRateWith, Ratio{1, 3}},
		{"ticket rate without", rep.TicketRateWithout, Ratio{1, 2}},
		{"effect estimate", fmt.Sprintf("%.4f", rep.SuggestionEffect.Estimate), "-0.1667"},
		{"self-service: sessions per ticket, DNT ticket included", rep.SelfService, Ratio{7, 3}},
		{"click-through", rep.ClickThrough, Ratio{1, 1}},
		{"zero results", rep.ZeroResults, Ratio{1, 2}},
		{"exits", rep.SearchExits, Ratio{1, 2}},
		{"series length", len(rep.Series), 3},
		{"empty day figures", rep.Series[0].Deflection.Percent(), "–"},
		{"rolled days", rep.RolledDays, 1},
		{"live", rep.Live, true},
		{"rolled at", rep.RolledAt, asOf.UTC()},
		{"deflecting articles", len(rep.TopDeflecting), 1},
		{"credited deflections", rep.TopDeflecting[0].Deflections(), int64(2)},
		{"unranked helpfulness", len(rep.MostHelpful), 0},
	}
	for _, c := range checks {
		t.Run(c.name, func(t *testing.T) {
			if fmt.Sprint(c.got) != fmt.Sprint(c.want) {
				t.Errorf("got %v, want %v", c.got, c.want)
			}
		})
	}
	if iv := rep.SuggestionEffect; !iv.OK || iv.Low >= iv.Estimate || iv.High <= iv.Estimate {
		t.Errorf("SuggestionEffect = %+v", iv)
	}
}

func TestRankArticles(t *testing.T) {
	row := func(slug string, views, yes, no int64) store.ArticleRow {
		return store.ArticleRow{Slug: slug, ArticleCounts: store.ArticleCounts{Views: views, HelpfulYes: yes, HelpfulNo: no}}
	}
	rows := []store.ArticleRow{
		row("few-votes", 100, 3, 0), // 3 votes: below MinVotes, not ranked
		row("good", 10, 9, 1),       // 90%
		row("good-more", 20, 18, 2), // 90%, more votes: first among equals
		row("bad", 30, 1, 4),        // 20%
		row("middling", 5, 3, 3),    // 50%
		row("unvoted", 50, 0, 0),    //
		row("exactly-min", 1, 0, 5), // 0%, exactly MinVotes
	}
	rep := Build(Range{day0, day0}, nil, rows, 3)
	slugs := func(as []ArticleStat) string {
		var s []string
		for _, a := range as {
			s = append(s, a.Slug)
		}
		return fmt.Sprint(s)
	}
	tests := []struct{ name, got, want string }{
		{"by views", slugs(rep.Articles), "[few-votes unvoted bad good-more good middling exactly-min]"},
		{"most helpful", slugs(rep.MostHelpful), "[good-more good middling]"},
		{"least helpful", slugs(rep.LeastHelpful), "[exactly-min bad middling]"},
	}
	for _, tc := range tests {
		if tc.got != tc.want {
			t.Errorf("%s = %s, want %s", tc.name, tc.got, tc.want)
		}
	}
}

func TestRange(t *testing.T) {
	now := at(2, 0).Add(-3 * 3600e9) // 23:00 on the day before day0 in Tehran, 19:30 UTC
	tests := []struct {
		name      string
		rng       Range
		first     string
		len, days int
	}{
		{"last 7 days in Tehran", LastDays(now, 7, tehran), "2025-03-14", 7, 7},
		{"one day", LastDays(now, 1, tehran), "2025-03-20", 1, 1},
		{"empty", Range{day0, day0.AddDays(-1)}, "2025-03-21", 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if tc.rng.First.String() != tc.first || tc.rng.Len() != tc.len || len(tc.rng.Days()) != tc.days {
				t.Errorf("%v: first %s, len %d, %d days", tc.rng, tc.rng.First, tc.rng.Len(), len(tc.rng.Days()))
			}
		})
	}
	if _, err := ParseDay("2025-13-01"); err == nil {
		t.Errorf("ParseDay accepted month 13")
	}
	if d, err := ParseDay("2025-03-21"); err != nil || d != day0 {
		t.Errorf("ParseDay = %v, %v", d, err)
	}
}
