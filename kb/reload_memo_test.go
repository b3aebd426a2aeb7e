package kb

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestReloaderEqualsLoad edits a content folder step by step; after each step a Reloader's
// Load must give the library Load gives, parsing and rendering only what the step changed.
func TestReloaderEqualsLoad(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"billing/_index.md": "---\ntitle: صورتحساب\n---\n",
		"billing/refund.md": "---\ntitle: بازگشت وجه\n---\nمهلت را در [پلن‌ها](plans.md#مهلت) ببینید.\n\n![نمونه](../images/a.png)\n",
		"billing/plans.md":  "---\ntitle: پلن‌ها\n---\nپلن ماهانه.\n\n## مهلت\n\nهفت روز.\n",
		"billing/faq.md":    "---\ntitle: پرسش‌ها\naliases: [old-faq]\n---\nپرسش‌های رایج.\n",
		"orders/_index.md":  "---\ntitle: سفارش‌ها\n---\n",
		"orders/cancel.md":  "---\ntitle: لغو\n---\nپس از لغو، [بازگشت وجه](../billing/refund.md) را بخوانید.\n",
		"images/a.png":      "PNG",
	})
	r := NewReloader(dir, Options{})
	steps := []struct {
		name   string
		change map[string]string // files to write; "" deletes
		want   LoadStats
	}{
		{"first load parses everything", nil, LoadStats{Parsed: 4, Rendered: 4}},
		{"nothing changed", nil, LoadStats{}},
		{"a body edit", map[string]string{"billing/faq.md": "---\ntitle: پرسش‌ها\naliases: [old-faq]\n---\nپرسش‌های تازه.\n"},
			LoadStats{Parsed: 1, Rendered: 1}},
		{"a linked heading renamed: the linking article renders again", map[string]string{
			"billing/plans.md": "---\ntitle: پلن‌ها\n---\nپلن ماهانه.\n\n## زمان\n\nهفت روز.\n"}, LoadStats{Parsed: 2, Rendered: 2}},
		{"the heading back", map[string]string{
			"billing/plans.md": "---\ntitle: پلن‌ها\n---\nپلن ماهانه.\n\n## مهلت\n\nهفت روز.\n"}, LoadStats{Parsed: 2, Rendered: 2}},
		{"an image removed", map[string]string{"images/a.png": ""}, LoadStats{Parsed: 1, Rendered: 1}},
		{"a linked article broken", map[string]string{"billing/refund.md": "---\ntitle: [\n---\n"},
			LoadStats{Parsed: 2, Rendered: 1}},
		{"an earlier article takes an alias", map[string]string{
			"account/_index.md": "---\ntitle: حساب\n---\n",
			"account/new.md":    "---\ntitle: تازه\naliases: [old-faq]\n---\nمتن.\n"}, LoadStats{Parsed: 1, Rendered: 1}},
		{"and gives it back", map[string]string{"account/new.md": ""}, LoadStats{}},
		{"a linked article deleted", map[string]string{"billing/refund.md": ""}, LoadStats{Parsed: 1, Rendered: 1}},
	}
	for _, st := range steps {
		t.Run(st.name, func(t *testing.T) {
			applyTree(t, dir, st.change)
			got, stats, err := r.Load()
			if err != nil {
				t.Fatal(err)
			}
			want, err := Load(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Reloader.Load differs from Load:\n%s", libraryDiff(got, want))
			}
			if stats != st.want {
				t.Errorf("stats = %+v, want %+v", stats, st.want)
			}
			for _, a := range got.Articles {
				if a.Source != nil {
					t.Errorf("%s: the loaded library keeps the Markdown source", a.Path)
				}
			}
		})
	}
}

// applyTree writes files under dir; an empty content deletes the file.
func applyTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		if content == "" {
			if err := os.Remove(filepath.Join(dir, filepath.FromSlash(rel))); err != nil {
				t.Fatal(err)
			}
			delete(files, rel)
		}
	}
	writeTree(t, dir, files)
}

// libraryDiff describes how two libraries differ, article by article.
func libraryDiff(got, want *Library) string {
	out := ""
	if !reflect.DeepEqual(got.Problems, want.Problems) {
		out += fmt.Sprintf("problems:\n got %v\nwant %v\n", got.Problems, want.Problems)
	}
	if len(got.Articles) != len(want.Articles) {
		return out + fmt.Sprintf("%d articles, want %d\n", len(got.Articles), len(want.Articles))
	}
	for i := range got.Articles {
		if !reflect.DeepEqual(got.Articles[i], want.Articles[i]) {
			out += fmt.Sprintf("article %d:\n got %+v\nwant %+v\n", i, *got.Articles[i], *want.Articles[i])
		}
	}
	if out == "" {
		out = "categories or lookup tables"
	}
	return out
}

// BenchmarkReloaderOneFile measures a live-preview reload of the generated help center after
// one article was saved, against BenchmarkLoad (everything parsed and rendered).
func BenchmarkReloaderOneFile(b *testing.B) {
	dir := b.TempDir()
	genLibrary(b, dir, benchArticles)
	r := NewReloader(dir, Options{})
	if _, _, err := r.Load(); err != nil {
		b.Fatal(err)
	}
	name := filepath.Join(dir, "cat3", "article-3.md")
	orig, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		i++
		if err := os.WriteFile(name, fmt.Appendf(orig, "\nویرایش %d\n", i), 0o644); err != nil {
			b.Fatal(err)
		}
		_, stats, err := r.Load()
		if err != nil {
			b.Fatal(err)
		}
		if stats != (LoadStats{Parsed: 1, Rendered: 1}) {
			b.Fatalf("stats %+v, want one file parsed and rendered", stats)
		}
	}
}
