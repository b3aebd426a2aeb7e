package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"persiankb/kb"
)

func TestNew(t *testing.T) {
	const keep = "---\ntitle: [\n---\n"
	base := map[string]string{
		"billing/_index.md": "---\ntitle: صورتحساب\n---\n",
		"billing/refund.md": "---\ntitle: بازگشت وجه\naliases: [old-refund]\n---\nمتن\n",
		"orders/_index.md":  "---\ntitle: سفارش‌ها\n---\n",
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantFile string // created file, relative to the content folder
		wantErr  string
	}{
		{"persian slug from the title", []string{"--category", "billing", "صورتحساب: ماهانه یا سالانه؟"}, 0, "billing/صورتحساب-ماهانه-یا-سالانه.md", ""},
		{"given slug", []string{"--category", "orders", "--slug", "cancel", "لغو سفارش"}, 0, "orders/cancel.md", ""},
		{"zwnj in the title", []string{"--category", "orders", "پیگیری سفارش‌ها"}, 0, "orders/پیگیری-سفارش-ها.md", ""},
		{"no overwrite", []string{"--category", "billing", "--slug", "refund", "دیگر"}, 1, "", `slug "refund" is taken by billing/refund.md`},
		{"existing file", []string{"--category", "orders", "--slug", "x", "ایکس"}, 1, "", "already exists"},
		{"alias taken", []string{"--category", "orders", "--slug", "old-refund", "الف"}, 1, "", `is an alias of the article "refund"`},
		{"unknown category", []string{"--category", "nope", "الف"}, 2, "", `unknown category "nope"`},
		{"no category", []string{"الف"}, 2, "", "give --category, one of: billing, orders"},
		{"no title", []string{"--category", "orders"}, 2, "", "give a title"},
		{"bad slug", []string{"--category", "orders", "--slug", "a b", "الف"}, 2, "", `slug "a b" must not contain spaces`},
		{"title of only punctuation", []string{"--category", "orders", "؟!"}, 2, "", "give one with --slug"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, base)
			// A broken file is not in the library: only the file system knows the name is taken.
			writeFiles(t, dir, map[string]string{"orders/x.md": keep})
			env, out, errb := testEnv(nil)
			code := run(append([]string{"new", "--content", dir}, tt.args...), env.getenv, env.stdout, env.stderr)
			if code != tt.wantCode {
				t.Fatalf("exit code %d, want %d (stderr %q)", code, tt.wantCode, errb)
			}
			if !strings.Contains(errb.String(), tt.wantErr) {
				t.Errorf("stderr %q, want %q", errb, tt.wantErr)
			}
			if got, _ := os.ReadFile(filepath.Join(dir, "orders/x.md")); string(got) != keep {
				t.Errorf("orders/x.md was overwritten: %q", got)
			}
			if tt.wantFile == "" {
				return
			}
			want := filepath.ToSlash(filepath.Join(dir, tt.wantFile))
			if strings.TrimSpace(out.String()) != want {
				t.Errorf("stdout %q, want %q", out, want)
			}
			lib, err := kb.Load(dir, kb.Options{Drafts: true})
			if err != nil {
				t.Fatal(err)
			}
			a, ok := lib.Article(strings.TrimSuffix(filepath.Base(tt.wantFile), ".md"))
			if !ok || !a.Draft || a.Title != tt.args[len(tt.args)-1] || a.Path != tt.wantFile {
				t.Errorf("new article %+v (found %v): want a draft titled %q at %s", a, ok, tt.args[len(tt.args)-1], tt.wantFile)
			}
			for _, p := range lib.Problems {
				if p.Path == tt.wantFile {
					t.Errorf("the new article has a problem: %v", p)
				}
			}
		})
	}
}
