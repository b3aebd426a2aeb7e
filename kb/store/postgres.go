package store

import (
	"context"
	"embed"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

//go:embed migrations/postgres/*.sql
var postgresMigrations embed.FS

// Connection settings for PostgreSQL; each can be overridden in the URL (connect_timeout,
// application_name, pool_max_conns, ...).
const (
	// pgConnectTimeout bounds a connection attempt to an unreachable server (no timeout is
	// libpq's default): /readyz and startup must fail, not hang.
	pgConnectTimeout = 10 * time.Second
	// pgApplicationName shows in pg_stat_activity, so an operator can tell our sessions apart.
	pgApplicationName = "persiankb"
)

// Postgres is the Store backed by a PostgreSQL database, shared by every replica of the site.
//
// Every method is one statement (or one COPY) in its own implicit transaction, so locks are
// held only while the server runs it: ticket numbers come from a counter row locked by the
// creating statement, and deliverers claim outbox rows with FOR UPDATE SKIP LOCKED.
// Migrations run at open under an advisory lock, so replicas starting together migrate once.
type Postgres struct {
	pool   *pgxpool.Pool
	target string // host:port/database, for error messages (never the password)
}

var _ Store = (*Postgres)(nil)

// OpenPostgres connects to the database at url ("postgres://user@host:5432/db?sslmode=...";
// search_path=SCHEMA selects a schema) and applies pending migrations.
func OpenPostgres(ctx context.Context, url string) (*Postgres, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("store: postgres: %w", err) // pgconn redacts the password
	}
	cc := cfg.ConnConfig
	if cc.ConnectTimeout == 0 {
		cc.ConnectTimeout = pgConnectTimeout
	}
	if cc.RuntimeParams["application_name"] == "" {
		cc.RuntimeParams["application_name"] = pgApplicationName
	}
	if cc.RuntimeParams["timezone"] == "" {
		cc.RuntimeParams["timezone"] = "UTC" // for operators' queries; Go reads instants either way
	}
	target := fmt.Sprintf("%s:%d/%s", cc.Host, cc.Port, cc.Database)
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("store: postgres %s: %w", target, classify(err))
	}
	s := &Postgres{pool: pool, target: target}
	if err := s.Ping(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	if err := migratePostgres(ctx, pool, postgresMigrations, "migrations/postgres"); err != nil {
		pool.Close()
		return nil, fmt.Errorf("store: migrate postgres %s: %w", target, classify(err))
	}
	return s, nil
}

// isPostgresURL reports whether dsn names a PostgreSQL database rather than a SQLite file.
func isPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// Ping checks that the server answers a trivial query.
func (s *Postgres) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return fmt.Errorf("store: ping postgres %s: %w", s.target, classify(err))
	}
	return nil
}

// Close closes the pool's connections, waiting for the ones in use to be released.
func (s *Postgres) Close() error {
	s.pool.Close()
	return nil
}

// pgTime is t as written to PostgreSQL: UTC, millisecond precision, the same instants SQLite
// stores, so both backends compare and order times identically.
func pgTime(t time.Time) time.Time { return t.UTC().Truncate(time.Millisecond) }

// fromPG returns a time read from PostgreSQL in UTC (pgx returns local time); NULL (nil) is
// the zero time.
func fromPG(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return t.UTC()
}
