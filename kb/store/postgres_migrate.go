package store

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// pgMigrateLock names the session advisory lock held while migrating. It is keyed by the
// current schema: replicas sharing a schema migrate one at a time, separate schemas (tests,
// several help centers in one database) do not wait for each other.
const pgMigrateLock = `hashtextextended('persiankb/kb/store migrate ' || current_schema(), 0)`

// pgUnlockTimeout bounds the unlock after migrating, which runs even when ctx is canceled.
const pgUnlockTimeout = 5 * time.Second

// migratePostgres applies the migrations under dir that are newer than the version recorded
// in schema_migrations, each in its own transaction, while holding an advisory lock: when
// several replicas start at once, the first migrates and the others wait, then find nothing
// to do. A database newer than this binary is an error, as for SQLite.
func migratePostgres(ctx context.Context, pool *pgxpool.Pool, fsys fs.FS, dir string) (err error) {
	ms, err := loadMigrations(fsys, dir)
	if err != nil {
		return err
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	var schema *string
	if err := conn.QueryRow(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		return err
	}
	if schema == nil {
		return errors.New("no schema to create tables in: check search_path and that the schema exists")
	}
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock("+pgMigrateLock+")"); err != nil {
		return fmt.Errorf("advisory lock: %w", err)
	}
	defer func() {
		uctx, cancel := context.WithTimeout(context.Background(), pgUnlockTimeout)
		defer cancel()
		if _, uerr := conn.Exec(uctx, "SELECT pg_advisory_unlock("+pgMigrateLock+")"); uerr != nil {
			conn.Conn().Close(uctx) // ending the session releases the lock; the pool drops it
			err = errors.Join(err, fmt.Errorf("advisory unlock: %w", uerr))
		}
	}()
	return applyPostgresMigrations(ctx, conn.Conn(), ms)
}

// applyPostgresMigrations runs the pending migrations; the caller holds the migration lock.
func applyPostgresMigrations(ctx context.Context, conn *pgx.Conn, ms []migration) error {
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version integer PRIMARY KEY,
		name text NOT NULL,
		applied_at timestamptz NOT NULL)`); err != nil {
		return err
	}
	var current int
	if err := conn.QueryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&current); err != nil {
		return err
	}
	pending, err := pendingMigrations(ms, current)
	if err != nil {
		return err
	}
	for _, m := range pending {
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			// No arguments: pgx sends the file with the simple protocol, several statements at once.
			if _, err := tx.Exec(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
				m.version, m.name, pgTime(time.Now()))
			return err
		})
		if err != nil {
			return fmt.Errorf("%s: %w", m.name, err)
		}
	}
	return nil
}
