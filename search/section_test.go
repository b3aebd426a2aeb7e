package search

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	bsearch "github.com/blevesearch/bleve/v2/search"

	"persiankb/kb"
	"persiankb/search/persian"
)

// sectionArticle has Persian headings written with ZWNJ and Arabic yeh and kaf, an intro, and
// sections whose words a query can reach only through the analyzer (stems, folding).
const sectionArticle = `---
title: بازگشت کالا
summary: چطور کالای خریده‌شده را پس بفرستید.
---
کالایی که خریده‌اید تا هفت روز قابل بازگشت است و هزینه‌اش به کارت شما برمی‌گردد.

## شرایط مرجوعی

کالا باید سالم و در بسته‌بندی اصلی باشد. برچسب‌ها را جدا نکنید.

## هزینهٔ ارسال برگشتی

هزینهٔ پست برگشتی با فروشگاه است مگر آنکه کالا سالم باشد و نظرتان عوض شده باشد.

### پیگيري مرسوله‌ها

كد رهگيري بستهٔ برگشتی را در صفحهٔ سفارش وارد كنيد تا وضعیت مرسوله را ببینید.
`

// sectionIndex opens an index of a library with sectionArticle and the sample content's
// synonyms file absent.
func sectionIndex(t *testing.T) *Index {
	t.Helper()
	dir := t.TempDir()
	cat := filepath.Join(dir, "orders")
	if err := os.MkdirAll(cat, 0o755); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"_index.md":  "---\ntitle: سفارش‌ها\n---\n",
		"returns.md": sectionArticle,
		"other.md":   "---\ntitle: لغو سفارش\n---\nسفارش را تا پیش از ارسال لغو کنید.\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(cat, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	lib, err := kb.Load(dir, kb.Options{})
	if err != nil {
		t.Fatalf("kb.Load: %v", err)
	}
	ix, err := Open(lib, Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	return ix
}

func TestSearchSection(t *testing.T) {
	ix := sectionIndex(t)
	latin := func(s string) string {
		l, ok := persian.ToLatinLayout(s)
		if !ok {
			t.Fatalf("ToLatinLayout(%q) failed", s)
		}
		return l
	}
	tests := []struct {
		name, query string
		want        string // the section's anchor; "" for none
	}{
		{"a lower section's text", "هزینه پست برگشتی", "هزینه-ارسال-برگشتی"},
		{"a heading, inflected", "شرایط مرجوعی‌ها", "شرایط-مرجوعی"},
		{"text words, stemmed", "بسته بندی اصلی برچسب", "شرایط-مرجوعی"},
		{"heading with Arabic letters, query with Persian ones", "پیگیری مرسوله", "پیگیری-مرسوله-ها"},
		{"text with Arabic letters, query without ZWNJ", "کد رهگیری بسته برگشتی", "پیگیری-مرسوله-ها"},
		{"heading words typed without ZWNJ", "مرسوله ها", "پیگیری-مرسوله-ها"},
		{"the title only", "بازگشت کالا", ""},
		{"the intro only", "هفت روز کارت", ""},
		{"layout-converted query", latin("شرایط مرجوعی"), "شرایط-مرجوعی"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := mustSearch(t, ix, Request{Query: tt.query})
			var hit *Hit
			for i := range res.Hits {
				if res.Hits[i].Slug == "returns" {
					hit = &res.Hits[i]
				}
			}
			if hit == nil {
				t.Fatalf("%q: no hit for the article; hits %v", tt.query, slugs(res.Hits))
			}
			got := ""
			if hit.Section != nil {
				got = hit.Section.ID
			}
			if got != tt.want {
				t.Errorf("%q: section %q, want %q", tt.query, got, tt.want)
			}
			if hit.Section != nil && !strings.Contains(sectionArticle, "# "+hit.Section.Title+"\n") {
				t.Errorf("%q: section title %q is not a heading of the article", tt.query, hit.Section.Title)
			}
		})
	}
}

// TestSuggestSection: suggestions for a customer's message link to the section that answers
// it, as search results do.
func TestSuggestSection(t *testing.T) {
	ix := sectionIndex(t)
	tests := []struct {
		name, message string
		want          string // the section's anchor; "" for none
	}{
		{"a section's words in a message", "سلام، کالا رو پس فرستادم ولی هزینه پست برگشتی رو کی میده؟", "هزینه-ارسال-برگشتی"},
		{"a heading's words, Arabic letters", "كد رهگيري مرسوله برگشتی رو از کجا ببینم", "پیگیری-مرسوله-ها"},
		{"the intro's words only", "کالایی که خریدم هفت روز وقت دارم پس بدم؟", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := ix.Suggest(context.Background(), tt.message, 0)
			if err != nil {
				t.Fatal(err)
			}
			var hit *Hit
			for i := range res.Hits {
				if res.Hits[i].Slug == "returns" {
					hit = &res.Hits[i]
				}
			}
			if hit == nil {
				t.Fatalf("no suggestion of the article; got %v", slugs(res.Hits))
			}
			got := ""
			if hit.Section != nil {
				got = hit.Section.ID
			}
			if got != tt.want {
				t.Errorf("section %q, want %q", got, tt.want)
			}
		})
	}
}

