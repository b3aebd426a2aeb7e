package search

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bdoc "github.com/blevesearch/bleve/v2/document"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	index "github.com/blevesearch/bleve_index_api"
)

const (
	// batchSize is the number of documents per segment of the offline build. Measured at 10,000
	// articles (make scale): 1,000 peaks at 450 MB RSS, 250 at 270 MB and builds 20% faster,
	// 100 saves little more memory and is slower (more segments to merge).
	batchSize = 250
	// mergeMax is the number of segments merged at once at the end of a build: every document
	// of a library up to mergeMax×batchSize articles is merged once, into one segment.
	mergeMax = 50
	// staleAfter is the age past which a leftover build directory is removed: it belongs to a
	// build that crashed, since a live build of any real help center takes seconds.
	staleAfter = time.Hour
	// swapAttempts bounds the retries of the final rename when another build in the same data
	// directory put its index in place at the same moment.
	swapAttempts = 3
)

// segmentsDir is the scratch folder, inside a build's directory, of the segments the offline
// builder writes before merging them.
const segmentsDir = ".segments"

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
	if err := swap(tmp, path); err != nil {
		_ = os.RemoveAll(tmp)
		return err
	}
	return nil
}

// buildPrefix is the name prefix of the temporary directories of builds of path.
func buildPrefix(path string) string { return "." + filepath.Base(path) + ".build-" }

// fill writes the index of es at dir with scorch's offline builder: segments of batchSize
// documents, merged into one at the end (every query term costs a dictionary lookup per
// segment, and a help center is read far more often than it is built). Documents are mapped
// and analyzed on every core, a batch ahead of the builder, which then only indexes them; the
// token counts of the analysis are the field lengths stored in meta (see bm25Stats).
func fill(dir string, m mapping.IndexMapping, es []entry, meta indexMeta, progress func(int, int)) error {
	if len(es) == 0 {
		return fillEmpty(dir, m, meta, progress)
	}
	segs := filepath.Join(dir, segmentsDir)
	if err := os.Mkdir(segs, 0o755); err != nil {
		return fmt.Errorf("search: build: %w", err)
	}
	config := map[string]any{"buildPathPrefix": segs, "batchSize": batchSize, "mergeMax": mergeMax}
	// bleve.NewBuilder writes the index meta and puts the mapping in config["internal"]; its
	// own builder is left unused (closing it without documents fails) and the documents go
	// to a scorch builder on the same config, which takes analyzed documents.
	if _, err := bleve.NewBuilder(dir, m, config); err != nil {
		return fmt.Errorf("search: create index %s: %w", dir, err)
	}
	internal, ok := config["internal"].(map[string][]byte)
	if !ok {
		return fmt.Errorf("search: create index %s: no internal map in the builder config", dir)
	}
	sb, err := scorch.NewBuilder(config)
	if err != nil {
		return fmt.Errorf("search: create index %s: %w", dir, err)
	}
	lengths, err := feed(sb, m, es, progress)
	if err != nil {
		_ = os.RemoveAll(segs)
		return err
	}
	meta.FieldLengths = lengths
	raw, err := json.Marshal(meta)
	if err != nil {
		return fmt.Errorf("search: index meta: %w", err)
	}
	internal[metaKey] = raw // the builder writes its internal map when it closes
	if err := sb.Close(); err != nil {
		return fmt.Errorf("search: write index %s: %w", dir, err)
	}
	if err := os.RemoveAll(segs); err != nil {
		return fmt.Errorf("search: build: %w", err)
	}
	return nil
}

// fillEmpty creates an index without documents at dir (the offline builder needs one).
func fillEmpty(dir string, m mapping.IndexMapping, meta indexMeta, progress func(int, int)) (err error) {
	bi, err := bleve.NewUsing(dir, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return fmt.Errorf("search: create index %s: %w", dir, err)
	}
	defer func() {
		if cerr := bi.Close(); cerr != nil && err == nil {
			err = fmt.Errorf("search: close new index: %w", cerr)
		}
	}()
	report(progress, 0, 0)
	meta.FieldLengths = emptyLengths()
	raw, err := json.Marshal(meta)
	if err != nil {
		return fmt.Errorf("search: index meta: %w", err)
	}
	if err := bi.SetInternal([]byte(metaKey), raw); err != nil {
		return fmt.Errorf("search: store index meta: %w", err)
	}
	return nil
}

// feed analyzes es batch by batch and gives the documents to sb, the analysis of one batch
// running while sb indexes the one before. It returns the field lengths.
func feed(sb index.IndexBuilder, m mapping.IndexMapping, es []entry, progress func(int, int)) (map[string]int, error) {
	report(progress, 0, len(es))
	type batch struct {
		docs []*bdoc.Document
		end  int
	}
	batches := make(chan batch, 1)
	done := make(chan error, 1)
	go func() {
		var err error
		for b := range batches { // drained even after an error, so that the sender never blocks
			for _, d := range b.docs {
				if err == nil {
					err = sb.Index(d)
				}
			}
			if err == nil {
				report(progress, b.end, len(es))
			}
		}
		done <- err
	}()
	lengths := emptyLengths()
	var err error
	for start := 0; start < len(es) && err == nil; start += batchSize {
		end := min(start+batchSize, len(es))
		var docs []*bdoc.Document
		if docs, err = analyzeAll(m, es[start:end], lengths); err == nil {
			batches <- batch{docs, end}
		}
	}
	close(batches)
	if ierr := <-done; ierr != nil && err == nil {
		err = fmt.Errorf("search: index batch: %w", ierr)
	}
	return lengths, err
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
