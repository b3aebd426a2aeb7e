package kb

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"persiankb/kb/markdown"
)

// dangerousRE finds markup that must never come out of an article: script-capable tags, event
// handlers and script URLs in attributes.
var dangerousRE = regexp.MustCompile(`(?i)<(script|iframe|object|embed|svg|style)\b|<[a-z][^>]*\son[a-z]+=|(href|src)="\s*(javascript|vbscript|data):`)

// FuzzParse feeds arbitrary bytes through front matter parsing, Markdown parsing, link
// resolution and rendering: nothing may panic, everything that comes out is valid UTF-8 and
// safe HTML, and every problem points at a line of the file.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/content/*/*.md")
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"", "---", "---\n---\n", "---\ntitle: [\n---\n", "---\ntags: 5\n---\n# x", "\xff\xfe",
		"# عنوان\n\n[x](../a/b.md#c) ![y](img.png) <script>x</script>",
		"---\naliases: [a, a, b/c]\nslug: \"x\\u0000\"\n---\n",
		"| a |\n|---|\n| [x](y.md) |\n\n[^1]\n\n[^1]: z",
	} {
		f.Add([]byte(s))
	}
	md := markdown.New()
	l := &linker{byPath: map[string]*Article{"a/b.md": {Slug: "b", Path: "a/b.md", Headings: []Heading{{2, "c", "c"}}}},
		leftOut: map[string]string{}, files: map[string]bool{"a/img.png": true}, dirs: map[string]bool{"a": true}}
	f.Fuzz(func(t *testing.T, data []byte) {
		p, probs := parseArticle(md, "a/doc.md", data)
		lines := bytes.Count(data, []byte{'\n'}) + 1
		if p != nil {
			more, err := p.render(md, l)
			if err != nil {
				t.Fatal(err)
			}
			probs = append(probs, more...)
			a := p.a
			for _, s := range []string{a.Title, a.Slug, a.Summary, a.HTML, a.Text} {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 out: %q", s)
				}
			}
			if a.Title == "" || a.Slug == "" {
				t.Fatalf("empty title %q or slug %q", a.Title, a.Slug)
			}
			if m := dangerousRE.FindString(a.HTML); m != "" {
				t.Fatalf("dangerous HTML %q in\n%s", m, a.HTML)
			}
			for _, h := range a.Headings {
				if h.ID == "" || strings.ContainsAny(h.ID, " \"<>") {
					t.Fatalf("bad heading ID %q", h.ID)
				}
			}
		}
		for _, pr := range probs {
			if pr.Line < 0 || pr.Line > lines+1 || pr.Message == "" || !utf8.ValidString(pr.Message) {
				t.Fatalf("bad problem %+v for a file of %d lines", pr, lines)
			}
		}
	})
}
