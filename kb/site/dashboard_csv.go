package site

import (
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"persiankb/kb/stats"
	"persiankb/kb/store"
)

// csvTable is one table of the dashboard that can be exported. An export reads only its own
// table from the roll-ups (a query ranking, or the article totals), csvTopN rows.
type csvTable struct {
	name, title string
	header      []string
	read        func(ctx context.Context, src stats.Source, rng stats.Range) ([][]string, error)
}

// csvTables are the exports, in the dashboard's order. Dates are Gregorian (the range in the
// file name); numbers use ASCII digits for spreadsheets.
var csvTables = []csvTable{
	{"top-searches", "پرتکرارترین جست‌وجوها", queryHeader, readQueries(store.BySearches, queryRows)},
	{"zero-results", "جست‌وجوهای بی‌نتیجه", queryHeader, readQueries(store.ByZeroResults, queryRows)},
	{"no-click", "جست‌وجوهای بی‌کلیک", []string{"query", "searches", "with_results", "clicked", "no_clicks", "no_click_rate"},
		readQueries(store.ByNoClick, noClickRows)},
	{"most-helpful", "مفیدترین مقاله‌ها", articleHeader, readArticles(func(rep stats.Report) []stats.ArticleStat { return rep.MostHelpful })},
	{"least-helpful", "کم‌فایده‌ترین مقاله‌ها", articleHeader, readArticles(func(rep stats.Report) []stats.ArticleStat { return rep.LeastHelpful })},
	{"deflections", "پیشگیری از درخواست به تفکیک مقاله", articleHeader, readArticles(func(rep stats.Report) []stats.ArticleStat { return rep.TopDeflecting })},
}

var queryHeader = []string{"query", "searches", "zero_results", "with_results", "clicked", "exits"}

// readQueries reads one query ranking of the range.
func readQueries(order store.QueryOrder, rows func([]store.QueryRow) [][]string) func(context.Context, stats.Source, stats.Range) ([][]string, error) {
	return func(ctx context.Context, src stats.Source, rng stats.Range) ([][]string, error) {
		qs, err := src.QueryTotals(ctx, rng.First.String(), rng.Last.String(), order, csvTopN)
		if err != nil {
			return nil, fmt.Errorf("dashboard: export: %w", err)
		}
		return rows(qs), nil
	}
}

// readArticles reads the article totals of the range and ranks them as the report does.
func readArticles(table func(stats.Report) []stats.ArticleStat) func(context.Context, stats.Source, stats.Range) ([][]string, error) {
	return func(ctx context.Context, src stats.Source, rng stats.Range) ([][]string, error) {
		as, err := src.ArticleTotals(ctx, rng.First.String(), rng.Last.String())
		if err != nil {
			return nil, fmt.Errorf("dashboard: export: %w", err)
		}
		return articleRows(table(stats.Build(rng, nil, as, csvTopN))), nil
	}
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

// utf8BOM starts every export: without it Excel, which support leads open these files in, reads
// UTF-8 as the system's legacy code page and shows the Persian queries and titles as mojibake.
// Spreadsheet apps and CSV libraries that know UTF-8 skip it.
const utf8BOM = "\ufeff"

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
	rng, herr := dashboardRange(c, time.Now(), s.statsZone())
	if herr != nil {
		return herr
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), reportTimeout)
	defer cancel()
	rows, err := table.read(ctx, s.cfg.Stats, rng)
	if err != nil {
		return err
	}
	first, last := rng.First.String(), rng.Last.String()
	file := table.name + "_" + first + "_" + last + ".csv"
	c.Header("Content-Type", "text/csv; charset=utf-8")
	c.Header("Content-Disposition", `attachment; filename="`+file+`"`)
	c.Status(http.StatusOK)
	_, _ = c.Writer.WriteString(utf8BOM)
	w := csv.NewWriter(c.Writer)
	_ = w.Write(append([]string{"from", "to"}, table.header...))
	for _, row := range rows {
		rec := []string{first, last}
		for _, cell := range row {
			rec = append(rec, csvSafe(cell))
		}
		_ = w.Write(rec)
	}
	w.Flush()
	return w.Error()
}
