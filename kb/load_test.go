package kb

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// problemStrings formats problems as "path:line: message", warnings prefixed "warning: ".
func problemStrings(ps []Problem) []string {
	var out []string
	for _, p := range ps {
		s := p.Error()
		if p.Warning {
			s = "warning: " + s
		}
		out = append(out, s)
	}
	return out
}

func loadFixture(t *testing.T, opts Options) *Library {
	t.Helper()
	lib, err := Load("testdata/content", opts)
	if err != nil {
		t.Fatal(err)
	}
	return lib
}

func TestLoadFixture(t *testing.T) {
	lib := loadFixture(t, Options{})

	t.Run("problems", func(t *testing.T) {
		want := []string{
			`account/alias-clash.md:4: alias "password" is the slug of account/password.md`,
			"warning: billing/refund.md:20: image billing/images/logo.svg is not served: use PNG, JPEG, GIF or WebP (SVG can carry scripts)",
			"warning: billing/refund.md:22: link to missing article billing/missing.md",
			`billing/second.md:2: duplicate slug "بازگشت-وجه": also the slug of billing/refund.md`,
			"shipping/bad-yaml.md:3: front matter: invalid YAML: did not find expected ',' or ']'",
			"warning: shipping/express.md:13: link to billing/draft.md, which is not published: it is a draft",
			"warning: shipping/express.md:13: link to account/alias-clash.md, which is not published: one of its aliases is taken",
			`shipping/post.md:3: order: expected a whole number, got "abc"`,
			`warning: shipping/post.md:4: front matter: unknown field "colour"`,
		}
		if got := problemStrings(lib.Problems); !reflect.DeepEqual(got, want) {
			t.Errorf("problems:\n got %q\nwant %q", got, want)
		}
	})

	t.Run("articles", func(t *testing.T) {
		var got []string
		for _, a := range lib.Articles {
			got = append(got, a.Path)
		}
		want := []string{"account/password.md", "billing/refund.md", "shipping/express.md", "welcome.md"}
		if !sameSet(got, want) {
			t.Errorf("articles = %q, want %q (broken, duplicate, draft, hidden and _ files left out)", got, want)
		}
	})

	t.Run("categories", func(t *testing.T) {
		tests := []struct{ slug, title, desc string }{
			{"billing", "صورتحساب و پرداخت", "فاکتورها، بازگشت وجه و روش‌های پرداخت."},
			{"account", "حساب کاربری", "ورود، رمز عبور و امنیت حساب."}, // from the body of _index.md
			{"shipping", "shipping", ""}, // no _index.md
		}
		for _, tt := range tests {
			c, ok := lib.Category(tt.slug)
			if !ok {
				t.Errorf("no category %q", tt.slug)
				continue
			}
			if c.Title != tt.title || c.Description != tt.desc {
				t.Errorf("category %q = %q, %q; want %q, %q", tt.slug, c.Title, c.Description, tt.title, tt.desc)
			}
		}
		if c, _ := lib.Category("billing"); c.Order != 1 || len(c.Articles) != 1 {
			t.Errorf("billing: order %d, %d articles; want 1, 1", c.Order, len(c.Articles))
		}
	})

	t.Run("aliases redirect", func(t *testing.T) {
		if s, ok := lib.Redirect("refund-old"); !ok || s != "بازگشت-وجه" {
			t.Errorf("Redirect(refund-old) = %q, %v", s, ok)
		}
		if _, ok := lib.Redirect("password"); ok {
			t.Error("the clashing alias of a left-out article redirects")
		}
	})

	t.Run("links and images", func(t *testing.T) {
		refund, _ := lib.Article("بازگشت-وجه")
		express, _ := lib.Article("express")
		checks := []struct {
			a    *Article
			want string
		}{
			{refund, `<a href="/articles/password#%D8%AA%D8%BA%DB%8C%DB%8C%D8%B1-%D8%B1%D9%85%D8%B2">این راهنما</a>`},
			{refund, `<img src="/media/billing/images/receipt.png" alt="رسید پرداخت" loading="lazy">`},
			{express, `<a href="/articles/%D8%A8%D8%A7%D8%B2%DA%AF%D8%B4%D8%AA-%D9%88%D8%AC%D9%87#%D9%85%D8%B1%D8%A7%D8%AD%D9%84-%D8%AF%D8%B1%D8%AE%D9%88%D8%A7%D8%B3%D8%AA">`},
			{express, `<a href="/categories/billing">دسته صورتحساب</a>`},
			{express, `<a href="/media/billing/images/receipt.png">رسید</a>`},
		}
		for _, c := range checks {
			if !strings.Contains(c.a.HTML, c.want) {
				t.Errorf("%s lacks %s\n%s", c.a.Path, c.want, c.a.HTML)
			}
		}
	})

	t.Run("headings and TOC", func(t *testing.T) {
		express, _ := lib.Article("express")
		var ids []string
		for _, h := range express.TOC() {
			ids = append(ids, h.ID)
		}
		if want := []string{"هزینه", "زمان", "پیگیری"}; !reflect.DeepEqual(ids, want) {
			t.Errorf("express TOC = %q, want %q", ids, want)
		}
		if pw, _ := lib.Article("password"); pw.TOC() != nil || len(pw.Headings) != 2 {
			t.Errorf("password: TOC %v (want none for 2 sections), headings %v", pw.TOC(), pw.Headings)
		}
	})

	t.Run("root article", func(t *testing.T) {
		w, ok := lib.Article("welcome")
		if !ok || w.Category != "" || w.Title != "welcome" || w.Summary != "به مرکز راهنما خوش آمدید." {
			t.Errorf("welcome = %+v", w)
		}
	})

	if lib.Root == "testdata/content" || !filepath.IsAbs(lib.Root) {
		t.Errorf("Root = %q, want an absolute path", lib.Root)
	}
}

