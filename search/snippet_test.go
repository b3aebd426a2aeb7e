package search

import (
	"context"
	"errors"
	"html"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// spanOf returns the span of the n-th (0-based) occurrence of word in text.
func spanOf(text, word string, n int) span {
	at := 0
	for ; n >= 0; n-- {
		i := strings.Index(text[at:], word)
		if i < 0 {
			panic("no " + word)
		}
		at += i + len(word)
	}
	return span{start: at - len(word), end: at, term: word}
}

// filler is n words of plain Persian text, without the words the tests mark.
func filler(n int) string {
	words := strings.Fields("این متن فقط برای پر کردن فاصله میان واژه‌های مهم نوشته شده است و معنای خاصی ندارد")
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(words[i%len(words)])
	}
	return b.String()
}

func TestSnippet(t *testing.T) {
	long := filler(40) + " رمز عبور " + filler(40)
	dense := "رمز " + filler(60) + " تغییر رمز عبور " + filler(60)
	tests := []struct {
		name  string
		text  string
		spans func(text string) []span
		want  string // exact snippet; "" to check only marks
		marks []string
	}{
		{"short text, no match", "متن <کوتاه> & ساده", nil, "متن &lt;کوتاه&gt; &amp; ساده", nil},
		{"empty text", "", nil, "", nil},
		{"escapes around a mark", `a < b & "c"`, func(s string) []span { return []span{spanOf(s, "b", 0)} },
			`a &lt; <mark>b</mark> &amp; &#34;c&#34;`, []string{"b"}},
		{"ZWNJ inside the marked word's neighbours", zwnjPasswordText[:100],
			func(s string) []span { return []span{spanOf(s, "تنظیمات", 0)} },
			"", []string{"تنظیمات"}},
		{"neighbours across a space and a ZWNJ share a mark", "این رمز عبور\u200cها است",
			func(s string) []span {
				return []span{spanOf(s, "رمز", 0), spanOf(s, "عبور", 0), spanOf(s, "ها", 0)}
			},
			"این <mark>رمز عبور\u200cها</mark> است", []string{"رمز عبور\u200cها"}},
		{"neighbours across punctuation stay apart", "رمز، عبور",
			func(s string) []span { return []span{spanOf(s, "رمز", 0), spanOf(s, "عبور", 0)} },
			"<mark>رمز</mark>، <mark>عبور</mark>", []string{"رمز", "عبور"}},
		{"overlapping spans joined", "گذرواژه",
			func(s string) []span { return []span{{0, 8, "a"}, {4, len(s), "b"}} },
			"<mark>گذرواژه</mark>", []string{"گذرواژه"}},
		{"bad spans dropped", "رمز عبور",
			func(s string) []span {
				return []span{{-1, 2, "a"}, {1, 4, "b"}, {4, 2, "c"}, {0, 99, "d"}, {6, 6, "e"}}
			},
			"رمز عبور", nil},
		{"whitespace runs collapse", "رمز\n\n  عبور\tجدید",
			func(s string) []span { return []span{spanOf(s, "عبور", 0)} },
			"رمز <mark>عبور</mark> جدید", []string{"عبور"}},
		{"match in the middle of a long text", long,
			func(s string) []span { return []span{spanOf(s, "رمز", 0), spanOf(s, "عبور", 0)} },
			"", []string{"رمز عبور"}},
		{"densest group wins over the first match", dense,
			func(s string) []span {
				return []span{spanOf(s, "رمز", 0), spanOf(s, "تغییر", 0), spanOf(s, "رمز", 1), spanOf(s, "عبور", 0)}
			},
			"", []string{"تغییر رمز عبور"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var spans []span
			if tt.spans != nil {
				spans = tt.spans(tt.text)
			}
			got := snippet(tt.text, spans)
			if tt.want != "" && got != tt.want {
				t.Errorf("snippet =\n%q\nwant\n%q", got, tt.want)
			}
			if m := marked(got); !equalStrings(m, tt.marks) {
				t.Errorf("marks = %q, want %q\nsnippet: %s", m, tt.marks, got)
			}
			checkSnippet(t, tt.text, spans, got)
		})
	}
}

func equalStrings(a, b []string) bool {
	return strings.Join(a, "\x00") == strings.Join(b, "\x00") && len(a) == len(b)
}

func TestSnippetLongTextCutsAtWords(t *testing.T) {
	var words []string
	for i, w := range strings.Fields(filler(200)) {
		words = append(words, w, strconv.Itoa(i)) // numbered, so that every piece is unique
	}
	text := strings.Join(words, " ")
	tests := []struct {
		name  string
		spans []span
	}{
		{"no match", nil},
		{"match near the start", []span{spanOf(text, "معنای", 0)}},
		{"match in the middle", []span{spanOf(text, "معنای", 7)}},
		{"match at the end", []span{spanOf(text, "ندارد", strings.Count(text, "ندارد")-1)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := snippet(text, tt.spans)
			plain := html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(got))
			inner := strings.TrimSuffix(strings.TrimPrefix(plain, ellipsis), ellipsis)
			if n := utf8.RuneCountInString(inner); n > snippetRunes || n < snippetRunes-20 {
				t.Errorf("%d letters, want about %d: %s", n, snippetRunes, got)
			}
			i := strings.Index(text, inner)
			if i < 0 {
				t.Fatalf("%q is not a piece of the text", inner)
			}
			if i > 0 && text[i-1] != ' ' || i+len(inner) < len(text) && text[i+len(inner)] != ' ' {
				t.Errorf("a word is cut: %q", inner)
			}
			if (i > 0) != strings.HasPrefix(plain, ellipsis) || (i+len(inner) < len(text)) != strings.HasSuffix(plain, ellipsis) {
				t.Errorf("ellipses do not match the cuts: %q", plain)
			}
		})
	}
}

