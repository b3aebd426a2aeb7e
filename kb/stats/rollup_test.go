package stats

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"persiankb/kb/store"
)

func TestRollUpDayDeflection(t *testing.T) {
	final := at(24, 0).Add(Horizon)
	tests := []struct {
		name   string
		events []store.Event
		asOf   time.Time
		want   map[string]int64
	}{
		{"explicit: solved my problem", []store.Event{
			formStart("s", false, at(10, 0)), shown("s", at(10, 1)), suggestClick("s", "refund", at(10, 2)),
			solved("s", "refund", at(10, 4)),
		}, final, map[string]int64{"ShownSessions": 1, "ExplicitDeflections": 1, "ImplicitDeflections": 0,
			"article:refund.ExplicitDeflections": 1, "article:refund.SuggestSolved": 1}},
		{"implicit: credited to the last suggestion clicked", []store.Event{
			shown("s", at(10, 0)), suggestClick("s", "a", at(10, 1)), suggestClick("s", "b", at(10, 3)),
		}, final, map[string]int64{"ShownSessions": 1, "ImplicitDeflections": 1,
			"article:b.ImplicitDeflections": 1, "article:a.ImplicitDeflections": 0, "article:a.SuggestClicks": 1}},
		{"implicit without a suggestion clicked", []store.Event{shown("s", at(10, 0))},
			final, map[string]int64{"ShownSessions": 1, "ImplicitDeflections": 1}},
		{"ticket just inside the window", []store.Event{
			shown("s", at(10, 0)), submit("s", false, at(10, 30)),
		}, final, map[string]int64{"ShownSessions": 1, "ImplicitDeflections": 0, "ExplicitDeflections": 0}},
		{"ticket just after the window", []store.Event{
			shown("s", at(10, 0)), submit("s", false, at(10, 30).Add(time.Millisecond)),
		}, final, map[string]int64{"ShownSessions": 1, "ImplicitDeflections": 1}},
		{"window runs from the last suggestion shown", []store.Event{
			shown("s", at(10, 0)), shown("s", at(10, 20)), submit("s", false, at(10, 45)),
		}, final, map[string]int64{"ShownSessions": 1, "ImplicitDeflections": 0}},
		{"submits, then clicks solved: not a deflection", []store.Event{
			shown("s", at(10, 0)), submit("s", false, at(10, 5)), solved("s", "refund", at(10, 6)),
		}, final, map[string]int64{"ShownSessions": 1, "ExplicitDeflections": 0, "ImplicitDeflections": 0,
			"article:refund.ExplicitDeflections": 0}},
		{"clicks solved, then submits anyway", []store.Event{
			shown("s", at(10, 0)), solved("s", "refund", at(10, 1)), submit("s", false, at(10, 25)),
		}, final, map[string]int64{"ShownSessions": 1, "ExplicitDeflections": 0}},
		{"ticket before any suggestion does not count", []store.Event{
			formStart("s", false, at(9, 0)), submit("s", false, at(9, 5)), shown("s", at(9, 10)),
		}, final, map[string]int64{"ShownSessions": 1, "ImplicitDeflections": 1, "FormSessions": 1, "FormSubmitted": 1}},
		{"holdout sessions are compared, not deflected", []store.Event{
			formStart("h1", true, at(10, 0)), submit("h1", true, at(10, 5)),
			formStart("h2", true, at(11, 0)),
			formStart("t1", false, at(10, 0)), shown("t1", at(10, 1)),
			formStart("t2", false, at(12, 0)), shown("t2", at(12, 1)), submit("t2", false, at(12, 9)),
			formStart("t3", false, at(13, 0)), // never shown suggestions: still in the treatment group
		}, final, map[string]int64{"HoldoutSessions": 2, "HoldoutSubmitted": 1, "FormSessions": 3, "FormSubmitted": 1,
			"ShownSessions": 2, "ImplicitDeflections": 1, "FormsStarted": 5, "FormsSubmitted": 2, "Sessions": 5}},
		{"Do-Not-Track: in totals, not in session rates", []store.Event{
			formStart("", false, at(10, 0)), shown("", at(10, 1)), submit("", false, at(10, 2)), search("", "پرداخت", 0, at(10, 3)),
		}, final, map[string]int64{"Events": 4, "DNTEvents": 4, "FormsSubmitted": 1, "Searches": 1, "ZeroResultSearches": 1,
			"Sessions": 0, "ShownSessions": 0, "FormSessions": 0, "SettledSearches": 0, "query:پرداخت.Searches": 1}},
		{"live day: window still open is pending", []store.Event{shown("s", at(10, 0))},
			at(10, 29), map[string]int64{"ShownSessions": 0, "PendingShown": 1}},
		{"live day: window just closed", []store.Event{shown("s", at(10, 0))},
			at(10, 30), map[string]int64{"ShownSessions": 1, "ImplicitDeflections": 1, "PendingShown": 0}},
		{"live day: a ticket settles it early", []store.Event{shown("s", at(10, 0)), submit("s", false, at(10, 2))},
			at(10, 3), map[string]int64{"ShownSessions": 1, "PendingShown": 0}},
		{"live day: form session pending", []store.Event{formStart("s", true, at(10, 0))},
			at(10, 10), map[string]int64{"PendingForms": 1, "HoldoutSessions": 0}},
		{"session spanning midnight belongs to its first day", []store.Event{
			formStart("s", false, at(23, 50)), shown("s", at(23, 55)), submit("s", false, at(24, 10)),
		}, final, map[string]int64{"Sessions": 1, "ShownSessions": 1, "ImplicitDeflections": 0, "FormSessions": 1,
			"FormSubmitted": 1, "FormsSubmitted": 0, "FormsStarted": 1}},
		{"session begun the day before is not this day's", []store.Event{
			formStart("s", false, at(-1, 0)), shown("s", at(0, 5)), solved("s", "x", at(0, 6)),
		}, final, map[string]int64{"Sessions": 0, "ShownSessions": 0, "ExplicitDeflections": 0,
			"SuggestShown": 1, "SuggestSolved": 1, "article:x.SuggestSolved": 1}},
		{"empty day", nil, final, map[string]int64{"Events": 0, "Sessions": 0, "ShownSessions": 0}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := RollUpDay(day0, tehran, withIDs(tc.events), tc.asOf)
			checkCounters(t, r, tc.want)
			if r.Day != "2025-03-21" || r.Final != !tc.asOf.Before(final) {
				t.Errorf("Day %q, Final %v", r.Day, r.Final)
			}
		})
	}
}

