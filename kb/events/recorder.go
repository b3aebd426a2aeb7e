// Package events records what visitors do on the site (issue 5) without ever slowing or
// failing a request: a bounded queue drained by one background writer in batches, plus the pure
// helpers that build events (anonymous session IDs, Do-Not-Track, holdout assignment).
package events

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"persiankb/kb/store"
)

// QueueCapacity bounds the events waiting to be written. At 20,000 events/s (the rate issue 5
// sizes the site for) it absorbs half a second of a burst or of a stalled disk (a checkpoint, a
// backup) before events are dropped, and it caps the queue's memory at a few megabytes (an
// event is a few hundred bytes) however slow the database gets.
const QueueCapacity = 10_000

// Defaults of Config.
const (
	// DefaultBatchSize: one transaction (one fsync) per 1,000 events is where SQLite
	// ingestion levels off here (BenchmarkRecorder: about 48,000 events/s at 500, 60,000-74,000
	// at 1,000 and 2,000); a batch holds the write lock for some 15 ms, short enough for a
	// ticket commit waiting behind it.
	DefaultBatchSize = 1000
	// DefaultFlushInterval bounds how stale the dashboard's "today" can be on a quiet site,
	// and how many events a crash can lose, while keeping quiet-time writes rare.
	DefaultFlushInterval = 250 * time.Millisecond
	// DefaultRetryDelay is the pause before writing a failed batch again (then 5x longer).
	DefaultRetryDelay = 200 * time.Millisecond
)

// Write limits.
const (
	// writeAttempts: a batch failing this many times (the database is down or the batch is
	// rejected) is given up and its events counted as failed, so the queue keeps moving.
	writeAttempts = 3
	// writeTimeout bounds one batch write; a store that hangs must not stop the writer forever.
	writeTimeout = 10 * time.Second
)

// Writer stores a batch of events (store.Store does).
type Writer interface {
	InsertEvents(ctx context.Context, events []store.Event) error
}

// Config tunes a Recorder; zero fields get the defaults.
type Config struct {
	BatchSize     int           // events per write, at most
	FlushInterval time.Duration // a partial batch waits at most this long
	RetryDelay    time.Duration
	Logger        *slog.Logger // write failures; nil: slog.Default()
}

// Stats are the Recorder's counters, for metrics and the dashboard. All but Pending only grow.
type Stats struct {
	Queued      int64 // events accepted into the queue
	Written     int64 // events committed to the store
	Dropped     int64 // events refused because the queue was full or the recorder closed
	Invalid     int64 // events refused because they had no type
	Failed      int64 // queued events given up after write errors, or lost at a forced close
	WriteErrors int64 // failed batch writes (each retry counts)
	Pending     int   // events in the queue now
}

// Recorder queues events and writes them in batches from one goroutine.
type Recorder struct {
	w     Writer
	c     Config
	queue chan store.Event

	mu     sync.RWMutex // Record holds it shared; Close exclusively, to close for good
	closed bool

	stop   chan struct{} // closed by Close: drain and exit
	done   chan struct{} // closed by the writer goroutine when it exits
	ctx    context.Context
	cancel context.CancelFunc // aborts writes when Close gives up

	queued, written, dropped, invalid, failed, writeErrors atomic.Int64
}

