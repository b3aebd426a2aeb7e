package persian

import (
	"slices"
	"testing"
)

func TestShortQueriesKeepTheirMeaning(t *testing.T) {
	tests := []struct {
		query string
		want  []string // in order
	}{
		{"چطور رمز را عوض کنم", []string{"رمز", "عوض", "کرد"}},
		{"چرا پرداخت انجام نمی‌شود؟", []string{"چرا", "پرداخت", "انجام", "شد"}},
		{"رمز عبور ندارم", []string{"رمز", "عبور", "داشت"}},
		{"نه", []string{"نه"}},
		{"بدون رمز", []string{"بدون", "رمز"}},
		{"هیچ پیامی نیامد", []string{"هیچ", "پیام", "امد"}},
		{"کد تایید برای من ارسال نمی‌شود", []string{"کد", "تایید", "ارسال", "شد"}},
		// پس is "back" before giving and taking, "then"/"after" elsewhere.
		{"پس دادن کالا", []string{"پس", "داد", "کالا"}},
		{"كالا را پس بدهم", []string{"کالا", "پس", "داد"}}, // Arabic kaf
		{"پول را پس می‌گیرم", []string{"پول", "پس", "گرفت"}},
		{"پول را پس ميگيرم", []string{"پول", "پس", "گرفت"}}, // no ZWNJ, Arabic yeh
		{"پس گرفتن پول", []string{"پس", "گرفت", "پول"}},
		{"کالا را پس بفرستید", []string{"کالا", "پس", "فرستاد"}},
		{"پس از پرداخت", []string{"پرداخت"}},
		{"پس چرا پرداخت نشد", []string{"چرا", "پرداخت", "شد"}},
		{"پس کالا را دادم", []string{"کالا", "داد"}}, // not right before the verb
		{"پس", nil},
		{"پس‌دادن کالا", []string{"پسدادن", "پس", "داد", "کالا"}}, // ZWNJ: the compound and its parts
		{"پس‌انداز", []string{"پسانداز", "انداز"}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var got []string
			for _, tok := range Analyze(tt.query) {
				got = append(got, tok.Term)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Analyze(%q) terms = %q, want %q", tt.query, got, tt.want)
			}
		})
	}
}

func TestIsStopWord(t *testing.T) {
	tests := []struct {
		word string
		want bool
	}{
		{"و", true}, {"در", true}, {"را", true}, {"آن", true}, {"آنها", true}, {"این‌ها", true},
		{"چطور", true}, {"چه", true}, {"كدام", true}, // Arabic kaf
		{"چرا", true}, {"لطفاً", true}, {"کنم", true}, {"می‌خواهم", true}, {"شود", true},
		{"نه", false}, {"نیست", false}, {"نمی", false}, {"هیچ", false}, {"بدون", false},
		{"رمز", false}, {"عوض", false}, {"پرداخت", false}, {"خدمات", false}, {"نام", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := IsStopWord(tt.word); got != tt.want {
				t.Errorf("IsStopWord(%q) = %v, want %v", tt.word, got, tt.want)
			}
		})
	}
}
