package storetest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"modernc.org/sqlite"

	"persiankb/kb/store"
)

// Real SQLite faults for the fault tests of the packages that run on a SQLite store: a full
// disk and a database locked by another process. They are produced by SQLite itself (the
// errors are SQLITE_FULL and SQLITE_BUSY from the driver, not imitations), through the
// driver's connection hook, so the store's code runs unchanged.

// faultHookOnce registers the connection hook once per test binary.
var faultHookOnce sync.Once

// faultFiles maps a database path to its SQLiteFaults.
var faultFiles sync.Map

// SQLiteFaults are the settings applied to every connection a store opens on one file after
// InjectSQLiteFaults.
type SQLiteFaults struct {
	// MaxPages caps the database at this many pages (PRAGMA max_page_count): a write that needs
	// a new page fails with SQLITE_FULL ("database or disk is full"), as on a full disk, while
	// pages freed by deletes are reused. 0: no cap.
	MaxPages int
	// Busy replaces the store's busy timeout, so that a test holding the lock does not wait the
	// production timeout for the SQLITE_BUSY it expects. 0: the store's own.
	Busy time.Duration
}

// InjectSQLiteFaults applies f to the connections that stores open on path from now on (open
// the store after calling it) until the test ends. Connections opened with LockSQLite are
// left alone.
func InjectSQLiteFaults(t testing.TB, path string, f SQLiteFaults) {
	t.Helper()
	faultHookOnce.Do(func() { sqlite.RegisterConnectionHook(applyFaults) })
	faultFiles.Store(path, f)
	t.Cleanup(func() { faultFiles.Delete(path) })
}

// applyFaults is the connection hook: the store's connections carry _txlock in their DSN
// (store.OpenSQLite sets it); LockSQLite's do not.
func applyFaults(conn sqlite.ExecQuerierContext, dsn string) error {
	path, query, _ := strings.Cut(dsn, "?")
	v, ok := faultFiles.Load(path)
	if !ok || !strings.Contains(query, "_txlock") {
		return nil
	}
	f := v.(SQLiteFaults)
	var pragmas []string
	if f.Busy > 0 {
		pragmas = append(pragmas, fmt.Sprintf("PRAGMA busy_timeout = %d", f.Busy.Milliseconds()))
	}
	if f.MaxPages > 0 {
		pragmas = append(pragmas, fmt.Sprintf("PRAGMA max_page_count = %d", f.MaxPages))
	}
	for _, p := range pragmas {
		if _, err := conn.ExecContext(context.Background(), p, nil); err != nil {
			return fmt.Errorf("storetest: %s: %w", p, err)
		}
	}
	return nil
}

// PageCount is the number of pages of the SQLite database at path, read from its own
// connection.
func PageCount(t testing.TB, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("PRAGMA page_count").Scan(&n); err != nil {
		t.Fatalf("storetest: page count of %s: %v", path, err)
	}
	return n
}

// LockSQLite takes the write lock of the database at path from a connection of its own, as
// another process would (a backup, an operator's sqlite3 shell, a long `kb report`), and holds
// it until release is called or the test ends. In WAL mode readers are not blocked; writers
// get SQLITE_BUSY after their busy timeout.
func LockSQLite(t testing.TB, path string) (release func()) {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_busy_timeout=30000")
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		t.Fatalf("storetest: lock %s: %v", path, err)
	}
	var once sync.Once
	release = func() {
		once.Do(func() {
			if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
				t.Errorf("storetest: unlock %s: %v", path, err)
			}
			conn.Close()
			db.Close()
		})
	}
	t.Cleanup(release)
	return release
}

// EventWriter is the part of a store that FillSQLite writes through.
type EventWriter interface {
	InsertEvents(ctx context.Context, events []store.Event) error
}

// fillBatch events of about fillQueryBytes each are written per transaction by FillSQLite.
const (
	fillBatch      = 200
	fillQueryBytes = 1000
)

// FillSQLite writes events through w until the store reports store.ErrUnavailable because its
// capped file is full (see SQLiteFaults.MaxPages), and returns how many were written. Any other
// error fails the test.
func FillSQLite(t testing.TB, w EventWriter) int {
	t.Helper()
	at := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC) // long before any test's own events
	query := strings.Repeat("پرکننده ", fillQueryBytes/len("پرکننده "))
	written := 0
	for size := fillBatch; size > 0; {
		batch := make([]store.Event, size)
		for i := range batch {
			batch[i] = store.Event{OccurredAt: at, Type: store.EventSearch, Query: query, NormQuery: query}
		}
		err := w.InsertEvents(context.Background(), batch)
		switch {
		case err == nil:
			written += size
		case errors.Is(err, store.ErrUnavailable) && strings.Contains(err.Error(), "full"):
			size /= 2 // fill the last pages with smaller batches
		default:
			t.Fatalf("storetest: filling the database: %v", err)
		}
	}
	return written
}

// OpenFaultySQLite creates a migrated SQLite store in a new file and reopens it with faults
// injected: the busy timeout shortened to busy and, with extraPages > 0, the file capped at
// extraPages pages more than the migrated database takes (fill it with FillSQLite). The store
// is closed when the test ends; its path is returned for LockSQLite.
func OpenFaultySQLite(t testing.TB, busy time.Duration, extraPages int) (*store.SQLite, string) {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	s, err := store.OpenSQLite(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	f := SQLiteFaults{Busy: busy}
	if extraPages > 0 {
		f.MaxPages = PageCount(t, path) + extraPages
	}
	InjectSQLiteFaults(t, path, f)
	if s, err = store.OpenSQLite(ctx, path); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s, path
}
