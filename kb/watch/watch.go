// Package watch reports changes under a folder tree: fsnotify on every folder, new ones too,
// with events debounced into batches so that one save (or one git checkout) is one reload.
package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Timing of batches.
const (
	// DefaultQuiet is how long the tree must stay quiet before a batch is sent: editors save in
	// bursts (write a temporary file, rename it, touch the folder) within a few milliseconds.
	DefaultQuiet = 100 * time.Millisecond
	// maxDelay caps the wait of a batch while events keep coming (a git checkout of thousands
	// of files), so that the preview does not wait for the end of a long burst.
	maxDelay = 2 * time.Second
)

// Batch is a set of changes.
type Batch struct {
	Paths []string // slash paths relative to the root that changed, sorted; folders too
	// Overflow means events were lost (the kernel queue overflowed): anything may have changed.
	Overflow bool
}

// Watcher watches one folder tree. Hidden files and folders (".git", editor swap files) and
// backup files ending in "~" are ignored.
type Watcher struct {
	root  string
	quiet time.Duration
	fsw   *fsnotify.Watcher
}

// New starts watching root and every folder under it. quiet is the debounce time
// (DefaultQuiet when 0).
func New(root string, quiet time.Duration) (*Watcher, error) {
	abs, err := filepath.Abs(root)
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch: %w", err)
	}
	if quiet <= 0 {
		quiet = DefaultQuiet
	}
	w := &Watcher{root: abs, quiet: quiet, fsw: fsw}
	if _, err := w.addTree(abs); err != nil {
		fsw.Close()
		return nil, err
	}
	return w, nil
}

// Close stops watching; Run returns.
func (w *Watcher) Close() error { return w.fsw.Close() }

// Run calls fn with each batch of changes until ctx ends or the watcher is closed. fn runs on
// Run's goroutine: events arriving meanwhile make the next batch.
func (w *Watcher) Run(ctx context.Context, fn func(Batch)) error {
	var (
		pending  = map[string]bool{}
		overflow bool
		timer    = time.NewTimer(time.Hour)
		first    time.Time // when the pending batch started
	)
	timer.Stop()
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return nil
			}
			if !w.note(ev, pending) {
				continue
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return nil
			}
			if !errors.Is(err, fsnotify.ErrEventOverflow) {
				return fmt.Errorf("watch: %w", err)
			}
			overflow = true
		case <-timer.C:
			b := Batch{Paths: sortedKeys(pending), Overflow: overflow}
			clear(pending)
			overflow, first = false, time.Time{}
			fn(b)
			continue
		}
		if first.IsZero() {
			first = time.Now()
		}
		timer.Reset(min(w.quiet, max(0, maxDelay-time.Since(first))))
	}
}

// note records one event in pending and reports whether it matters. A new folder is watched at
// once, and everything already in it counts as changed (it may have been moved in whole).
func (w *Watcher) note(ev fsnotify.Event, pending map[string]bool) bool {
	rel, ok := w.rel(ev.Name)
	if !ok || ignored(rel) || ev.Op == fsnotify.Chmod {
		return false
	}
	pending[rel] = true
	if ev.Op.Has(fsnotify.Create) {
		if added, err := w.addTree(ev.Name); err == nil {
			for _, p := range added {
				pending[p] = true
			}
		}
	}
	return true
}

// addTree watches dir and the folders under it, and returns the slash paths of everything under
// it. A dir that is not a folder (a new file) adds nothing.
func (w *Watcher) addTree(dir string) ([]string, error) {
	var found []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == dir {
				return err
			}
			return nil // gone or unreadable meanwhile: its own events will tell
		}
		rel, _ := w.rel(p)
		if p != w.root && ignored(rel) {
			return skipDir(d)
		}
		if p != dir {
			found = append(found, rel)
		}
		if d.IsDir() {
			if err := w.fsw.Add(p); err != nil {
				return fmt.Errorf("watch %s: %w", p, err)
			}
		}
		return nil
	})
	if err != nil && dir == w.root {
		return nil, fmt.Errorf("watch: %w", err)
	}
	return found, err
}

// rel is the slash path of name relative to the root.
func (w *Watcher) rel(name string) (string, bool) {
	r, err := filepath.Rel(w.root, name)
	if err != nil || r == ".." || strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(r), true
}

// ignored reports whether a path is hidden (any part starts with '.') or a backup file.
func ignored(rel string) bool {
	if rel == "." {
		return false
	}
	for _, part := range strings.Split(rel, "/") {
		if strings.HasPrefix(part, ".") || strings.HasSuffix(part, "~") {
			return true
		}
	}
	return false
}

func skipDir(d fs.DirEntry) error {
	if d.IsDir() {
		return filepath.SkipDir
	}
	return nil
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
