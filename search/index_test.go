package search

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
	"unicode/utf8"

	"persiankb/kb"
)

// progressLog records Progress calls.
type progressLog struct{ calls [][2]int }

func (p *progressLog) record(done, total int) { p.calls = append(p.calls, [2]int{done, total}) }

// openLib opens lib in dir and fails the test on error.
func openLib(t *testing.T, lib *kb.Library, dir string, p *progressLog) *Index {
	t.Helper()
	opts := Options{Dir: dir}
	if p != nil {
		opts.Progress = p.record
	}
	ix, err := Open(lib, opts)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	return ix
}

// publishedCount is the number of test articles that are not drafts.
func publishedCount() int {
	n := 0
	for _, a := range testArticles() {
		if !a.Draft {
			n++
		}
	}
	return n
}

func TestOpenBuildsThenReuses(t *testing.T) {
	dir := t.TempDir()
	var p progressLog
	ix := openLib(t, testLibrary(testArticles(), "h1"), dir, &p)
	n := publishedCount()
	if !ix.Rebuilt() {
		t.Error("first Open did not build")
	}
	if len(p.calls) < 2 || p.calls[0] != [2]int{0, n} || p.calls[len(p.calls)-1] != [2]int{n, n} {
		t.Errorf("progress = %v, want 0/%d … %d/%d", p.calls, n, n, n)
	}
	if got, err := ix.DocCount(); err != nil || got != uint64(n) {
		t.Errorf("DocCount = %d, %v; want %d", got, err, n)
	}
	if _, err := os.Stat(filepath.Join(dir, "index-"+DefaultAnalyzer)); err != nil {
		t.Errorf("index directory: %v", err)
	}
	if err := ix.Close(); err != nil {
		t.Fatal(err)
	}

	var p2 progressLog
	again := openLib(t, testLibrary(testArticles(), "h1"), dir, &p2)
	if again.Rebuilt() || len(p2.calls) != 0 {
		t.Errorf("second Open rebuilt (progress %v)", p2.calls)
	}
	if res := mustSearch(t, again, Request{Query: "رمز عبور"}); len(res.Hits) == 0 {
		t.Error("reused index finds nothing")
	}
	if again.Library().Hash != "h1" || again.Analyzer() != DefaultAnalyzer {
		t.Errorf("Library/Analyzer = %q/%q", again.Library().Hash, again.Analyzer())
	}
}

func TestOpenRebuildsWhenContentChanges(t *testing.T) {
	edited := testArticles()
	edited[0].Text += " واژهٔ تازه‌ای به نام زنبورک."
	tests := []struct {
		name    string
		lib     *kb.Library
		rebuilt bool
	}{
		{"same content", testLibrary(testArticles(), "h1"), false},
		{"content hash changed", testLibrary(testArticles(), "h2"), true},
		{"text changed under the same hash", testLibrary(edited, "h1"), true},
		{"article removed", testLibrary(testArticles()[1:], "h1"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			first := openLib(t, testLibrary(testArticles(), "h1"), dir, nil)
			if err := first.Close(); err != nil {
				t.Fatal(err)
			}
			ix := openLib(t, tt.lib, dir, nil)
			if ix.Rebuilt() != tt.rebuilt {
				t.Fatalf("Rebuilt = %v, want %v", ix.Rebuilt(), tt.rebuilt)
			}
			n, err := ix.DocCount()
			if want := len(entries(tt.lib)); err != nil || n != uint64(want) {
				t.Errorf("DocCount = %d, %v; want %d", n, err, want)
			}
		})
	}
	t.Run("new text is searchable", func(t *testing.T) {
		dir := t.TempDir()
		openLib(t, testLibrary(testArticles(), "h1"), dir, nil).Close()
		ix := openLib(t, testLibrary(edited, "h1"), dir, nil)
		if res := mustSearch(t, ix, Request{Query: "زنبورک"}); len(res.Hits) != 1 {
			t.Errorf("new word: %v", slugs(res.Hits))
		}
	})
}

func TestOpenRecoversBrokenIndex(t *testing.T) {
	tests := []struct {
		name   string
		damage func(t *testing.T, path string)
	}{
		{"meta file garbage", func(t *testing.T, path string) {
			write(t, filepath.Join(path, "index_meta.json"), "{not json")
		}},
		{"store removed", func(t *testing.T, path string) {
			if err := os.RemoveAll(filepath.Join(path, "store")); err != nil {
				t.Fatal(err)
			}
		}},
		{"root.bolt garbage", func(t *testing.T, path string) {
			write(t, filepath.Join(path, "store", "root.bolt"), "garbage, not a bolt file at all")
		}},
		{"empty directory", func(t *testing.T, path string) {
			if err := os.RemoveAll(path); err != nil {
				t.Fatal(err)
			}
			if err := os.Mkdir(path, 0o755); err != nil {
				t.Fatal(err)
			}
		}},
		{"a file where the directory was", func(t *testing.T, path string) {
			if err := os.RemoveAll(path); err != nil {
				t.Fatal(err)
			}
			write(t, path, "x")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			openLib(t, testLibrary(testArticles(), "h1"), dir, nil).Close()
			tt.damage(t, filepath.Join(dir, "index-"+DefaultAnalyzer))
			ix := openLib(t, testLibrary(testArticles(), "h1"), dir, nil)
			if !ix.Rebuilt() {
				t.Error("broken index was reused")
			}
			if res := mustSearch(t, ix, Request{Query: "فاکتور"}); len(res.Hits) == 0 {
				t.Error("rebuilt index finds nothing")
			}
		})
	}
}

