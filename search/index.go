package search

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
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
}

// Index is a Bleve index of a Library's articles, opened read-only for searching. It is safe for
// concurrent use; a reload opens a new Index beside the old one and swaps pointers.
type Index struct {
	bleve    bleve.Index
	lib      *kb.Library
	analyzer string                  // Options.Analyzer
	an       analysis.Analyzer       // the index's analyzer, for query-side analysis
	feat     features                // query-side helpers that agree with an
	syn      *synonyms               // lib.Synonyms analyzed with an
	df       *termCache[uint64]      // document frequencies of query terms
	near     *termCache[[]candidate] // known terms near unknown ones (vocab.fuzzy)
	bm25     *bsearch.BM25Stats      // BM25 statistics with real field lengths; nil for plain queries
	sections sectionCache            // analyzed sections of the articles hits came from
	path     string
	rebuilt  bool
	close    sync.Once
	closeErr error
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
func Open(lib *kb.Library, opts Options) (*Index, error) {
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
	fp, err := fingerprint(name, an, lib.Hash, es)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(opts.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("search: data directory: %w", err)
	}
	ix := &Index{
		lib: lib, analyzer: name, an: an, path: filepath.Join(opts.Dir, "index-"+name),
		feat: newFeatures(name, an, opts.Plain), syn: compileSynonyms(an, lib.Synonyms), df: newTermCache[uint64](), near: newTermCache[[]candidate](),
	}
	meta := indexMeta{
		Version: mappingVersion, Analyzer: name, Fingerprint: fp,
		LibraryHash: lib.Hash, Docs: len(es), Built: time.Now().UTC(),
	}
	var stored indexMeta
	ix.bleve, stored, ix.rebuilt, err = openOrBuild(ix.path, m, an, es, meta, opts.Progress)
	if err != nil {
		return nil, err
	}
	if ix.feat.on {
		ix.bm25 = bm25Stats(stored)
	}
	return ix, nil
}

// openOrBuild opens the index at path if it matches meta, and builds it otherwise. A build
// moves its index into place and then opens it like a stored one; the retry covers a
// concurrent build in the same directory swapping its own index in between.
func openOrBuild(path string, m mapping.IndexMapping, an analysis.Analyzer, es []entry, meta indexMeta, progress func(int, int)) (bleve.Index, indexMeta, bool, error) {
	removeStale(path)
	for attempt := 0; attempt <= buildAttempts; attempt++ {
		if bi, stored, ok := openMatching(path, meta.Fingerprint); ok {
			return bi, stored, attempt > 0, nil
		}
		if attempt < buildAttempts {
			if meta.FieldLengths == nil {
				meta.FieldLengths = fieldLengths(an, es)
			}
			if err := build(path, m, es, meta, progress); err != nil {
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
func openMatching(path, fp string) (bleve.Index, indexMeta, bool) {
	if _, err := os.Stat(path); err != nil {
		return nil, indexMeta{}, false
	}
	bi, err := openReadOnly(path)
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
	return bi, meta, true
}

// openReadOnly opens a scorch index for searching only; read-only opens share the index files,
// so a reload can open the same index while the old Index still serves.
func openReadOnly(path string) (bleve.Index, error) {
	return bleve.OpenUsing(path, map[string]any{
		"read_only":    true,
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
	n, err := ix.bleve.DocCount()
	if err != nil {
		return 0, fmt.Errorf("search: doc count: %w", err)
	}
	return n, nil
}

// Close closes the index; searches after Close fail. Calling it more than once is harmless.
func (ix *Index) Close() error {
	ix.close.Do(func() {
		if err := ix.bleve.Close(); err != nil {
			ix.closeErr = fmt.Errorf("search: close %s: %w", ix.path, err)
		}
	})
	return ix.closeErr
}
