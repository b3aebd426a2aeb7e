package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"persiankb/kb/store"
	"persiankb/kb/store/storetest"
)

// newSQLite is storetest.NewDB for SQLite: a real file in the test's temporary directory.
func newSQLite(t *testing.T) func(t *testing.T) store.Store {
	path := filepath.Join(t.TempDir(), "kb.db")
	return func(t *testing.T) store.Store {
		t.Helper()
		s, err := store.OpenSQLite(context.Background(), path)
		if err != nil {
			t.Fatalf("OpenSQLite: %v", err)
		}
		return s
	}
}

func TestSQLite(t *testing.T) {
	storetest.Run(t, newSQLite)
}
