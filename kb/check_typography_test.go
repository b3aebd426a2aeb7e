package kb

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"persiankb/kb/markdown"
)

// typoString shows a finding as `old → repl` with a "!" for suggestions --fix does not apply.
func typoStrings(ts []typo) []string {
	var out []string
	for _, t := range ts {
		s := fmt.Sprintf("%q→%q", t.old, t.repl)
		if !t.safe {
			s += "!"
		}
		out = append(out, s)
	}
	return out
}

// TestFindTypos covers each rule: what it finds in one line of prose, what --fix makes of the
// line, and that the fixed line has no safe finding left.
func TestFindTypos(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  []string // typoStrings of findTypos(in)
		fixed string   // the line after the safe fixes
	}{
		{"clean", "این متن درست است و می‌شود آن را خواند؟", nil, "این متن درست است و می‌شود آن را خواند؟"},
		{"arabic yeh and kaf", "براي تغيير كد", []string{`"براي"→"برای"`, `"تغيير"→"تغییر"`, `"كد"→"کد"`}, "برای تغییر کد"},
		{"arabic quotation left alone", "قال رسول الله صلى الله عليه وآله: الصلاة", nil, "قال رسول الله صلى الله عليه وآله: الصلاة"},
		{"mi prefix", "پیامک می شود", []string{`"می شود"→"می\u200cشود"`}, "پیامک می\u200cشود"},
		{"nemi prefix", "تغییری نمی کند", []string{`"نمی کند"→"نمی\u200cکند"`}, "تغییری نمی\u200cکند"},
		{"ha suffix", "کتاب ها و دفتر های ما", []string{`"کتاب ها"→"کتاب\u200cها"`, `"دفتر های"→"دفتر\u200cهای"`}, "کتاب\u200cها و دفتر\u200cهای ما"},
		{"tar and tarin", "بزرگ تر و مهم ترین", []string{`"بزرگ تر"→"بزرگ\u200cتر"`, `"مهم ترین"→"مهم\u200cترین"`}, "بزرگ\u200cتر و مهم\u200cترین"},
		{"clitic after heh", "ورود دو مرحله ای را فعال کرده اید", []string{`"مرحله ای"→"مرحله\u200cای"`, `"کرده اید"→"کرده\u200cاید"`}, "ورود دو مرحله\u200cای را فعال کرده\u200cاید"},
		{"ha starting a word is not a suffix", "آقای هاشمی و میز کار", nil, "آقای هاشمی و میز کار"},
		{"mi ending a word is not a prefix", "تمامی موارد رسمی است", nil, "تمامی موارد رسمی است"},
		{"zwnj and arabic yeh in one round after another", "مي شود", []string{`"مي شود"→"مي\u200cشود"`, `"مي"→"می"`}, "می\u200cشود"},
		{"question mark", "چطور رمز را عوض کنم?", []string{`"کنم?"→"کنم؟"`}, "چطور رمز را عوض کنم؟"},
		{"question mark after a space", "چرا ?", []string{`"چرا ?"→"چرا ؟"`}, "چرا ؟"},
		{"question mark in Latin text", "What is SSL? یعنی چه", nil, "What is SSL? یعنی چه"},
		{"arabic-indic digits", "مبلغ ٥٬٠٠٠ تومان", []string{`"٥٬٠٠٠"→"۵٬۰۰۰"`}, "مبلغ ۵٬۰۰۰ تومان"},
		{"digits mixed in one number", "کد ۱۲3 را بزنید", []string{`"۱۲3"→"۱۲۳"`}, "کد ۱۲۳ را بزنید"},
		{"latin number next to persian ones", "بین ۲ تا 5 روز", []string{`"5"→"۵"!`}, "بین ۲ تا 5 روز"},
		{"latin digits in latin words are fine", "حداکثر ۳ عکس در iOS 17 و اندازه A4", nil, "حداکثر ۳ عکس در iOS 17 و اندازه A4"},
		{"latin digits alone are fine", "ساعت 10 تا 18", nil, "ساعت 10 تا 18"},
		{"override control", "نام\u202eفایل", []string{`"\u202e"→""`}, "نامفایل"},
		{"isolate control", "\u2067متن\u2069", []string{`"\u2067"→""`, `"\u2069"→""`}, "متن"},
		{"mark between letters", "سلام\u200fدنیا", []string{`"\u200f"→""`}, "سلامدنیا"},
		{"doubled mark", "C++\u200f\u200f را", []string{`"\u200f"→""`}, "C++\u200f را"},
		{"mark at the end", "متن\u200e", []string{`"\u200e"→""`}, "متن"},
		{"needed mark kept", "زبان C++\u200f را", nil, "زبان C++\u200f را"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := typoStrings(findTypos(tt.in))
			if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
				t.Errorf("findTypos(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
			fixed, _ := FixTypography([]byte(tt.in + "\n"))
			if string(fixed) != tt.fixed+"\n" {
				t.Errorf("fixed %q, want %q", fixed, tt.fixed+"\n")
			}
			for _, ty := range findTypos(strings.TrimSuffix(string(fixed), "\n")) {
				if ty.safe {
					t.Errorf("after fixing, still %s", ty.message())
				}
			}
			if markdown.HeadingID(tt.in) != markdown.HeadingID(tt.fixed) {
				t.Errorf("the fix changes the heading anchor: %q → %q", markdown.HeadingID(tt.in), markdown.HeadingID(tt.fixed))
			}
		})
	}
}

