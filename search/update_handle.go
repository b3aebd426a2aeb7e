package search

import (
	"errors"
	"os"
	"sync"

	"github.com/blevesearch/bleve/v2"
)

// handle is one open Bleve index, shared by the Index that opened it and the Indexes that
// Update made from it. Each holds a reference; the Bleve index is closed with the last one, so
// that the Index swapped out by a reload can be closed while its successor keeps serving.
type handle struct {
	bi   bleve.Index
	live bool           // opened for writing (Options.Live)
	dir  os.FileInfo    // the index folder when it was opened
	cats categoryTables // the category of every document, for the category facet

	mu   sync.Mutex // serializes updates; guards refs and gen
	refs int
	gen  uint64 // bumped by each update: only the Index of the latest generation may update
}

func newHandle(bi bleve.Index, dir os.FileInfo, live bool) *handle {
	return &handle{bi: bi, live: live, dir: dir, refs: 1}
}

// errHandleClosed is returned by acquire once the last reference is gone.
var errHandleClosed = errors.New("index closed")

// acquire adds a reference for a new Index of generation gen. Callers hold h.mu.
func (h *handle) acquireLocked(gen uint64) error {
	if h.refs == 0 {
		return errHandleClosed
	}
	h.refs++
	h.gen = gen
	return nil
}

// release drops one reference and closes the Bleve index with the last one.
func (h *handle) release() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.refs == 0 {
		return nil
	}
	h.refs--
	if h.refs > 0 {
		return nil
	}
	return h.bi.Close()
}

// replaced reports whether the folder at path is no longer the one h opened: another process
// built an index beside this one and moved it into place. Writes would go to a removed folder.
func (h *handle) replaced(path string) bool {
	fi, err := os.Stat(path)
	return err != nil || !os.SameFile(fi, h.dir)
}
