package persian

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds mix the scripts, marks and controls the analyzer must survive.
var fuzzSeeds = []string{
	"می‌شود کتاب ها بزرگ ترین",
	"كتابهاي علي مسا\u064a\u0654ل",
	"\u200c\u200cمی\u200c\u200c",
	"ﻻ ﷲ ﷺ ＳＳＬ",
	"😀👍🏽 emoji‍🔥 کتاب",
	"a\x00b\x1fc\x7f\u202e\u2066",
	"\xff\xfe نامعتبر",
	"۱۲٫۵٪ ۱٬۰۰۰",
	"中文 日本語 русский",
	"می",
	"ها",
	"ای ای ای",
	"اعضاء‌ها",
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add(strings.Repeat("کتاب‌های می شود ", 700)) // over 10 000 characters
	a := NewAnalyzer()
	f.Fuzz(func(t *testing.T, s string) {
		input := []byte(s)
		boundary := runeBoundaries(s)
		prevPos := 0
		for i, tok := range a.Analyze(input) {
			if !utf8.Valid(tok.Term) || len(tok.Term) == 0 {
				t.Fatalf("token %d of %q: bad term %q", i, s, tok.Term)
			}
			if tok.Start < 0 || tok.Start > tok.End || tok.End > len(input) {
				t.Fatalf("token %d of %q: offsets [%d,%d] out of bounds", i, s, tok.Start, tok.End)
			}
			if !boundary[tok.Start] || !boundary[tok.End] {
				t.Fatalf("token %d of %q: offsets [%d,%d] not on rune boundaries", i, s, tok.Start, tok.End)
			}
			if tok.Position < prevPos || tok.Position < 1 {
				t.Fatalf("token %d of %q: position %d after %d", i, s, tok.Position, prevPos)
			}
			prevPos = tok.Position
		}
	})
}

// runeBoundaries marks the byte offsets where a rune starts, and the end. An
// invalid byte counts as a rune of its own, as in Go's range over a string.
func runeBoundaries(s string) map[int]bool {
	b := map[int]bool{len(s): true}
	for i := range s {
		b[i] = true
	}
	return b
}

func FuzzLayout(f *testing.F) {
	for _, s := range append(fuzzSeeds, "sghl", "vlc uf,v", "Hl,ca lCn", "سسم") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fa, _ := FromLatinLayout(s)
		la, _ := ToLatinLayout(s)
		if utf8.ValidString(s) && (!utf8.ValidString(fa) || !utf8.ValidString(la)) {
			t.Fatalf("layout conversion of %q gave invalid UTF-8: %q, %q", s, fa, la)
		}
		LooksLikeWrongLayout(s)
		if got := NormalizeQueryTerm(s); !utf8.ValidString(got) {
			t.Fatalf("NormalizeQueryTerm(%q) = %q: invalid UTF-8", s, got)
		}
	})
}

func FuzzTransliterate(f *testing.F) {
	for _, s := range append(fuzzSeeds, "roaming", "ایسیم", "Email", "وای‌فای", "qqqq", "اااا", "tahvil", "kasas", "abab") {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, r := range FromLatinScript(s) {
			if !isLetter(r) || r < 0x600 {
				t.Fatalf("FromLatinScript(%q) has %q, not a Persian letter", s, r)
			}
		}
		fing := FromFinglish(s)
		for _, r := range fing {
			if !isLetter(r) || r < 0x600 {
				t.Fatalf("FromFinglish(%q) has %q, not a Persian letter", s, r)
			}
		}
		if fing != "" && (FromLatinScript(s) == "" || utf8.RuneCountInString(fing) > utf8.RuneCountInString(FromLatinScript(s))) {
			t.Fatalf("FromFinglish(%q) = %q, longer than FromLatinScript's %q or without it", s, fing, FromLatinScript(s))
		}
		for _, r := range ToLatinScript(s) {
			if r < 'a' || r > 'z' {
				t.Fatalf("ToLatinScript(%q) has %q, not a lower-case Latin letter", s, r)
			}
		}
	})
}