func TestRollUpDaySearch(t *testing.T) {
	final := at(26, 0)
	tests := []struct {
		name   string
		events []store.Event
		want   map[string]int64
	}{
		{"clicked, spelling variants grouped", []store.Event{
			search("s", "رمز عبور", 3, at(10, 0)), click("s", "رمز‌عبور", "reset", at(10, 1)), view("s", "reset", store.SourceSearch, at(10, 1)),
		}, map[string]int64{"Searches": 1, "SettledSearches": 1, "SearchesWithResults": 1, "ClickedSearches": 1, "ExitSearches": 0,
			"query:رمز عبور.Clicked": 1, "query:رمز عبور.WithResults": 1, "article:reset.ResultClicks": 1, "article:reset.ViewsSearch": 1}},
		{"zero results, then exit", []store.Event{search("s", "ريال", 0, at(11, 0))},
			map[string]int64{"ZeroResultSearches": 1, "SearchesWithResults": 0, "ExitSearches": 1,
				"query:ریال.ZeroResults": 1, "query:ریال.Exits": 1}},
		{"a click belongs to the latest search of its query", []store.Event{
			search("s", "ارسال", 2, at(12, 0)), search("s", "ارسال", 2, at(12, 1)), click("s", "ارسال", "ship", at(12, 2)),
		}, map[string]int64{"SettledSearches": 2, "SearchesWithResults": 2, "ClickedSearches": 1, "ExitSearches": 0,
			"query:ارسال.Searches": 2, "query:ارسال.Clicked": 1, "query:ارسال.Exits": 0}},
		{"click after the window: not clicked, an exit", []store.Event{
			search("s", "ارسال", 2, at(12, 0)), click("s", "ارسال", "ship", at(12, 31)),
		}, map[string]int64{"ClickedSearches": 0, "ExitSearches": 1}},
		{"click without a query goes to the latest search", []store.Event{
			search("s", "الف", 2, at(12, 0)), search("s", "ب", 2, at(12, 1)), click("s", "", "x", at(12, 2)),
		}, map[string]int64{"ClickedSearches": 1, "query:ب.Clicked": 1, "query:الف.Clicked": 0}},
		{"search before midnight, click after", []store.Event{
			search("s", "ارسال", 2, at(23, 59)), click("s", "ارسال", "ship", at(24, 1)),
		}, map[string]int64{"Searches": 1, "ClickedSearches": 1, "ResultClicks": 0}},
		{"search of a session begun the day before", []store.Event{
			view("s", "a", store.SourceDirect, at(-1, 0)), search("s", "ارسال", 2, at(0, 10)),
		}, map[string]int64{"Sessions": 0, "Searches": 1, "SettledSearches": 1, "ExitSearches": 1, "ArticleViews": 0}},
		{"votes and views by source", []store.Event{
			view("s", "a", store.SourceSuggestion, at(9, 0)), view("", "a", store.SourceAgent, at(9, 1)),
			vote("s", "a", "yes", at(9, 2)), vote("", "a", "no", at(9, 3)), vote("s", "a", "maybe", at(9, 4)),
		}, map[string]int64{"ArticleViews": 2, "HelpfulYes": 1, "HelpfulNo": 1, "article:a.Views": 2,
			"article:a.ViewsSuggestion": 1, "article:a.ViewsAgent": 1, "article:a.HelpfulYes": 1, "article:a.HelpfulNo": 1}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			checkCounters(t, RollUpDay(day0, tehran, withIDs(tc.events), final), tc.want)
		})
	}
	t.Run("pending search", func(t *testing.T) {
		r := RollUpDay(day0, tehran, withIDs([]store.Event{search("s", "ارسال", 2, at(12, 0))}), at(12, 10))
		checkCounters(t, r, map[string]int64{"Searches": 1, "PendingSearches": 1, "SettledSearches": 0, "ExitSearches": 0})
	})
}