// TestHeadingLinesFindsEveryHeading checks that the sample content's headings are all found
// on lines of their own in their articles' texts, so that every section can be picked.
func TestHeadingLinesFindsEveryHeading(t *testing.T) {
	lib, err := kb.Load(sampleContent, kb.Options{})
	if err != nil {
		t.Fatalf("kb.Load: %v", err)
	}
	for _, a := range lib.Articles {
		lines := headingLines(a)
		if len(lines) != len(a.Headings) {
			t.Errorf("%s: %d heading lines for %d headings", a.Slug, len(lines), len(a.Headings))
		}
		for k, l := range lines {
			if got := strings.TrimSpace(a.Text[l.start:l.end]); got != a.Headings[k].Text {
				t.Errorf("%s: heading %d found as %q", a.Slug, k, got)
			}
		}
	}
}

func TestBestSection(t *testing.T) {
	set := func(terms ...string) []string { return terms }
	h1, h2 := &kb.Heading{ID: "a"}, &kb.Heading{ID: "b"}
	parts := []sectionTerms{
		{text: set("x")},
		{heading: h1, head: set("y"), text: set("x", "z")},
		{heading: h2, head: set("q"), text: set("y", "z")},
	}
	word := func(w float64, terms ...string) queryWord {
		q := queryWord{weight: w}
		for _, t := range terms {
			q.terms = append(q.terms, weightedTerm{term: t, weight: 1})
		}
		return q
	}
	tests := []struct {
		name  string
		words []queryWord
		want  *kb.Heading
	}{
		{"intro only", []queryWord{word(1, "x")}, nil},
		{"heading beats text", []queryWord{word(1, "y")}, h1},
		{"more words win", []queryWord{word(1, "z"), word(1, "q")}, h2},
		{"tie goes to the first", []queryWord{word(1, "z")}, h1},
		{"nothing", []queryWord{word(1, "none")}, nil},
		{"alternative below exact", []queryWord{{weight: 1, terms: []weightedTerm{{"q", 0.5}, {"x", 1}}}}, nil},
		{"phrase alternative", []queryWord{{weight: 1, phrases: []weightedPhrase{{positions: [][]string{{"x"}, {"z"}}, weight: 0.8}}}}, h1},
		{"no words", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bestSection(parts, tt.words); got != tt.want {
				t.Errorf("bestSection = %v, want %v", got, tt.want)
			}
		})
	}
}

// BenchmarkSections measures the per-query cost of picking the section of every hit of a
// first page, on the sample help center and the support queries: the hits' term places, read
// for the snippets, filed under the articles' sections and scored.
func BenchmarkSections(b *testing.B) {
	lib, err := kb.Load(sampleContent, kb.Options{})
	if err != nil {
		b.Fatalf("kb.Load: %v", err)
	}
	ix, err := Open(lib, Options{Dir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	type page struct {
		words []queryWord
		dms   []*bsearch.DocumentMatch
	}
	var pages []page
	for _, q := range supportQueries(b) {
		r := request{text: q, page: 1, limit: DefaultLimit}
		p, br, _, err := ix.run(ctx, r, planOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if br != nil {
			pages = append(pages, page{sectionWords(p), br.Hits})
		}
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		pg := pages[i%len(pages)]
		for _, dm := range pg.dms {
			if a, ok := lib.Article(dm.ID); ok {
				section(a, dm, pg.words)
			}
		}
		i++
	}
}

// supportQueries reads the support-domain relevance set's queries.
func supportQueries(b testing.TB) []string {
	f, err := os.ReadFile("testdata/support/queries.jsonl")
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	for line := range strings.Lines(string(f)) {
		var q struct{ Query string }
		if err := json.Unmarshal([]byte(line), &q); err == nil && q.Query != "" {
			out = append(out, q.Query)
		}
	}
	return out
}

func TestIsLine(t *testing.T) {
	tests := []struct{ line, s string }{
		{"شرایط مرجوعی\n", "شرایط مرجوعی"},
		{"  شرایط مرجوعی \r\n", "شرایط مرجوعی"},
		{"\u00a0شرایط مرجوعی\u3000\n", "شرایط مرجوعی"},
		{"\u00a0 شرایط\n", "شرایط"},
		{"شرایط مرجوعی کالا\n", "شرایط مرجوعی"},
		{"شرایط\n", "شرایط مرجوعی"},
		{"\n", ""},
		{"", ""},
		{" \u2003x\u2003 ", "x"},
		{"\u2003x", "\u2003x"},
		{"y\u2003x", "x"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q", tt.line), func(t *testing.T) {
			if got, want := isLine(tt.line, tt.s), strings.TrimSpace(tt.line) == tt.s; got != want {
				t.Errorf("isLine(%q, %q) = %v, want %v", tt.line, tt.s, got, want)
			}
		})
	}
}
