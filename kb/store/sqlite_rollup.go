package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// rowsPerInsert is how many roll-up rows one INSERT carries: a day has up to a few thousand
// query rows, and 500 rows x 14 columns stays far below SQLite's 32766 bound parameters.
const rowsPerInsert = 500

// ReplaceDay implements RollupStore.
func (s *SQLite) ReplaceDay(ctx context.Context, r DayRollup) error {
	if r.Day == "" {
		return errors.New("store: replace day: no day")
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for _, table := range []string{"stats_days", "stats_articles", "stats_queries"} {
			if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE day = ?", r.Day); err != nil {
				return err
			}
		}
		args := []any{r.Day, millis(r.RolledAt), r.Final}
		for _, p := range r.Totals.counters() {
			args = append(args, *p)
		}
		if _, err := tx.ExecContext(ctx, insertSQL("stats_days", append([]string{"day", "rolled_at", "is_final"}, dayColumns...), 1), args...); err != nil {
			return err
		}
		return insertDayRows(ctx, tx, r.Day, r.Articles, r.Queries, false)
	})
	if err != nil {
		return fmt.Errorf("store: replace day %s: %w", r.Day, classify(err))
	}
	return nil
}

// PatchDay implements RollupStore.
func (s *SQLite) PatchDay(ctx context.Context, prev, r DayRollup) (bool, error) {
	if err := checkPatch(prev, r); err != nil {
		return false, err
	}
	articles, goneArticles := diffRows(prev.Articles, r.Articles, articleSlug)
	queries, goneQueries := diffRows(prev.Queries, r.Queries, queryKey)
	applied := false
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		args := []any{millis(r.RolledAt), r.Final}
		for _, p := range r.Totals.counters() {
			args = append(args, *p)
		}
		res, err := tx.ExecContext(ctx, "UPDATE stats_days SET rolled_at = ?, is_final = ?, "+
			strings.Join(dayColumns, " = ?, ")+" = ? WHERE day = ? AND rolled_at = ?",
			append(args, r.Day, millis(prev.RolledAt))...)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err // another roll-up replaced prev: write nothing
		}
		applied = true
		if err := deleteKeys(ctx, tx, "stats_articles", "slug", r.Day, goneArticles); err != nil {
			return err
		}
		if err := deleteKeys(ctx, tx, "stats_queries", "query", r.Day, goneQueries); err != nil {
			return err
		}
		return insertDayRows(ctx, tx, r.Day, articles, queries, true)
	})
	if err != nil {
		return false, fmt.Errorf("store: patch day %s: %w", r.Day, classify(err))
	}
	return applied, nil
}

// insertDayRows inserts a day's article and query rows; with upsert, rows already there are
// updated.
func insertDayRows(ctx context.Context, tx *sql.Tx, day string, articles []ArticleRow, queries []QueryRow, upsert bool) error {
	if err := insertRows(ctx, tx, "stats_articles", "slug", articleColumns, len(articles), func(i int) (string, []*int64) {
		return articles[i].Slug, articles[i].counters()
	}, day, upsert); err != nil {
		return err
	}
	return insertRows(ctx, tx, "stats_queries", "query", queryColumns, len(queries), func(i int) (string, []*int64) {
		return queries[i].Query, queries[i].counters()
	}, day, upsert)
}

// deleteKeys deletes the rows of day with the given keys, rowsPerInsert per statement.
func deleteKeys(ctx context.Context, tx *sql.Tx, table, keyColumn, day string, keys []string) error {
	for len(keys) > 0 {
		n := min(len(keys), rowsPerInsert)
		args := []any{day}
		for _, k := range keys[:n] {
			args = append(args, k)
		}
		if _, err := tx.ExecContext(ctx, "DELETE FROM "+table+" WHERE day = ? AND "+keyColumn+" IN ("+
			strings.TrimSuffix(strings.Repeat("?, ", n), ", ")+")", args...); err != nil {
			return err
		}
		keys = keys[n:]
	}
	return nil
}

