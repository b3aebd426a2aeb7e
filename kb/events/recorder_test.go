package events

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"persiankb/kb/store"
)

// t0 is a fixed clock origin.
var t0 = time.Date(2025, 3, 21, 9, 30, 0, 0, time.UTC)

func sampleEvent(i int) store.Event {
	return store.Event{OccurredAt: t0.Add(time.Duration(i) * time.Millisecond), Type: store.EventSearch,
		SessionID: fmt.Sprintf("S%025d", i%97), Query: "بازگشت وجه", NormQuery: "بازگشت وجه", ResultCount: i % 5}
}

func openStore(t testing.TB) *store.SQLite {
	t.Helper()
	s, err := store.OpenSQLite(context.Background(), filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatalf("OpenSQLite: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var quiet = slog.New(slog.DiscardHandler)

// fakeWriter records batches; it can hold writes until released and fail the first calls.
type fakeWriter struct {
	mu      sync.Mutex
	batches [][]store.Event
	failN   int           // fail this many calls first
	entered chan struct{} // if set, signalled (when there is room) as each call starts
	hold    chan struct{} // if set, each call waits for it to be closed (or ctx)
}

func (f *fakeWriter) InsertEvents(ctx context.Context, events []store.Event) error {
	if f.entered != nil {
		select {
		case f.entered <- struct{}{}:
		default: // nobody is waiting for this one
		}
	}
	if f.hold != nil {
		select {
		case <-f.hold:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.failN > 0 {
		f.failN--
		return errors.New("disk on fire")
	}
	f.batches = append(f.batches, append([]store.Event(nil), events...))
	return nil
}

func (f *fakeWriter) sizes() []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	var n []int
	for _, b := range f.batches {
		n = append(n, len(b))
	}
	return n
}

func TestRecorderWritesToSQLite(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	r := NewRecorder(s, Config{BatchSize: 100, Logger: quiet})
	const producers, each = 8, 250
	var wg sync.WaitGroup
	for p := range producers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				r.Record(sampleEvent(p*each + i))
			}
		}()
	}
	wg.Wait()
	r.Record(store.Event{OccurredAt: t0})               // no type: invalid
	r.Record(store.Event{Type: store.EventArticleView}) // no time: now
	if err := r.Close(ctx); err != nil {
		t.Fatalf("Close: %v", err)
	}
	want := Stats{Queued: producers*each + 1, Written: producers*each + 1, Invalid: 1}
	if got := r.Stats(); got != want {
		t.Errorf("Stats = %+v, want %+v", got, want)
	}
	n := 0
	s.ScanEvents(ctx, t0.Add(-time.Hour), time.Now().Add(time.Hour), func(store.Event) error { n++; return nil })
	if n != producers*each+1 {
		t.Errorf("%d events in the store, want %d", n, producers*each+1)
	}
	r.Record(sampleEvent(0)) // after Close
	if got := r.Stats().Dropped; got != 1 {
		t.Errorf("Dropped after Close = %d, want 1", got)
	}
	if err := r.Close(ctx); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// TestRecorderOverflow fills the queue while the writer is stuck: Record must return at once
// and count what it drops, and everything queued must be written once the writer recovers.
func TestRecorderOverflow(t *testing.T) {
	w := &fakeWriter{entered: make(chan struct{}, 100), hold: make(chan struct{})}
	r := NewRecorder(w, Config{BatchSize: 10, Logger: quiet})
	r.Record(sampleEvent(0))
	<-w.entered // the writer now holds a batch of 1 and is stuck
	const extra = 25
	for i := range QueueCapacity + extra {
		r.Record(sampleEvent(i + 1))
	}
	st := r.Stats()
	if st.Dropped != extra || st.Queued != QueueCapacity+1 || st.Pending != QueueCapacity {
		t.Errorf("while stuck: %+v; want %d dropped, %d queued, a full queue", st, extra, QueueCapacity+1)
	}
	close(w.hold)
	if err := r.Close(context.Background()); err != nil {
		t.Fatalf("Close: %v", err)
	}
	st = r.Stats()
	if st.Written != QueueCapacity+1 || st.Pending != 0 || st.Failed != 0 {
		t.Errorf("after Close: %+v; want every queued event written", st)
	}
	for i, n := range w.sizes()[1:] {
		if n != 10 {
			t.Fatalf("batch %d has %d events; a backlog must go in full batches of 10", i+1, n)
		}
	}
}

func TestRecorderFlushInterval(t *testing.T) {
	w := &fakeWriter{}
	r := NewRecorder(w, Config{BatchSize: 100, FlushInterval: time.Millisecond, Logger: quiet})
	defer r.Close(context.Background())
	for i := range 3 {
		r.Record(sampleEvent(i))
	}
	// Fewer events than a batch are written without Close, by the flush timer.
	for written := 0; written < 3; {
		time.Sleep(time.Millisecond)
		written = 0
		for _, n := range w.sizes() {
			written += n
		}
	}
}

func TestRecorderWriteErrors(t *testing.T) {
	tests := []struct {
		name                  string
		failN                 int
		written, failed, errs int64
	}{
		{"recovers on retry", 2, 5, 0, 2},
		{"gives up after three attempts", 3, 0, 5, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := &fakeWriter{failN: tc.failN}
			r := NewRecorder(w, Config{BatchSize: 5, RetryDelay: time.Microsecond, Logger: quiet})
			for i := range 5 {
				r.Record(sampleEvent(i))
			}
			if err := r.Close(context.Background()); err != nil {
				t.Fatalf("Close: %v", err)
			}
			st := r.Stats()
			if st.Written != tc.written || st.Failed != tc.failed || st.WriteErrors != tc.errs {
				t.Errorf("Stats = %+v; want written %d, failed %d, write errors %d", st, tc.written, tc.failed, tc.errs)
			}
		})
	}
}

// TestRecorderCloseTimeout: a writer that never returns cannot keep Close from returning.
func TestRecorderCloseTimeout(t *testing.T) {
	w := &fakeWriter{entered: make(chan struct{}, 10), hold: make(chan struct{})}
	r := NewRecorder(w, Config{BatchSize: 2, Logger: quiet})
	for i := range 5 {
		r.Record(sampleEvent(i))
	}
	<-w.entered
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := r.Close(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("Close = %v, want context.Canceled", err)
	}
	if st := r.Stats(); st.Written != 0 || st.Failed != 5 {
		t.Errorf("Stats = %+v; want the 5 events counted as failed", st)
	}
}
