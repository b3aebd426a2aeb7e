package search

import (
	"slices"
	"testing"
)

func TestSpokenVariants(t *testing.T) {
	tests := []struct {
		word string
		want string // among the variants
	}{
		{"رمزمو", "رمز"},               // object marker after a possessive
		{"پلنهاتون", "پلن"},            // plural and plural possessive
		{"محصولامو", "محصول"},          // spoken plural, possessive, object marker
		{"سفارشا", "سفارش"},            // spoken plural
		{"سایتمون", "سایت"},            // plural possessive
		{"حساب‌کاربریمو", "حسابکاربر"}, // with a ZWNJ inside
	}
	for _, tt := range tests {
		if got := spokenVariants(tt.word); !slices.Contains(got, tt.want) {
			t.Errorf("spokenVariants(%q) = %q, want %q among them", tt.word, got, tt.want)
		}
	}
	// Short stems are not guessed: رمزم → رم would be another word.
	for _, w := range []string{"رمزم", "او", "", "abc"} {
		for _, v := range spokenVariants(w) {
			if len([]rune(v)) < minSpokenStem {
				t.Errorf("spokenVariants(%q) has %q, shorter than %d letters", w, v, minSpokenStem)
			}
		}
	}
}

func TestSplitCompound(t *testing.T) {
	ix := openLibrary(t, testLibrary(testArticles(), "compound"), DefaultAnalyzer)
	v, err := ix.newVocab(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer v.close()
	tests := []struct {
		word string
		want []string
	}{
		{"رمزعبور", []string{"رمز", "عبور"}},
		{"لغوسفارش", []string{"لغو", "سفارش"}},
		{"قلمبه", nil},                               // no split into two known words
		{string(make([]rune, maxFuzzyRunes+1)), nil}, // too long to be two words
	}
	for _, tt := range tests {
		got, err := ix.splitCompound(v, tt.word)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("splitCompound(%q) = %q, %v, want %q", tt.word, got, err, tt.want)
		}
	}
}
