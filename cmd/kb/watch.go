package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sync"
	"time"

	"persiankb/kb"
	"persiankb/kb/gitmeta"
	"persiankb/kb/site"
	"persiankb/kb/watch"
	"persiankb/search"
)

// writerConfig holds the serve flags for writers: live preview and the "edit this page" link.
type writerConfig struct {
	Watch   bool   // reload the content on every change and make open pages reload
	EditURL string // pattern with {path}; "" shows no edit link
}

func addWriterFlags(fs *flag.FlagSet, env *cliEnv, c *writerConfig) {
	fs.BoolVar(&c.Watch, "watch", envBool(env, "KB_WATCH"),
		"live preview: reload the content when a file changes, reload open pages, show each article's file problems (KB_WATCH)")
	fs.StringVar(&c.EditURL, "edit-url", envOr(env, "KB_EDIT_URL", ""),
		`"edit this page" link; {path} is the file's path in the content folder, e.g. https://git.example.com/help/edit/main/content/{path} (KB_EDIT_URL)`)
}

func (c writerConfig) validate() error {
	if err := site.CheckEditURL(c.EditURL); err != nil {
		return fmt.Errorf("bad --edit-url: %w", err)
	}
	return nil
}

// historyOf returns the git history of the content folder (from the cache, read again when HEAD
// moved). When git fails, pages show front matter dates only and the reason goes to w.
func historyOf(ctx context.Context, cache *gitmeta.Cache, w io.Writer) *gitmeta.History {
	h, err := cache.History(ctx)
	if err != nil {
		fmt.Fprintf(w, "warning: no git dates: %v\n", err)
		return nil
	}
	return h
}

// reloader rebuilds the library and its index after content changes and swaps them into the
// server. Only its watch goroutine calls reload.
type reloader struct {
	cfg  libraryConfig
	srv  *site.Server
	hist *gitmeta.Cache
	out  io.Writer // reload reports and the problems of changed files

	lib     *kb.Library
	idx     *search.Index
	history *gitmeta.History
	loader  *kb.Reloader // parses and renders only the files that changed
}

// drainTimeout bounds the wait for requests on the old index before it is closed: past the
// server's write timeout, a request has lost its client anyway.
const drainTimeout = writeTimeout

// reload loads the content folder again (parsing only the changed files, keeping the last good
// version of broken files), updates the index with the articles that changed (see
// search.Index.Update: the old index keeps serving meanwhile), swaps both in and closes the old
// index once the requests using it are done. Unchanged content (a file saved as it was)
// changes nothing.
func (r *reloader) reload(ctx context.Context, b watch.Batch) error {
	start := time.Now()
	lib, stats, err := r.loader.Load()
	if err != nil {
		return fmt.Errorf("reload: %w", err)
	}
	lib = lib.KeepLastGood(r.lib)
	history := historyOf(ctx, r.hist, r.out)
	if lib.Hash == r.lib.Hash && history == r.history {
		return nil
	}
	loaded := time.Now()
	idx, err := r.idx.Update(lib)
	if err != nil {
		return fmt.Errorf("reload: %w", err)
	}
	indexed := time.Now()
	dctx, cancel := context.WithTimeout(ctx, drainTimeout)
	defer cancel()
	if _, err := r.srv.Replace(dctx, &site.State{Library: lib, Search: idx, History: history}); err != nil {
		fmt.Fprintf(r.out, "warning: %v; closing the old index anyway\n", err)
	}
	if err := r.idx.Close(); err != nil {
		fmt.Fprintf(r.out, "warning: %v\n", err)
	}
	r.lib, r.idx, r.history = lib, idx, history
	fmt.Fprintf(r.out, "reloaded %d articles in %s (%s): %d parsed, %d rendered in %s; %s in %s\n",
		len(lib.Articles), time.Since(start).Round(time.Millisecond), describeBatch(b),
		stats.Parsed, stats.Rendered, loaded.Sub(start).Round(time.Millisecond),
		describeChanges(idx.Changes()), indexed.Sub(loaded).Round(time.Millisecond))
	r.reportProblems(b)
	return nil
}

// describeChanges says what a reload did to the index.
func describeChanges(c search.Changes) string {
	if c.Full {
		return fmt.Sprintf("index rebuilt, %d articles (%s)", c.Indexed, c.Reason)
	}
	return fmt.Sprintf("%d re-indexed, %d removed", c.Indexed, c.Removed)
}

// reportProblems prints the problems of the files that changed, so that a writer sees at once
// what their last save broke.
func (r *reloader) reportProblems(b watch.Batch) {
	changed := make(map[string]bool, len(b.Paths))
	for _, p := range b.Paths {
		changed[p] = true
	}
	for _, p := range r.lib.Problems {
		if changed[p.Path] || b.Overflow {
			kind := "error"
			if p.Warning {
				kind = "warning"
			}
			fmt.Fprintf(r.out, "%s: %s\n", kind, joinPath(r.cfg.Content, p))
		}
	}
}

// maxBatchNames is how many changed paths a reload report names.
const maxBatchNames = 3

func describeBatch(b watch.Batch) string {
	switch {
	case b.Overflow:
		return "many changes"
	case len(b.Paths) > maxBatchNames:
		return fmt.Sprintf("%s and %d more", b.Paths[0], len(b.Paths)-1)
	}
	return fmt.Sprint(b.Paths)
}

// watch starts watching the content folder; stop ends the watch and closes the current index.
func (r *reloader) watch(ctx context.Context) (stop func(), err error) {
	w, err := watch.New(r.cfg.Content, watch.DefaultQuiet)
	if err != nil {
		return nil, err
	}
	r.loader = kb.NewReloader(r.cfg.Content, kb.Options{Drafts: r.cfg.Drafts})
	ctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	wg.Go(func() {
		// The first load parses everything: done now, a save reloads only what it changed.
		// Changes meanwhile wait in the watcher for Run.
		if _, _, err := r.loader.Load(); err != nil {
			fmt.Fprintf(r.out, "warning: %v\n", err)
		}
		fmt.Fprintf(r.out, "watching %s for changes\n", r.cfg.Content)
		err := w.Run(ctx, func(b watch.Batch) {
			if err := r.reload(ctx, b); err != nil && !errors.Is(err, context.Canceled) {
				fmt.Fprintf(r.out, "error: %v\n", err)
			}
		})
		if err != nil {
			fmt.Fprintf(r.out, "error: live preview stopped: %v\n", err)
		}
		<-ctx.Done()
		r.srv.CloseLive() // on shutdown: open streams must not hold the server's graceful stop
	})
	return func() {
		cancel()
		w.Close()
		wg.Wait()
		_ = r.idx.Close()
	}, nil
}
