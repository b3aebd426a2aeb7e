package persian

import (
	"slices"
	"testing"
)

// terms returns the sorted terms of text's analysis.
func terms(text string) []string {
	var out []string
	for _, tok := range Analyze(text) {
		out = append(out, tok.Term)
	}
	slices.Sort(out)
	return out
}

func TestSpellingVariantsMeet(t *testing.T) {
	groups := []struct {
		name     string
		variants []string
		want     []string
	}{
		{"verb prefix", []string{"می\u200cشود", "میشود", "می شود", "مي‌شود"}, []string{"شد"}},
		{"negated verb prefix", []string{"نمی\u200cتوانم", "نمیتوانم", "نمی توانم"}, []string{"توانست"}},
		{"plural", []string{"کتاب\u200cها", "کتابها", "کتاب ها", "كتاب‌ها"}, []string{"کتاب"}},
		{"plural with ezafe", []string{"کتاب\u200cهای", "کتابهای", "کتاب های"}, []string{"کتاب"}},
		{"superlative", []string{"بزرگ\u200cترین", "بزرگترین", "بزرگ ترین"}, []string{"بزرگ"}},
		{"comparative", []string{"بزرگ\u200cتر", "بزرگتر", "بزرگ تر"}, []string{"بزرگ"}},
		{"indefinite after heh", []string{"نامه\u200cای", "نامهای", "نامه ای"}, []string{"نامه"}},
		{"pronoun after heh", []string{"خانه\u200cام", "خانهام", "خانه ام"}, []string{"خانه"}},
		{"ezafe yeh after heh", []string{"خانه\u200cی", "خانهی", "خانه ی", "خانهٔ", "خانۀ"}, []string{"خانه"}},
		{"perfect with copula", []string{"رفته\u200cاند", "رفتهاند", "رفته اند"}, []string{"رفت"}},
		{"hamza spelled with combining mark", []string{"مسائل", "مسا\u064a\u0654ل", "مسا\u06cc\u0654ل"}, []string{"مسئله"}},
		{"diacritics and tatweel", []string{"کِتاب", "کتـــاب", "كتاب"}, []string{"کتاب"}},
		{"bidi marks inside a word", []string{"کتاب\u200fها", "\u200eکتابها"}, []string{"کتاب"}},
		{"digits", []string{"۱۴۰۲", "١٤٠٢", "1402"}, []string{"1402"}},
		{"reduplicated compound", []string{"کارت\u200cبه\u200cکارت", "کارت به کارت"}, []string{"کارت", "کارتبهکارت"}},
	}
	for _, g := range groups {
		t.Run(g.name, func(t *testing.T) {
			for _, v := range g.variants {
				if got := terms(v); !slices.Equal(got, g.want) {
					t.Errorf("terms(%q) = %q, want %q", v, got, g.want)
				}
			}
		})
	}
}

func TestCompoundPartsSamePosition(t *testing.T) {
	const head = "ورود به "
	got := Analyze(head + "حساب\u200cکاربری")
	start, zw := len(head), len(head)+len("حساب")
	end := zw + len("\u200cکاربری")
	want := []Token{
		{Term: "ورود", Start: 0, End: len("ورود"), Position: 1},
		{Term: "حسابکاربر", Start: start, End: end, Position: 3},
		{Term: "حساب", Start: start, End: zw, Position: 3},
		{Term: "کاربر", Start: zw + len("\u200c"), End: end, Position: 3},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Analyze = %+v\nwant %+v", got, want)
	}
}

func TestOffsetsPointAtSurfaceForms(t *testing.T) {
	tests := []struct {
		text     string
		surfaces []string // text[start:end] of each token, in order
	}{
		{"این کار انجام می شود.", []string{"کار", "انجام", "می شود"}},
		{"كتاب ها و دفتر‌های ما", []string{"كتاب ها", "دفتر‌های"}},
		{"حساب‌کاربری", []string{"حساب‌کاربری", "حساب", "کاربری"}},
		{"کِتابـــها را بخوان", []string{"کِتابـــها", "بخوان"}},
		{"\u200eرمز\u200f عبور", []string{"رمز\u200f", "عبور"}},
		{"بزرگ‌ترین‌ها و بزرگ ترین", []string{"بزرگ‌ترین‌ها", "بزرگ ترین"}},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			var got []string
			for _, tok := range Analyze(tt.text) {
				got = append(got, tt.text[tok.Start:tok.End])
			}
			if !slices.Equal(got, tt.surfaces) {
				t.Errorf("surfaces = %q, want %q", got, tt.surfaces)
			}
		})
	}
}

func TestSpacedAffixesNotJoined(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"comma between", "کتاب، ها", []string{"ها", "کتاب"}},
		{"line break between", "می\n\n\nشود", []string{"شد"}}, // می is a stop word alone
		{"prefix before a number", "می ۲۰", []string{"20"}},
		{"ای after a consonant", "کتاب ای", []string{"کتاب"}},
		{"suffix first", "ها کتاب", []string{"ها", "کتاب"}},
		{"prefix before latin", "می go", []string{"go"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := terms(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("terms(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestPositionsCloseMergedGaps(t *testing.T) {
	// "می شود" is one word, so the phrase "کار میشود" matches "کار می شود".
	got := Analyze("کار می شود سریع")
	var pos []int
	for _, tok := range got {
		pos = append(pos, tok.Position)
	}
	if want := []int{1, 2, 3}; !slices.Equal(pos, want) {
		t.Errorf("positions = %v, want %v (tokens %+v)", pos, want, got)
	}
}

func TestReduplicatedCompound(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []Token
	}{
		{"spaced", "کارت به کارت", []Token{
			{Term: "کارتبهکارت", Start: 0, End: len("کارت به کارت"), Position: 1},
			{Term: "کارت", Start: 0, End: len("کارت"), Position: 1},
		}},
		{"spaced, then a word", "روز به روز بهتر", []Token{
			{Term: "روزبهروز", Start: 0, End: len("روز به روز"), Position: 1},
			{Term: "روز", Start: 0, End: len("روز"), Position: 1},
			{Term: "بهتر", Start: len("روز به روز "), End: len("روز به روز بهتر"), Position: 2},
		}},
		{"Arabic kaf on one half", "كارت به کارت", []Token{
			{Term: "کارتبهکارت", Start: 0, End: len("كارت به کارت"), Position: 1},
			{Term: "کارت", Start: 0, End: len("كارت"), Position: 1},
		}},
		{"different words stay apart", "کارت به حساب", []Token{
			{Term: "کارت", Start: 0, End: len("کارت"), Position: 1},
			{Term: "حساب", Start: len("کارت به "), End: len("کارت به حساب"), Position: 3},
		}},
		{"punctuation breaks it", "کارت، به کارت", []Token{
			{Term: "کارت", Start: 0, End: len("کارت"), Position: 1},
			{Term: "کارت", Start: len("کارت، به "), End: len("کارت، به کارت"), Position: 3},
		}},
		{"another link word", "دست در دست", []Token{
			{Term: "دست", Start: 0, End: len("دست"), Position: 1},
			{Term: "دست", Start: len("دست در "), End: len("دست در دست"), Position: 3},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Analyze(tt.text); !slices.Equal(got, tt.want) {
				t.Errorf("Analyze(%q) =\n %v, want\n %v", tt.text, got, tt.want)
			}
		})
	}
}
