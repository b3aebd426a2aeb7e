package search

import "sync"

// maxCachedTerms bounds the document-frequency cache: the terms of tens of thousands of
// distinct queries, a few MB. When it is full it starts over; the words customers use most
// come back at once.
const maxCachedTerms = 50_000

// dfCache caches the document frequencies of query terms in one index. An index never
// changes once built (a reload opens a new one), so entries never go stale.
type dfCache struct {
	mu sync.RWMutex
	m  map[string]uint64
}

func newDFCache() *dfCache { return &dfCache{m: make(map[string]uint64)} }

func (c *dfCache) get(term string) (uint64, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	n, ok := c.m[term]
	return n, ok
}

func (c *dfCache) put(term string, n uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxCachedTerms {
		clear(c.m)
	}
	c.m[term] = n
}
