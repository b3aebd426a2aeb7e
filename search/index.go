package search

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"

	"persiankb/kb"
)

// Options controls Open.
type Options struct {
	Dir      string // data directory; the index lives in Dir/index-<Analyzer>
	Analyzer string // DefaultAnalyzer when ""; see DefaultAnalyzer, StockAnalyzer
	// Plain turns the query-side features off (spelling and layout fallbacks, synonyms,
	// completions, variants): a plain match of the analyzed text, as with StockAnalyzer, whose
	// queries are always plain. For comparisons.
	Plain    bool
	Progress func(done, total int) // called while building, after each batch; may be nil
	// Live opens the index for writing, so that Update can apply changed articles in place
	// (the live preview). A live index holds its files exclusively: other processes that open
	// the same data directory meanwhile build their own index beside it.
	Live bool
}

// Index is a Bleve index of a Library's articles, opened read-only for searching (or for
// writing, see Options.Live). It is safe for concurrent use; a reload opens a new Index beside
// the old one, or makes one with Update, and swaps pointers.
type Index struct {
	bleve    bleve.Index // h.bi
	lib      *kb.Library
	analyzer string                  // Options.Analyzer
	an       analysis.Analyzer       // the index's analyzer, for query-side analysis
	feat     features                // query-side helpers that agree with an
	syn      *synonyms               // lib.Synonyms and the built-in lexicon analyzed with an
	df       *termCache[uint64]      // document frequencies of query terms
	near     *termCache[[]candidate] // known terms near unknown ones (vocab.fuzzy)
	bm25     *bsearch.BM25Stats      // BM25 statistics with real field lengths; nil for plain queries
	scratch  sync.Pool               // *denseScratch, for denseSearch
	bufs     sync.Pool               // *placeBuf, for readVectors
	postings postingCache            // long scored postings lists, for denseSearch
	places   placeCache              // every place of common terms, for readVectors
	ids      docIDs                  // external IDs of documents hit, for denseSearch
	path     string
	rebuilt  bool
	close    sync.Once
	closeErr error
	closed   atomic.Bool // Close was called: the Bleve index may live on for a successor

	h       *handle           // the open Bleve index, shared with the Indexes Update makes from this one
	gen     uint64            // h's generation this Index was made at; only the latest may Update
	opts    Options           // as given to Open, for the builds of Update
	meta    indexMeta         // as stored in the index
	digests map[string]digest // of the indexed documents, for Update's fingerprint
	updated Changes           // what Update did to make this Index
	// deletions: Update replaced or removed documents, whose terms stay in the Bleve term
	// dictionaries, with their counts, until a merge drops them (see vocab.completions).
	deletions bool
}

// buildAttempts bounds the builds one Open tries before giving up.
const buildAttempts = 2

// openTimeout bounds the wait for another process's lock on the index files: past it the index
// is treated as unusable and rebuilt beside, instead of hanging the start.
const openTimeout = "2s"

// metaKey is the Bleve internal key under which indexMeta is stored.
const metaKey = "persiankb.search.meta"

// indexMeta says what an index was built from; an index is reused only if it matches.
type indexMeta struct {
	Version     int       `json:"version"`     // mappingVersion
	Analyzer    string    `json:"analyzer"`    // Options.Analyzer
	Fingerprint string    `json:"fingerprint"` // see fingerprint
	LibraryHash string    `json:"library_hash"`
	Docs        int       `json:"docs"`
	Built       time.Time `json:"built"`
	// FieldLengths are the tokens of each text field (and of _all) over all documents, for
	// BM25's average field lengths (see bm25Stats).
	FieldLengths map[string]int `json:"field_lengths,omitempty"`
}

// Open returns the index of lib stored under opts.Dir, reusing the stored index when it was
// built from the same content with the same analyzer and mapping, and building it otherwise
// (in a temporary directory, then renamed into place, so that a crash never leaves a half index).
func Open(lib *kb.Library, opts Options) (*Index, error) { return open(lib, opts, true) }

