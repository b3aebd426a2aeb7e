package kb

import (
	"os"
	"path/filepath"
	"testing"
)

func TestKeepLastGood(t *testing.T) {
	base := map[string]string{
		"billing/_index.md": "---\ntitle: صورتحساب\n---\n",
		"billing/refund.md": "---\ntitle: بازگشت وجه\naliases: [old-refund]\n---\nنسخهٔ خوب\n",
		"billing/plans.md":  "---\ntitle: پلن‌ها\n---\nپلن\n",
	}
	tests := []struct {
		name     string
		change   map[string]string // files written after the first load; "" deletes
		wantKept bool              // refund is served from the previous load
		wantCat  string            // title of the billing category
		same     bool              // KeepLastGood returns the library itself
	}{
		{name: "no change", same: true, wantCat: "صورتحساب"},
		{name: "good edit", change: map[string]string{"billing/refund.md": "---\ntitle: بازگشت وجه ۲\n---\nنو\n"}, same: true, wantCat: "صورتحساب"},
		{name: "broken YAML keeps the last good version", change: map[string]string{"billing/refund.md": "---\ntitle: [\n---\nنیمه\n"},
			wantKept: true, wantCat: "صورتحساب"},
		{name: "invalid UTF-8 keeps it too", change: map[string]string{"billing/refund.md": "---\ntitle: x\n---\n\xff\n"},
			wantKept: true, wantCat: "صورتحساب"},
		{name: "deleted file is gone", change: map[string]string{"billing/refund.md": ""}, same: true, wantCat: "صورتحساب"},
		{name: "slug taken meanwhile: not kept", change: map[string]string{
			"billing/refund.md": "---\ntitle: [\n---\n",
			"billing/other.md":  "---\ntitle: دیگر\nslug: refund\n---\nمتن\n"}, same: true, wantCat: "صورتحساب"},
		{name: "alias taken meanwhile: not kept", change: map[string]string{
			"billing/refund.md": "---\ntitle: [\n---\n",
			"billing/other.md":  "---\ntitle: دیگر\naliases: [old-refund]\n---\nمتن\n"}, same: true, wantCat: "صورتحساب"},
		{name: "broken category file keeps its title", change: map[string]string{"billing/_index.md": "---\ntitle: [\n---\n"},
			wantCat: "صورتحساب"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, base)
			prev, err := Load(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			for rel, body := range tt.change {
				p := filepath.Join(dir, filepath.FromSlash(rel))
				if body == "" {
					if err := os.Remove(p); err != nil {
						t.Fatal(err)
					}
					continue
				}
				writeTree(t, dir, map[string]string{rel: body})
			}
			loaded, err := Load(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			lib := loaded.KeepLastGood(prev)
			if (lib == loaded) != tt.same {
				t.Errorf("KeepLastGood returned the same library: %v, want %v", lib == loaded, tt.same)
			}
			a, ok := lib.Article("refund")
			if kept := ok && a == mustArticle(t, prev, "refund"); kept != tt.wantKept {
				t.Errorf("refund kept from the previous load: %v, want %v", kept, tt.wantKept)
			}
			if tt.wantKept {
				if slug, ok := lib.Redirect("old-refund"); !ok || slug != "refund" {
					t.Error("the kept article's alias does not redirect")
				}
				if !hasError(lib.Problems, "billing/refund.md") {
					t.Errorf("the broken file's error is not in Problems: %v", lib.Problems)
				}
				if lib.Hash == loaded.Hash {
					t.Error("the library with a kept article has the loaded library's hash")
				}
				if c, _ := lib.Category("billing"); len(c.Articles) != 2 {
					t.Errorf("billing lists %d articles, want 2", len(c.Articles))
				}
			}
			if c, ok := lib.Category("billing"); !ok || c.Title != tt.wantCat {
				t.Errorf("billing category %+v, want the title %q", c, tt.wantCat)
			}
			if _, ok := lib.Article("plans"); !ok {
				t.Error("an untouched article is missing")
			}
		})
	}
	t.Run("no previous library", func(t *testing.T) {
		l := NewLibrary("/c", nil, nil, nil)
		if l.KeepLastGood(nil) != l {
			t.Error("KeepLastGood(nil) made a new library")
		}
	})
}

func mustArticle(t *testing.T, l *Library, slug string) *Article {
	t.Helper()
	a, ok := l.Article(slug)
	if !ok {
		t.Fatalf("no article %q", slug)
	}
	return a
}

func hasError(ps []Problem, path string) bool {
	for _, p := range ps {
		if p.Path == path && !p.Warning {
			return true
		}
	}
	return false
}
