package search

import "sync"

// maxCachedTerms bounds each vocabulary cache: the terms of tens of thousands of distinct
// queries, a few MB. When one is full it starts over; the words customers use most come back
// at once.
const maxCachedTerms = 50_000

// termCache caches a fact about terms of one index (their document frequency, the known terms
// near them). An index never changes once built (a reload opens a new one), so entries never
// go stale.
type termCache[V any] struct {
	mu sync.RWMutex
	m  map[string]V
}

func newTermCache[V any]() *termCache[V] { return &termCache[V]{m: make(map[string]V)} }

func (c *termCache[V]) get(term string) (V, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	v, ok := c.m[term]
	return v, ok
}

func (c *termCache[V]) put(term string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxCachedTerms {
		clear(c.m)
	}
	c.m[term] = v
}
