package site

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"persiankb/kb/stats"
	"persiankb/kb/store"
)

// csvTable is one table of the dashboard that can be exported.
type csvTable struct {
	name, title string
	header      []string
	rows        func(rep stats.Report) [][]string
}

// csvTables are the exports, in the dashboard's order. Dates are Gregorian (the range in the
// file name); numbers use ASCII digits for spreadsheets.
var csvTables = []csvTable{
	{"top-searches", "پرتکرارترین جست‌وجوها", []string{"query", "searches", "zero_results", "with_results", "clicked", "exits"},
		func(rep stats.Report) [][]string { return queryRows(rep.TopQueries) }},
	{"zero-results", "جست‌وجوهای بی‌نتیجه", []string{"query", "searches", "zero_results", "with_results", "clicked", "exits"},
		func(rep stats.Report) [][]string { return queryRows(rep.ZeroResultQueries) }},
	{"no-click", "جست‌وجوهای بی‌کلیک", []string{"query", "searches", "with_results", "clicked", "no_clicks", "no_click_rate"},
		func(rep stats.Report) [][]string { return noClickRows(rep.NoClickQueries) }},
	{"most-helpful", "مفیدترین مقاله‌ها", articleHeader, func(rep stats.Report) [][]string { return articleRows(rep.MostHelpful) }},
	{"least-helpful", "کم‌فایده‌ترین مقاله‌ها", articleHeader, func(rep stats.Report) [][]string { return articleRows(rep.LeastHelpful) }},
	{"deflections", "پیشگیری از درخواست به تفکیک مقاله", articleHeader, func(rep stats.Report) [][]string { return articleRows(rep.TopDeflecting) }},
}

var articleHeader = []string{"slug", "views", "helpful_yes", "helpful_no", "explicit_deflections", "implicit_deflections"}

func queryRows(qs []store.QueryRow) [][]string {
	out := make([][]string, 0, len(qs))
	for _, q := range qs {
		out = append(out, []string{q.Query, csvInt(q.Searches), csvInt(q.ZeroResults), csvInt(q.WithResults), csvInt(q.Clicked), csvInt(q.Exits)})
	}
	return out
}

// noClickRows are the no-click content gaps; the rate is a fraction with ASCII digits.
func noClickRows(qs []store.QueryRow) [][]string {
	out := make([][]string, 0, len(qs))
	for _, q := range qs {
		rate := ""
		if v, ok := stats.NoClickRate(q.QueryCounts).Value(); ok {
			rate = strconv.FormatFloat(v, 'f', 3, 64)
		}
		out = append(out, []string{q.Query, csvInt(q.Searches), csvInt(q.WithResults), csvInt(q.Clicked),
			csvInt(stats.NoClicks(q.QueryCounts)), rate})
	}
	return out
}

func articleRows(as []stats.ArticleStat) [][]string {
	out := make([][]string, 0, len(as))
	for _, a := range as {
		out = append(out, []string{a.Slug, csvInt(a.Views), csvInt(a.HelpfulYes), csvInt(a.HelpfulNo),
			csvInt(a.ExplicitDeflections), csvInt(a.ImplicitDeflections)})
	}
	return out
}

func csvInt(n int64) string { return strconv.FormatInt(n, 10) }

// csvSafe keeps a spreadsheet from running a cell as a formula (CSV injection): a cell that
// starts with = + - @ (or a tab or carriage return) gets a leading quote.
func csvSafe(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}

// exportCSV answers GET /admin/dashboard/export/:file (NAME.csv) with one table of the range.
func (s *Server) exportCSV(c *gin.Context, _ *State) error {
	name, ok := strings.CutSuffix(c.Param("file"), ".csv")
	var table *csvTable
	for i := range csvTables {
		if ok && csvTables[i].name == name {
			table = &csvTables[i]
		}
	}
	if table == nil || s.cfg.Stats == nil {
		return errNotFound(msgNotFound)
	}
	rep, err := s.report(c, csvTopN)
	if err != nil {
		return err
	}
	file := table.name + "_" + rep.Range.First.String() + "_" + rep.Range.Last.String() + ".csv"
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="`+file+`"`)
	c.Status(http.StatusOK)
	w := csv.NewWriter(c.Writer)
	_ = w.Write(append([]string{"from", "to"}, table.header...))
	for _, row := range table.rows(rep) {
		rec := []string{rep.Range.First.String(), rep.Range.Last.String()}
		for _, cell := range row {
			rec = append(rec, csvSafe(cell))
		}
		_ = w.Write(rec)
	}
	w.Flush()
	return w.Error()
}
