package store

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
)

func TestSQLiteConnectionPragmas(t *testing.T) {
	s, err := OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	tests := []struct {
		pool   string
		pragma string
		want   int
	}{
		{"writer", "synchronous", 2}, // FULL
		{"writer", "foreign_keys", 1},
		{"writer", "busy_timeout", busyTimeoutMS},
		{"reader", "query_only", 1},
		{"reader", "busy_timeout", busyTimeoutMS},
	}
	for _, tc := range tests {
		t.Run(tc.pool+"/"+tc.pragma, func(t *testing.T) {
			db := s.w
			if tc.pool == "reader" {
				db = s.r
			}
			var got int
			if err := db.QueryRow("PRAGMA " + tc.pragma).Scan(&got); err != nil || got != tc.want {
				t.Errorf("PRAGMA %s = %d, %v; want %d", tc.pragma, got, err, tc.want)
			}
		})
	}
	if _, err := s.r.Exec("DELETE FROM events"); err == nil {
		t.Errorf("the read-only pool accepted a write")
	}
}

// TestTwoWritersOneFile: two stores on one file stand for two processes (kb serve and a
// kb command); their transactions begin IMMEDIATE and wait on busy_timeout, so none fails with
// SQLITE_BUSY.
func TestTwoWritersOneFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kb.db")
	var stores [2]*SQLite
	for i := range stores {
		s, err := OpenSQLite(context.Background(), path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		stores[i] = s
	}
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	seen := sync.Map{}
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s := stores[g%2]
			for i := range 5 {
				tk, err := s.CreateTicket(context.Background(), Ticket{Name: "n", Email: "e@example.com",
					Subject: fmt.Sprint(g, i), Description: "d"}, []string{"webhook"})
				if err != nil {
					errs <- err
					continue
				}
				if _, dup := seen.LoadOrStore(tk.Number, true); dup {
					errs <- fmt.Errorf("number %s given twice", tk.Number)
				}
				if _, err := s.ClaimDeliveries(context.Background(), tk.CreatedAt, 0, 1); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