func write(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

// A reload opens a new Index while the old one still serves: both must work, whether the new
// one reuses the stored index or replaces it.
func TestOpenBesideOpenIndex(t *testing.T) {
	dir := t.TempDir()
	old := openLib(t, testLibrary(testArticles(), "h1"), dir, nil)
	same := openLib(t, testLibrary(testArticles(), "h1"), dir, nil)
	if same.Rebuilt() {
		t.Error("same content rebuilt while the old index is open")
	}
	changed := openLib(t, testLibrary(testArticles()[1:], "h2"), dir, nil)
	if !changed.Rebuilt() {
		t.Error("changed content not rebuilt")
	}
	for name, ix := range map[string]*Index{"old": old, "same": same, "changed": changed} {
		res := mustSearch(t, ix, Request{Query: "فاکتور"})
		if len(res.Hits) == 0 {
			t.Errorf("%s index finds nothing after the swap", name)
		}
	}
	if res := mustSearch(t, changed, Request{Query: "تغییر رمز"}); slices.Contains(slugs(res.Hits), "change-password") {
		t.Error("new index still has the removed article")
	}
}

func TestOpenRemovesStaleBuilds(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, ".index-"+DefaultAnalyzer+".build-123")
	fresh := filepath.Join(dir, ".index-"+DefaultAnalyzer+".build-456")
	other := filepath.Join(dir, ".index-fa_stock.build-789")
	for _, p := range []string{stale, fresh, other} {
		if err := os.MkdirAll(filepath.Join(p, "store"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	long := time.Now().Add(-2 * staleAfter)
	for _, p := range []string{stale, other} {
		if err := os.Chtimes(p, long, long); err != nil {
			t.Fatal(err)
		}
	}
	openLib(t, testLibrary(testArticles(), "h1"), dir, nil)
	for p, want := range map[string]bool{stale: false, fresh: true, other: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s exists = %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
}

func TestOpenAnalyzers(t *testing.T) {
	tests := []struct {
		analyzer string
		dir      string // index directory name; "" means Open must fail
	}{
		{"", "index-persian"},
		{DefaultAnalyzer, "index-persian"},
		{FaAnalyzer, "index-fa"},
		{StockAnalyzer, "index-fa_stock"},
		{"standard", "index-standard"},
		{"no-such-analyzer", ""},
		{"../escape", ""},
		{"Fa", ""},
	}
	for _, tt := range tests {
		t.Run(tt.analyzer, func(t *testing.T) {
			dir := t.TempDir()
			ix, err := Open(testLibrary(testArticles(), "h1"), Options{Dir: dir, Analyzer: tt.analyzer})
			if tt.dir == "" {
				if err == nil {
					ix.Close()
					t.Fatal("Open succeeded")
				}
				return
			}
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer ix.Close()
			if _, err := os.Stat(filepath.Join(dir, tt.dir)); err != nil {
				t.Error(err)
			}
			if res := mustSearch(t, ix, Request{Query: "فاکتور"}); len(res.Hits) == 0 {
				t.Error("finds nothing")
			}
		})
	}
	if _, err := Open(testLibrary(testArticles(), "h1"), Options{}); err == nil {
		t.Error("Open without a data directory succeeded")
	}
}

// The stock fa char filter shifts offsets by 2 bytes per ZWNJ; the fa chain must not.
func TestAnalyzerOffsetsExact(t *testing.T) {
	if len(zwnjReplacement) != utf8.RuneLen(zwnj) {
		t.Fatalf("replacement is %d bytes, ZWNJ is %d", len(zwnjReplacement), utf8.RuneLen(zwnj))
	}
	text := "صفحه‌ی تنظیمات حساب‌کاربری می‌شود"
	for _, tt := range []struct {
		analyzer string
		exact    bool
	}{{FaAnalyzer, true}, {StockAnalyzer, false}} {
		t.Run(tt.analyzer, func(t *testing.T) {
			m, err := newMapping(tt.analyzer)
			if err != nil {
				t.Fatal(err)
			}
			an := m.AnalyzerNamed(bleveAnalyzer(tt.analyzer))
			exact := true
			for _, tok := range an.Analyze([]byte(text)) {
				// The letters at the token's offsets must analyze to the token itself.
				again := an.Analyze([]byte(text[tok.Start:tok.End]))
				if len(again) != 1 || string(again[0].Term) != string(tok.Term) {
					exact = false
				}
			}
			if exact != tt.exact {
				t.Errorf("offsets exact = %v, want %v", exact, tt.exact)
			}
		})
	}
	ix := openTest(t, Options{Analyzer: StockAnalyzer})
	if _, err := ix.Search(context.Background(), Request{Query: "تنظیمات"}); err != nil {
		t.Errorf("stock analyzer search: %v", err)
	}
}

// Two Opens racing on an empty data directory both build; both must end with a working index.
func TestOpenConcurrentBuilds(t *testing.T) {
	dir := t.TempDir()
	const n = 3
	ixs := make([]*Index, n)
	errs := make([]error, n)
	done := make(chan int)
	for i := range n {
		go func() {
			ixs[i], errs[i] = Open(testLibrary(testArticles(), "h1"), Options{Dir: dir})
			done <- i
		}()
	}
	for range n {
		i := <-done
		if errs[i] != nil {
			t.Fatalf("Open %d: %v", i, errs[i])
		}
		t.Cleanup(func() { _ = ixs[i].Close() })
	}
	for i, ix := range ixs {
		if res := mustSearch(t, ix, Request{Query: "فاکتور"}); len(res.Hits) == 0 {
			t.Errorf("index %d finds nothing", i)
		}
	}
	again := openLib(t, testLibrary(testArticles(), "h1"), dir, nil)
	if again.Rebuilt() {
		t.Error("the index left in place is not reusable")
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".index-"+DefaultAnalyzer+".build-*"))
	if len(leftovers) != 0 {
		t.Errorf("leftover build directories: %v", leftovers)
	}
}
