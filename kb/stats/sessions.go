package stats

import "persiankb/kb/store"

// windowMS is Window in milliseconds.
const windowMS = int64(Window / 1e6)

// count adds an event of the day to the counters kept by event time: every event counts here,
// Do-Not-Track ones (no session ID) included.
func (r *dayRoll) count(e store.Event, ev sev) {
	t := &r.totals
	t.Events++
	if e.SessionID == "" {
		t.DNTEvents++
	}
	switch ev.kind {
	case kindSearch:
		t.Searches++
		q := r.query(ev.key)
		if q != nil {
			q.Searches++
		}
		if ev.results == 0 {
			t.ZeroResultSearches++
			if q != nil {
				q.ZeroResults++
			}
		}
	case kindResultClick:
		t.ResultClicks++
		r.article(ev.slug).ResultClicks++
	case kindArticleView:
		t.ArticleViews++
		r.view(ev.slug, e.Source)
	case kindHelpful:
		r.vote(ev.slug, e.Value)
	case kindSuggestShown:
		t.SuggestShown++
	case kindSuggestClick:
		t.SuggestClicks++
		r.article(ev.slug).SuggestClicks++
	case kindSuggestSolved:
		t.SuggestSolved++
		r.article(ev.slug).SuggestSolved++
	case kindFormStarted:
		t.FormsStarted++
	case kindFormSubmitted:
		t.FormsSubmitted++
	}
}

func (r *dayRoll) view(slug, source string) {
	a := r.article(slug)
	a.Views++
	switch source {
	case store.SourceSearch, store.SourceAutocomplete:
		a.ViewsSearch++
	case store.SourceSuggestion:
		a.ViewsSuggestion++
	case store.SourceAgent:
		a.ViewsAgent++
	case store.SourceDirect:
		a.ViewsDirect++
	}
}

// vote counts a "was this helpful" answer; values other than yes and no are not votes.
func (r *dayRoll) vote(slug, value string) {
	switch value {
	case "yes":
		r.totals.HelpfulYes++
		r.article(slug).HelpfulYes++
	case "no":
		r.totals.HelpfulNo++
		r.article(slug).HelpfulNo++
	}
}

// session adds one session's facts: sessions that began this day count their session-level
// facts (deflection, holdout comparison) here; searches made this day count their click and exit.
func (r *dayRoll) session(evs []sev) {
	if r.inDay(evs[0].at) {
		r.totals.Sessions++
		holdout := false
		for _, e := range evs {
			holdout = holdout || e.holdout
		}
		r.form(evs, holdout)
		if !holdout {
			r.deflection(evs)
		}
	}
	for i, e := range evs {
		if e.kind == kindSearch && r.inDay(e.at) {
			r.search(evs, i)
		}
	}
}

// form adds a ticket-form session to the holdout comparison: a form session is a session that
// started the ticket form; it submitted if it has a submission after its first form start.
// Assignment alone decides the group (intent to treat): form sessions outside the holdout count
// whether or not suggestions were then shown.
func (r *dayRoll) form(evs []sev, holdout bool) {
	first, last := int64(-1), int64(-1)
	submitted := false
	for _, e := range evs {
		switch {
		case e.kind == kindFormStarted:
			if first < 0 {
				first = e.at
			}
			last = e.at
		case e.kind == kindFormSubmitted && first >= 0:
			submitted = true
		}
	}
	t := &r.totals
	switch {
	case first < 0:
	case !submitted && !r.settled(last+windowMS):
		t.PendingForms++
	case holdout:
		t.HoldoutSessions++
		if submitted {
			t.HoldoutSubmitted++
		}
	default:
		t.FormSessions++
		if submitted {
			t.FormSubmitted++
		}
	}
}

// deflection classifies a session shown suggestions. Its window runs from the first suggestion
// shown to Window after the last suggestion shown or "solved my problem" click, whichever is
// later. A ticket submitted in the window means no deflection (even after a "solved" click);
// otherwise the session is an explicit deflection if it clicked "solved my problem" in the
// window, an implicit one if not. The deflection is credited to the article of the last
// "solved" click (explicit) or of the last suggestion clicked (implicit), when there is one.
func (r *dayRoll) deflection(evs []sev) {
	first, last := int64(-1), int64(-1)
	for _, e := range evs {
		if e.kind == kindSuggestShown || (e.kind == kindSuggestSolved && first >= 0) {
			if first < 0 {
				first = e.at
			}
			last = e.at
		}
	}
	if first < 0 {
		return
	}
	end := last + windowMS
	submitted, solved := false, false
	var solvedSlug, clicked string
	for _, e := range evs {
		if e.at < first || e.at > end {
			continue
		}
		switch e.kind {
		case kindFormSubmitted:
			submitted = true
		case kindSuggestSolved:
			solved, solvedSlug = true, e.slug
		case kindSuggestClick:
			clicked = e.slug
		}
	}
	t := &r.totals
	switch {
	case !submitted && !r.settled(end):
		t.PendingShown++
	case submitted:
		t.ShownSessions++
	case solved:
		t.ShownSessions++
		t.ExplicitDeflections++
		if solvedSlug != "" {
			r.article(solvedSlug).ExplicitDeflections++
		}
	default:
		t.ShownSessions++
		t.ImplicitDeflections++
		if clicked != "" {
			r.article(clicked).ImplicitDeflections++
		}
	}
}

// search adds the outcome of the search evs[i] made in a session: it was clicked if a result
// click of the same grouped query follows within Window, before the session searches that
// query again (a click with no recorded query belongs to the session's latest search); it was an exit if no other event of the session follows
// within Window. Searches whose window is still open are pending and have no outcome yet.
func (r *dayRoll) search(evs []sev, i int) {
	s := evs[i]
	end := s.at + windowMS
	t := &r.totals
	if !r.settled(end) {
		t.PendingSearches++
		return
	}
	clicked, later, searchedAgain := false, false, false
	for _, e := range evs[i+1:] {
		if e.at > end {
			break
		}
		later = true
		if e.kind == kindSearch {
			if e.key == s.key {
				break // later clicks belong to that search
			}
			searchedAgain = true // clicks without a recorded query belong to the latest search
			continue
		}
		if e.kind == kindResultClick && (e.key == s.key || (e.key == "" && !searchedAgain)) {
			clicked = true
			break
		}
	}
	q := r.query(s.key)
	t.SettledSearches++
	if s.results > 0 {
		t.SearchesWithResults++
		if q != nil {
			q.WithResults++
		}
		if clicked {
			t.ClickedSearches++
			if q != nil {
				q.Clicked++
			}
		}
	}
	if !later {
		t.ExitSearches++
		if q != nil {
			q.Exits++
		}
	}
}
