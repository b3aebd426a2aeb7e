package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHeadingID(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"persian words", "بازگشت وجه", "بازگشت-وجه"},
		{"zwnj becomes dash", "روش‌های پرداخت", "روش-های-پرداخت"},
		{"arabic yeh and kaf", "كارت بانكي", "کارت-بانکی"},
		{"alef maksura", "مستوى", "مستوی"},
		{"persian digits", "مرحله ۲", "مرحله-2"},
		{"arabic-indic digits", "مرحله ٣", "مرحله-3"},
		{"diacritics and tatweel dropped", "مُحَمَّد ـــ کتاب", "محمد-کتاب"},
		{"persian punctuation dropped", "چطور رمز را عوض کنم؟", "چطور-رمز-را-عوض-کنم"},
		{"guillemets and comma", "«پرداخت»، فاکتور", "پرداخت-فاکتور"},
		{"latin lower-cased", "Reset Your API Key", "reset-your-api-key"},
		{"mixed scripts", "اتصال به Shopify", "اتصال-به-shopify"},
		{"punctuation inside words", "v1.2 (beta)!", "v12-beta"},
		{"runs of separators", "  a -- b __ c  ", "a-b-c"},
		{"emoji dropped", "🎉 تخفیف ویژه 🎉", "تخفیف-ویژه"},
		{"emoji with variation selector", "✅️ انجام شد", "انجام-شد"},
		{"only emoji", "🚀🔥", ""},
		{"only punctuation", "?!…", ""},
		{"empty", "", ""},
		{"bidi marks dropped", "\u200fسلام\u200e", "سلام"},
		{"accented latin kept", "Café", "café"},
		{"decomposed accent normalized", "Cafe\u0301", "café"},
		{"html-ish text", "<script>alert(1)</script>", "scriptalert1script"},
		{"long heading capped", strings.Repeat("کلمه ", 40), strings.TrimSuffix(strings.Repeat("کلمه-", 16), "-")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := HeadingID(tt.in)
			if got != tt.want {
				t.Errorf("HeadingID(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := HeadingID(got); again != got {
				t.Errorf("not idempotent: HeadingID(%q) = %q", got, again)
			}
		})
	}
}

func TestResolveAnchor(t *testing.T) {
	ids := map[string]bool{"تغییر-رمز": true, "fn:1": true, "step-2": true}
	has := func(id string) bool { return ids[id] }
	tests := []struct {
		name, fragment, want string
		ok                   bool
	}{
		{"exact id", "تغییر-رمز", "تغییر-رمز", true},
		{"heading text", "تغییر رمز", "تغییر-رمز", true},
		{"percent-encoded id", "%D8%AA%D8%BA%DB%8C%DB%8C%D8%B1-%D8%B1%D9%85%D8%B2", "تغییر-رمز", true},
		{"arabic letters in text", "تغيير رمز", "تغییر-رمز", true},
		{"id with punctuation kept as is", "fn:1", "fn:1", true},
		{"latin case", "Step 2", "step-2", true},
		{"missing", "فراموشی", "فراموشی", false},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ResolveAnchor(tt.fragment, has)
			if got != tt.want || ok != tt.ok {
				t.Errorf("ResolveAnchor(%q) = %q, %v; want %q, %v", tt.fragment, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func FuzzHeadingID(f *testing.F) {
	for _, s := range []string{"بازگشت وجه", "كارت بانكي ۲", "Hello, World!", "🎉", "a\u200cb", "\xff\xfe", "ـًٌٍ", "İstanbul", "ǅ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id := HeadingID(s)
		if !utf8.ValidString(id) {
			t.Fatalf("HeadingID(%q) = %q: invalid UTF-8", s, id)
		}
		if n := utf8.RuneCountInString(id); n > MaxIDRunes {
			t.Fatalf("HeadingID(%q) has %d runes, more than %d", s, n, MaxIDRunes)
		}
		if strings.HasPrefix(id, "-") || strings.HasSuffix(id, "-") || strings.Contains(id, "--") {
			t.Fatalf("HeadingID(%q) = %q: stray dashes", s, id)
		}
		if strings.ContainsAny(id, " \t\n\u200c\"'<>&#?/%ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
			t.Fatalf("HeadingID(%q) = %q: contains a space, markup, URL syntax or upper-case Latin", s, id)
		}
		if again := HeadingID(id); again != id {
			t.Fatalf("not idempotent: HeadingID(%q) = %q, HeadingID(%q) = %q", s, id, id, again)
		}
	})
}
