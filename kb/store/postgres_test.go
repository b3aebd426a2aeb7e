package store_test

import (
	"context"
	"crypto/rand"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"persiankb/kb/store"
	"persiankb/kb/store/storetest"
)

// pgURLEnv names the PostgreSQL server the tests use, e.g.
// postgres://postgres@127.0.0.1:5432/test?sslmode=disable. Unset, the PostgreSQL tests skip,
// except under CI=true, where a missing or unreachable server fails the run.
const pgURLEnv = "KB_TEST_POSTGRES_URL"

// pgProbeTimeout bounds the first connection to the test server.
const pgProbeTimeout = 10 * time.Second

// pgServer returns the test server's URL after checking that it answers, or skips the test.
func pgServer(t testing.TB) string {
	t.Helper()
	raw := os.Getenv(pgURLEnv)
	if raw == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but %s is not set: the PostgreSQL store must be tested in CI", pgURLEnv)
		}
		t.Skipf("%s not set: PostgreSQL store not tested", pgURLEnv)
	}
	ctx, cancel := context.WithTimeout(context.Background(), pgProbeTimeout)
	defer cancel()
	conn, err := pgx.Connect(ctx, raw)
	if err != nil {
		t.Fatalf("%s is set but the server does not answer: %v", pgURLEnv, err)
	}
	conn.Close(ctx)
	return raw
}

// pgAdmin is a plain connection to the test server, closed when the test ends.
func pgAdmin(t testing.TB, rawURL string) *pgx.Conn {
	t.Helper()
	conn, err := pgx.Connect(context.Background(), rawURL)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// pgSchema creates an empty schema of its own for the test, dropped with everything in it when
// the test ends, and returns a URL whose connections use it: tests run in parallel on one
// database and leave nothing behind.
func pgSchema(t testing.TB) (dsn, schema string) {
	t.Helper()
	raw := pgServer(t)
	schema = "kbtest_" + strings.ToLower(rand.Text()[:16])
	admin := pgAdmin(t, raw)
	ctx := context.Background()
	if _, err := admin.Exec(ctx, "CREATE SCHEMA "+schema); err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec(context.Background(), "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatalf("%s: %v", pgURLEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema) // pgx sends unknown URL parameters as session settings
	u.RawQuery = q.Encode()
	return u.String(), schema
}

// openPostgres opens a store on dsn or fails the test.
func openPostgres(t testing.TB, dsn string) *store.Postgres {
	t.Helper()
	s, err := store.OpenPostgres(context.Background(), dsn)
	if err != nil {
		t.Fatalf("OpenPostgres: %v", err)
	}
	return s
}

// newPostgres is storetest.NewDB for PostgreSQL: a schema of the test's own.
func newPostgres(t *testing.T) func(t *testing.T) store.Store {
	dsn, _ := pgSchema(t)
	return func(t *testing.T) store.Store { return openPostgres(t, dsn) }
}

func TestPostgres(t *testing.T) {
	t.Parallel()
	pgServer(t) // skip (or fail in CI) once, not in every case of the suite
	storetest.Run(t, newPostgres)
}