// checkSnippet checks what holds for every snippet: valid UTF-8, only <mark> tags, balanced,
// and, once unescaped, a piece of the text with whitespace collapsed.
func checkSnippet(t *testing.T, text string, spans []span, got string) {
	t.Helper()
	if !utf8.ValidString(got) {
		t.Fatalf("invalid UTF-8: %q", got)
	}
	depth := 0
	rest := got
	for rest != "" {
		switch {
		case strings.HasPrefix(rest, "<mark>"):
			depth++
			rest = rest[len("<mark>"):]
		case strings.HasPrefix(rest, "</mark>"):
			depth--
			rest = rest[len("</mark>"):]
		case rest[0] == '<' || rest[0] == '>':
			t.Fatalf("raw %c in %q", rest[0], got)
		default:
			rest = rest[1:]
		}
		if depth < 0 || depth > 1 {
			t.Fatalf("unbalanced marks: %q", got)
		}
	}
	if depth != 0 {
		t.Fatalf("unclosed mark: %q", got)
	}
	if !utf8.ValidString(text) {
		return
	}
	plain := html.UnescapeString(strings.NewReplacer("<mark>", "", "</mark>", "").Replace(got))
	plain = strings.TrimSuffix(strings.TrimPrefix(plain, ellipsis), ellipsis)
	if !strings.Contains(collapseSpace(text), plain) {
		t.Fatalf("snippet %q is not a piece of the text %q", plain, text)
	}
	longest := 0
	for _, s := range cleanSpans(text, spans) {
		longest = max(longest, utf8.RuneCountInString(text[s.start:s.end]))
	}
	if n := utf8.RuneCountInString(plain); n > max(snippetRunes, longest) {
		t.Fatalf("snippet is %d letters long: %q", n, got)
	}
}

func collapseSpace(s string) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

func FuzzSnippet(f *testing.F) {
	f.Add(zwnjPasswordText, 40, 54, 0, 0)
	f.Add(arabicTrackingText, 0, 5, 10, 20)
	f.Add("<script>alert(1)</script> & \"x\"", 1, 7, 8, 13)
	f.Add(strings.Repeat("واژه ", 100), 50, 58, 300, 308)
	f.Add("\xff\xfe\u200c\u200c", 0, 1, 2, 5)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d int) {
		spans := []span{{a, b, "x"}, {c, d, "y"}, {a, d, "x"}}
		got := snippet(text, slices.Clone(spans)) // snippet reuses the array of its spans
		checkSnippet(t, text, spans, got)
	})
}

// FuzzSearch sends arbitrary queries, as typed and as typed so far (Prefix), to the Persian
// chain and the fa chain with synonyms: every one must either succeed or be a RequestError,
// with valid snippets and a valid "did you mean".
func FuzzSearch(f *testing.F) {
	lib := synonymLibrary()
	indexes := []*Index{openLibrary(f, lib, DefaultAnalyzer), openLibrary(f, lib, FaAnalyzer)}
	for _, q := range []string{"رمز عبور", "پيگيري", `+-:"*()~^`, "title:رمز", "حساب\u200cکاربری",
		"<script>", strings.Repeat("ب", MaxQueryRunes+1), "\x00\xff", "😀 emoji رمز", "ـــ",
		"gy, sthva", "سسم", "پیگری سفراش", "ابطال", "صفه", "ی", "a", "رمزمو", "رمزعبور"} {
		f.Add(q, 0, 0)
	}
	f.Fuzz(func(t *testing.T, q string, page, limit int) {
		for _, ix := range indexes {
			req := Request{Query: q, Page: page % 3, Limit: limit % 60, Prefix: page%2 != 0}
			res, err := ix.Search(context.Background(), req)
			if err != nil {
				if !errors.Is(err, ErrInvalidRequest) {
					t.Fatalf("%s: Search(%q): %v", ix.Analyzer(), q, err)
				}
				continue
			}
			if !utf8.ValidString(res.DidYouMean) {
				t.Fatalf("%s: Search(%q): did you mean %q is not UTF-8", ix.Analyzer(), q, res.DidYouMean)
			}
			for _, h := range res.Hits {
				a, _ := ix.Library().Article(h.Slug)
				checkSnippet(t, a.Text+" "+a.Summary, nil, strings.ReplaceAll(h.Snippet, ellipsis, ""))
			}
		}
	})
}

// FuzzWriteText holds writeText to html.EscapeString over valid UTF-8 with whitespace runs
// collapsed to one space.
func FuzzWriteText(f *testing.F) {
	for _, s := range []string{"", "a  b", "<b>&'\"", "سلام\u200cدنیا\n\tو", "\xff\xfe x \xff", " \u00a0 ", "ب  ج \u00a0 د", "\u0600 \u07ff \u0800"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var want strings.Builder
		space := false
		for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
			if unicode.IsSpace(r) {
				if !space {
					want.WriteByte(' ')
				}
				space = true
				continue
			}
			space = false
			want.WriteString(html.EscapeString(string(r)))
		}
		var got strings.Builder
		writeText(&got, s)
		if got.String() != want.String() {
			t.Errorf("writeText(%q) = %q, want %q", s, got.String(), want.String())
		}
	})
}

func TestIsSpace(t *testing.T) {
	for r := rune(0); r <= 0x10FFFF; r++ {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Fatalf("isSpace(%U) = %v, unicode.IsSpace %v", r, isSpace(r), unicode.IsSpace(r))
		}
	}
}
