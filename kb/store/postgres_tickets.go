package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// pgCreateTicketSQL creates a ticket, its attachments and its outbox rows in one statement, so
// in one implicit transaction: the counter row is locked from the moment it is bumped until the
// commit, and only while the server runs the statement (attachment bytes have already arrived
// with the parameters). Concurrent creators queue on that row and get consecutive numbers; a
// failure anywhere rolls the counter back with everything else. The number is formatted like
// FormatTicketNumber ($1 is its prefix, padding to 6 digits, never truncating).
const pgCreateTicketSQL = `WITH n AS (
	UPDATE ticket_counter SET last_id = last_id + 1 RETURNING last_id
), t AS (
	INSERT INTO tickets (id, number, created_at, name, email, mobile, category, subject, description,
		client_ip, user_agent, referrer)
	SELECT last_id, $1 || lpad(last_id::text, greatest(6, length(last_id::text)), '0'),
		$2, $3, $4, $5, $6, $7, $8, $9, $10, $11
	FROM n RETURNING id, number
), a AS (
	INSERT INTO attachments (id, ticket_id, position, filename, content_type, size, sha256, data)
	SELECT a.id, t.id, a.pos - 1, a.filename, a.content_type, a.size, a.sha256, a.data
	FROM t, unnest($12::text[], $13::text[], $14::text[], $15::bigint[], $16::text[], $17::bytea[])
		WITH ORDINALITY AS a (id, filename, content_type, size, sha256, data, pos)
), o AS (
	INSERT INTO outbox (delivery_key, ticket_id, channel, next_attempt_at, created_at, updated_at)
	SELECT k.key, t.id, k.channel, $2, $2, $2
	FROM t, unnest($18::text[], $19::text[]) AS k (key, channel)
)
SELECT id, number FROM t`

// CreateTicket implements Store.
func (s *Postgres) CreateTicket(ctx context.Context, t Ticket, channels []string) (Ticket, error) {
	t, err := prepareTicket(t, channels)
	if err != nil {
		return Ticket{}, err
	}
	n := len(t.Attachments)
	ids, names, types, sums := make([]string, n), make([]string, n), make([]string, n), make([]string, n)
	sizes, data := make([]int64, n), make([][]byte, n)
	for i, a := range t.Attachments {
		ids[i], names[i], types[i], sums[i], sizes[i], data[i] = a.ID, a.Filename, a.ContentType, a.SHA256, a.Size, a.Data
	}
	keys := make([]string, len(channels))
	for i := range channels {
		keys[i] = newDeliveryKey()
	}
	err = s.pool.QueryRow(ctx, pgCreateTicketSQL, TicketNumberPrefix, t.CreatedAt, t.Name, t.Email, t.Mobile,
		t.Category, t.Subject, t.Description, t.ClientIP, t.UserAgent, t.Referrer,
		ids, names, types, sizes, sums, data, keys, append([]string{}, channels...)).Scan(&t.ID, &t.Number)
	if err != nil {
		return Ticket{}, fmt.Errorf("store: create ticket: %w", classify(err))
	}
	if want := FormatTicketNumber(t.ID); t.Number != want {
		return Ticket{}, fmt.Errorf("store: create ticket: number %s for ID %d, want %s", t.Number, t.ID, want)
	}
	return t, nil
}

// Ticket implements Store.
func (s *Postgres) Ticket(ctx context.Context, number string) (Ticket, error) {
	var t Ticket
	var created time.Time
	err := s.pool.QueryRow(ctx, `SELECT id, number, created_at, name, email, mobile, category,
		subject, description, client_ip, user_agent, referrer FROM tickets WHERE number = $1`, number).Scan(
		&t.ID, &t.Number, &created, &t.Name, &t.Email, &t.Mobile, &t.Category,
		&t.Subject, &t.Description, &t.ClientIP, &t.UserAgent, &t.Referrer)
	if errors.Is(err, pgx.ErrNoRows) {
		return Ticket{}, ErrNotFound
	}
	if err != nil {
		return Ticket{}, fmt.Errorf("store: ticket %s: %w", number, classify(err))
	}
	t.CreatedAt = fromPG(&created)
	rows, _ := s.pool.Query(ctx, `SELECT id, filename, content_type, size, sha256, data
		FROM attachments WHERE ticket_id = $1 ORDER BY position`, t.ID)
	t.Attachments, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (Attachment, error) {
		var a Attachment
		err := row.Scan(&a.ID, &a.Filename, &a.ContentType, &a.Size, &a.SHA256, &a.Data)
		return a, err
	})
	if err != nil {
		return Ticket{}, fmt.Errorf("store: ticket %s: attachments: %w", number, classify(err))
	}
	if len(t.Attachments) == 0 {
		t.Attachments = nil // as SQLite returns them
	}
	return t, nil
}
