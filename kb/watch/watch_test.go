package watch

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// waitTimeout bounds the wait for a batch. Batches come within milliseconds; the deadline is
// only there so that a broken watcher fails the test instead of hanging it.
const waitTimeout = 10 * time.Second

// startWatcher watches dir and sends every batch to the returned channel.
func startWatcher(t *testing.T, dir string) <-chan Batch {
	t.Helper()
	w, err := New(dir, 20*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	batches := make(chan Batch, 16)
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx, func(b Batch) { batches <- b }) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run: %v", err)
		}
		w.Close()
	})
	return batches
}

// collect gathers batches until every path in want has been reported, and returns all the
// paths seen.
func collect(t *testing.T, batches <-chan Batch, want ...string) []string {
	t.Helper()
	seen := map[string]bool{}
	deadline := time.After(waitTimeout)
	for !hasAll(seen, want) {
		select {
		case b := <-batches:
			if !slices.IsSorted(b.Paths) {
				t.Errorf("batch not sorted: %q", b.Paths)
			}
			for _, p := range b.Paths {
				seen[p] = true
			}
		case <-deadline:
			t.Fatalf("saw %v, still waiting for %q", seen, want)
		}
	}
	var out []string
	for p := range seen {
		out = append(out, p)
	}
	slices.Sort(out)
	return out
}

func hasAll(seen map[string]bool, want []string) bool {
	for _, p := range want {
		if !seen[p] {
			return false
		}
	}
	return true
}

func write(t *testing.T, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestWatch(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "billing/refund.md"), "v1")
	write(t, filepath.Join(dir, ".git/HEAD"), "ref")
	batches := startWatcher(t, dir)

	t.Run("edit in a folder that existed", func(t *testing.T) {
		write(t, filepath.Join(dir, "billing/refund.md"), "v2")
		collect(t, batches, "billing/refund.md")
	})
	t.Run("new folder, then a file in it", func(t *testing.T) {
		if err := os.Mkdir(filepath.Join(dir, "orders"), 0o755); err != nil {
			t.Fatal(err)
		}
		collect(t, batches, "orders")
		write(t, filepath.Join(dir, "orders/new.md"), "new")
		collect(t, batches, "orders/new.md")
	})
	t.Run("folder moved in with files", func(t *testing.T) {
		outside := t.TempDir()
		write(t, filepath.Join(outside, "shipping/deep/post.md"), "post")
		if err := os.Rename(filepath.Join(outside, "shipping"), filepath.Join(dir, "shipping")); err != nil {
			t.Fatal(err)
		}
		collect(t, batches, "shipping", "shipping/deep", "shipping/deep/post.md")
		write(t, filepath.Join(dir, "shipping/deep/post.md"), "post v2") // the nested folder is watched
		collect(t, batches, "shipping/deep/post.md")
	})
	t.Run("delete", func(t *testing.T) {
		if err := os.Remove(filepath.Join(dir, "billing/refund.md")); err != nil {
			t.Fatal(err)
		}
		collect(t, batches, "billing/refund.md")
	})
	t.Run("hidden and backup files are ignored", func(t *testing.T) {
		write(t, filepath.Join(dir, ".git/HEAD"), "changed")
		write(t, filepath.Join(dir, "billing/.refund.md.swp"), "swap")
		write(t, filepath.Join(dir, "billing/refund.md~"), "backup")
		write(t, filepath.Join(dir, "billing/marker.md"), "after the ignored ones")
		got := collect(t, batches, "billing/marker.md")
		if !slices.Equal(got, []string{"billing/marker.md"}) {
			t.Errorf("saw %q; want only billing/marker.md", got)
		}
	})
}

// TestWatchDebounce writes many files at once: they arrive in few batches, not one per file.
func TestWatchDebounce(t *testing.T) {
	dir := t.TempDir()
	batches := startWatcher(t, dir)
	var want []string
	for i := range 50 {
		name := filepath.Join("cat", string(rune('a'+i%26))+string(rune('a'+i/26))+".md")
		want = append(want, filepath.ToSlash(name))
		write(t, filepath.Join(dir, name), "x")
	}
	n := 0
	seen := map[string]bool{}
	deadline := time.After(waitTimeout)
	for !hasAll(seen, want) {
		select {
		case b := <-batches:
			n++
			for _, p := range b.Paths {
				seen[p] = true
			}
		case <-deadline:
			t.Fatalf("timed out with %d of %d paths", len(seen), len(want))
		}
	}
	if n >= len(want)/2 {
		t.Errorf("%d batches for %d files: the events were not debounced", n, len(want))
	}
}

func TestNewFails(t *testing.T) {
	if _, err := New(filepath.Join(t.TempDir(), "missing"), 0); err == nil {
		t.Error("watching a missing folder did not fail")
	}
}

func TestIgnored(t *testing.T) {
	tests := map[string]bool{
		".": false, "a/b.md": false, ".git": true, ".git/HEAD": true, "a/.b.swp": true,
		"a/b.md~": true, "a/.hidden/c.md": true, "راهنما/مقاله.md": false,
	}
	for rel, want := range tests {
		if got := ignored(rel); got != want {
			t.Errorf("ignored(%q) = %v, want %v", rel, got, want)
		}
	}
}
