package store_test

import (
	"context"
	"strings"
	"testing"

	"persiankb/kb/store"
)

// TestPostgresOpenErrors needs no server: each URL fails before or at the first connection,
// with an operator-readable error that never shows the password.
func TestPostgresOpenErrors(t *testing.T) {
	tests := []struct {
		dsn     string
		wantErr string
	}{
		{"postgres://kb:s3cret@127.0.0.1:1/kb?sslmode=disable&connect_timeout=5", "store: ping postgres 127.0.0.1:1/kb"},
		{"postgresql://kb:s3cret@127.0.0.1:1/kb?sslmode=disable&connect_timeout=5", "store: ping postgres 127.0.0.1:1/kb"},
		{"postgres://kb:s3cret@127.0.0.1:5432/kb?sslmode=bogus", "store: postgres"},
		{"postgres://kb:s3cret@127.0.0.1:5432/kb?pool_max_conns=none", "store: postgres"},
	}
	for _, tc := range tests {
		t.Run(tc.wantErr, func(t *testing.T) {
			s, err := store.Open(context.Background(), tc.dsn)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%q) succeeded", tc.dsn)
			}
			if !strings.Contains(err.Error(), tc.wantErr) || strings.Contains(err.Error(), "s3cret") {
				t.Errorf("Open error = %q, want %q and no password", err, tc.wantErr)
			}
		})
	}
}

func TestPostgresOpenSchemes(t *testing.T) {
	t.Parallel()
	dsn, _ := pgSchema(t)
	for _, scheme := range []string{"postgres://", "postgresql://"} {
		t.Run(scheme, func(t *testing.T) {
			u := scheme + strings.TrimPrefix(dsn, "postgres://")
			s, err := store.Open(context.Background(), u)
			if err != nil {
				t.Fatalf("Open(%s...): %v", scheme, err)
			}
			defer s.Close()
			if _, ok := s.(*store.Postgres); !ok {
				t.Errorf("Open(%s...) = %T, want *store.Postgres", scheme, s)
			}
			if err := s.Ping(context.Background()); err != nil {
				t.Errorf("Ping: %v", err)
			}
		})
	}
}

func TestPostgresMissingSchema(t *testing.T) {
	t.Parallel()
	dsn, schema := pgSchema(t)
	dsn = strings.Replace(dsn, "search_path="+schema, "search_path="+schema+"_missing", 1)
	if s, err := store.OpenPostgres(context.Background(), dsn); err == nil || !strings.Contains(err.Error(), "search_path") {
		if s != nil {
			s.Close()
		}
		t.Errorf("OpenPostgres on a missing schema: %v, want an error naming search_path", err)
	}
}

// TestPostgresNewerSchema: a database migrated by a newer program must not be written by this one.
func TestPostgresNewerSchema(t *testing.T) {
	t.Parallel()
	dsn, schema := pgSchema(t)
	openPostgres(t, dsn).Close()
	admin := pgAdmin(t, pgServer(t))
	if _, err := admin.Exec(context.Background(), "INSERT INTO "+schema+
		".schema_migrations (version, name, applied_at) VALUES (9999, '9999_future.sql', now())"); err != nil {
		t.Fatal(err)
	}
	if s, err := store.OpenPostgres(context.Background(), dsn); err == nil || !strings.Contains(err.Error(), "newer") {
		if s != nil {
			s.Close()
		}
		t.Errorf("opening a newer schema: %v, want an error", err)
	}
}

// TestPostgresTicketNumberWidth: SQL formats numbers as FormatTicketNumber does, past 6 digits.
func TestPostgresTicketNumberWidth(t *testing.T) {
	t.Parallel()
	dsn, schema := pgSchema(t)
	s := openPostgres(t, dsn)
	defer s.Close()
	admin := pgAdmin(t, pgServer(t))
	if _, err := admin.Exec(context.Background(), "UPDATE "+schema+".ticket_counter SET last_id = 999998"); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"KB-999999", "KB-1000000"} {
		tk, err := s.CreateTicket(context.Background(), pgTicket(1), nil)
		if err != nil || tk.Number != want || tk.Number != store.FormatTicketNumber(tk.ID) {
			t.Errorf("CreateTicket = %s (ID %d), %v; want %s", tk.Number, tk.ID, err, want)
		}
	}
}

// TestPostgresTimesAreTimestamptz: every time column holds an instant (timestamptz), not a
// local wall-clock time or a number.
func TestPostgresTimesAreTimestamptz(t *testing.T) {
	t.Parallel()
	dsn, schema := pgSchema(t)
	openPostgres(t, dsn).Close()
	admin := pgAdmin(t, pgServer(t))
	rows, err := admin.Query(context.Background(), `SELECT table_name || '.' || column_name, data_type
		FROM information_schema.columns WHERE table_schema = $1 AND column_name LIKE '%\_at'`, schema)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var column, typ string
		if err := rows.Scan(&column, &typ); err != nil {
			t.Fatal(err)
		}
		n++
		if typ != "timestamp with time zone" {
			t.Errorf("%s is %s, want timestamp with time zone", column, typ)
		}
	}
	if err := rows.Err(); err != nil || n < 6 {
		t.Errorf("%d time columns found (%v), want at least 6", n, err)
	}
}
