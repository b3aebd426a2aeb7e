package site

import (
	"context"
	"fmt"
	"time"
)

// drainPoll is how often Replace looks whether the old state is still in use. Requests take
// milliseconds; a reload is not in a hurry.
const drainPoll = 5 * time.Millisecond

// acquire returns the current state, counted as in use until release is called, so that Replace
// knows when the old state's index may be closed. The count is taken before the state is checked
// again: a request that saw the old pointer after Replace stopped waiting for it retries with the
// new state instead of using a closed index.
func (s *Server) acquire() (st *State, release func()) {
	for {
		st = s.state.Load()
		if st == nil {
			return nil, func() {}
		}
		st.users.Add(1)
		if s.state.Load() == st {
			return st, func() { st.users.Add(-1) }
		}
		st.users.Add(-1)
	}
}

// Replace swaps st in like Swap, tells live-preview pages to reload, then waits until no request
// uses the previous state and returns it, so that the caller may close its index. It returns early with an error when ctx ends; the
// previous state may then still be in use.
func (s *Server) Replace(ctx context.Context, st *State) (*State, error) {
	old := s.state.Swap(st)
	if s.live != nil {
		s.live.notify()
	}
	if old == nil || old == st {
		return nil, nil
	}
	t := time.NewTicker(drainPoll)
	defer t.Stop()
	for old.users.Load() > 0 {
		select {
		case <-ctx.Done():
			return old, fmt.Errorf("site: requests still use the previous state: %w", ctx.Err())
		case <-t.C:
		}
	}
	return old, nil
}
