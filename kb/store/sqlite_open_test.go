package store_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"persiankb/kb/store"
)

func TestOpenDSN(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		dsn     string
		wantErr string
	}{
		{filepath.Join(dir, "plain.db"), ""},
		{"sqlite:" + filepath.Join(dir, "scheme.db"), ""},
		{"file:" + filepath.Join(dir, "file.db"), ""},
		{filepath.Join(dir, "x.db") + "?mode=memory", "invalid SQLite path"},
		{"", "invalid SQLite path"},
	}
	for _, tc := range tests {
		t.Run(tc.dsn, func(t *testing.T) {
			s, err := store.Open(context.Background(), tc.dsn)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("Open(%q) error = %v, want %q", tc.dsn, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Open(%q): %v", tc.dsn, err)
			}
			s.Close()
		})
	}
}

// TestSQLiteSettings checks the file's settings through a separate plain connection.
func TestSQLiteSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kb.db")
	s, err := store.OpenSQLite(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal_mode = %q, %v; want wal", mode, err)
	}
	files, _ := filepath.Glob("migrations/sqlite/*.sql") // numbered 1..n
	var version int
	if err := db.QueryRow("SELECT MAX(version) FROM schema_migrations").Scan(&version); err != nil || version != len(files) {
		t.Errorf("schema version = %d, %v; want %d", version, err, len(files))
	}
	// A database migrated by a newer program must not be opened by this one.
	if _, err := db.Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, '0099_future.sql', 0)"); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if s2, err := store.OpenSQLite(context.Background(), path); err == nil || !strings.Contains(err.Error(), "newer") {
		if s2 != nil {
			s2.Close()
		}
		t.Errorf("opening a newer schema: %v, want an error", err)
	}
}

func TestSQLiteFileIsPrivate(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new", "dir", "kb.db")
	s, err := store.OpenSQLite(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if perm := fi.Mode().Perm(); perm != 0o600 {
		t.Errorf("database file mode %v, want 0600", perm)
	}
}
