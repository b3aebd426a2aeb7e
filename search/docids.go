package search

import (
	"sync"

	index "github.com/blevesearch/bleve_index_api"
)

// docIDs remembers the external IDs (slugs) of the documents hits came from, for the snapshot
// they were read from: scorch reads each from the stored fields, decompressing a chunk of
// documents, which took a twentieth of a dense search's time. At most one entry per document
// of the snapshot (about 40 bytes each).
type docIDs struct {
	mu     sync.Mutex
	reader index.IndexReader
	m      map[uint32]string
}

// of returns the external ID of document d (internal ID id) of rd.
func (c *docIDs) of(rd index.IndexReader, d uint32, id index.IndexInternalID) (string, error) {
	c.mu.Lock()
	if c.reader == rd {
		if ext, ok := c.m[d]; ok {
			c.mu.Unlock()
			return ext, nil
		}
	}
	c.mu.Unlock()
	ext, err := rd.ExternalID(id)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.reader != rd {
		c.reader, c.m = rd, map[uint32]string{}
	}
	c.m[d] = ext
	return ext, nil
}
