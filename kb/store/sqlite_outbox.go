package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
)

// deliverySelect reads Delivery rows (see scanDelivery) joined with their ticket number.
const deliverySelect = `SELECT o.id, o.delivery_key, o.ticket_id, t.number, o.channel, o.status,
	o.attempts, o.next_attempt_at, o.last_error, o.created_at, o.updated_at, o.delivered_at
	FROM outbox o JOIN tickets t ON t.id = o.ticket_id `

func scanDelivery(rows *sql.Rows) (Delivery, error) {
	var d Delivery
	var next, created, updated int64
	var delivered sql.NullInt64
	err := rows.Scan(&d.ID, &d.Key, &d.TicketID, &d.TicketNumber, &d.Channel, &d.Status,
		&d.Attempts, &next, &d.LastError, &created, &updated, &delivered)
	d.NextAttemptAt, d.CreatedAt, d.UpdatedAt = fromMillis(next), fromMillis(created), fromMillis(updated)
	d.DeliveredAt = nullMillis(delivered)
	return d, err
}

func queryDeliveries(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, query string, args ...any) ([]Delivery, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ds []Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, err
		}
		ds = append(ds, d)
	}
	return ds, rows.Err()
}

// ClaimDeliveries implements Store.
func (s *SQLite) ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Delivery, error) {
	var ds []Delivery
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?
			ORDER BY next_attempt_at, id LIMIT ?`, millis(now), limit)
		if err != nil {
			return err
		}
		var ids []any
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		in := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ") + ")"
		args := append([]any{millis(now.Add(lease)), millis(now)}, ids...)
		if _, err := tx.ExecContext(ctx, `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?,
			updated_at = ? WHERE id IN `+in, args...); err != nil {
			return err
		}
		ds, err = queryDeliveries(ctx, tx, deliverySelect+"WHERE o.id IN "+in+" ORDER BY o.id", ids...)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: claim deliveries: %w", classify(err))
	}
	return ds, nil
}

// markClaimed updates the claimed delivery id if it is still pending at attempt number attempt.
func (s *SQLite) markClaimed(ctx context.Context, what string, id int64, attempt int, set string, args ...any) error {
	args = append(args, id, attempt)
	res, err := s.w.ExecContext(ctx, "UPDATE outbox SET "+set+" WHERE id = ? AND attempts = ? AND status = 'pending'", args...)
	if err != nil {
		return fmt.Errorf("store: mark delivery %d %s: %w", id, what, classify(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: mark delivery %d %s: %w", id, what, classify(err))
	}
	if n == 0 {
		return ErrStale
	}
	return nil
}

// MarkDelivered implements Store.
func (s *SQLite) MarkDelivered(ctx context.Context, id int64, attempt int, at time.Time) error {
	return s.markClaimed(ctx, "delivered", id, attempt,
		"status = 'delivered', last_error = '', delivered_at = ?, updated_at = ?", millis(at), millis(at))
}

// MarkRetry implements Store.
func (s *SQLite) MarkRetry(ctx context.Context, id int64, attempt int, errMsg string, at, next time.Time) error {
	return s.markClaimed(ctx, "for retry", id, attempt,
		"last_error = ?, next_attempt_at = ?, updated_at = ?", errMsg, millis(next), millis(at))
}

// MarkFailed implements Store.
func (s *SQLite) MarkFailed(ctx context.Context, id int64, attempt int, errMsg string, at time.Time) error {
	return s.markClaimed(ctx, "failed", id, attempt,
		"status = 'failed', last_error = ?, updated_at = ?", errMsg, millis(at))
}

// FailedDeliveries implements Store.
func (s *SQLite) FailedDeliveries(ctx context.Context, limit int) ([]Delivery, error) {
	ds, err := queryDeliveries(ctx, s.r, deliverySelect+"WHERE o.status = 'failed' ORDER BY o.updated_at DESC, o.id DESC LIMIT ?", limit)
	if err != nil {
		return nil, fmt.Errorf("store: failed deliveries: %w", classify(err))
	}
	return ds, nil
}

// TicketDeliveries implements Store.
func (s *SQLite) TicketDeliveries(ctx context.Context, number string) ([]Delivery, error) {
	ds, err := queryDeliveries(ctx, s.r, deliverySelect+"WHERE t.number = ? ORDER BY o.channel", number)
	if err != nil {
		return nil, fmt.Errorf("store: deliveries of %s: %w", number, classify(err))
	}
	return ds, nil
}

// RetryDelivery implements Store.
func (s *SQLite) RetryDelivery(ctx context.Context, id int64, now time.Time) error {
	res, err := s.w.ExecContext(ctx, `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ?,
		updated_at = ? WHERE id = ? AND status = 'failed'`, millis(now), millis(now), id)
	if err != nil {
		return fmt.Errorf("store: retry delivery %d: %w", id, classify(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: retry delivery %d: %w", id, classify(err))
	}
	if n == 0 {
		return ErrNotFound
	}
	return nil
}

// OutboxCounts implements Store.
func (s *SQLite) OutboxCounts(ctx context.Context) (OutboxCounts, error) {
	var c OutboxCounts
	rows, err := s.r.QueryContext(ctx, "SELECT status, COUNT(*) FROM outbox GROUP BY status")
	if err != nil {
		return c, fmt.Errorf("store: outbox counts: %w", classify(err))
	}
	defer rows.Close()
	for rows.Next() {
		var status string
		var n int64
		if err := rows.Scan(&status, &n); err != nil {
			return c, fmt.Errorf("store: outbox counts: %w", classify(err))
		}
		switch status {
		case StatusPending:
			c.Pending = n
		case StatusDelivered:
			c.Delivered = n
		case StatusFailed:
			c.Failed = n
		}
	}
	return c, rows.Err()
}
