package search

import (
	"container/list"
	"sync"

	index "github.com/blevesearch/bleve_index_api"
)

// Reading postings from scorch's segments (decoding the chunks, frequencies and norms) is most
// of what a dense evaluation still costs, and the postings that cost most, those of words in
// nearly every article, come back in query after query. The scored postings of long lists are
// kept for the index snapshot they were read from.

// maxCachedPostingBytes bounds the cache: at 10,000 articles a word in every article takes
// 120 KB, so this holds the ~130 longest lists in use, and keeps a server of 10,000 articles
// under issue 8's 250 MB.
const maxCachedPostingBytes = 16 << 20

// minCachedPostings is the shortest list kept: shorter ones read in a few microseconds.
const minCachedPostings = 512

// scoredPostings is one term's postings in one field: document numbers in index order and
// each one's score before the query weight (leafScorer.score).
type scoredPostings struct {
	docs []uint32
	base []float64
	df   uint64 // the reader's count, which Bleve's idf uses
}

func (sp *scoredPostings) bytes() int { return 12*len(sp.docs) + 64 }

// postingCache is a least-recently-used cache of scoredPostings of one snapshot.
type postingCache struct {
	mu     sync.Mutex
	reader index.IndexReader // the snapshot the entries were read from
	lru    *list.List        // of *cacheEntry, most recent first
	m      map[string]*list.Element
	bytes  int
}

type cacheEntry struct {
	key string
	sp  *scoredPostings
}

func postingKey(field, term string) string { return field + "\x00" + term }

// get returns the postings of key read from r, if kept.
func (c *postingCache) get(r index.IndexReader, key string) (*scoredPostings, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.reader != r || c.m == nil {
		return nil, false
	}
	el, ok := c.m[key]
	if !ok {
		return nil, false
	}
	c.lru.MoveToFront(el)
	return el.Value.(*cacheEntry).sp, true
}

// put keeps sp, read from r, dropping the least recently used lists past the budget; a new
// snapshot starts the cache over.
func (c *postingCache) put(r index.IndexReader, key string, sp *scoredPostings) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.reader != r || c.m == nil {
		c.reader, c.lru, c.m, c.bytes = r, list.New(), map[string]*list.Element{}, 0
	}
	if _, ok := c.m[key]; ok || sp.bytes() > maxCachedPostingBytes {
		return
	}
	c.m[key] = c.lru.PushFront(&cacheEntry{key, sp})
	c.bytes += sp.bytes()
	for c.bytes > maxCachedPostingBytes {
		el := c.lru.Back()
		e := el.Value.(*cacheEntry)
		c.lru.Remove(el)
		delete(c.m, e.key)
		c.bytes -= e.sp.bytes()
	}
}
