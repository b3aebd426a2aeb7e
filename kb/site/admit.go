package site

import (
	"container/list"
	"context"
	"fmt"
	"net/http"
	"runtime"
	"sync"
	"time"

	"persiankb/search"
)

// Admission control of the search work. A search is CPU-bound (Bleve scoring) and Go shares the
// cores among every search in flight, so a burst of 200 stretches each of them 100-fold on two
// cores and every request is slow. Instead, at most a few searches run at once and the others
// wait their turn in arrival order (FIFO): each runs at the machine's pace and the queue, not
// the CPU, absorbs the burst (BENCHMARKS.md, "Admission control").
const (
	// searchQueueTimeout bounds the wait for a turn: a request that has not started after 2 s
	// is behind more work than the machine does in that time (about 5,000 searches here); its
	// client is better served by a prompt 503 with Retry-After, and the load balancer by a
	// replica that says it is full, than by a page arriving after the person gave up.
	searchQueueTimeout = 2 * time.Second
	// searchRetryAfterSeconds is the Retry-After of that 503: the burst is usually over in a
	// second or two.
	searchRetryAfterSeconds = "2"
)

// DefaultSearchConcurrency is the number of searches run at once when Config.SearchConcurrency
// is 0: one per core the Go scheduler uses (GOMAXPROCS), since a search keeps its core busy
// from start to end and more at once only makes each slower.
func DefaultSearchConcurrency() int { return runtime.GOMAXPROCS(0) }

// admitter is a FIFO semaphore: at most limit holders at once, the others waiting in arrival
// order for at most timeout, or until their request's context ends. The queue is explicit (not
// a channel's wait list) so that its order is the order of enter calls, and its length known.
type admitter struct {
	limit   int
	timeout time.Duration
	// queued, when set (tests), is called once a waiter is in the queue.
	queued func()
	// expire returns the channel that tells a waiter its time is up: time.After, or the
	// tests' own channel.
	expire func(time.Duration) <-chan time.Time

	mu    sync.Mutex
	held  int
	queue list.List // of *admitWaiter, oldest first
}

// admitWaiter is one request waiting for its turn; granted is set (with mu held) when a
// leaving holder hands it the slot, and ready is then closed.
type admitWaiter struct {
	ready   chan struct{}
	granted bool
}

// admitOutcome is why enter returned: admitted, or the reason it gave up.
type admitOutcome string

const (
	admitted      admitOutcome = "admitted"
	admitTimedOut admitOutcome = "timeout"
	admitCanceled admitOutcome = "canceled"
)

// newAdmitter returns a semaphore of limit slots (limit ≥ 1) with the given queue timeout.
func newAdmitter(limit int, timeout time.Duration) *admitter {
	return &admitter{limit: limit, timeout: timeout, expire: time.After}
}

// enter waits for a slot. When the outcome is admitted the caller must call leave once done.
func (a *admitter) enter(ctx context.Context) admitOutcome {
	a.mu.Lock()
	if a.held < a.limit && a.queue.Len() == 0 {
		a.held++
		a.mu.Unlock()
		return admitted
	}
	w := &admitWaiter{ready: make(chan struct{})}
	e := a.queue.PushBack(w)
	a.mu.Unlock()
	if a.queued != nil {
		a.queued()
	}
	outcome := admitTimedOut
	select {
	case <-w.ready:
		return admitted
	case <-ctx.Done():
		outcome = admitCanceled
	case <-a.expire(a.timeout):
	}
	a.mu.Lock()
	if w.granted { // handed the slot while giving up: pass it on
		a.mu.Unlock()
		a.leave()
		return outcome
	}
	a.queue.Remove(e)
	a.mu.Unlock()
	return outcome
}

// leave frees the caller's slot, handing it to the oldest waiter if any.
func (a *admitter) leave() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if e := a.queue.Front(); e != nil {
		w := a.queue.Remove(e).(*admitWaiter)
		w.granted = true
		close(w.ready)
		return
	}
	a.held--
}

// depth returns how many requests wait for a turn and how many searches run.
func (a *admitter) depth() (waiting, running int) {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.queue.Len(), a.held
}

// errSearchBusy is the answer to a search that waited searchQueueTimeout for its turn.
var errSearchBusy = &httpError{Status: http.StatusServiceUnavailable, Code: codeUnavailable,
	Message: msgSearchBusy, RetryAfter: searchRetryAfterSeconds}

// runSearch runs one search call of the given kind ("" observes no duration) once admitted,
// recording its wait and duration. A request that waited too long gets errSearchBusy (503); one
// whose client went away while waiting gets it too, with the cause for the log (a warning, not
// an error: nothing failed, and nobody reads the answer).
func (s *Server) runSearch(ctx context.Context, kind string, call func(context.Context) (*search.Result, error)) (*search.Result, error) {
	start := time.Now()
	outcome := s.admit.enter(ctx)
	s.prom.observeAdmission(outcome, start)
	switch outcome {
	case admitTimedOut:
		return nil, errSearchBusy
	case admitCanceled:
		busy := *errSearchBusy
		busy.Err = fmt.Errorf("waiting for a search turn: %w", ctx.Err())
		return nil, &busy
	}
	defer s.admit.leave()
	start = time.Now()
	res, err := call(ctx)
	if kind != "" {
		s.prom.observeSearch(kind, start)
	}
	return res, err
}
