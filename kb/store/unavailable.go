package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/puddle/v2"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// ErrUnavailable marks an error caused by the database being out of reach for now rather than
// by the request or by a bug: the disk is full, another process holds the lock past the busy
// timeout, PostgreSQL is down or refuses connections, the store is closed. The same call is
// expected to succeed once the fault is cleared, without a restart, so callers answer 503 with
// Retry-After (and keep what the customer typed). Test with errors.Is; errors.As still finds
// the driver's error underneath.
var ErrUnavailable = errors.New("store: database unavailable")

// unavailableError wraps a driver error classified as unavailable. Its message is the driver's,
// unchanged.
type unavailableError struct{ err error }

func (e *unavailableError) Error() string   { return e.err.Error() }
func (e *unavailableError) Unwrap() []error { return []error{ErrUnavailable, e.err} }

// classify returns err marked with ErrUnavailable when it is a fault of the database's
// availability, and err unchanged otherwise (nil stays nil). Every Store method passes its
// errors through it.
func classify(err error) error {
	if err == nil || errors.Is(err, ErrUnavailable) || !unavailable(err) {
		return err
	}
	return &unavailableError{err: err}
}

// unavailable reports whether err means the database cannot be reached or written for now.
func unavailable(err error) bool {
	return sqliteUnavailable(err) || postgresUnavailable(err) || connectionLost(err)
}

// sqliteUnavailableCodes are the primary SQLite result codes of a database out of reach: a
// full disk, a lock held too long by another connection, an I/O error, a file that cannot be
// opened or written (permissions changed, disk remounted read-only), memory exhausted. Not
// here, because retrying cannot help: SQLITE_CORRUPT, SQLITE_NOTADB, constraint violations,
// SQL errors; they stay 500s and are logged.
var sqliteUnavailableCodes = map[int]bool{
	sqlite3.SQLITE_FULL:     true,
	sqlite3.SQLITE_BUSY:     true,
	sqlite3.SQLITE_LOCKED:   true,
	sqlite3.SQLITE_IOERR:    true,
	sqlite3.SQLITE_CANTOPEN: true,
	sqlite3.SQLITE_READONLY: true,
	sqlite3.SQLITE_NOMEM:    true,
	sqlite3.SQLITE_PROTOCOL: true,
}

func sqliteUnavailable(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && sqliteUnavailableCodes[se.Code()&0xff] // extended codes keep the primary in the low byte
}

// postgresUnavailableStates are the SQLSTATE codes (or classes, two characters) of a server
// out of reach or out of resources: connection exceptions (08), insufficient resources such
// as a full disk or too many connections (53), shutdown and startup (57P01-57P03), a lock or
// statement timeout (55P03, 57014), and serialization failures and deadlocks, which a retry
// resolves (40001, 40P01).
var postgresUnavailableStates = []string{"08", "53", "57P01", "57P02", "57P03", "55P03", "57014", "40001", "40P01"}

func postgresUnavailable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		for _, s := range postgresUnavailableStates {
			if strings.HasPrefix(pe.Code, s) {
				return true
			}
		}
		return false
	}
	var ce *pgconn.ConnectError
	return errors.As(err, &ce) || errors.Is(err, puddle.ErrClosedPool) || errors.Is(err, pgconn.ErrConnClosed) ||
		pgconn.Timeout(err)
}

// connectionLost covers what any driver reports when the connection or the pool is gone, or
// when the database did not answer before the caller's deadline.
func connectionLost(err error) bool {
	var ne net.Error
	switch {
	case errors.As(err, &ne),
		errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE),
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, driver.ErrBadConn), errors.Is(err, sql.ErrConnDone),
		errors.Is(err, context.DeadlineExceeded):
		return true
	}
	// database/sql reports a closed *sql.DB with an unexported error value.
	return strings.Contains(err.Error(), "sql: database is closed")
}