func TestLoadDrafts(t *testing.T) {
	tests := []struct {
		drafts    bool
		wantDraft bool
	}{{false, false}, {true, true}}
	for _, tt := range tests {
		t.Run(map[bool]string{false: "hidden", true: "shown"}[tt.drafts], func(t *testing.T) {
			lib := loadFixture(t, Options{Drafts: tt.drafts})
			a, ok := lib.Article("draft")
			if ok != tt.wantDraft {
				t.Fatalf("draft loaded = %v, want %v", ok, tt.wantDraft)
			}
			if ok && (a.Public() || !a.Draft) {
				t.Error("a draft is public")
			}
			c, _ := lib.Category("billing")
			for _, a := range c.Articles {
				if a.Draft {
					t.Error("a draft is listed in its category")
				}
			}
			linkWarned := strings.Contains(strings.Join(problemStrings(lib.Problems), "\n"), "it is a draft")
			if linkWarned == tt.drafts {
				t.Errorf("warning about the link to a draft: %v with drafts %v", linkWarned, tt.drafts)
			}
		})
	}
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := make(map[string]int)
	for _, s := range a {
		seen[s]++
	}
	for _, s := range b {
		seen[s]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

// writeTree writes files (slash path → content) under dir.
func writeTree(t testing.TB, dir string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoadHash(t *testing.T) {
	base := map[string]string{
		"billing/_index.md":          "---\ntitle: صورتحساب\n---\n",
		"billing/refund.md":          "# بازگشت وجه\n\nمتن",
		"billing/images/a.png":       "PNG1",
		"_synonyms.yaml":             "- [a, b]\n",
		"account/password.md":        "# رمز\n",
		"account/images/логотип.gif": "GIF",
	}
	hashOf := func(t *testing.T, change func(dir string), opts Options) string {
		dir := t.TempDir()
		writeTree(t, dir, base)
		if change != nil {
			change(dir)
		}
		lib, err := Load(dir, opts)
		if err != nil {
			t.Fatal(err)
		}
		return lib.Hash
	}
	write := func(rel, content string) func(string) {
		return func(dir string) { writeTree(t, dir, map[string]string{rel: content}) }
	}
	want := hashOf(t, nil, Options{})
	if len(want) != 64 {
		t.Fatalf("hash %q is not hex SHA-256", want)
	}
	tests := []struct {
		name   string
		change func(dir string)
		opts   Options
		same   bool
	}{
		{"same files in another folder", nil, Options{}, true},
		{"hidden files ignored", write(".git/HEAD", "ref"), Options{}, true},
		{"article edited", write("billing/refund.md", "# بازگشت وجه\n\nمتن!"), Options{}, false},
		{"image edited", write("billing/images/a.png", "PNG2"), Options{}, false},
		{"category index edited", write("billing/_index.md", "---\ntitle: پرداخت\n---\n"), Options{}, false},
		{"synonyms edited", write("_synonyms.yaml", "- [a, c]\n"), Options{}, false},
		{"file added", write("billing/new.md", "متن"), Options{}, false},
		{"broken file added", write("billing/bad.md", "\xff"), Options{}, false},
		{"file renamed", func(dir string) {
			os.Rename(filepath.Join(dir, "billing/refund.md"), filepath.Join(dir, "billing/refund2.md"))
		}, Options{}, false},
		{"bytes moved between files", func(dir string) {
			writeTree(t, dir, map[string]string{"billing/images/a.png": "PNG", "_synonyms.yaml": "1- [a, b]\n"})
		}, Options{}, false},
		{"drafts shown", nil, Options{Drafts: true}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := hashOf(t, tt.change, tt.opts)
			if (got == want) != tt.same {
				t.Errorf("hash same = %v, want %v", got == want, tt.same)
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file.md")
	writeTree(t, dir, map[string]string{"file.md": "x"})
	for _, d := range []string{filepath.Join(dir, "missing"), file} {
		if _, err := Load(d, Options{}); err == nil {
			t.Errorf("Load(%s) succeeded", d)
		}
	}
}

// TestLoadUnreadableFile: a file that cannot be read is a problem; the rest still loads.
func TestLoadUnreadableFile(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root reads every file")
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{"a/ok.md": "متن", "a/locked.md": "متن", "b/x.md": "متن"})
	if err := os.Chmod(filepath.Join(dir, "a/locked.md"), 0); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "b"), 0); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(filepath.Join(dir, "b"), 0o755)
	lib, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := lib.Article("ok"); !ok || len(lib.Articles) != 1 {
		t.Errorf("articles: %d, want only ok.md", len(lib.Articles))
	}
	got := problemStrings(lib.Problems)
	if len(got) != 2 || !strings.HasPrefix(got[0], "a/locked.md: cannot read:") || !strings.HasPrefix(got[1], "b: cannot read:") {
		t.Errorf("problems = %q", got)
	}
}

func TestLoadInternalLinks(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"a/public.md":   "[راه‌حل](internal.md)",
		"a/internal.md": "---\naudience: internal\n---\n[عمومی](public.md) [داخلی دیگر](other.md)",
		"a/other.md":    "---\naudience: internal\n---\nمتن",
	})
	lib, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"warning: a/public.md:1: link to a/internal.md, an internal article: public readers will not find it"}
	if got := problemStrings(lib.Problems); !reflect.DeepEqual(got, want) {
		t.Errorf("problems = %q, want %q", got, want)
	}
	if a, _ := lib.Article("public"); !strings.Contains(a.HTML, `href="/articles/internal"`) {
		t.Errorf("link not rewritten: %s", a.HTML)
	}
}