// NewRecorder starts a Recorder writing to w. Close it to flush.
func NewRecorder(w Writer, c Config) *Recorder {
	if c.BatchSize <= 0 {
		c.BatchSize = DefaultBatchSize
	}
	if c.FlushInterval <= 0 {
		c.FlushInterval = DefaultFlushInterval
	}
	if c.RetryDelay <= 0 {
		c.RetryDelay = DefaultRetryDelay
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	ctx, cancel := context.WithCancel(context.Background())
	r := &Recorder{w: w, c: c, queue: make(chan store.Event, QueueCapacity),
		stop: make(chan struct{}), done: make(chan struct{}), ctx: ctx, cancel: cancel}
	go r.loop()
	return r
}

// Record queues e for writing and returns at once: it never blocks and never fails. When the
// queue is full, or the recorder closed, the event is dropped and counted. A zero OccurredAt
// is set to now; an event without a type is counted as invalid and dropped.
func (r *Recorder) Record(e store.Event) {
	if e.Type == "" {
		r.invalid.Add(1)
		return
	}
	if e.OccurredAt.IsZero() {
		e.OccurredAt = time.Now()
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.closed {
		r.dropped.Add(1)
		return
	}
	select {
	case r.queue <- e:
		r.queued.Add(1)
	default:
		r.dropped.Add(1)
	}
}

// Stats returns the current counters.
func (r *Recorder) Stats() Stats {
	return Stats{Queued: r.queued.Load(), Written: r.written.Load(), Dropped: r.dropped.Load(),
		Invalid: r.invalid.Load(), Failed: r.failed.Load(), WriteErrors: r.writeErrors.Load(),
		Pending: len(r.queue)}
}

// Close stops accepting events and writes those queued. If ctx ends first, the writes in
// progress are abandoned, the events not written are counted as failed, and ctx's error is
// returned. Calling Close again waits for the first one.
func (r *Recorder) Close(ctx context.Context) error {
	r.mu.Lock()
	first := !r.closed
	r.closed = true
	r.mu.Unlock()
	if first {
		close(r.stop)
	}
	select {
	case <-r.done:
		return nil
	case <-ctx.Done():
	}
	r.cancel()
	<-r.done
	return fmt.Errorf("events: close: %w (%d events not written)", ctx.Err(), r.failed.Load())
}

// loop is the writer goroutine: it writes a batch when BatchSize events are waiting or
// FlushInterval after the first event of a partial batch, and drains the queue on stop.
func (r *Recorder) loop() {
	defer close(r.done)
	defer r.cancel()
	batch := make([]store.Event, 0, r.c.BatchSize)
	timer := time.NewTimer(r.c.FlushInterval)
	timer.Stop()
	timerOn := false // runs while a partial batch waits
	for {
		select {
		case e := <-r.queue:
			batch = r.fill(append(batch, e))
			if len(batch) < r.c.BatchSize {
				if !timerOn {
					timer.Reset(r.c.FlushInterval)
					timerOn = true
				}
				continue
			}
		case <-timer.C:
		case <-r.stop:
			for batch = r.fill(batch); len(batch) > 0; batch = r.fill(batch[:0]) {
				r.write(batch)
			}
			return
		}
		if timerOn {
			timer.Stop()
			timerOn = false
		}
		r.write(batch)
		batch = batch[:0]
	}
}

// fill moves queued events into batch, without waiting, until it holds BatchSize.
func (r *Recorder) fill(batch []store.Event) []store.Event {
	for len(batch) < r.c.BatchSize {
		select {
		case e := <-r.queue:
			batch = append(batch, e)
		default:
			return batch
		}
	}
	return batch
}

// write stores batch, retrying a failed write twice, then gives it up.
func (r *Recorder) write(batch []store.Event) {
	if len(batch) == 0 {
		return
	}
	delay := r.c.RetryDelay
	var err error
	for attempt := 1; attempt <= writeAttempts; attempt++ {
		ctx, cancel := context.WithTimeout(r.ctx, writeTimeout)
		err = r.w.InsertEvents(ctx, batch)
		cancel()
		if err == nil {
			r.written.Add(int64(len(batch)))
			return
		}
		r.writeErrors.Add(1)
		if attempt == writeAttempts || r.wait(delay) != nil {
			break
		}
		delay *= 5
	}
	r.failed.Add(int64(len(batch)))
	if !errors.Is(err, context.Canceled) {
		r.c.Logger.Error("events: batch given up", "events", len(batch), "err", err)
	}
}

// wait sleeps for d unless the recorder is being closed by force.
func (r *Recorder) wait(d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-r.ctx.Done():
		return r.ctx.Err()
	}
}