// insertRows inserts n rows of (day, key, counters...) into table, rowsPerInsert per statement;
// with upsert, a row whose (day, key) exists gets the new counters instead.
func insertRows(ctx context.Context, tx *sql.Tx, table, keyColumn string, columns []string, n int,
	row func(i int) (string, []*int64), day string, upsert bool) error {
	cols := append([]string{"day", keyColumn}, columns...)
	suffix := ""
	if upsert {
		suffix = upsertSuffix(keyColumn, columns)
	}
	for start := 0; start < n; start += rowsPerInsert {
		end := min(start+rowsPerInsert, n)
		args := make([]any, 0, (end-start)*len(cols))
		for i := start; i < end; i++ {
			key, counters := row(i)
			args = append(args, day, key)
			for _, p := range counters {
				args = append(args, *p)
			}
		}
		if _, err := tx.ExecContext(ctx, insertSQL(table, cols, end-start)+suffix, args...); err != nil {
			return err
		}
	}
	return nil
}

// upsertSuffix turns an INSERT into the day's rows into an upsert (SQLite and PostgreSQL alike).
func upsertSuffix(keyColumn string, columns []string) string {
	set := make([]string, len(columns))
	for i, c := range columns {
		set[i] = c + " = excluded." + c
	}
	return " ON CONFLICT (day, " + keyColumn + ") DO UPDATE SET " + strings.Join(set, ", ")
}

// insertSQL is an INSERT of n rows of the given columns.
func insertSQL(table string, columns []string, n int) string {
	var b strings.Builder
	b.WriteString("INSERT INTO " + table + " (" + strings.Join(columns, ", ") + ") VALUES ")
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(columns)), ", ") + ")"
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}

// sums is "SUM(a), SUM(b), ..." over columns.
func sums(columns []string) string {
	parts := make([]string, len(columns))
	for i, c := range columns {
		parts[i] = "SUM(" + c + ")"
	}
	return strings.Join(parts, ", ")
}

// Days implements RollupStore.
func (s *SQLite) Days(ctx context.Context, first, last string) ([]DayRollup, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT day, rolled_at, is_final, "+strings.Join(dayColumns, ", ")+
		" FROM stats_days WHERE day >= ? AND day <= ? ORDER BY day", first, last)
	if err != nil {
		return nil, fmt.Errorf("store: days %s..%s: %w", first, last, classify(err))
	}
	defer rows.Close()
	var days []DayRollup
	for rows.Next() {
		var d DayRollup
		var rolled int64
		dest := []any{&d.Day, &rolled, &d.Final}
		for _, p := range d.Totals.counters() {
			dest = append(dest, p)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("store: days: %w", classify(err))
		}
		d.RolledAt = fromMillis(rolled)
		days = append(days, d)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: days: %w", classify(err))
	}
	return days, nil
}

// ArticleTotals implements RollupStore.
func (s *SQLite) ArticleTotals(ctx context.Context, first, last string) ([]ArticleRow, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT slug, "+sums(articleColumns)+
		" FROM stats_articles WHERE day >= ? AND day <= ? GROUP BY slug ORDER BY slug", first, last)
	if err != nil {
		return nil, fmt.Errorf("store: article totals: %w", classify(err))
	}
	defer rows.Close()
	var out []ArticleRow
	for rows.Next() {
		var a ArticleRow
		dest := []any{&a.Slug}
		for _, p := range a.counters() {
			dest = append(dest, p)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("store: article totals: %w", classify(err))
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: article totals: %w", classify(err))
	}
	return out, nil
}

// QueryTotals implements RollupStore, ranking with topQueries over the day-and-counter indexes
// of migration 0004.
func (s *SQLite) QueryTotals(ctx context.Context, first, last string, order QueryOrder, limit int) ([]QueryRow, error) {
	rows, err := topQueries(ctx, s, first, last, order, limit)
	if err != nil {
		return nil, fmt.Errorf("store: query totals: %w", classify(err))
	}
	return rows, nil
}

func (s *SQLite) rolledDays(ctx context.Context, first, last string) ([]string, error) {
	rows, err := s.r.QueryContext(ctx, "SELECT day FROM stats_days WHERE day >= ? AND day <= ? ORDER BY day", first, last)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var days []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, err
		}
		days = append(days, d)
	}
	return days, rows.Err()
}

