package kb

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestCheck runs Check over one small content folder per kind of problem and compares the
// problems exactly (the message text is what writers read in their terminal and in CI).
func TestCheck(t *testing.T) {
	base := map[string]string{
		"billing/_index.md": "---\ntitle: صورتحساب\n---\n",
		"billing/refund.md": "---\ntitle: بازگشت وجه\n---\n## مهلت\n\nمتن.\n",
	}
	tests := []struct {
		name  string
		files map[string]string
		opts  CheckOptions
		want  []string // problemStrings
	}{
		{name: "clean", want: nil},
		{name: "bad front matter", files: map[string]string{
			"billing/a.md": "---\ntitle: الف\norder: [1\n---\nمتن\n"},
			want: []string{"billing/a.md:3: front matter: invalid YAML: did not find expected ',' or ']'"}},
		{name: "wrong type", files: map[string]string{
			"billing/a.md": "---\ntitle: الف\ndraft: شاید\n---\nمتن\n"},
			want: []string{`billing/a.md:3: draft: expected true or false, got "شاید"`}},
		{name: "no title", files: map[string]string{"billing/no-title.md": "فقط متن، بدون عنوان.\n"},
			want: []string{"billing/no-title.md:1: no title: set title in the front matter or start the article with a # heading"}},
		{name: "duplicate slug", files: map[string]string{
			"billing/refund2.md": "---\ntitle: دو\nslug: refund\n---\nمتن\n"},
			want: []string{`billing/refund2.md:3: duplicate slug "refund": also the slug of billing/refund.md`}},
		{name: "duplicate alias", files: map[string]string{
			"billing/a.md": "---\ntitle: الف\naliases: [old]\n---\nمتن\n",
			"billing/b.md": "---\ntitle: ب\naliases: [old]\n---\nمتن\n"},
			want: []string{`billing/b.md:3: alias "old" is also an alias of billing/a.md`}},
		{name: "missing article", files: map[string]string{
			"billing/a.md": "---\ntitle: الف\n---\nمتن\n\n[پیوند](missing.md)\n"},
			want: []string{"billing/a.md:6: link to missing article billing/missing.md"}},
		{name: "missing heading in another article", files: map[string]string{
			"billing/a.md": "---\ntitle: الف\n---\n[پیوند](refund.md#نیست)\n"},
			want: []string{"billing/a.md:4: link to missing heading #نیست in billing/refund.md"}},
		{name: "missing heading in the same article", files: map[string]string{
			"billing/a.md": "---\ntitle: الف\n---\n[پیوند](#نیست)\n"},
			want: []string{`billing/a.md:4: link to missing heading "#نیست"`}},
		{name: "heading found by its text", files: map[string]string{
			"billing/a.md": "---\ntitle: الف\n---\n[پیوند](<refund.md#مهلت>)\n"},
			want: nil},
		{name: "missing image", files: map[string]string{
			"billing/a.md": "---\ntitle: الف\n---\n![تصویر](images/x.png)\n"},
			want: []string{"billing/a.md:4: missing image billing/images/x.png"}},
		{name: "link to a draft", files: map[string]string{
			"billing/a.md":     "---\ntitle: الف\n---\n[پیش‌نویس](draft.md)\n",
			"billing/draft.md": "---\ntitle: پیش‌نویس\ndraft: true\n---\nمتن\n"},
			want: []string{"billing/a.md:4: link to billing/draft.md, which is not published: it is a draft"}},
		{name: "link to a draft with drafts", opts: CheckOptions{Drafts: true}, files: map[string]string{
			"billing/a.md":     "---\ntitle: الف\n---\n[پیش‌نویس](draft.md)\n",
			"billing/draft.md": "---\ntitle: پیش‌نویس\ndraft: true\n---\nمتن\n"},
			want: nil},
		{name: "public links to internal: a warning", files: map[string]string{
			"billing/a.md":        "---\ntitle: الف\n---\n[داخلی](internal.md)\n",
			"billing/internal.md": "---\ntitle: داخلی\naudience: internal\n---\nمتن\n"},
			want: []string{"warning: billing/a.md:4: link to billing/internal.md, an internal article: public readers will not find it"}},
		{name: "invalid UTF-8", files: map[string]string{"billing/a.md": "---\ntitle: a\n---\nok\n\xff\n"},
			want: []string{"billing/a.md:5: invalid UTF-8 (byte 0xFF at column 1); save the file as UTF-8"}},
		{name: "folder without _index.md", files: map[string]string{
			"orders/a.md": "---\ntitle: الف\n---\nمتن\n", "orders/b.md": "---\ntitle: ب\n---\nمتن\n",
			"images/logo.png": "PNG"},
			want: []string{`orders/_index.md: category folder "orders" has no _index.md: add one with the category's title`}},
		{name: "typography", files: map[string]string{
			"billing/a.md": "---\ntitle: راهنماي كتاب ها\n---\nچطور می شود?\n"},
			want: []string{
				`warning: billing/a.md:2: Arabic letter in Persian text (ي→ی, ك→ک): "راهنماي" → "راهنمای", "كتاب" → "کتاب"`,
				`warning: billing/a.md:2: missing ZWNJ (zero-width non-joiner) instead of the space: "كتاب ها" → "كتاب\u200cها"`,
				`warning: billing/a.md:4: missing ZWNJ (zero-width non-joiner) instead of the space: "می شود" → "می\u200cشود"`,
				`warning: billing/a.md:4: Latin question mark after Persian text: "شود?" → "شود؟"`,
			}},
		{name: "typography suggestion", files: map[string]string{
			"billing/a.md": "---\ntitle: الف\n---\nبین ۲ تا 5 روز\n"},
			want: []string{`warning: billing/a.md:4: Latin digits in text that uses Persian digits: "5" → "۵" (not fixed by --fix: check it)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, base)
			writeTree(t, dir, tt.files)
			r, err := Check(dir, tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			if got := problemStrings(r.Problems); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems:\n got %q\nwant %q", got, tt.want)
			}
			if r.Files != len(base)+countMarkdown(tt.files) {
				t.Errorf("Files = %d, want %d", r.Files, len(base)+countMarkdown(tt.files))
			}
		})
	}
}

func countMarkdown(files map[string]string) int {
	n := 0
	for name := range files {
		if strings.HasSuffix(name, ".md") {
			n++
		}
	}
	return n
}

// TestCheckLoadStaysLenient makes sure strict checking is Check's alone: Load still treats a
// broken link as a warning and publishes the article.
func TestCheckLoadStaysLenient(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a/_index.md": "# الف\n", "a/b.md": "# ب\n\n[x](nope.md)\n"})
	lib, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(lib.Problems) != 1 || !lib.Problems[0].Warning || len(lib.Articles) != 1 {
		t.Errorf("Load: problems %v, %d articles; want one warning and the article", lib.Problems, len(lib.Articles))
	}
}

// TestFix rewrites files in place: the fixed folder checks clean of safe findings, files with
// nothing to fix are not touched, and permissions are kept.
func TestFix(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"billing/_index.md":  "---\ntitle: صورتحساب ها\n---\n",
		"billing/refund.md":  "---\ntitle: بازگشت وجه\n---\nپول برمي گردد? بین ۲ تا 5 روز.\n",
		"billing/clean.md":   "---\ntitle: تمیز\n---\nمتن درست.\n",
		"billing/code.md":    "---\ntitle: کد\n---\n```\nمي شود?\n```\n",
		"billing/invalid.md": "# الف\n\xff می شود\n",
	})
	if err := os.Chmod(filepath.Join(dir, "billing/refund.md"), 0o600); err != nil {
		t.Fatal(err)
	}
	fixed, err := Fix(dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []FixedFile{{"billing/refund.md", 2}, {"billing/_index.md", 1}}
	if !reflect.DeepEqual(fixed, want) {
		t.Errorf("fixed %+v, want %+v", fixed, want)
	}
	got, err := os.ReadFile(filepath.Join(dir, "billing/refund.md"))
	if err != nil {
		t.Fatal(err)
	}
	if s := "---\ntitle: بازگشت وجه\n---\nپول برمي گردد؟ بین ۲ تا 5 روز.\n"; string(got) != strings.Replace(s, "برمي", "برمی", 1) {
		t.Errorf("refund.md = %q", got)
	}
	if st, _ := os.Stat(filepath.Join(dir, "billing/refund.md")); st.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", st.Mode().Perm())
	}
	r, err := Check(dir, CheckOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Fixable != 0 {
		t.Errorf("after Fix, Check still finds %d fixable: %q", r.Fixable, problemStrings(r.Problems))
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "billing")); len(entries) != 5 {
		t.Errorf("%d files in billing/, want 5 (no temporary files left)", len(entries))
	}
}
