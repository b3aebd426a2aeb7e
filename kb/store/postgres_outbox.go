package store

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// pgDeliveryColumns reads Delivery rows (see scanPGDelivery) from outbox o joined with tickets t.
const pgDeliveryColumns = `o.id, o.delivery_key, o.ticket_id, t.number, o.channel, o.status,
	o.attempts, o.next_attempt_at, o.last_error, o.created_at, o.updated_at, o.delivered_at`

const pgDeliverySelect = "SELECT " + pgDeliveryColumns + " FROM outbox o JOIN tickets t ON t.id = o.ticket_id "

// pgClaimSQL leases up to $2 due deliveries in one statement. FOR UPDATE SKIP LOCKED makes
// concurrent claimers, in this process or another replica, pass over the rows another claimer
// is leasing instead of waiting for them; once that claimer commits, the rows are no longer
// due (next_attempt_at = $3, the end of the lease), so each attempt is claimed exactly once.
const pgClaimSQL = `WITH due AS (
	SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1
	ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED
), o AS (
	UPDATE outbox SET attempts = outbox.attempts + 1, next_attempt_at = $3, updated_at = $1
	FROM due WHERE outbox.id = due.id RETURNING outbox.*
)
SELECT ` + pgDeliveryColumns + ` FROM o JOIN tickets t ON t.id = o.ticket_id ORDER BY o.id`

func scanPGDelivery(row pgx.CollectableRow) (Delivery, error) {
	var d Delivery
	var next, created, updated time.Time
	var delivered *time.Time
	err := row.Scan(&d.ID, &d.Key, &d.TicketID, &d.TicketNumber, &d.Channel, &d.Status,
		&d.Attempts, &next, &d.LastError, &created, &updated, &delivered)
	d.NextAttemptAt, d.CreatedAt, d.UpdatedAt = fromPG(&next), fromPG(&created), fromPG(&updated)
	d.DeliveredAt = fromPG(delivered)
	return d, err
}

func (s *Postgres) queryDeliveries(ctx context.Context, query string, args ...any) ([]Delivery, error) {
	rows, _ := s.pool.Query(ctx, query, args...) // the error, if any, comes back from CollectRows
	ds, err := pgx.CollectRows(rows, scanPGDelivery)
	if len(ds) == 0 {
		ds = nil
	}
	return ds, err
}

// ClaimDeliveries implements Store.
func (s *Postgres) ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Delivery, error) {
	ds, err := s.queryDeliveries(ctx, pgClaimSQL, pgTime(now), limit, pgTime(now.Add(lease)))
	if err != nil {
		return nil, fmt.Errorf("store: claim deliveries: %w", classify(err))
	}
	return ds, nil
}

// markClaimed runs update, whose last two parameters are the delivery's ID and attempt number
// and which changes the row only while that attempt is the current, pending one.
func (s *Postgres) markClaimed(ctx context.Context, what string, id int64, attempt int, update string, args ...any) error {
	tag, err := s.pool.Exec(ctx, update, append(args, id, attempt)...)
	if err != nil {
		return fmt.Errorf("store: mark delivery %d %s: %w", id, what, classify(err))
	}
	if tag.RowsAffected() == 0 {
		return ErrStale
	}
	return nil
}

// MarkDelivered implements Store.
func (s *Postgres) MarkDelivered(ctx context.Context, id int64, attempt int, at time.Time) error {
	return s.markClaimed(ctx, "delivered", id, attempt, `UPDATE outbox SET status = 'delivered',
		last_error = '', delivered_at = $1, updated_at = $1 WHERE id = $2 AND attempts = $3 AND status = 'pending'`,
		pgTime(at))
}

// MarkRetry implements Store.
func (s *Postgres) MarkRetry(ctx context.Context, id int64, attempt int, errMsg string, at, next time.Time) error {
	return s.markClaimed(ctx, "for retry", id, attempt, `UPDATE outbox SET last_error = $1,
		next_attempt_at = $2, updated_at = $3 WHERE id = $4 AND attempts = $5 AND status = 'pending'`,
		errMsg, pgTime(next), pgTime(at))
}

// MarkFailed implements Store.
func (s *Postgres) MarkFailed(ctx context.Context, id int64, attempt int, errMsg string, at time.Time) error {
	return s.markClaimed(ctx, "failed", id, attempt, `UPDATE outbox SET status = 'failed',
		last_error = $1, updated_at = $2 WHERE id = $3 AND attempts = $4 AND status = 'pending'`,
		errMsg, pgTime(at))
}

// FailedDeliveries implements Store.
func (s *Postgres) FailedDeliveries(ctx context.Context, limit int) ([]Delivery, error) {
	ds, err := s.queryDeliveries(ctx, pgDeliverySelect+"WHERE o.status = 'failed' ORDER BY o.updated_at DESC, o.id DESC LIMIT $1", limit)
	if err != nil {
		return nil, fmt.Errorf("store: failed deliveries: %w", classify(err))
	}
	return ds, nil
}

// TicketDeliveries implements Store.
func (s *Postgres) TicketDeliveries(ctx context.Context, number string) ([]Delivery, error) {
	ds, err := s.queryDeliveries(ctx, pgDeliverySelect+"WHERE t.number = $1 ORDER BY o.channel COLLATE \"C\"", number)
	if err != nil {
		return nil, fmt.Errorf("store: deliveries of %s: %w", number, classify(err))
	}
	return ds, nil
}

// RetryDelivery implements Store.
func (s *Postgres) RetryDelivery(ctx context.Context, id int64, now time.Time) error {
	tag, err := s.pool.Exec(ctx, `UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1,
		updated_at = $1 WHERE id = $2 AND status = 'failed'`, pgTime(now), id)
	if err != nil {
		return fmt.Errorf("store: retry delivery %d: %w", id, classify(err))
	}
	if tag.RowsAffected() == 0 {
		return ErrNotFound
	}
	return nil
}

// OutboxCounts implements Store.
func (s *Postgres) OutboxCounts(ctx context.Context) (OutboxCounts, error) {
	var c OutboxCounts
	err := s.pool.QueryRow(ctx, `SELECT
		COUNT(*) FILTER (WHERE status = 'pending'),
		COUNT(*) FILTER (WHERE status = 'delivered'),
		COUNT(*) FILTER (WHERE status = 'failed') FROM outbox`).Scan(&c.Pending, &c.Delivered, &c.Failed)
	if err != nil {
		return OutboxCounts{}, fmt.Errorf("store: outbox counts: %w", classify(err))
	}
	return c, nil
}
