package stats

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalizeQuery(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"Arabic yeh and kaf", "كيف پول", "کیف پول"},
		{"teh marbuta and heh with hamza", "مدرسة خانۀ", "مدرسه خانه"},
		{"alef variants", "آدرس أمن إيران", "ادرس امن ایران"},
		{"diacritics and tatweel", "مَـــحصول", "محصول"},
		{"hamza dropped", "اعضاء جزء", "اعضا جز"},
		{"yeh with hamza kept", "رئال", "رئال"},
		{"combining hamza on yeh", "ری\u0654ال", "رئال"},
		{"Persian and Arabic digits", "سفارش ۱۲۳ و ٤٥", "سفارش 123 و 45"},
		{"ZWNJ between letters is a space", "می\u200cخواهم", "می خواهم"},
		{"ZWNJ elsewhere is dropped", "ب\u200c1 \u200cالف", "ب1 الف"},
		{"bidi and zero-width marks", "\u200fرمز\u200b عبور\u202c", "رمز عبور"},
		{"lower case", "Refund IPHONE", "refund iphone"},
		{"fullwidth and presentation forms", "ＲＥＦＵＮＤ ﻻ", "refund لا"},
		{"punctuation separates", "پرداخت؟!(ناموفق)،لطفا", "پرداخت ناموفق لطفا"},
		{"punctuation inside a word is kept", "e-mail 1.5 tcp/ip", "e-mail 1.5 tcp/ip"},
		{"punctuation at word edges", "-refund. .5", "refund 5"},
		{"spaces collapse and trim", "  \t رمز \n\n  عبور  ", "رمز عبور"},
		{"only punctuation", "؟؟ ...", ""},
		{"invalid UTF-8", "ab\xffc", "abc"},
		{"empty", "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := NormalizeQuery(tc.in); got != tc.want {
				t.Errorf("NormalizeQuery(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
	t.Run("length bound", func(t *testing.T) {
		long := strings.Repeat("پرداخت ", 40)
		got := NormalizeQuery(long)
		if n := utf8.RuneCountInString(got); n > MaxQueryRunes || strings.HasSuffix(got, " ") || !strings.HasPrefix(long, got) {
			t.Errorf("NormalizeQuery(long) = %q (%d runes)", got, n)
		}
	})
}

// FuzzNormalizeQuery checks the properties grouping relies on: idempotence (a recorded NormQuery
// normalizes to itself at roll-up time), valid UTF-8, bounded length, no edge or double spaces.
func FuzzNormalizeQuery(f *testing.F) {
	for _, s := range []string{"كيف پول", "می\u200cخواهم", "ری\u0654ال", "ＲＥＦＵＮＤ ﻻ", "e-mail -1.5.", "ab\xffc", "ﷺ ؟"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := NormalizeQuery(s)
		if again := NormalizeQuery(got); again != got {
			t.Errorf("not idempotent: %q → %q → %q", s, got, again)
		}
		if !utf8.ValidString(got) || utf8.RuneCountInString(got) > MaxQueryRunes {
			t.Errorf("NormalizeQuery(%q) = %q: invalid or too long", s, got)
		}
		if strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") || strings.Contains(got, "  ") {
			t.Errorf("NormalizeQuery(%q) = %q: stray spaces", s, got)
		}
	})
}