// TestRollUpDayOrder checks that the order events arrive in does not matter: ScanEvents returns
// them by time, but a roll-up from any order (late writes, several writers) must agree.
func TestRollUpDayOrder(t *testing.T) {
	events := withIDs([]store.Event{
		formStart("s", false, at(10, 0)), shown("s", at(10, 1)), search("s", "ارسال", 2, at(10, 2)),
		click("s", "ارسال", "ship", at(10, 3)), solved("s", "ship", at(10, 4)),
		search("d", "ارسال", 0, at(11, 0)), vote("d", "ship", "yes", at(11, 1)),
		formStart("late", true, at(23, 0)), submit("late", true, at(24, 20)),
		view("x", "a", store.SourceDirect, at(-3, 0)), view("x", "a", store.SourceDirect, at(26, 30)), // outside the window
	})
	want := RollUpDay(day0, tehran, events, at(30, 0))
	for name, order := range map[string][]store.Event{
		"reversed": reversed(events),
		"rotated":  append(slices.Clone(events[5:]), events[:5]...),
	} {
		t.Run(name, func(t *testing.T) {
			got := RollUpDay(day0, tehran, order, at(30, 0))
			if fmt.Sprintf("%+v", got) != fmt.Sprintf("%+v", want) {
				t.Errorf("roll-up depends on event order\n got %+v\nwant %+v", got, want)
			}
		})
	}
	checkCounters(t, want, map[string]int64{"Events": 8, "Sessions": 3, "ExplicitDeflections": 1, "HoldoutSubmitted": 1,
		"ClickedSearches": 1, "ArticleViews": 0})
}

func reversed(events []store.Event) []store.Event {
	out := slices.Clone(events)
	slices.Reverse(out)
	return out
}
