package main

import (
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"persiankb/kb/stats"
	"persiankb/kb/store"
)

// printReport writes the report for the terminal: the figures, then the tables, then the days.
func printReport(out io.Writer, rep stats.Report, loc *time.Location) {
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	defer w.Flush()
	t := rep.Totals
	fmt.Fprintf(w, "Help-center metrics, %s to %s (%d days, %s)\n", rep.Range.First, rep.Range.Last, rep.Range.Len(), loc)
	if rep.Live {
		fmt.Fprintf(w, "Live: the latest days were rolled up at %s and may still change.\n",
			rep.RolledAt.In(loc).Format("2006-01-02 15:04"))
	}
	if rep.RolledDays == 0 {
		fmt.Fprintln(w, "No events recorded in this range.")
		return
	}
	fmt.Fprintln(w, "\nTickets and deflection")
	fmt.Fprintf(w, "  tickets submitted\t%s\t\n", num(t.FormsSubmitted))
	fmt.Fprintf(w, "  help-center sessions\t%s\t\n", num(t.Sessions))
	fmt.Fprintf(w, "  self-service score\t%s\tsessions per ticket\n", score(rep.SelfService))
	fmt.Fprintf(w, "  deflection rate\t%s\t%s of %s form sessions shown suggestions\n",
		rep.Deflection.Percent(), num(rep.Deflection.Num), num(rep.Deflection.Den))
	fmt.Fprintf(w, "    explicit (\"solved my problem\")\t%s\t%s\n", rep.ExplicitDeflection.Percent(), num(rep.ExplicitDeflection.Num))
	fmt.Fprintf(w, "    implicit (no ticket in 30 min)\t%s\t%s\n", rep.ImplicitDeflection.Percent(), num(rep.ImplicitDeflection.Num))
	fmt.Fprintf(w, "  ticket rate with suggestions\t%s\t%s of %s form sessions\n",
		rep.TicketRateWith.Percent(), num(rep.TicketRateWith.Num), num(rep.TicketRateWith.Den))
	fmt.Fprintf(w, "  ticket rate without (holdout)\t%s\t%s of %s form sessions\n",
		rep.TicketRateWithout.Percent(), num(rep.TicketRateWithout.Num), num(rep.TicketRateWithout.Den))
	fmt.Fprintf(w, "  difference (with - without)\t%s\t\n", effect(rep.SuggestionEffect))
	if rep.PendingShown+rep.PendingForms > 0 { // one session can be in both: never summed
		fmt.Fprintf(w, "  still in their 30-minute window\t%s shown suggestions, %s ticket-form sessions\tnot counted yet\n",
			num(rep.PendingShown), num(rep.PendingForms))
	}
	fmt.Fprintln(w, "\nSearch")
	fmt.Fprintf(w, "  searches\t%s\t\n", num(t.Searches))
	fmt.Fprintf(w, "  click-through rate\t%s\tof searches with results, in sessions\n", rep.ClickThrough.Percent())
	fmt.Fprintf(w, "  zero-result rate\t%s\t\n", rep.ZeroResults.Percent())
	fmt.Fprintf(w, "  search exit rate\t%s\tsearches followed by nothing within 30 min\n", rep.SearchExits.Percent())
	fmt.Fprintf(w, "\nEvents without a session (Do-Not-Track/GPC): %s of %s; counted in totals, left out of per-session rates.\n",
		num(t.DNTEvents), num(t.Events))
	w.Flush()

	printQueries(out, "Top searches", rep.TopQueries)
	printQueries(out, "Content gaps: searches without results", rep.ZeroResultQueries)
	printQueries(out, "Content gaps: searches with results but no click", rep.NoClickQueries)
	printArticles(out, fmt.Sprintf("Most helpful articles (at least %d votes)", stats.MinVotes), rep.MostHelpful)
	printArticles(out, fmt.Sprintf("Least helpful articles (at least %d votes)", stats.MinVotes), rep.LeastHelpful)
	printArticles(out, "Articles credited with deflections", rep.TopDeflecting)
	printDays(out, rep.Series)
}

func printQueries(out io.Writer, title string, rows []store.QueryRow) {
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(out, "\n%s\n", title)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "searches\tno results\twith results\tclicked\tno click\tCTR\t\tquery")
	for _, q := range rows {
		ctr := stats.Ratio{Num: q.Clicked, Den: q.WithResults}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t\t%s\n", num(q.Searches), num(q.ZeroResults), num(q.WithResults),
			num(q.Clicked), num(stats.NoClicks(q.QueryCounts)), ctr.Percent(), q.Query)
	}
	w.Flush()
}

func printArticles(out io.Writer, title string, rows []stats.ArticleStat) {
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(out, "\n%s\n", title)
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "views\tyes\tno\thelpful\texplicit\timplicit\t\tarticle")
	for _, a := range rows {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t\t%s\n", num(a.Views), num(a.HelpfulYes), num(a.HelpfulNo), a.Helpful.Percent(),
			num(a.ExplicitDeflections), num(a.ImplicitDeflections), a.Slug)
	}
	w.Flush()
}

func printDays(out io.Writer, days []stats.DayPoint) {
	fmt.Fprintln(out, "\nDays")
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(w, "day\tsessions\ttickets\tsearches\tCTR\tzero results\texits\tdeflection\t")
	for _, d := range days {
		t := d.Totals
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", d.Day, num(t.Sessions), num(t.FormsSubmitted), num(t.Searches),
			d.ClickThrough.Percent(), d.ZeroResults.Percent(), d.SearchExits.Percent(), d.Deflection.Percent())
	}
	w.Flush()
}

// num formats n with thousands separators: 1,234,567.
func num(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// score formats a ratio that is not a percentage: "37.0", or "–" without data.
func score(r stats.Ratio) string {
	v, ok := r.Value()
	if !ok {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', 1, 64)
}

// effect formats the holdout difference in percentage points with its interval.
func effect(iv stats.Interval) string {
	if !iv.OK {
		return "– (needs form sessions in both groups)"
	}
	return fmt.Sprintf("%+.1f points, 95%% CI %+.1f to %+.1f (Newcombe hybrid score)", 100*iv.Estimate, 100*iv.Low, 100*iv.High)
}
