package synth

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"persiankb/kb"
)

var support = []string{"../../search/testdata/support/queries.jsonl", "../../search/testdata/support/messages.jsonl"}

func TestGeneratedCorpusLoads(t *testing.T) {
	v, err := ReadVocabulary("../../content", support)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	const n = 120
	if err := NewGenerator(v, 1).WriteCorpus(dir, n); err != nil {
		t.Fatal(err)
	}
	lib, err := kb.Load(dir, kb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range lib.Problems {
		if !p.Warning {
			t.Errorf("problem in a generated article: %v", p)
		}
	}
	if len(lib.Articles) != n {
		t.Errorf("%d articles loaded, want %d", len(lib.Articles), n)
	}
	var all strings.Builder
	for _, a := range lib.Articles {
		if len(a.Text) < bodyBytes/2 {
			t.Errorf("%s: text of %d bytes, want about %d", a.Slug, len(a.Text), bodyBytes)
		}
		all.WriteString(a.Text)
	}
	for _, want := range []struct{ name, s string }{
		{"ZWNJ", "\u200c"}, {"Arabic yeh", "ي"}, {"Arabic kaf", "ك"}, {"Persian digit", "۱"},
	} {
		if !strings.Contains(all.String(), want.s) {
			t.Errorf("no %s in the generated texts", want.name)
		}
	}
	again := t.TempDir()
	if err := NewGenerator(v, 1).WriteCorpus(again, n); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(dir, "cat-00", "_index.md"))
	b, _ := os.ReadFile(filepath.Join(again, "cat-00", "_index.md"))
	if !bytes.Equal(a, b) {
		t.Error("the same seed generated different files")
	}
}
