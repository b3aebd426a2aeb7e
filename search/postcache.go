package search

import (
	"container/list"
	"math"
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
// 60 KB, and all the lists the 421 queries of the scale benchmark read take ~6 MB.
const maxCachedPostingBytes = 16 << 20

// cacheEntryOverhead is what a kept list costs besides its postings and key: the map slot,
// the list element and the structs.
const cacheEntryOverhead = 200

// scoredPostings is one term's postings in one field: document numbers in index order and
// each one's score before the query weight (leafScorer.score). A score depends only on the
// posting's frequency and field length, so a list has few distinct ones: they are kept once,
// with a 2-byte index per posting (6 bytes a posting instead of 12). A phrase's list holds its
// matches and their scores at boost 1 and query norm 1 (denseEval.phraseLeaf).
type scoredPostings struct {
	docs   []uint32
	scores []float64 // the distinct scores; with which nil, the score of each posting
	which  []uint16  // the index in scores of each posting's score
	df     uint64    // the reader's count, which Bleve's idf uses
	weight float64   // a phrase's: its searcher's Weight at boost 1; 0 for a term
}

// newScoredPostings keeps docs and their scores, sharing equal scores when they are few.
func newScoredPostings(df uint64, docs []uint32, scores []float64) *scoredPostings {
	sp := &scoredPostings{docs: docs, df: df}
	index := map[uint64]uint16{}
	which := make([]uint16, len(scores))
	for k, v := range scores {
		i, ok := index[math.Float64bits(v)]
		if !ok {
			if len(sp.scores) > math.MaxUint16 {
				sp.scores, sp.which = scores, nil
				return sp
			}
			i = uint16(len(sp.scores))
			index[math.Float64bits(v)] = i
			sp.scores = append(sp.scores, v)
		}
		which[k] = i
	}
	if 8*len(sp.scores)+2*len(which) >= 8*len(scores) { // as many scores as postings, nearly
		sp.scores, sp.which = scores, nil
		return sp
	}
	sp.which = which
	return sp
}

// size is what sp takes in memory, roughly.
func (sp *scoredPostings) size() int { return 4*len(sp.docs) + 8*len(sp.scores) + 2*len(sp.which) }

// addTo adds every posting's score times w to sum and counts it in cnt (both indexed by
// document), appending to matched the documents that had no count before. With selected set,
// only the documents with a count in it are added.
func (sp *scoredPostings) addTo(w float64, sum []float64, cnt []uint16, matched []uint32, selected []uint16) []uint32 {
	for k, d := range sp.docs {
		if selected != nil && selected[d] == 0 {
			continue
		}
		v := sp.score(k) * w
		if cnt[d] == 0 {
			matched = append(matched, d)
		}
		sum[d] += v
		cnt[d]++
	}
	return matched
}

// score is the k-th posting's score before the query weight.
func (sp *scoredPostings) score(k int) float64 {
	if sp.which == nil {
		return sp.scores[k]
	}
	return sp.scores[sp.which[k]]
}

// snapshotCache is a least-recently-used cache of what was read from one index snapshot (a
// term's scored postings, or its places), by term and field, within a budget of bytes.
type snapshotCache[V cached] struct {
	mu     sync.Mutex
	limit  int               // bytes; 0 for V's budget
	reader index.IndexReader // the snapshot the entries were read from
	lru    *list.List        // of *cacheEntry[V], most recent first
	m      map[postingKey]*list.Element
	bytes  int
}

// cached is what a snapshotCache keeps: its size in bytes, roughly, and the default budget of
// its kind (called on a nil value).
type cached interface {
	size() int
	budget() int
}

// postingCache keeps scored postings lists for the dense evaluation.
type postingCache = snapshotCache[*scoredPostings]

func (*scoredPostings) budget() int { return maxCachedPostingBytes }

type cacheEntry[V cached] struct {
	key   postingKey
	v     V
	bytes int
}

// postingKey names a term in a field, or a phrase (multiPhraseKey).
type postingKey struct{ field, term string }

// get returns what was kept for key read from r, if anything.
func (c *snapshotCache[V]) get(r index.IndexReader, key postingKey) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var zero V
	if c.reader != r || c.m == nil {
		return zero, false
	}
	el, ok := c.m[key]
	if !ok {
		return zero, false
	}
	c.lru.MoveToFront(el)
	return el.Value.(*cacheEntry[V]).v, true
}

// put keeps v, read from r, dropping the least recently used entries past the budget; a new
// snapshot starts the cache over.
func (c *snapshotCache[V]) put(r index.IndexReader, key postingKey, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.reader != r || c.m == nil {
		c.reader, c.lru, c.m, c.bytes = r, list.New(), map[postingKey]*list.Element{}, 0
	}
	limit := c.limit
	if limit == 0 {
		limit = v.budget()
	}
	size := v.size() + len(key.field) + len(key.term) + cacheEntryOverhead
	if _, ok := c.m[key]; ok || size > limit {
		return
	}
	c.m[key] = c.lru.PushFront(&cacheEntry[V]{key, v, size})
	c.bytes += size
	for c.bytes > limit {
		el := c.lru.Back()
		e := el.Value.(*cacheEntry[V])
		c.lru.Remove(el)
		delete(c.m, e.key)
		c.bytes -= e.bytes
	}
}

// clear drops every entry.
func (c *snapshotCache[V]) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.reader, c.lru, c.m, c.bytes = nil, nil, nil, 0
}

// len is the number of entries kept.
func (c *snapshotCache[V]) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.m)
}
