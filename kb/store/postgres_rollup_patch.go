package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/jackc/pgx/v5"
)

// PatchDay implements RollupStore: under ReplaceDay's lock on the day, update the totals row if
// it is still prev's, delete the rows gone and upsert the rows changed.
func (s *Postgres) PatchDay(ctx context.Context, prev, r DayRollup) (bool, error) {
	if err := checkPatch(prev, r); err != nil {
		return false, err
	}
	articles, goneArticles := diffRows(prev.Articles, r.Articles, articleSlug)
	queries, goneQueries := diffRows(prev.Queries, r.Queries, queryKey)
	applied := false
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, pgRollupDayLock, r.Day); err != nil {
			return err
		}
		set := make([]string, len(dayColumns))
		for i, c := range dayColumns {
			set[i] = c + " = $" + strconv.Itoa(i+3)
		}
		n := len(dayColumns)
		args := append([]any{pgTime(r.RolledAt), r.Final}, pgCounters(r.Totals.counters())...)
		tag, err := tx.Exec(ctx, "UPDATE stats_days SET rolled_at = $1, is_final = $2, "+strings.Join(set, ", ")+
			" WHERE day = $"+strconv.Itoa(n+3)+" AND rolled_at = $"+strconv.Itoa(n+4),
			append(args, r.Day, pgTime(prev.RolledAt))...)
		if err != nil || tag.RowsAffected() == 0 {
			return err // another roll-up replaced prev: write nothing
		}
		applied = true
		for _, del := range []struct {
			table, key string
			keys       []string
		}{{"stats_articles", "slug", goneArticles}, {"stats_queries", "query", goneQueries}} {
			if len(del.keys) == 0 {
				continue
			}
			if _, err := tx.Exec(ctx, "DELETE FROM "+del.table+" WHERE day = $1 AND "+del.key+" = ANY($2)", r.Day, del.keys); err != nil {
				return err
			}
		}
		if err := pgUpsertRows(ctx, tx, "stats_articles", "slug", articleColumns, len(articles), func(i int) (string, []*int64) {
			return articles[i].Slug, articles[i].counters()
		}, r.Day); err != nil {
			return err
		}
		return pgUpsertRows(ctx, tx, "stats_queries", "query", queryColumns, len(queries), func(i int) (string, []*int64) {
			return queries[i].Query, queries[i].counters()
		}, r.Day)
	})
	if err != nil {
		return false, fmt.Errorf("store: patch day %s: %w", r.Day, classify(err))
	}
	return applied, nil
}

// pgUpsertRows inserts or updates n rows of (day, key, counters...) in table, rowsPerInsert per
// statement (500 rows of 14 columns stay far below PostgreSQL's 65535 parameters).
func pgUpsertRows(ctx context.Context, tx pgx.Tx, table, keyColumn string, columns []string, n int,
	row func(i int) (string, []*int64), day string) error {
	cols := append([]string{"day", keyColumn}, columns...)
	for start := 0; start < n; start += rowsPerInsert {
		end := min(start+rowsPerInsert, n)
		var b strings.Builder
		args := make([]any, 0, (end-start)*len(cols))
		for i := start; i < end; i++ {
			if i > start {
				b.WriteString(", ")
			}
			b.WriteString("(")
			for j := range cols {
				if j > 0 {
					b.WriteString(", ")
				}
				b.WriteString("$" + strconv.Itoa(len(args)+j+1))
			}
			b.WriteString(")")
			key, counters := row(i)
			args = append(append(args, day, key), pgCounters(counters)...)
		}
		if _, err := tx.Exec(ctx, "INSERT INTO "+table+" ("+strings.Join(cols, ", ")+") VALUES "+b.String()+
			upsertSuffix(keyColumn, columns), args...); err != nil {
			return err
		}
	}
	return nil
}
