package search

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/index/scorch/mergeplan"
	"github.com/blevesearch/bleve/v2/mapping"
)

const (
	// batchSize is the number of documents per Bleve batch: large enough to amortize segment
	// creation, small enough that progress moves visibly on a big library.
	batchSize = 256
	// staleAfter is the age past which a leftover build directory is removed: it belongs to a
	// build that crashed, since a live build of any real help center takes seconds.
	staleAfter = time.Hour
	// swapAttempts bounds the retries of the final rename when another build in the same data
	// directory put its index in place at the same moment.
	swapAttempts = 3
)

// build indexes es into a new scorch index in a temporary directory beside path, then renames
// it to path, replacing what was there.
func build(path string, m mapping.IndexMapping, es []entry, meta indexMeta, progress func(int, int)) error {
	tmp, err := os.MkdirTemp(filepath.Dir(path), buildPrefix(path))
	if err != nil {
		return fmt.Errorf("search: build: %w", err)
	}
	if err := fill(tmp, m, es, meta, progress); err != nil {
		_ = os.RemoveAll(tmp)
		return err
	}
	if err := compact(tmp); err != nil {
		_ = os.RemoveAll(tmp)
		return err
	}
	if err := swap(tmp, path); err != nil {
		_ = os.RemoveAll(tmp)
		return err
	}
	return nil
}

// buildPrefix is the name prefix of the temporary directories of builds of path.
func buildPrefix(path string) string { return "." + filepath.Base(path) + ".build-" }

// fill creates a scorch index at dir and indexes es into it in batches.
func fill(dir string, m mapping.IndexMapping, es []entry, meta indexMeta, progress func(int, int)) (err error) {
	bi, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return fmt.Errorf("search: create index %s: %w", dir, err)
	}
	defer func() {
		if cerr := bi.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("search: close new index: %w", cerr)
		}
	}()
	report(progress, 0, len(es))
	for start := 0; start < len(es); start += batchSize {
		end := min(start+batchSize, len(es))
		b := bi.NewBatch()
		for _, e := range es[start:end] {
			if err := b.Index(e.id, e.doc); err != nil {
				return fmt.Errorf("search: index %s: %w", e.id, err)
			}
		}
		if err := bi.Batch(b); err != nil {
			return fmt.Errorf("search: index batch: %w", err)
		}
		report(progress, end, len(es))
	}
	raw, err := json.Marshal(meta)
	if err != nil {
		return fmt.Errorf("search: index meta: %w", err)
	}
	if err := bi.SetInternal([]byte(metaKey), raw); err != nil {
		return fmt.Errorf("search: store index meta: %w", err)
	}
	return nil
}

// compact merges the index at dir into one segment. Every query term costs a dictionary
// lookup per segment, and a help center is read far more often than it is built.
func compact(dir string) (err error) {
	bi, err := bleve.Open(dir)
	if err != nil {
		return fmt.Errorf("search: compact %s: %w", dir, err)
	}
	defer func() {
		if cerr := bi.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("search: compact %s: %w", dir, cerr)
		}
	}()
	adv, err := bi.Advanced()
	if err != nil {
		return fmt.Errorf("search: compact %s: %w", dir, err)
	}
	s, ok := adv.(*scorch.Scorch)
	if !ok {
		return nil
	}
	if err := s.ForceMerge(context.Background(), &mergeplan.SingleSegmentMergePlanOptions); err != nil {
		return fmt.Errorf("search: compact %s: %w", dir, err)
	}
	return nil
}

func report(progress func(int, int), done, total int) {
	if progress != nil {
		progress(done, total)
	}
}

// swap moves the finished index at tmp to path. The previous index, if any, is first moved
// aside (open read-only Indexes keep working on its files) and removed once the new one is in place.
func swap(tmp, path string) error {
	var err error
	for i := range swapAttempts {
		old := fmt.Sprintf("%s.old%d", tmp, i)
		if err = os.Rename(path, old); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("search: move old index aside: %w", err)
		}
		if err = os.Rename(tmp, path); err == nil {
			for j := range i + 1 {
				_ = os.RemoveAll(fmt.Sprintf("%s.old%d", tmp, j))
			}
			return nil
		}
	}
	return fmt.Errorf("search: move new index into place: %w", err)
}

// removeStale removes the leftovers of crashed builds of path.
func removeStale(path string) {
	dir, prefix := filepath.Dir(path), buildPrefix(path)
	des, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, de := range des {
		if !strings.HasPrefix(de.Name(), prefix) {
			continue
		}
		p := filepath.Join(dir, de.Name())
		if fi, err := os.Stat(p); err == nil && time.Since(fi.ModTime()) > staleAfter {
			_ = os.RemoveAll(p)
		}
	}
}
