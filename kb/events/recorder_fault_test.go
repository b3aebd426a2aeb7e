package events

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"persiankb/kb/store"
	"persiankb/kb/store/storetest"
)

// TestRecorderStoreFaults: with the disk full or the database locked by another process,
// Record still returns at once (the site stays fast), failed batches and lost events are
// counted, every event is accounted for, and once the fault is cleared the recorder writes
// again on the same store.
func TestRecorderStoreFaults(t *testing.T) {
	const busy = 100 * time.Millisecond
	tests := []struct {
		name       string
		extraPages int // the filler deleted to clear the full disk must make room for the backlog
		inject     func(t *testing.T, s *store.SQLite, path string) (clear func())
	}{
		{"disk full", 2000, func(t *testing.T, s *store.SQLite, _ string) func() {
			storetest.FillSQLite(t, s)
			return func() {
				if _, err := s.DeleteEventsBefore(context.Background(), t0.Add(-time.Hour)); err != nil {
					t.Fatal(err)
				}
			}
		}},
		{"locked by another process", 0, func(t *testing.T, _ *store.SQLite, path string) func() {
			return storetest.LockSQLite(t, path)
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, path := storetest.OpenFaultySQLite(t, busy, tc.extraPages)
			r := NewRecorder(s, Config{BatchSize: 100, FlushInterval: time.Millisecond, RetryDelay: time.Millisecond,
				Logger: slog.New(slog.DiscardHandler)})
			clear := tc.inject(t, s, path)

			const during = QueueCapacity + 5000 // more than the queue holds while writes fail
			for i := range during {
				r.Record(sampleEvent(i))
			}
			waitStats(t, r, func(st Stats) bool { return st.Failed > 0 && st.WriteErrors >= writeAttempts })
			if st := r.Stats(); st.Queued+st.Dropped != during {
				t.Errorf("under the fault: queued %d + dropped %d, want %d recorded events accounted for", st.Queued, st.Dropped, during)
			}

			clear()
			// The backlog may still fail (on a disk with little freed space); wait for it to be
			// written or given up, then record new events.
			waitStats(t, r, func(st Stats) bool { return st.Pending == 0 && st.Written+st.Failed == st.Queued })
			stalled := r.Stats()
			const after = 500
			for i := range after {
				r.Record(sampleEvent(during + i))
			}
			if err := r.Close(context.Background()); err != nil {
				t.Fatal(err)
			}
			st := r.Stats()
			if st.Written+st.Failed != st.Queued || st.Pending != 0 {
				t.Errorf("after the fault: %+v, want queued = written + failed", st)
			}
			if st.Written-stalled.Written != after || st.Dropped != stalled.Dropped {
				t.Errorf("after the fault was cleared: before %+v, after %+v; want the %d new events written", stalled, st, after)
			}
			var stored int64
			err := s.ScanEvents(context.Background(), t0, t0.Add(time.Hour), func(store.Event) error { stored++; return nil })
			if err != nil || stored != st.Written {
				t.Errorf("%d events in the store, %v; the recorder counts %d written", stored, err, st.Written)
			}
		})
	}
}

// waitStats waits until the recorder's counters satisfy ok; the deadline only turns a hang
// into a failure.
func waitStats(t *testing.T, r *Recorder, ok func(Stats) bool) {
	t.Helper()
	for start := time.Now(); time.Since(start) < 30*time.Second; time.Sleep(5 * time.Millisecond) {
		if ok(r.Stats()) {
			return
		}
	}
	t.Fatalf("recorder counters never reached the expected state: %+v", r.Stats())
}
