package persian

import (
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/bleve/v2/search/highlight/highlighter/html"
	"github.com/blevesearch/bleve/v2/search/query"
)

// testDocs are indexed by openTestIndex; the texts mix the spellings the
// analyzer has to reconcile.
var testDocs = map[string]string{
	"arabic": "مديريت حساب كاربري و تغيير رمز",         // Arabic yeh and kaf
	"zwnj":   "این کار با یک کلیک انجام می‌شود",        // ZWNJ
	"joined": "کتابها و دفترها را در کتابخانه بگذارید", // no ZWNJ
	"hamza":  "مسا\u064a\u0654ل امنيتي",                // PQuAD-style hamza
}

// openTestIndex builds a real on-disk scorch index whose default analyzer is
// the registered "persian" analyzer, with term vectors for highlighting.
func openTestIndex(t *testing.T) bleve.Index {
	t.Helper()
	im := bleve.NewIndexMapping()
	im.DefaultAnalyzer = AnalyzerName
	field := mapping.NewTextFieldMapping()
	field.Analyzer = AnalyzerName
	field.Store = true
	field.IncludeTermVectors = true
	doc := bleve.NewDocumentMapping()
	doc.AddFieldMappingsAt("body", field)
	im.DefaultMapping = doc
	idx, err := bleve.New(t.TempDir()+"/index", im)
	if err != nil {
		t.Fatalf("create index: %v", err)
	}
	t.Cleanup(func() { idx.Close() })
	for id, text := range testDocs {
		if err := idx.Index(id, map[string]string{"body": text}); err != nil {
			t.Fatalf("index %s: %v", id, err)
		}
	}
	return idx
}

func hitIDs(t *testing.T, idx bleve.Index, q query.Query) []string {
	t.Helper()
	res, err := idx.Search(bleve.NewSearchRequest(q))
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	slices.Sort(ids)
	return ids
}

func TestIndexMatchesAcrossSpellings(t *testing.T) {
	idx := openTestIndex(t)
	tests := []struct {
		query string
		want  []string
	}{
		{"مدیریت کاربری", []string{"arabic"}},
		{"میشود", []string{"zwnj"}},
		{"می شود", []string{"zwnj"}},
		{"کتاب‌ها", []string{"joined"}},
		{"دفتر", []string{"joined"}},
		{"مسائل", []string{"hamza"}},
		{"امنیت", []string{"hamza"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q := query.NewMatchQuery(tt.query)
			q.SetField("body")
			if got := hitIDs(t, idx, q); !slices.Equal(got, tt.want) {
				t.Errorf("match %q: hits %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}

func TestQueryTermHelpersMatchIndex(t *testing.T) {
	idx := openTestIndex(t)
	prefix := func(typed string) query.Query {
		q := query.NewPrefixQuery(FoldTerm(typed))
		q.SetField("body")
		return q
	}
	fuzzy := func(typed string) query.Query {
		q := query.NewFuzzyQuery(NormalizeQueryTerm(typed))
		q.SetField("body")
		q.SetFuzziness(1)
		return q
	}
	tests := []struct {
		name string
		q    query.Query
		want []string
	}{
		{"prefix typed with Persian yeh finds Arabic yeh text", prefix("مدیر"), []string{"arabic"}},
		{"prefix typed with Arabic kaf", prefix("كتابخا"), []string{"joined"}},
		{"prefix with ZWNJ typed", prefix("کتاب\u200cخا"), []string{"joined"}},
		{"fuzzy of an inflected form", fuzzy("كتابهاي"), []string{"joined"}},
		{"fuzzy with a typo", fuzzy("مدیرت"), []string{"arabic"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := hitIDs(t, idx, tt.q); !slices.Equal(got, tt.want) {
				t.Errorf("hits %v, want %v", got, tt.want)
			}
		})
	}
}

func TestHighlightMarksTheSurfaceForm(t *testing.T) {
	idx := openTestIndex(t)
	q := query.NewMatchQuery("میشود")
	q.SetField("body")
	req := bleve.NewSearchRequest(q)
	req.Highlight = bleve.NewHighlightWithStyle(html.Name)
	res, err := idx.Search(req)
	if err != nil {
		t.Fatalf("search: %v", err)
	}
	if len(res.Hits) != 1 {
		t.Fatalf("got %d hits, want 1", len(res.Hits))
	}
	frag := strings.Join(res.Hits[0].Fragments["body"], "")
	if !strings.Contains(frag, "<mark>می\u200cشود</mark>") {
		t.Errorf("fragment %q does not mark می‌شود exactly", frag)
	}
}

func TestRegisteredComponents(t *testing.T) {
	cache := registry.NewCache()
	if _, err := cache.AnalyzerNamed(AnalyzerName); err != nil {
		t.Fatalf("analyzer %q: %v", AnalyzerName, err)
	}
	for _, name := range []string{NormalizeName, ZWNJName, StopName, StemName} {
		if _, err := cache.TokenFilterNamed(name); err != nil {
			t.Errorf("token filter %q: %v", name, err)
		}
	}
	// A custom chain built from the registered names, as a mapping would.
	a, err := cache.DefineAnalyzer("custom_fa", map[string]interface{}{
		"type":          custom.Name,
		"tokenizer":     unicode.Name,
		"token_filters": []interface{}{ZWNJName, StopName, StemName},
	})
	if err != nil {
		t.Fatalf("define custom analyzer: %v", err)
	}
	var got []string
	for _, tok := range a.Analyze([]byte("كتاب ها، می شود، کتاب ها")) {
		got = append(got, string(tok.Term))
	}
	// Without the text, only a one-byte gap joins an affix: the spaces of
	// "كتاب ها" and "می شود" do, the two-byte no-break space does not.
	if want := []string{"کتاب", "شد", "کتاب", "ها"}; !slices.Equal(got, want) {
		t.Errorf("custom chain terms = %q, want %q", got, want)
	}
}

func TestAnalyzeHelper(t *testing.T) {
	got := Analyze("رمزِ عبور")
	want := []Token{
		{Term: "رمز", Start: 0, End: len("رمزِ"), Position: 1},
		{Term: "عبور", Start: len("رمزِ "), End: len("رمزِ عبور"), Position: 2},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Analyze = %+v, want %+v", got, want)
	}
	if got := Analyze(""); len(got) != 0 {
		t.Errorf("Analyze(\"\") = %+v, want none", got)
	}
}

func TestNormalizeQueryTermAgreesWithAnalyzer(t *testing.T) {
	for _, w := range []string{"كتاب‌هاي", "می‌شود", "بزرگ‌ترین", "حساب‌کاربری", "مسا\u064a\u0654ل", "Android"} {
		toks := Analyze(w)
		if len(toks) == 0 {
			t.Fatalf("Analyze(%q) is empty", w)
		}
		if got := NormalizeQueryTerm(w); got != toks[0].Term {
			t.Errorf("NormalizeQueryTerm(%q) = %q, analyzer's main term %q", w, got, toks[0].Term)
		}
	}
}