func TestLoadAliasClashes(t *testing.T) {
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"a/first.md":  "---\naliases: [old, first]\n---\nمتن",
		"a/second.md": "---\ntitle: دوم\naliases:\n  - new\n  - old\n---\nمتن",
		"b/first.md":  "---\ntitle: تکراری\n---\nمتن",
	})
	lib, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`warning: a/first.md:2: alias "first" is the article's own slug: remove it`,
		`a/second.md:5: alias "old" is also an alias of a/first.md`,
		`b/first.md:1: duplicate slug "first": also the slug of a/first.md`,
	}
	if got := problemStrings(lib.Problems); !reflect.DeepEqual(got, want) {
		t.Errorf("problems:\n got %q\nwant %q", got, want)
	}
	if a, _ := lib.Article("first"); a == nil || !reflect.DeepEqual(a.Aliases, []string{"old"}) {
		t.Errorf("first's aliases = %v, want [old]", a)
	}
	if _, ok := lib.Article("second"); ok {
		t.Error("article with a clashing alias loaded")
	}
}

func TestLoadCategories(t *testing.T) {
	tests := []struct {
		name      string
		files     map[string]string
		slug      string
		title     string
		desc      string
		order     int
		problems  []string
		extraWant func(t *testing.T, lib *Library)
	}{
		{"front matter", map[string]string{
			"billing/_index.md": "---\ntitle: صورتحساب\ndescription: فاکتورها\norder: 2\n---\n",
			"billing/a.md":      "متن",
		}, "billing", "صورتحساب", "فاکتورها", 2, nil, nil},
		{"no _index.md: the folder name", map[string]string{"orders/a.md": "متن"}, "orders", "orders", "", 0, nil, nil},
		{"title and description from the body", map[string]string{
			"billing/_index.md": "# صورتحساب\n\nهمه چیز درباره فاکتورها.\n",
			"billing/a.md":      "متن",
		}, "billing", "صورتحساب", "همه چیز درباره فاکتورها.", 0, nil, nil},
		{"bad _index.md: reported, folder name used", map[string]string{
			"billing/_index.md": "---\ntitle: صورتحساب\norder: اول\n---\n",
			"billing/a.md":      "متن",
		}, "billing", "billing", "", 0, []string{`billing/_index.md:3: order: expected a whole number, got "اول"`}, nil},
		{"unknown field in _index.md", map[string]string{
			"billing/_index.md": "---\ntitle: صورتحساب\nslug: pay\n---\n",
		}, "billing", "صورتحساب", "", 0, []string{`warning: billing/_index.md:3: front matter: unknown field "slug"`}, nil},
		{"nested folders belong to the top folder", map[string]string{
			"billing/old/a.md":      "[b](../b.md) ![i](img/x.png)",
			"billing/b.md":          "متن",
			"billing/old/img/x.png": "PNG",
		}, "billing", "billing", "", 0, nil, func(t *testing.T, lib *Library) {
			a, ok := lib.Article("a")
			if !ok || a.Category != "billing" {
				t.Fatalf("nested article: %+v", a)
			}
			for _, want := range []string{`href="/articles/b"`, `src="/media/billing/old/img/x.png"`} {
				if !strings.Contains(a.HTML, want) {
					t.Errorf("HTML lacks %s: %s", want, a.HTML)
				}
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeTree(t, dir, tt.files)
			lib, err := Load(dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if got := problemStrings(lib.Problems); !reflect.DeepEqual(got, tt.problems) {
				t.Errorf("problems = %q, want %q", got, tt.problems)
			}
			c, ok := lib.Category(tt.slug)
			if !ok {
				t.Fatalf("no category %q", tt.slug)
			}
			if c.Title != tt.title || c.Description != tt.desc || c.Order != tt.order {
				t.Errorf("category = %q %q %d, want %q %q %d", c.Title, c.Description, c.Order, tt.title, tt.desc, tt.order)
			}
			if tt.extraWant != nil {
				tt.extraWant(t, lib)
			}
		})
	}
}

func TestReadSized(t *testing.T) {
	tests := []struct {
		name string
		data string
		size int64 // as listed before reading
	}{
		{"as listed", "سلام دنیا", int64(len("سلام دنیا"))},
		{"grew since listed", "سلام دنیا", 3},
		{"shrank since listed", "سلام", 100},
		{"empty", "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := readSized(strings.NewReader(tt.data), tt.size)
			if err != nil || string(got) != tt.data {
				t.Errorf("readSized = %q, %v; want %q", got, err, tt.data)
			}
		})
	}
}
