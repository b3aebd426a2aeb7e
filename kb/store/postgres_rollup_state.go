package store

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/jackc/pgx/v5"
)

// pgHoursPage is how many events one query of EventHoursSince groups into hours: like
// pgScanPage, the LIMIT keeps the planner on the primary key whatever its statistics say.
const pgHoursPage = 10_000

// EventHoursSince implements RollupStore. The events table's primary key is its ID, so this
// reads only the rows added since afterID, pgHoursPage at a time. IDs grow in commit order
// because InsertEvents holds pgEventsLock from taking its IDs until its commit (see there): no
// batch can become visible with IDs below one this has already returned.
func (s *Postgres) EventHoursSince(ctx context.Context, afterID int64) ([]int64, int64, error) {
	seen := map[int64]bool{}
	last := afterID
	for {
		rows, _ := s.pool.Query(ctx, `SELECT floor(extract(epoch FROM occurred_at) / 3600)::bigint AS hour, MAX(id), COUNT(*)
			FROM (SELECT id, occurred_at FROM events WHERE id > $1 ORDER BY id LIMIT $2) page GROUP BY hour`, last, pgHoursPage)
		var hour, id, count, n int64
		_, err := pgx.ForEachRow(rows, []any{&hour, &id, &count}, func() error {
			seen[hour], n = true, n+count
			last = max(last, id)
			return nil
		})
		if err != nil {
			return nil, afterID, fmt.Errorf("store: event hours since %d: %w", afterID, classify(err))
		}
		if n < pgHoursPage {
			break
		}
	}
	hours := make([]int64, 0, len(seen))
	for h := range seen {
		hours = append(hours, h)
	}
	slices.Sort(hours)
	return hours, last, nil
}

// pgScanPage is how many events one query of ScanEventsSince reads. The LIMIT makes the
// planner walk the primary key even when its statistics are stale (a freshly loaded table
// estimated a third of it above any ID, and chose a sequential scan of a million rows to return
// forty), and bounds each result.
const pgScanPage = 5000

// ScanEventsSince implements RollupStore: ranges of the primary key, in ID order, which is
// commit order (see EventHoursSince), pgScanPage events at a time. The columns and their
// decoding are ScanEvents's.
func (s *Postgres) ScanEventsSince(ctx context.Context, afterID int64, fn func(Event) error) error {
	for {
		n, last, err := s.scanEventsPage(ctx, afterID, fn)
		if err != nil {
			return err
		}
		if n < pgScanPage {
			return nil
		}
		afterID = last
	}
}

// scanEventsPage calls fn for up to pgScanPage events above afterID and returns how many there
// were and the last one's ID.
func (s *Postgres) scanEventsPage(ctx context.Context, afterID int64, fn func(Event) error) (n int, last int64, err error) {
	rows, err := s.pool.Query(ctx, `SELECT `+readEventColumns+` FROM events WHERE id > $1 ORDER BY id LIMIT $2`,
		afterID, pgScanPage)
	if err != nil {
		return 0, 0, fmt.Errorf("store: scan events since %d: %w", afterID, classify(err))
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanPgEvent(rows)
		if err != nil {
			return n, last, fmt.Errorf("store: scan events since %d: %w", afterID, classify(err))
		}
		if err := fn(e); err != nil {
			return n, last, err
		}
		n, last = n+1, e.ID
	}
	if err := rows.Err(); err != nil {
		return n, last, fmt.Errorf("store: scan events since %d: %w", afterID, classify(err))
	}
	return n, last, nil
}

// RollupState implements RollupStore.
func (s *Postgres) RollupState(ctx context.Context) (RollupState, error) {
	var st RollupState
	rows, _ := s.pool.Query(ctx, "SELECT name, value FROM stats_state")
	var name, value string
	_, err := pgx.ForEachRow(rows, []any{&name, &value}, func() error {
		var err error
		switch name {
		case stateLastEventID:
			if st.LastEventID, err = strconv.ParseInt(value, 10, 64); err != nil {
				return fmt.Errorf("%s=%q: %w", name, value, err)
			}
		case stateTimeZone:
			st.TimeZone = value
		}
		return nil
	})
	if err != nil {
		return RollupState{}, fmt.Errorf("store: rollup state: %w", classify(err))
	}
	return st, nil
}

// SetRollupState implements RollupStore, in one statement.
func (s *Postgres) SetRollupState(ctx context.Context, st RollupState) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO stats_state (name, value) VALUES ($1, $2), ($3, $4)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`,
		stateLastEventID, strconv.FormatInt(st.LastEventID, 10), stateTimeZone, st.TimeZone)
	if err != nil {
		return fmt.Errorf("store: set rollup state: %w", classify(err))
	}
	return nil
}

var _ RollupStore = (*Postgres)(nil)