// TestFixTypographyLeavesCodeAndAddresses fixes a whole file: prose in front matter values and
// the body changes; keys, slugs, aliases, keywords, code, URLs and raw HTML do not.
func TestFixTypographyLeavesCodeAndAddresses(t *testing.T) {
	in := "---\n" +
		"title: راهنماي كتاب ها\n" +
		"slug: كتاب-ها\n" +
		"summary: |\n  چطور مي شود?\n" +
		"tags:\n  - كتاب ها\n" +
		"keywords: [كتاب ها]\n" +
		"aliases: [old-كتاب]\n" +
		"---\n" +
		"# كتاب ها\n\n" +
		"متن `كتاب ها?` و [پيوند](https://example.com/كتاب?q=مي) و https://example.com/a?b <b>كتاب ها</b>\n\n" +
		"```\nمي شود?\n```\n\n" +
		"    كتاب ها\n"
	// Text between inline HTML tags is shown (the tags are escaped), so it is prose.
	want := "---\n" +
		"title: راهنمای کتاب\u200cها\n" +
		"slug: كتاب-ها\n" +
		"summary: |\n  چطور می\u200cشود؟\n" +
		"tags:\n  - کتاب\u200cها\n" +
		"keywords: [كتاب ها]\n" +
		"aliases: [old-كتاب]\n" +
		"---\n" +
		"# کتاب\u200cها\n\n" +
		"متن `كتاب ها?` و [پیوند](https://example.com/كتاب?q=مي) و https://example.com/a?b <b>کتاب\u200cها</b>\n\n" +
		"```\nمي شود?\n```\n\n" +
		"    كتاب ها\n"
	got, n := FixTypography([]byte(in))
	if string(got) != want {
		t.Errorf("fixed:\n%s\nwant:\n%s", got, want)
	}
	if n == 0 {
		t.Error("no fixes counted")
	}
	again, n := FixTypography(got)
	if n != 0 || string(again) != string(got) {
		t.Errorf("a second fix changed %d more: %q", n, again)
	}
	if _, probs := parseArticle(markdown.New(), "a/b.md", got); len(probs) != 0 {
		t.Errorf("the fixed file has problems: %v", probs)
	}
}

func TestFrontMatterSpans(t *testing.T) {
	fm := "title: عنوان\n# comment\nslug: x\ntags:\n  - یک\n  - دو\nsummary: >\n  خط\norder: 1\n"
	var got []string
	for _, sp := range frontMatterSpans([]byte(fm), 0) {
		got = append(got, fm[sp.Start:sp.End])
	}
	want := []string{"عنوان", "یک", "دو", ">", "خط"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("spans %q, want %q", got, want)
	}
}

// FuzzFixTypography checks that fixing never breaks UTF-8, always converges, and leaves no
// safe finding.
func FuzzFixTypography(f *testing.F) {
	for _, s := range []string{"کتاب ها", "مي شود?", "---\ntitle: كد\n---\nمتن\u200f\u202e ۱2", "`كد` [a](b?c)"} {
		f.Add(s)
	}
	md := markdown.New()
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		out, _ := fixTypos(md, []byte(s))
		if !utf8.Valid(out) {
			t.Fatalf("fix made invalid UTF-8: %q", out)
		}
		for _, ty := range fileTypos(md, out) {
			if ty.safe {
				again, _ := fixTypos(md, out)
				if string(again) != string(out) {
					t.Fatalf("fix of %q did not converge: %q → %q", s, out, again)
				}
			}
		}
	})
}