// open is Open; without reuse, it builds the index even when a stored one matches.
func open(lib *kb.Library, opts Options, reuse bool) (*Index, error) {
	name := cmp.Or(opts.Analyzer, DefaultAnalyzer)
	if !validAnalyzerName(name) {
		return nil, fmt.Errorf("search: invalid analyzer name %q", name)
	}
	if opts.Dir == "" {
		return nil, errors.New("search: no data directory")
	}
	m, err := newMapping(name)
	if err != nil {
		return nil, err
	}
	an := m.AnalyzerNamed(bleveAnalyzer(name))
	es := entries(lib)
	ds, err := digests(es, nil)
	if err != nil {
		return nil, err
	}
	fp := fingerprint(name, an, lib.Hash, es, ds)
	syn, err := querySynonyms(an, lib.Synonyms)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("search: data directory: %w", err)
	}
	ix := &Index{
		opts: opts, digests: ds, lib: lib, analyzer: name, an: an, path: filepath.Join(opts.Dir, "index-"+name),
		feat: newFeatures(name, an, opts.Plain), syn: syn, df: newTermCache[uint64](), near: newTermCache[[]candidate](),
	}
	meta := indexMeta{
		Version: mappingVersion, Analyzer: name, Fingerprint: fp,
		LibraryHash: lib.Hash, Docs: len(es), Built: time.Now().UTC(),
	}
	ix.h, ix.meta, ix.rebuilt, err = openOrBuild(ix.path, m, an, es, meta, opts, reuse)
	if err != nil {
		return nil, err
	}
	ix.bleve = ix.h.bi
	if ix.feat.on {
		ix.bm25 = bm25Stats(ix.meta)
	}
	return ix, nil
}

// openOrBuild opens the index at path if it matches meta, and builds it otherwise. A build
// moves its index into place and then opens it like a stored one; the retry covers a
// concurrent build in the same directory swapping its own index in between.
func openOrBuild(path string, m mapping.IndexMapping, an analysis.Analyzer, es []entry, meta indexMeta, opts Options, reuse bool) (*handle, indexMeta, bool, error) {
	removeStale(path)
	for attempt := 0; attempt <= buildAttempts; attempt++ {
		if reuse || attempt > 0 {
			if h, stored, ok := openMatching(path, meta.Fingerprint, opts.Live); ok {
				return h, stored, attempt > 0, nil
			}
		}
		if attempt < buildAttempts {
			if err := build(path, m, es, meta, opts.Progress); err != nil {
				return nil, indexMeta{}, false, err
			}
		}
	}
	return nil, indexMeta{}, false, fmt.Errorf("search: index %s cannot be opened after building it", path)
}

// validAnalyzerName accepts names that are safe in a directory name.
func validAnalyzerName(s string) bool {
	for _, r := range s {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r == '-'
		if !ok {
			return false
		}
	}
	return s != ""
}

// openMatching opens the index at path if it exists, opens cleanly and was built with the
// given fingerprint, and returns it with its stored meta. Any failure means "rebuild".
func openMatching(path, fp string, live bool) (*handle, indexMeta, bool) {
	dir, err := os.Stat(path)
	if err != nil {
		return nil, indexMeta{}, false
	}
	bi, err := openIndex(path, live)
	if err != nil {
		return nil, indexMeta{}, false
	}
	raw, err := bi.GetInternal([]byte(metaKey))
	var meta indexMeta
	if err == nil {
		err = json.Unmarshal(raw, &meta)
	}
	if err != nil || meta.Version != mappingVersion || meta.Fingerprint != fp {
		_ = bi.Close()
		return nil, indexMeta{}, false
	}
	return newHandle(bi, dir, live), meta, true
}

// openIndex opens a scorch index for searching only, or for writing too when live. Read-only
// opens share the index files, so a reload can open the same index while the old Index still
// serves; a live open holds them alone, and its Indexes share one handle (see Update).
func openIndex(path string, live bool) (bleve.Index, error) {
	return bleve.OpenUsing(path, map[string]any{
		"read_only":    !live,
		"bolt_timeout": openTimeout,
	})
}

// Library is the library the index was built from; hits' titles and texts come from it.
func (ix *Index) Library() *kb.Library { return ix.lib }

// Analyzer is the Options.Analyzer the index was built with.
func (ix *Index) Analyzer() string { return ix.analyzer }

// Rebuilt reports whether Open built the index rather than reusing the stored one.
func (ix *Index) Rebuilt() bool { return ix.rebuilt }

// DocCount is the number of indexed articles; it fails once the index is closed.
func (ix *Index) DocCount() (uint64, error) {
	if err := ix.checkOpen(); err != nil {
		return 0, fmt.Errorf("search: doc count: %w", err)
	}
	n, err := ix.bleve.DocCount()
	if err != nil {
		return 0, fmt.Errorf("search: doc count: %w", err)
	}
	return n, nil
}

// Close closes the index; searches after Close fail. Calling it more than once is harmless.
// Indexes made by Update share their Bleve index, which is closed with the last of them: an
// older one can be closed once it is swapped out, while the newer keeps serving.
func (ix *Index) Close() error {
	ix.close.Do(func() {
		ix.closed.Store(true)
		if err := ix.h.release(); err != nil {
			ix.closeErr = fmt.Errorf("search: close %s: %w", ix.path, err)
		}
	})
	return ix.closeErr
}

// checkOpen fails once Close was called, even when the Bleve index stays open for the Index
// that Update made from this one.
func (ix *Index) checkOpen() error {
	if ix.closed.Load() {
		return bleve.ErrorIndexClosed
	}
	return nil
}
