package search

import (
	"container/list"
	"sync"

	index "github.com/blevesearch/bleve_index_api"
)

// Reading postings from scorch's segments (decoding the chunks, frequencies and norms) is most
// of what a dense evaluation still costs, and the postings that cost most, those of words in
// nearly every article, come back in query after query; and opening a term's postings (a
// dictionary lookup) costs more than reading a short list, or an empty one: most leaves are a
// word in a field it is not in. Scored postings lists are kept for the snapshot they were read
// from.

// maxCachedPostingBytes bounds the cache: at 10,000 articles a word in every article takes
// 120 KB, so this holds the ~130 longest lists in use, and keeps a server of 10,000 articles
// under issue 8's 250 MB.
const maxCachedPostingBytes = 16 << 20

// cacheEntryOverhead is what a kept list costs besides its postings and key: the map slot,
// the list element and the structs.
const cacheEntryOverhead = 200

// scoredPostings is one term's postings in one field: document numbers in index order and
// each one's score before the query weight (leafScorer.score).
type scoredPostings struct {
	docs []uint32
	base []float64
	df   uint64 // the reader's count, which Bleve's idf uses
}

// postingCache is a least-recently-used cache of scoredPostings of one snapshot.
type postingCache struct {
	mu     sync.Mutex
	reader index.IndexReader // the snapshot the entries were read from
	lru    *list.List        // of *cacheEntry, most recent first
	m      map[string]*list.Element
	bytes  int
}

type cacheEntry struct {
	key   string
	sp    *scoredPostings
	bytes int
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
	size := 12*len(sp.docs) + len(key) + cacheEntryOverhead
	if _, ok := c.m[key]; ok || size > maxCachedPostingBytes {
		return
	}
	c.m[key] = c.lru.PushFront(&cacheEntry{key, sp, size})
	c.bytes += size
	for c.bytes > maxCachedPostingBytes {
		el := c.lru.Back()
		e := el.Value.(*cacheEntry)
		c.lru.Remove(el)
		delete(c.m, e.key)
		c.bytes -= e.bytes
	}
}
