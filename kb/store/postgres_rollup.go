package store

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// pgRollupDayLock is the transaction advisory lock ReplaceDay takes on its day ($1): two
// replicas rolling the same day up at once would otherwise both delete the old rows and then
// collide inserting the new ones. The later one now waits and replaces the earlier one's rows.
const pgRollupDayLock = `SELECT pg_advisory_xact_lock(
	hashtextextended('persiankb/kb/store rollup ' || current_schema() || ' ' || $1, 0))`

// ReplaceDay implements RollupStore: in one transaction, delete the day's rows, insert its
// totals and COPY its article and query rows.
func (s *Postgres) ReplaceDay(ctx context.Context, r DayRollup) error {
	if r.Day == "" {
		return errors.New("store: replace day: no day")
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, pgRollupDayLock, r.Day); err != nil {
			return err
		}
		for _, table := range []string{"stats_days", "stats_articles", "stats_queries"} {
			if _, err := tx.Exec(ctx, "DELETE FROM "+table+" WHERE day = $1", r.Day); err != nil {
				return err
			}
		}
		cols := append([]string{"day", "rolled_at", "is_final"}, dayColumns...)
		args := append([]any{r.Day, pgTime(r.RolledAt), r.Final}, pgCounters(r.Totals.counters())...)
		if _, err := tx.Exec(ctx, "INSERT INTO stats_days ("+strings.Join(cols, ", ")+") VALUES ("+
			pgPlaceholders(len(cols))+")", args...); err != nil {
			return err
		}
		if err := pgCopyRows(ctx, tx, "stats_articles", "slug", articleColumns, len(r.Articles), func(i int) (string, []*int64) {
			return r.Articles[i].Slug, r.Articles[i].counters()
		}, r.Day); err != nil {
			return err
		}
		return pgCopyRows(ctx, tx, "stats_queries", "query", queryColumns, len(r.Queries), func(i int) (string, []*int64) {
			return r.Queries[i].Query, r.Queries[i].counters()
		}, r.Day)
	})
	if err != nil {
		return fmt.Errorf("store: replace day %s: %w", r.Day, classify(err))
	}
	return nil
}

// pgCopyRows copies n rows of (day, key, counters...) into table.
func pgCopyRows(ctx context.Context, tx pgx.Tx, table, keyColumn string, columns []string, n int,
	row func(i int) (string, []*int64), day string) error {
	if n == 0 {
		return nil
	}
	src := pgx.CopyFromSlice(n, func(i int) ([]any, error) {
		key, counters := row(i)
		return append([]any{day, key}, pgCounters(counters)...), nil
	})
	_, err := tx.CopyFrom(ctx, pgx.Identifier{table}, append([]string{"day", keyColumn}, columns...), src)
	return err
}

// pgCounters are the values of counters, as query arguments.
func pgCounters(counters []*int64) []any {
	vs := make([]any, len(counters))
	for i, p := range counters {
		vs[i] = *p
	}
	return vs
}

// pgPlaceholders is "$1, $2, ..., $n".
func pgPlaceholders(n int) string {
	ps := make([]string, n)
	for i := range ps {
		ps[i] = "$" + strconv.Itoa(i+1)
	}
	return strings.Join(ps, ", ")
}

// pgSums is "SUM(a)::bigint, ..." over columns: PostgreSQL sums bigints as numeric.
func pgSums(columns []string) string {
	parts := make([]string, len(columns))
	for i, c := range columns {
		parts[i] = "SUM(" + c + ")::bigint"
	}
	return strings.Join(parts, ", ")
}