func (s *SQLite) dayTop(ctx context.Context, day string, order QueryOrder, n int) ([]string, int64, error) {
	key := order.column()
	rows, err := s.r.QueryContext(ctx, "SELECT query, "+key+" FROM stats_queries WHERE day = ? AND "+key+
		" > 0 ORDER BY "+key+" DESC LIMIT ?", day, n+1)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var queries []string
	var next int64
	for rows.Next() {
		var q string
		var v int64
		if err := rows.Scan(&q, &v); err != nil {
			return nil, 0, err
		}
		if len(queries) == n {
			next = v
			break
		}
		queries = append(queries, q)
	}
	return queries, next, rows.Err()
}

func (s *SQLite) sumQueries(ctx context.Context, first, last string, queries []string) ([]QueryRow, error) {
	if len(queries) == 0 {
		return nil, nil
	}
	args := []any{first, last}
	for _, q := range queries {
		args = append(args, q)
	}
	rows, err := s.r.QueryContext(ctx, "SELECT query, "+sums(queryColumns)+" FROM stats_queries"+
		" WHERE day >= ? AND day <= ? AND query IN (?"+strings.Repeat(", ?", len(queries)-1)+") GROUP BY query", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []QueryRow
	for rows.Next() {
		var q QueryRow
		dest := []any{&q.Query}
		for _, p := range q.counters() {
			dest = append(dest, p)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	return out, rows.Err()
}

// EventHoursSince implements RollupStore. The events table's primary key is its ID, so this
// reads only the rows added since afterID.
func (s *SQLite) EventHoursSince(ctx context.Context, afterID int64) ([]int64, int64, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT occurred_at / 3600000, MAX(id) FROM events
		WHERE id > ? GROUP BY occurred_at / 3600000 ORDER BY 1`, afterID)
	if err != nil {
		return nil, afterID, fmt.Errorf("store: event hours since %d: %w", afterID, classify(err))
	}
	defer rows.Close()
	var hours []int64
	last := afterID
	for rows.Next() {
		var h, id int64
		if err := rows.Scan(&h, &id); err != nil {
			return nil, afterID, fmt.Errorf("store: event hours: %w", classify(err))
		}
		hours, last = append(hours, h), max(last, id)
	}
	if err := rows.Err(); err != nil {
		return nil, afterID, fmt.Errorf("store: event hours: %w", classify(err))
	}
	return hours, last, nil
}

// ScanEventsSince implements RollupStore: a range of the primary key. The columns and their
// decoding are ScanEvents's.
func (s *SQLite) ScanEventsSince(ctx context.Context, afterID int64, fn func(Event) error) error {
	rows, err := s.r.QueryContext(ctx, `SELECT `+readEventColumns+` FROM events WHERE id > ? ORDER BY id`, afterID)
	if err != nil {
		return fmt.Errorf("store: scan events since %d: %w", afterID, classify(err))
	}
	return scanEvents(rows, fn, fmt.Sprintf("store: scan events since %d", afterID))
}

// Names of the stats_state rows.
const (
	stateLastEventID = "last_event_id"
	stateTimeZone    = "time_zone"
)

// RollupState implements RollupStore.
func (s *SQLite) RollupState(ctx context.Context) (RollupState, error) {
	var st RollupState
	rows, err := s.r.QueryContext(ctx, "SELECT name, value FROM stats_state")
	if err != nil {
		return st, fmt.Errorf("store: rollup state: %w", classify(err))
	}
	defer rows.Close()
	for rows.Next() {
		var name, value string
		if err := rows.Scan(&name, &value); err != nil {
			return st, fmt.Errorf("store: rollup state: %w", classify(err))
		}
		switch name {
		case stateLastEventID:
			if st.LastEventID, err = strconv.ParseInt(value, 10, 64); err != nil {
				return st, fmt.Errorf("store: rollup state %s=%q: %w", name, value, classify(err))
			}
		case stateTimeZone:
			st.TimeZone = value
		}
	}
	if err := rows.Err(); err != nil {
		return st, fmt.Errorf("store: rollup state: %w", classify(err))
	}
	return st, nil
}

// SetRollupState implements RollupStore.
func (s *SQLite) SetRollupState(ctx context.Context, st RollupState) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for name, value := range map[string]string{
			stateLastEventID: strconv.FormatInt(st.LastEventID, 10),
			stateTimeZone:    st.TimeZone,
		} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO stats_state (name, value) VALUES (?, ?)
				ON CONFLICT (name) DO UPDATE SET value = excluded.value`, name, value); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: set rollup state: %w", classify(err))
	}
	return nil
}

var _ RollupStore = (*SQLite)(nil)
