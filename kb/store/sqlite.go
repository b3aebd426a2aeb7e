package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver (pure Go)
)

// Connection settings for SQLite.
const (
	// busyTimeoutMS: how long a connection waits for another process's lock (a `kb report` run,
	// a backup) before failing with SQLITE_BUSY; long enough for any single write we make.
	busyTimeoutMS = 10000
	// maxReaders: WAL readers never block the writer or each other; a few are enough on a
	// 2-core machine, more only queue on the CPU.
	maxReaders = 4
)

// SQLite is the Store backed by one SQLite file, in WAL mode.
//
// It keeps two pools on the same file: one writer connection (every write goes through it,
// so writers queue in Go instead of failing with SQLITE_BUSY, and every transaction begins
// IMMEDIATE, taking the write lock up front, which also covers other processes) and a few
// read-only connections that run concurrently with it. synchronous=FULL makes every commit
// wait for fsync of the WAL: a ticket acknowledged to a customer survives kill -9 and power loss.
type SQLite struct {
	path string
	w    *sql.DB // exactly one connection
	r    *sql.DB // read-only connections
}

var _ Store = (*SQLite)(nil)

// OpenSQLite opens (creating if needed) the SQLite database file at path and applies pending
// migrations.
func OpenSQLite(ctx context.Context, path string) (*SQLite, error) {
	if path == "" || strings.ContainsRune(path, '?') {
		return nil, fmt.Errorf("store: invalid SQLite path %q", path)
	}
	if err := createPrivate(path); err != nil {
		return nil, fmt.Errorf("store: create %s: %w", path, classify(err))
	}
	w, err := sql.Open("sqlite", sqliteDSN(path, false))
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", path, classify(err))
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	if err := migrate(ctx, w, sqliteMigrations, "migrations/sqlite"); err != nil {
		w.Close()
		return nil, fmt.Errorf("store: migrate %s: %w", path, classify(err))
	}
	r, err := sql.Open("sqlite", sqliteDSN(path, true))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: open %s: %w", path, classify(err))
	}
	r.SetMaxOpenConns(maxReaders)
	r.SetMaxIdleConns(maxReaders)
	s := &SQLite{path: path, w: w, r: r}
	if err := s.Ping(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// createPrivate creates the database file, and its directory, readable by the owner only when
// it does not exist yet: it holds customers' names, emails and files. SQLite gives its WAL and
// shared-memory files the same permissions.
func createPrivate(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return nil
	}
	if err != nil {
		return err
	}
	return f.Close()
}

// sqliteDSN is the modernc.org/sqlite DSN for path: every pragma is applied to each new
// connection of the pool.
func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{}
	q.Set("_busy_timeout", fmt.Sprint(busyTimeoutMS))
	q.Set("_journal_mode", "WAL")
	q.Set("_foreign_keys", "1")
	q.Set("_synchronous", "FULL")
	q.Set("_txlock", "immediate")
	if readOnly {
		q.Set("_query_only", "1")
		q.Set("_txlock", "deferred")
	}
	return path + "?" + q.Encode()
}

// Path is the database file's path.
func (s *SQLite) Path() string { return s.path }

// Ping checks both pools with a trivial query.
func (s *SQLite) Ping(ctx context.Context) error {
	for _, db := range []*sql.DB{s.w, s.r} {
		var one int
		if err := db.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
			return fmt.Errorf("store: ping %s: %w", s.path, classify(err))
		}
	}
	return nil
}

// Close closes both pools; the WAL is checkpointed by SQLite when the last connection closes.
func (s *SQLite) Close() error {
	return errors.Join(s.r.Close(), s.w.Close())
}

// inTx runs fn in a write transaction on the writer connection.
func (s *SQLite) inTx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// millis converts t to the stored form, Unix milliseconds (UTC, portable, compact, ordered).
func millis(t time.Time) int64 { return t.UnixMilli() }

// fromMillis converts a stored time back, in UTC.
func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// nullMillis converts a nullable stored time; NULL is the zero time.
func nullMillis(ms sql.NullInt64) time.Time {
	if !ms.Valid {
		return time.Time{}
	}
	return fromMillis(ms.Int64)
}
