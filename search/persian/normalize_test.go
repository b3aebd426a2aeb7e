package persian

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"arabic yeh", "علي", "علی"},
		{"alef maksura", "موسى", "موسی"},
		{"arabic kaf", "كتاب", "کتاب"},
		{"teh marbuta", "مدرسة", "مدرسه"},
		{"heh with yeh above", "خانۀ", "خانه"},
		{"heh and combining hamza", "خانه\u0654", "خانه"},
		{"heh goal", "ہمه", "همه"},
		{"alef hamza above", "أمير", "امیر"},
		{"alef hamza below", "إسلام", "اسلام"},
		{"alef wasla", "ٱلله", "الله"},
		{"alef madda", "آب", "اب"},
		{"decomposed alef madda", "\u0627\u0653ب", "اب"},
		{"waw hamza", "مؤسسه", "موسسه"},
		{"yeh hamza kept", "مسائل", "مسائل"},
		{"arabic yeh + combining hamza composes", "مسا\u064a\u0654ل", "مسائل"},
		{"persian yeh + combining hamza composes", "مسا\u06cc\u0654ل", "مسائل"},
		{"pquad trap: arabic yeh, hamza, then harakat", "ر\u064a\u0654\u064eيس", "رئیس"},
		{"alef + combining hamza", "\u0627\u0654مير", "امیر"},
		{"final hamza after alef", "اعضاء", "اعضا"},
		{"hamza after a consonant kept", "جزء شیء", "جزء شیء"},
		{"hamza after alef before letter kept", "هواءی", "هواءی"},
		{"tatweel", "کـــتاب", "کتاب"},
		{"harakat", "کِتابٌ", "کتاب"},
		{"shadda and sukun", "محمّدْ", "محمد"},
		{"superscript alef", "موسیٰ", "موسی"},
		{"rlm and lrm", "کتاب\u200fها\u200e", "کتابها"},
		{"zero width space", "کت\u200bاب", "کتاب"},
		{"zero width joiner", "ه\u200dها", "هها"},
		{"bom", "\ufeffسلام", "سلام"},
		{"bidi embedding and isolates", "\u202bسلام\u202c \u2067x\u2069", "سلام x"},
		{"persian digits", "۱۴۰۲", "1402"},
		{"arabic-indic digits", "٠١٢٣٤٥٦٧٨٩", "0123456789"},
		{"arabic decimal separator", "۳٫۵", "3.5"},
		{"latin lower-cased", "Android iOS", "android ios"},
		{"non-latin upper-cased", "ΣΟΦΙΑ", "σοφια"},
		{"presentation forms", "ﻻ ﻛﺘﺎﺏ", "لا کتاب"},
		{"fullwidth latin", "ＳＳＬ", "ssl"},
		{"zwnj kept between letters", "می\u200cشود", "می\u200cشود"},
		{"zwnj run collapsed", "می\u200c\u200cشود", "می\u200cشود"},
		{"zwnj at edges dropped", "\u200cکتاب\u200c", "کتاب"},
		{"zwnj before space dropped", "کتاب\u200c ها", "کتاب ها"},
		{"zwnj before digit dropped", "سال\u200c۱۴۰۰", "سال1400"},
		{"punctuation kept", "سلام، دنیا؟", "سلام، دنیا؟"},
		{"invalid utf-8 dropped", "a\xffb", "ab"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeIdempotent(t *testing.T) {
	for _, s := range []string{"مسائل رئيس", "اعضاء‌ها", "ا\u200cء", "كِتابٌ‌ها", "ﷺ ﷲ", "\u200c\u200c"} {
		once := Normalize(s)
		if twice := Normalize(once); twice != once {
			t.Errorf("Normalize not idempotent on %q: %q then %q", s, once, twice)
		}
	}
}

func TestNormalizeFilterKeepsOffsets(t *testing.T) {
	tokens := analysis.TokenStream{
		{Term: []byte("كتابِ"), Start: 0, End: 10, Position: 1},
		{Term: []byte("ِ"), Start: 11, End: 13, Position: 2},
		{Term: []byte("علي"), Start: 14, End: 20, Position: 3},
	}
	out := NormalizeFilter{}.Filter(tokens)
	if len(out) != 2 {
		t.Fatalf("got %d tokens, want 2 (the lone diacritic removed)", len(out))
	}
	if string(out[0].Term) != "کتاب" || out[0].Start != 0 || out[0].End != 10 {
		t.Errorf("first token = %q [%d,%d]", out[0].Term, out[0].Start, out[0].End)
	}
	if string(out[1].Term) != "علی" || out[1].Position != 3 {
		t.Errorf("second token = %q at %d", out[1].Term, out[1].Position)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"مسائل", "كِتابٌ‌ها", "اعضاء", "\u200c", "ﻻ", "A\xffZ", "😀\u200dx", "ـ", "۱۲٫۳"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Normalize(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", s, got)
		}
		if Normalize(got) != got {
			t.Fatalf("Normalize(%q) = %q is not a fixed point (%q)", s, got, Normalize(got))
		}
		if strings.Contains(got, "\u200c\u200c") {
			t.Fatalf("Normalize(%q) = %q has a ZWNJ run", s, got)
		}
		if utf8.RuneCountInString(got) > utf8.RuneCountInString(s)+countPresentation(s)*4 {
			t.Fatalf("Normalize(%q) = %q grew", s, got)
		}
	})
}

// countPresentation counts presentation-form ligatures, the only runes that
// expand (ﻻ → لا).
func countPresentation(s string) int {
	n := 0
	for _, r := range s {
		if isPresentationForm(r) {
			n++
		}
	}
	return n
}
