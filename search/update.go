package search

import (
	"encoding/json"
	"fmt"
	"maps"
	"reflect"
	"time"

	"persiankb/kb"
)

// Limits of an update in place. Past them Update builds the index whole, as Open does.
const (
	// maxUpdateShare is the share of a library's articles past which Update rebuilds. An
	// update leaves the replaced documents in the old segments (deleted, but still in the term
	// dictionaries, which makes completions recount, see vocab.recount) until Bleve merges
	// them, while a build compacts a fresh index into one segment. A quarter of 5,000 articles
	// updates in about 3 s against 11 s for a build (BENCHMARKS.md); past it (a git checkout,
	// a branch switch) a clean index is worth the difference.
	maxUpdateShare = 0.25
	// minRebuildChanges is the number of changed articles that always updates in place,
	// whatever the share: a batch that small takes a fraction of a second, so a small library
	// is not rebuilt just because one save is a large share of it.
	minRebuildChanges = 50
)

// Changes says how Update made an Index from the one before it.
type Changes struct {
	Full    bool   // built whole (as by Open), not updated in place
	Reason  string // why it was built whole; "" when updated in place
	Indexed int    // articles indexed: added or changed (all of them when Full)
	Removed int    // articles taken out of the index (0 when Full)
}

// Changes says how Update made ix; the zero Changes for an Index from Open.
func (ix *Index) Changes() Changes { return ix.updated }

// Update returns the index of lib, a new version of ix's library: when ix is live (see
// Options.Live), only the articles whose indexed document differs are indexed again and the
// removed ones deleted, in one Bleve batch; otherwise, or when too much changed (see
// maxUpdateShare), the index is built whole as Open does. ix keeps answering meanwhile, with
// its own library; the caller swaps the returned Index in and closes ix, which leaves the
// shared Bleve index open for the new one. Only the latest Index of a live index may be
// updated: Update of an older one rebuilds.
//
// Between the batch and the swap, ix's searches already see the new documents with its old
// library: an added article is left out of its hits and a changed one shows its old text,
// for the moment it takes the caller to swap. A live index also merges its segments in the
// background: a search that reads term vectors just as a merge lands may mark the wrong words
// (or none) in its snippets, and rank by proximity without them, for that one query.
func (ix *Index) Update(lib *kb.Library) (*Index, error) {
	if !ix.h.live {
		return ix.rebuild(lib, "index not opened live")
	}
	ix.h.mu.Lock()
	nx, reason, err := ix.updateLocked(lib)
	ix.h.mu.Unlock()
	if reason != "" {
		return ix.rebuild(lib, reason)
	}
	return nx, err
}

// updateLocked updates ix's Bleve index in place, or returns why it must be rebuilt.
func (ix *Index) updateLocked(lib *kb.Library) (*Index, string, error) {
	switch {
	case ix.h.refs == 0:
		return nil, "index closed", nil
	case ix.gen != ix.h.gen:
		return nil, "a newer index was made from this one", nil
	case ix.h.replaced(ix.path):
		return nil, "another process replaced the index folder", nil
	case ix.meta.FieldLengths == nil:
		return nil, "stored index has no field lengths", nil
	}
	es := entries(lib)
	d := diffEntries(entries(ix.lib), es)
	if n := len(d.put) + len(d.removed); n > max(minRebuildChanges, int(maxUpdateShare*float64(len(es)))) {
		return nil, fmt.Sprintf("%d of %d articles changed", n, len(es)), nil
	}
	ds, err := ix.nextDigests(es, d)
	if err != nil {
		return nil, "", err
	}
	meta := ix.nextMeta(lib, es, ds, d)
	if meta.Fingerprint == ix.meta.Fingerprint {
		meta = ix.meta // same documents and library: nothing to write
	} else if err := ix.apply(d, meta); err != nil {
		return nil, "", err
	}
	nx := ix.successor(lib, meta, ds, d)
	if err := ix.h.acquireLocked(nx.gen); err != nil {
		return nil, "", fmt.Errorf("search: update: %w", err)
	}
	return nx, "", nil
}

