package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// pgEventColumns are the columns InsertEvents copies, in the order of pgEventRow.
var pgEventColumns = []string{"occurred_at", "type", "session_id", "query", "norm_query", "slug",
	"result_rank", "result_count", "source", "value", "reason", "holdout"}

// pgEventRow is e as one row of pgEventColumns; an empty session ID is NULL.
func pgEventRow(e Event) []any {
	var session any
	if e.SessionID != "" {
		session = e.SessionID
	}
	return []any{pgTime(e.OccurredAt), e.Type, session, e.Query, e.NormQuery, e.Slug,
		int32(e.Rank), int32(e.ResultCount), e.Source, e.Value, e.Reason, e.Holdout}
}

// pgEventsLock is the transaction advisory lock InsertEvents holds from before its rows take
// their IDs until they commit. Batches from several replicas then commit in ID order, which
// the roll-up relies on (EventHoursSince): without it, a batch that took IDs 100-199 could
// commit after one that took 200-299 had been rolled up, and be skipped forever. Batches wait
// for each other only for the length of a COPY.
const pgEventsLock = `SELECT pg_advisory_xact_lock(hashtextextended('persiankb/kb/store events ' || current_schema(), 0))`

// InsertEvents implements Store with one COPY in one transaction (see pgEventsLock): the
// batch commits or fails as a whole, and COPY is the fastest way into PostgreSQL (binary
// rows, no SQL per event).
func (s *Postgres) InsertEvents(ctx context.Context, events []Event) error {
	if len(events) == 0 {
		return nil
	}
	for i, e := range events {
		if e.Type == "" || e.OccurredAt.IsZero() {
			return fmt.Errorf("store: insert events: event %d has no type or time", i)
		}
	}
	src := pgx.CopyFromSlice(len(events), func(i int) ([]any, error) { return pgEventRow(events[i]), nil })
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, pgEventsLock); err != nil {
			return err
		}
		_, err := tx.CopyFrom(ctx, pgx.Identifier{"events"}, pgEventColumns, src)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: insert %d events: %w", len(events), classify(err))
	}
	return nil
}

// ScanEvents implements Store.
func (s *Postgres) ScanEvents(ctx context.Context, from, to time.Time, fn func(Event) error) error {
	rows, err := s.pool.Query(ctx, `SELECT `+readEventColumns+` FROM events
		WHERE occurred_at >= $1 AND occurred_at < $2 ORDER BY occurred_at, id`, pgTime(from), pgTime(to))
	if err != nil {
		return fmt.Errorf("store: scan events: %w", classify(err))
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanPgEvent(rows)
		if err != nil {
			return fmt.Errorf("store: scan events: %w", classify(err))
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: scan events: %w", classify(err))
	}
	return nil
}

// scanPgEvent reads the event at rows (columns readEventColumns).
func scanPgEvent(rows pgx.Rows) (Event, error) {
	var e Event
	var session *string
	if err := rows.Scan(&e.ID, &e.OccurredAt, &e.Type, &session, &e.Query, &e.NormQuery, &e.Slug,
		&e.Rank, &e.ResultCount, &e.Source, &e.Value, &e.Reason, &e.Holdout); err != nil {
		return e, err
	}
	e.OccurredAt = e.OccurredAt.UTC()
	if session != nil {
		e.SessionID = *session
	}
	return e, nil
}

// DeleteEventsBefore implements Store.
func (s *Postgres) DeleteEventsBefore(ctx context.Context, t time.Time) (int64, error) {
	tag, err := s.pool.Exec(ctx, "DELETE FROM events WHERE occurred_at < $1", pgTime(t))
	if err != nil {
		return 0, fmt.Errorf("store: delete events before %s: %w", t.Format(time.RFC3339), classify(err))
	}
	return tag.RowsAffected(), nil
}
