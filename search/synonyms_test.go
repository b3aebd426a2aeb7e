package search

import (
	"slices"
	"testing"

	"persiankb/kb"
)

// synonymLibrary is the test library with synonym groups, and articles that tell a word from
// its synonym.
func synonymLibrary() *kb.Library {
	arts := append(testArticles(),
		&kb.Article{Slug: "cancel-subscription", Category: "billing", Title: "کنسل کردن اشتراک",
			Text: "اشتراک ماهانه را هر وقت بخواهید کنسل کنید؛ لغو اشتراک هزینه ندارد."},
		&kb.Article{Slug: "two-factor", Category: "account", Title: "ورود دو مرحله‌ای",
			Text: "با ورود دو مرحله‌ای، پس از رمز یک کد پیامکی هم لازم است."},
	)
	lib := testLibrary(arts, "synonyms")
	lib.Synonyms = [][]string{
		{"لغو", "کنسل", "ابطال", "cancel"},
		{"رمز عبور", "گذرواژه", "پسورد", "password"},
		{"ورود دو مرحله‌ای", "احراز هویت دو عاملی", "2fa"},
		{"ثبت‌نام", "عضویت"},
	}
	return lib
}

func TestSearchSynonyms(t *testing.T) {
	tests := []struct {
		name, query string
		want        []string // these first, in this order
		not         string   // must not be found; "" for no check
	}{
		{"one-word synonym", "ابطال سفارش", []string{"cancel-order"}, ""},
		{"Latin synonym", "cancel سفارش", []string{"cancel-order"}, ""},
		{"word ranks above its synonym", "کنسل", []string{"cancel-subscription", "cancel-order"}, ""},
		{"one word for a phrase", "password", []string{"change-password"}, ""},
		{"phrase for a phrase", "احراز هویت دو عاملی", []string{"two-factor"}, ""},
		{"misspelt synonym", "پسوورد", []string{"change-password"}, ""},
		{"inflected synonym", "پسوردم", []string{"change-password"}, ""},
		{"a part of a compound is not its synonym", "نام", nil, "two-factor"},
		{"a word and its synonym count as one word", "لغو سفارش", []string{"cancel-order", "cancel-subscription"}, ""},
	}
	for _, analyzer := range analyzersUnderTest {
		ix := openLibrary(t, synonymLibrary(), analyzer)
		for _, tt := range tests {
			t.Run(analyzer+"/"+tt.name, func(t *testing.T) {
				if analyzer == FaAnalyzer && tt.name == "inflected synonym" {
					t.Skip("no stemmer")
				}
				got := slugs(mustSearch(t, ix, Request{Query: tt.query}).Hits)
				if len(got) < len(tt.want) || !slices.Equal(got[:len(tt.want)], tt.want) {
					t.Errorf("Search(%q) = %v, want %v first", tt.query, got, tt.want)
				}
				if tt.not != "" && slices.Contains(got, tt.not) {
					t.Errorf("Search(%q) = %v, must not find %s", tt.query, got, tt.not)
				}
			})
		}
	}
}

func TestCompileSynonyms(t *testing.T) {
	ix := openLibrary(t, synonymLibrary(), DefaultAnalyzer)
	s := compileSynonyms(ix.an, [][]string{{"رمز عبور", "گذرواژه"}, {"و", "از"}, {"كنسل", "لغو"}}, nil)
	var phrases [][]string
	for _, e := range s.entries {
		phrases = append(phrases, e.phrase)
	}
	// Stop-word terms are left out; Arabic letters are normalized like the index.
	want := [][]string{{"رمز", "عبور"}, {"گذرواژه"}, {"کنسل"}, {"لغو"}}
	if !slices.EqualFunc(phrases, want, slices.Equal[[]string]) {
		t.Errorf("entries = %q, want %q", phrases, want)
	}
	if (*synonyms)(nil).near("x", 1) != nil || compileSynonyms(ix.an, nil, nil).entries != nil {
		t.Error("empty synonyms are not empty")
	}
}
