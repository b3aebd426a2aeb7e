package store_test

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"

	"persiankb/kb/store"
	"persiankb/kb/store/storetest"
)

// pgServer returns the test server's URL after checking that it answers, or skips the test.
func pgServer(t testing.TB) string {
	t.Helper()
	return storetest.PostgresServer(t)
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

// pgSchema is storetest.PostgresSchemaNamed: a URL whose connections use an empty schema of the
// test's own, and the schema's name.
func pgSchema(t testing.TB) (dsn, schema string) {
	t.Helper()
	return storetest.PostgresSchemaNamed(t)
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
