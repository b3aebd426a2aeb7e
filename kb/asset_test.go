package kb

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAsset(t *testing.T) {
	outside := t.TempDir()
	writeTree(t, outside, map[string]string{"secret.png": "x"})
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"billing/refund.md":          "![x](images/inside.png) ![y](images/escape.png)",
		"billing/images/a.png":       "x",
		"billing/images/B.JPG":       "x",
		"billing/images/c.webp":      "x",
		"billing/images/رسید.jpeg":   "x",
		"billing/images/logo.svg":    "<svg/>",
		"billing/files/guide.pdf":    "x",
		"billing/images/.hidden.png": "x",
		".private/a.png":             "x",
		"_synonyms.yaml":             "- [a, b]\n",
		"billing/images/page.html":   "x",
	})
	if err := os.Mkdir(filepath.Join(dir, "dir.png"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.png"), filepath.Join(dir, "billing/images/escape.png")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("a.png", filepath.Join(dir, "billing/images/inside.png")); err != nil {
		t.Fatal(err)
	}
	lib, err := Load(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// The scan follows links only inside the root too.
	got := problemStrings(lib.Problems)
	if len(got) != 2 || !strings.HasPrefix(got[0], "billing/images/escape.png: cannot read: ") ||
		got[1] != "warning: billing/refund.md:1: missing image billing/images/escape.png" {
		t.Errorf("problems = %q", got)
	}
	tests := []struct {
		rel string
		ok  bool
	}{
		{"billing/images/a.png", true},
		{"billing/images/B.JPG", true},
		{"billing/images/c.webp", true},
		{"billing/images/رسید.jpeg", true},
		{"billing/files/guide.pdf", true},
		{"billing/images/inside.png", true}, // a link that stays inside the root
		{"billing/images/logo.svg", false},  // SVG runs scripts when opened directly
		{"billing/refund.md", false},
		{"_synonyms.yaml", false},
		{"billing/images/page.html", false},
		{"billing/images/missing.png", false},
		{"dir.png", false},
		{"billing/images/.hidden.png", false},
		{".private/a.png", false},
		{"billing/images/escape.png", false}, // a link out of the root
		{"../" + filepath.Base(outside) + "/secret.png", false},
		{"billing/../billing/images/a.png", false},
		{"/billing/images/a.png", false},
		{"billing//images/a.png", false},
		{`billing\images\a.png`, false},
		{"billing/images/a.png\x00.png", false},
		{"", false},
		{".", false},
	}
	for _, tt := range tests {
		t.Run(tt.rel, func(t *testing.T) {
			p, ok := lib.Asset(tt.rel)
			if ok != tt.ok {
				t.Fatalf("Asset(%q) ok = %v, want %v", tt.rel, ok, tt.ok)
			}
			if ok && (!filepath.IsAbs(p) || !strings.HasPrefix(p, lib.Root+string(filepath.Separator))) {
				t.Errorf("Asset(%q) = %q, not an absolute path under %s", tt.rel, p, lib.Root)
			}
		})
	}
}

func TestTOC(t *testing.T) {
	h := func(levels ...int) []Heading {
		var hs []Heading
		for _, l := range levels {
			hs = append(hs, Heading{Level: l, ID: "h"})
		}
		return hs
	}
	tests := []struct {
		name     string
		headings []Heading
		want     int
	}{
		{"none", nil, 0},
		{"two sections", h(2, 2), 0},
		{"h1 and h4 do not count", h(1, 2, 4, 4, 3), 0},
		{"three sections", h(2, 3, 2), 3},
		{"long article", h(1, 2, 3, 3, 4, 2, 5), 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toc := (&Article{Headings: tt.headings}).TOC()
			if len(toc) != tt.want || tt.want == 0 && toc != nil {
				t.Errorf("TOC has %d headings, want %d", len(toc), tt.want)
			}
			for _, x := range toc {
				if x.Level < 2 || x.Level > 3 {
					t.Errorf("TOC has a level-%d heading", x.Level)
				}
			}
		})
	}
}