// Days implements RollupStore.
func (s *Postgres) Days(ctx context.Context, first, last string) ([]DayRollup, error) {
	rows, _ := s.pool.Query(ctx, "SELECT day, rolled_at, is_final, "+strings.Join(dayColumns, ", ")+
		" FROM stats_days WHERE day >= $1 AND day <= $2 ORDER BY day", first, last)
	days, err := pgCollect(rows, func(row pgx.CollectableRow) (DayRollup, error) {
		var d DayRollup
		var rolled time.Time
		dest := []any{&d.Day, &rolled, &d.Final}
		for _, p := range d.Totals.counters() {
			dest = append(dest, p)
		}
		err := row.Scan(dest...)
		d.RolledAt = fromPG(&rolled)
		return d, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: days %s..%s: %w", first, last, classify(err))
	}
	return days, nil
}

// ArticleTotals implements RollupStore.
func (s *Postgres) ArticleTotals(ctx context.Context, first, last string) ([]ArticleRow, error) {
	rows, _ := s.pool.Query(ctx, "SELECT slug, "+pgSums(articleColumns)+
		" FROM stats_articles WHERE day >= $1 AND day <= $2 GROUP BY slug ORDER BY slug", first, last)
	out, err := pgCollect(rows, func(row pgx.CollectableRow) (ArticleRow, error) {
		var a ArticleRow
		err := row.Scan(append([]any{&a.Slug}, pgDest(a.counters())...)...)
		return a, err
	})
	if err != nil {
		return nil, fmt.Errorf("store: article totals: %w", classify(err))
	}
	return out, nil
}

// QueryTotals implements RollupStore, by the threshold algorithm of topQueries.
func (s *Postgres) QueryTotals(ctx context.Context, first, last string, order QueryOrder, limit int) ([]QueryRow, error) {
	rows, err := topQueries(ctx, s, first, last, order, limit)
	if err != nil {
		return nil, fmt.Errorf("store: query totals: %w", classify(err))
	}
	return rows, nil
}

func (s *Postgres) rolledDays(ctx context.Context, first, last string) ([]string, error) {
	rows, _ := s.pool.Query(ctx, "SELECT day FROM stats_days WHERE day >= $1 AND day <= $2 ORDER BY day", first, last)
	return pgx.CollectRows(rows, pgx.RowTo[string])
}

func (s *Postgres) dayTop(ctx context.Context, day string, order QueryOrder, n int) ([]string, int64, error) {
	key := order.column()
	rows, _ := s.pool.Query(ctx, "SELECT query, "+key+" FROM stats_queries WHERE day = $1 AND "+key+
		" > 0 ORDER BY "+key+" DESC LIMIT $2", day, n+1)
	var queries []string
	var next int64
	var q string
	var v int64
	_, err := pgx.ForEachRow(rows, []any{&q, &v}, func() error {
		if len(queries) == n {
			next = v
		} else {
			queries = append(queries, q)
		}
		return nil
	})
	return queries, next, err
}

func (s *Postgres) sumQueries(ctx context.Context, first, last string, queries []string) ([]QueryRow, error) {
	if len(queries) == 0 {
		return nil, nil
	}
	rows, _ := s.pool.Query(ctx, "SELECT query, "+pgSums(queryColumns)+" FROM stats_queries"+
		" WHERE day >= $1 AND day <= $2 AND query = ANY($3) GROUP BY query", first, last, queries)
	return pgCollect(rows, func(row pgx.CollectableRow) (QueryRow, error) {
		var q QueryRow
		err := row.Scan(append([]any{&q.Query}, pgDest(q.counters())...)...)
		return q, err
	})
}

// pgDest is counters as Scan destinations.
func pgDest(counters []*int64) []any {
	dest := make([]any, len(counters))
	for i, p := range counters {
		dest[i] = p
	}
	return dest
}

// pgCollect is pgx.CollectRows returning nil, not an empty slice, when there are no rows (as
// the SQLite store does).
func pgCollect[T any](rows pgx.Rows, fn pgx.RowToFunc[T]) ([]T, error) {
	out, err := pgx.CollectRows(rows, fn)
	if len(out) == 0 {
		out = nil
	}
	return out, err
}
