package persian

import (
	"slices"
	"testing"
)

func TestVariants(t *testing.T) {
	tests := []struct {
		word    string
		include []string // must be among the variants
		exclude []string // must not be
	}{
		{word: "حسابم", include: []string{"حساب"}},
		{word: "رمزت", include: []string{"رمز"}},
		{word: "کتابش", include: []string{"کتاب"}},
		{word: "نامهای", include: []string{"نام"}, exclude: []string{"نامه"}}, // نامه is the main term
		{word: "استوانهای", include: []string{"استوانه"}},
		{word: "بفروشم", include: []string{"فروش"}},
		{word: "نام", exclude: []string{"نا"}},        // too short to shorten
		{word: "بفرستم", exclude: []string{"فرستاد"}}, // the verb table already gives it
		{word: "android"},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			got := Variants(tt.word)
			for _, w := range tt.include {
				if !slices.Contains(got, w) {
					t.Errorf("Variants(%q) = %q, missing %q", tt.word, got, w)
				}
			}
			for _, w := range tt.exclude {
				if slices.Contains(got, w) {
					t.Errorf("Variants(%q) = %q, should not contain %q", tt.word, got, w)
				}
			}
			if slices.Contains(got, NormalizeQueryTerm(tt.word)) {
				t.Errorf("Variants(%q) = %q repeats the main term", tt.word, got)
			}
		})
	}
}

func TestFoldTerm(t *testing.T) {
	tests := []struct{ in, want string }{
		{"كتاب‌خا", "کتابخا"},
		{"مدیري", "مدیری"},
		{"Wi-Fi", "wi-fi"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := FoldTerm(tt.in); got != tt.want {
			t.Errorf("FoldTerm(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