// rebuild builds the index of lib whole, with ix's options. A live ix holds its index files
// alone, and its content differs from lib's: the build does not try to open them.
func (ix *Index) rebuild(lib *kb.Library, reason string) (*Index, error) {
	nx, err := open(lib, ix.opts, !ix.h.live)
	if err != nil {
		return nil, err
	}
	nx.updated = Changes{Full: true, Reason: reason, Indexed: nx.meta.Docs}
	return nx, nil
}

// apply writes d's documents, its deletions and meta in one batch: searches see all of it or
// none of it.
func (ix *Index) apply(d diff, meta indexMeta) error {
	b := ix.h.bi.NewBatch()
	for _, e := range d.put {
		if err := b.Index(e.id, e.doc); err != nil {
			return fmt.Errorf("search: update %s: %w", e.id, err)
		}
	}
	for _, e := range d.removed {
		b.Delete(e.id)
	}
	raw, err := json.Marshal(meta)
	if err != nil {
		return fmt.Errorf("search: update meta: %w", err)
	}
	b.SetInternal([]byte(metaKey), raw)
	if err := ix.h.bi.Batch(b); err != nil {
		return fmt.Errorf("search: update %s: %w", ix.path, err)
	}
	return nil
}

// nextDigests are the digests of es, lib's documents: ix's for those d did not change.
func (ix *Index) nextDigests(es []entry, d diff) (map[string]digest, error) {
	known := ix.digests
	if len(d.put) > 0 {
		known = maps.Clone(ix.digests)
		for _, e := range d.put {
			delete(known, e.id)
		}
	}
	return digests(es, known)
}

// nextMeta is ix's meta after d: the fingerprint of lib's documents (the one Open computes,
// so that a restart reuses the updated index) and field lengths with d's changes counted.
func (ix *Index) nextMeta(lib *kb.Library, es []entry, ds map[string]digest, d diff) indexMeta {
	meta := ix.meta
	meta.Fingerprint = fingerprint(ix.analyzer, ix.an, lib.Hash, es, ds)
	meta.LibraryHash, meta.Docs = lib.Hash, len(es)
	meta.Built = time.Now().UTC()
	meta.FieldLengths = maps.Clone(ix.meta.FieldLengths)
	for f, n := range fieldLengths(ix.an, d.replaced) {
		meta.FieldLengths[f] -= n
	}
	for f, n := range fieldLengths(ix.an, d.removed) {
		meta.FieldLengths[f] -= n
	}
	for f, n := range fieldLengths(ix.an, d.put) {
		meta.FieldLengths[f] += n
	}
	return meta
}

// successor is the Index of lib over ix's Bleve index once d is applied: the same analyzer and
// query helpers, with empty term caches (frequencies changed), synonyms compiled from lib and
// BM25 statistics from meta.
func (ix *Index) successor(lib *kb.Library, meta indexMeta, ds map[string]digest, d diff) *Index {
	nx := &Index{
		bleve: ix.bleve, h: ix.h, gen: ix.gen + 1, opts: ix.opts, meta: meta, digests: ds, lib: lib,
		analyzer: ix.analyzer, an: ix.an, feat: ix.feat, syn: compileSynonyms(ix.an, lib.Synonyms, ix.syn.lexicon),
		df: newTermCache[uint64](), near: newTermCache[[]candidate](), path: ix.path,
		deletions: ix.deletions || len(d.replaced)+len(d.removed) > 0,
		updated:   Changes{Indexed: len(d.put), Removed: len(d.removed)},
	}
	if nx.feat.on {
		nx.bm25 = bm25Stats(meta)
	}
	return nx
}

// diff is what changed between two versions of a library's documents.
type diff struct {
	put      []entry // documents to index: new, or changed
	replaced []entry // the old versions of the changed documents in put
	removed  []entry // documents that are gone
}

// diffEntries compares the documents of two versions of a library by ID and content.
func diffEntries(old, cur []entry) diff {
	was := make(map[string]*entry, len(old))
	for i := range old {
		was[old[i].id] = &old[i]
	}
	var d diff
	for _, e := range cur {
		o, ok := was[e.id]
		delete(was, e.id)
		switch {
		case !ok:
			d.put = append(d.put, e)
		case !reflect.DeepEqual(o.doc, e.doc):
			d.put, d.replaced = append(d.put, e), append(d.replaced, *o)
		}
	}
	for _, e := range old {
		if _, gone := was[e.id]; gone {
			d.removed = append(d.removed, e)
		}
	}
	return d
}
