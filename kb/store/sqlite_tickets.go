package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// CreateTicket implements Store.
func (s *SQLite) CreateTicket(ctx context.Context, t Ticket, channels []string) (Ticket, error) {
	t, err := prepareTicket(t, channels)
	if err != nil {
		return Ticket{}, err
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO tickets
			(created_at, name, email, mobile, category, subject, description, client_ip, user_agent, referrer)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			millis(t.CreatedAt), t.Name, t.Email, t.Mobile, t.Category, t.Subject, t.Description,
			t.ClientIP, t.UserAgent, t.Referrer).Scan(&t.ID); err != nil {
			return err
		}
		t.Number = FormatTicketNumber(t.ID)
		if _, err := tx.ExecContext(ctx, "UPDATE tickets SET number = ? WHERE id = ?", t.Number, t.ID); err != nil {
			return err
		}
		for i, a := range t.Attachments {
			if _, err := tx.ExecContext(ctx, `INSERT INTO attachments
				(id, ticket_id, position, filename, content_type, size, sha256, data)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				a.ID, t.ID, i, a.Filename, a.ContentType, a.Size, a.SHA256, a.Data); err != nil {
				return err
			}
		}
		for _, ch := range channels {
			now := millis(t.CreatedAt)
			if _, err := tx.ExecContext(ctx, `INSERT INTO outbox
				(delivery_key, ticket_id, channel, next_attempt_at, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?)`, newDeliveryKey(), t.ID, ch, now, now, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return Ticket{}, fmt.Errorf("store: create ticket: %w", classify(err))
	}
	return t, nil
}

// Ticket implements Store.
func (s *SQLite) Ticket(ctx context.Context, number string) (Ticket, error) {
	var t Ticket
	var created int64
	err := s.r.QueryRowContext(ctx, `SELECT id, number, created_at, name, email, mobile, category,
		subject, description, client_ip, user_agent, referrer FROM tickets WHERE number = ?`, number).Scan(
		&t.ID, &t.Number, &created, &t.Name, &t.Email, &t.Mobile, &t.Category,
		&t.Subject, &t.Description, &t.ClientIP, &t.UserAgent, &t.Referrer)
	if errors.Is(err, sql.ErrNoRows) {
		return Ticket{}, ErrNotFound
	}
	if err != nil {
		return Ticket{}, fmt.Errorf("store: ticket %s: %w", number, classify(err))
	}
	t.CreatedAt = fromMillis(created)
	if t.Attachments, err = s.attachments(ctx, t.ID); err != nil {
		return Ticket{}, fmt.Errorf("store: ticket %s: %w", number, classify(err))
	}
	return t, nil
}

func (s *SQLite) attachments(ctx context.Context, ticketID int64) ([]Attachment, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT id, filename, content_type, size, sha256, data
		FROM attachments WHERE ticket_id = ? ORDER BY position`, ticketID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var as []Attachment
	for rows.Next() {
		var a Attachment
		if err := rows.Scan(&a.ID, &a.Filename, &a.ContentType, &a.Size, &a.SHA256, &a.Data); err != nil {
			return nil, err
		}
		as = append(as, a)
	}
	return as, rows.Err()
}
