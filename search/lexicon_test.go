package search

import (
	"context"
	"maps"
	"slices"
	"strings"
	"testing"

	"persiankb/kb"
	"persiankb/search/lexicon"
)

// TestLexiconAnalyzes checks that every term of the built-in lexicon analyzes, with the
// index's analyzer, to words only: a term eaten by the stop words could never match, and one
// with a stop word in it matches only when the query has a stop word at that place.
func TestLexiconAnalyzes(t *testing.T) {
	lex, err := lexicon.Persian()
	if err != nil {
		t.Fatal(err)
	}
	ix := openLibrary(t, testLibrary(testArticles(), "lexicon"), DefaultAnalyzer)
	for _, g := range lex {
		for _, term := range slices.Concat(g.Terms, g.To) {
			t.Run(term, func(t *testing.T) {
				ph := analyzeTerms(ix.an, []string{term})
				if len(ph) == 0 || slices.Contains(ph[0], "") {
					t.Errorf("%q analyzes to %q: a stop word in it", term, ph)
				}
				if n := len(strings.Fields(term)); len(ph) > 0 && len(ph[0]) != n {
					t.Errorf("%q analyzes to %q, want %d words", term, ph, n)
				}
			})
		}
	}
}

// lexiconLibrary is a help center with no synonyms file whose articles use either the
// writers' words or the customers' loanwords.
func lexiconLibrary(synonyms [][]string) *kb.Library {
	lib := testLibrary([]*kb.Article{
		{Slug: "reset-password", Category: "account", Title: "بازنشانی رمز عبور",
			Text: "اگر رمز عبور را فراموش کرده‌اید، در صفحهٔ ورود گزینهٔ بازنشانی را بزنید."},
		{Slug: "call-forwarding", Category: "account", Title: "انتقال تماس",
			Text: "تماس‌های ورودی را وقتی در دسترس نیستید به شماره‌ای دیگر منتقل کنید."},
		{Slug: "get-app", Category: "account", Title: "دانلود اپلیکیشن",
			Text: "اپلیکیشن را از فروشگاه گوگل دانلود و نصب کنید."},
		{Slug: "monthly-bill", Category: "billing", Title: "مشاهدهٔ صورتحساب",
			Text: "صورتحساب ماهانه هر ماه در بخش پرداخت‌ها آماده است."},
		{Slug: "joint-account", Category: "account", Title: "حساب مشترک زن و شوهر",
			Text: "زن و شوهر می‌توانند یک حساب مشترک داشته باشند."},
		{Slug: "display-name", Category: "account", Title: "تغییر نام نمایشی",
			Text: "نام نمایشی را در بخش پروفایل ویرایش کنید."},
		{Slug: "ad-title", Category: "billing", Title: "عنوان آگهی",
			Text: "عنوان آگهی را پیش از انتشار کوتاه و روشن بنویسید."},
	}, "lexicon")
	lib.Synonyms = synonyms
	return lib
}

func TestSearchLexicon(t *testing.T) {
	tests := []struct {
		name, query string
		synonyms    [][]string // the content's own synonyms
		want        string     // the first hit
		not         string     // must not be found; "" for no check
	}{
		{"loanword finds the written word", "پسورد", nil, "reset-password", ""},
		{"loanword phrase in another script", "password", nil, "reset-password", ""},
		{"loanword finds a phrase", "دایورت", nil, "call-forwarding", ""},
		{"written words find loanwords", "بارگیری برنامه", nil, "get-app", ""},
		{"one-way: narrow word finds the broad one", "قبض", nil, "monthly-bill", ""},
		{"one-way: the broad word does not go back", "همسر", nil, "", "joint-account"},
		{"colloquial word", "اسم", nil, "display-name", ""},
		{"content synonyms take precedence", "اسم", [][]string{{"اسم", "عنوان"}}, "ad-title", "display-name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := openLibrary(t, lexiconLibrary(tt.synonyms), DefaultAnalyzer)
			got := slugs(mustSearch(t, ix, Request{Query: tt.query}).Hits)
			if tt.want != "" && (len(got) == 0 || got[0] != tt.want) {
				t.Errorf("Search(%q) = %v, want %s first", tt.query, got, tt.want)
			}
			if tt.not != "" && slices.Contains(got, tt.not) {
				t.Errorf("Search(%q) = %v, must not find %s", tt.query, got, tt.not)
			}
		})
	}
	t.Run("plain queries have no lexicon", func(t *testing.T) {
		ix, err := Open(lexiconLibrary(nil), Options{Dir: t.TempDir(), Plain: true})
		if err != nil {
			t.Fatal(err)
		}
		defer ix.Close()
		if got := slugs(mustSearch(t, ix, Request{Query: "دایورت"}).Hits); len(got) != 0 {
			t.Errorf("plain Search(دایورت) = %v, want nothing", got)
		}
	})
}

// TestUpdateKeepsLexicon checks that an Index made by Update (the live preview) still expands
// with the lexicon, and with the new library's synonyms, which take precedence.
func TestUpdateKeepsLexicon(t *testing.T) {
	ix := openLive(t, lexiconLibrary(nil), t.TempDir())
	defer ix.Close()
	nx := mustUpdate(t, ix, lexiconLibrary([][]string{{"اسم", "عنوان"}}))
	defer nx.Close()
	tests := []struct{ query, want string }{
		{"دایورت", "call-forwarding"}, // the lexicon
		{"اسم", "ad-title"},           // the new synonyms file
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			if got := slugs(mustSearch(t, nx, Request{Query: tt.query}).Hits); len(got) == 0 || got[0] != tt.want {
				t.Errorf("Search(%q) after Update = %v, want %s first", tt.query, got, tt.want)
			}
		})
	}
}

// TestLexiconWeights checks the terms a query gets and their weights: the content's synonyms
// at synonymBoost, the lexicon's below them and only for words no article has, a one-way group
// one way, and a lexicon term the content also has only as the content says.
func TestLexiconWeights(t *testing.T) {
	ix := openLibrary(t, lexiconLibrary(nil), DefaultAnalyzer)
	v, err := ix.newVocab(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer v.close()
	s := compileSynonyms(ix.an, [][]string{{"اکانت", "حساب"}}, []lexicon.Group{
		{Terms: []string{"اکانت", "حساب کاربری"}},
		{Terms: []string{"پسورد", "گذرواژه"}},
		{Terms: []string{"بلیط"}, To: []string{"بلیت"}},
		{Terms: []string{"پروفایل", "نمایه"}},
	})
	tests := []struct {
		query string
		want  map[string]float64 // the one-word alternatives added, and their weights
	}{
		{"اکانت", map[string]float64{"حساب": synonymBoost}},
		{"پسورد", map[string]float64{"گذرواژه": lexiconBoost}},
		{"گذرواژه", map[string]float64{"پسورد": lexiconBoost}},
		{"بلیط", map[string]float64{"بلیت": lexiconBoost}},
		{"بلیت", map[string]float64{}},
		{"نمایه", map[string]float64{"پروفایل": lexiconBoost}},
		{"پروفایل", map[string]float64{}}, // an article has it
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			p := &plan{text: tt.query, slots: ix.analyzeSlots(tt.query)}
			if err := s.expand(v, p); err != nil {
				t.Fatal(err)
			}
			got := make(map[string]float64)
			for _, a := range p.alts {
				got[strings.Join(slices.Concat(a.phrase...), " ")] = a.boost
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("expand(%q) = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}
