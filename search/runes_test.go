package search

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestRuneCount(t *testing.T) {
	tests := []struct{ name, s string }{
		{"empty", ""},
		{"ascii", "Password reset, step 2."},
		{"persian", "رمز عبور را فراموش کرده‌ام؛ ۱۲۳"},
		{"mixed scripts and widths", "سفارش #12 — €5 🚚 تحویل شد\n"},
		{"long", strings.Repeat("پشتیبانی‌ها و مشتری‌ها ", 50)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := range len(tt.s) + 1 { // every suffix that starts a rune, so every alignment
				if i < len(tt.s) && !utf8.RuneStart(tt.s[i]) {
					continue
				}
				if got, want := runeCount(tt.s[i:]), utf8.RuneCountInString(tt.s[i:]); got != want {
					t.Fatalf("runeCount(s[%d:]) = %d, want %d", i, got, want)
				}
			}
		})
	}
}

func FuzzRuneCount(f *testing.F) {
	f.Add("سلام دنیا")
	f.Add("a\u200cb")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return // defined for valid UTF-8 only
		}
		if got, want := runeCount(s), utf8.RuneCountInString(s); got != want {
			t.Fatalf("runeCount(%q) = %d, want %d", s, got, want)
		}
	})
}

func BenchmarkRuneCount(b *testing.B) {
	text := strings.Repeat("سلام این یک متن فارسی است که برای آزمون نوشته شده. ", 20)
	b.Run("runeCount", func(b *testing.B) {
		for b.Loop() {
			runeCount(text)
		}
	})
	b.Run("utf8", func(b *testing.B) {
		for b.Loop() {
			utf8.RuneCountInString(text)
		}
	})
}
