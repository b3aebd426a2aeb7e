// Package store keeps tickets, their delivery outbox and analytics events in a database (SQLite by default).
package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Errors returned by every Store implementation.
var (
	// ErrNotFound: no row with that ticket number or delivery ID (in the expected state).
	ErrNotFound = errors.New("store: not found")
	// ErrStale: a delivery was updated by someone else since it was claimed (its lease expired
	// and another deliverer claimed it again); the caller's result is dropped.
	ErrStale = errors.New("store: delivery claimed again by another deliverer")
)

// Delivery statuses, stored in outbox.status.
const (
	StatusPending   = "pending"
	StatusDelivered = "delivered"
	StatusFailed    = "failed"
)

// TicketNumberPrefix starts every ticket number; numbers are TicketNumberPrefix + a zero-padded,
// increasing counter ("KB-000123"): short enough to read over the phone, sortable.
const TicketNumberPrefix = "KB-"

// FormatTicketNumber is the ticket number of the ticket with the given row ID.
func FormatTicketNumber(id int64) string { return fmt.Sprintf("%s%06d", TicketNumberPrefix, id) }

// Ticket is a customer's support request as committed to the store.
type Ticket struct {
	ID          int64
	Number      string    // set by CreateTicket, e.g. "KB-000123"
	CreatedAt   time.Time // set by CreateTicket when zero; stored with millisecond precision
	Name        string
	Email       string
	Mobile      string // canonical 09xxxxxxxxx, or ""
	Category    string // category slug, or ""
	Subject     string
	Description string
	ClientIP    string // metadata for abuse handling, never shown to other customers
	UserAgent   string
	Referrer    string // the page the form was opened from
	Attachments []Attachment
}

// Attachment is a file sent with a ticket. Its bytes live in the database, in the same
// transaction as the ticket: committed together, durable together, and shared by every replica
// that uses the same database.
type Attachment struct {
	ID          string // random, unguessable; the caller chooses it (see tickets.NewAttachmentID)
	Filename    string // the customer's file name, cleaned, for display and delivery only
	ContentType string // detected from the content, never from the client
	Size        int64
	SHA256      string // hex
	Data        []byte
}

// Delivery is one outbox row: one ticket to deliver through one channel.
type Delivery struct {
	ID            int64
	Key           string // idempotency key, random, stable across retries
	TicketID      int64
	TicketNumber  string
	Channel       string // "webhook", "email", ...
	Status        string // StatusPending, StatusDelivered or StatusFailed
	Attempts      int    // attempts started, counted when claimed
	NextAttemptAt time.Time
	LastError     string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	DeliveredAt   time.Time // zero unless delivered
}

// OutboxCounts is the number of outbox rows in each status.
type OutboxCounts struct {
	Pending, Delivered, Failed int64
}

// Store is everything kept in the database. Consumers should declare the few methods they use
// as their own small interface; this one exists for the shared test suite (storetest) and for
// Open.
type Store interface {
	// CreateTicket commits the ticket, its attachments and one pending outbox row per channel
	// in one transaction, assigning ID, Number (and CreatedAt when zero). When it returns nil,
	// the ticket is on stable storage.
	CreateTicket(ctx context.Context, t Ticket, channels []string) (Ticket, error)
	// Ticket returns the ticket with the given number, attachments included, or ErrNotFound.
	Ticket(ctx context.Context, number string) (Ticket, error)

	// ClaimDeliveries returns up to limit pending deliveries due at now, oldest due first, and
	// leases them: their attempt count goes up by one and they are not due again before
	// now+lease, so a deliverer that dies mid-attempt is retried after the lease, and two
	// deliverers sharing a database never hold the same delivery.
	ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Delivery, error)
	// MarkDelivered, MarkRetry and MarkFailed record the outcome, at time at, of the claimed
	// attempt number attempt (Delivery.Attempts); MarkRetry makes the delivery due again at
	// next. ErrStale when the delivery was claimed again meanwhile (or is no longer pending).
	MarkDelivered(ctx context.Context, id int64, attempt int, at time.Time) error
	MarkRetry(ctx context.Context, id int64, attempt int, errMsg string, at, next time.Time) error
	MarkFailed(ctx context.Context, id int64, attempt int, errMsg string, at time.Time) error
	// FailedDeliveries lists failed deliveries, most recently failed first.
	FailedDeliveries(ctx context.Context, limit int) ([]Delivery, error)
	// RetryDelivery puts a failed delivery back in the queue, due at now, with its attempt
	// count reset; ErrNotFound when no failed delivery has that ID.
	RetryDelivery(ctx context.Context, id int64, now time.Time) error
	// TicketDeliveries lists the deliveries of one ticket, by channel.
	TicketDeliveries(ctx context.Context, number string) ([]Delivery, error)
	// OutboxCounts counts outbox rows per status (for metrics and the admin).
	OutboxCounts(ctx context.Context) (OutboxCounts, error)

	// InsertEvents stores a batch of events in one transaction.
	InsertEvents(ctx context.Context, events []Event) error
	// ScanEvents calls fn for each event with from <= OccurredAt < to, in time order.
	ScanEvents(ctx context.Context, from, to time.Time, fn func(Event) error) error
	// DeleteEventsBefore removes events older than t (retention) and returns how many.
	DeleteEventsBefore(ctx context.Context, t time.Time) (int64, error)

	// Ping reports whether the database answers.
	Ping(ctx context.Context) error
	Close() error
}

// Open opens the store named by dsn: "sqlite:PATH", "file:PATH" or a plain file path open a
// SQLite database; "postgres://..." and "postgresql://..." URLs a PostgreSQL database
// (OpenPostgres), which several replicas can share.
func Open(ctx context.Context, dsn string) (Store, error) {
	switch {
	case isPostgresURL(dsn):
		return OpenPostgres(ctx, dsn)
	case strings.HasPrefix(dsn, "sqlite:"):
		return OpenSQLite(ctx, strings.TrimPrefix(dsn, "sqlite:"))
	case strings.HasPrefix(dsn, "file:"):
		return OpenSQLite(ctx, strings.TrimPrefix(dsn, "file:"))
	}
	return OpenSQLite(ctx, dsn)
}
