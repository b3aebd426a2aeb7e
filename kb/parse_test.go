package kb

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"persiankb/kb/markdown"
)

// parseOne parses one article and returns it (nil when it has errors) with its problems
// formatted as "path:line: message", warnings prefixed with "warning: ".
func parseOne(t *testing.T, rel, src string) (*Article, []string) {
	t.Helper()
	md := markdown.New()
	p, probs := parseArticle(md, rel, []byte(src))
	var got []string
	for _, pr := range probs {
		s := pr.Error()
		if pr.Warning {
			s = "warning: " + s
		}
		got = append(got, s)
	}
	if p == nil {
		return nil, got
	}
	pr, err := p.render(md, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, x := range pr {
		got = append(got, "warning: "+x.Error())
	}
	return p.a, got
}

func TestParseFrontMatter(t *testing.T) {
	full := "---\ntitle: بازگشت وجه\nslug: بازگشت-وجه\nsummary: خلاصه\ntags: [پرداخت, refund]\nkeywords:\n  - پول\n  - برگشت\n" +
		"aliases: [old-refund]\ndraft: true\norder: 3\naudience: internal\nupdated: 2024-03-01\n---\nمتن\n"
	tests := []struct {
		name, rel, src string
		check          func(t *testing.T, a *Article)
	}{
		{"every field", "billing/refund.md", full, func(t *testing.T, a *Article) {
			want := Article{Path: "billing/refund.md", Slug: "بازگشت-وجه", Category: "billing", Title: "بازگشت وجه",
				Summary: "خلاصه", Tags: []string{"پرداخت", "refund"}, Keywords: []string{"پول", "برگشت"},
				Aliases: []string{"old-refund"}, Draft: true, Order: 3, Audience: AudienceInternal,
				Updated: time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)}
			got := *a
			got.Source, got.HTML, got.Text, got.Headings, got.Hash = nil, "", "", nil, ""
			if !reflect.DeepEqual(got, want) {
				t.Errorf("got  %+v\nwant %+v", got, want)
			}
			if len(a.Hash) != 64 || a.Text != "متن" || string(a.Source) != "متن\n" {
				t.Errorf("hash %q, text %q, source %q", a.Hash, a.Text, a.Source)
			}
		}},
		{"no front matter: title from first heading, removed from body", "account/reset-password.md",
			"# تغییر رمز عبور\n\nاز تنظیمات.\n\n## مراحل\n", func(t *testing.T, a *Article) {
				eq(t, "title", a.Title, "تغییر رمز عبور")
				eq(t, "slug", a.Slug, "reset-password")
				eq(t, "audience", a.Audience, AudiencePublic)
				eq(t, "html", a.HTML, "<p>از تنظیمات.</p>\n<h2 id=\"مراحل\">مراحل</h2>\n")
				eq(t, "summary", a.Summary, "از تنظیمات.")
			}},
		{"title from a later heading stays in the body", "a.md", "مقدمه\n\n## بخش\n", func(t *testing.T, a *Article) {
			eq(t, "title", a.Title, "بخش")
			eq(t, "headings", len(a.Headings), 0) // filled by Load, not parseArticle
			if !strings.Contains(a.HTML, "<h2") {
				t.Errorf("heading removed: %s", a.HTML)
			}
		}},
		{"no heading: title from the file name", "account/how-to_pay-online.md", "فقط متن", func(t *testing.T, a *Article) {
			eq(t, "title", a.Title, "how to pay online")
		}},
		{"front matter title equal to h1: h1 removed", "a.md", "---\ntitle: راهنما\n---\n# راهنما\n\nمتن", func(t *testing.T, a *Article) {
			eq(t, "html", a.HTML, "<p>متن</p>\n")
		}},
		{"empty front matter", "a.md", "---\n---\n# عنوان\n", func(t *testing.T, a *Article) {
			eq(t, "title", a.Title, "عنوان")
		}},
		{"comment-only front matter", "a.md", "---\n# فقط توضیح\n---\nمتن", func(t *testing.T, a *Article) {
			eq(t, "title", a.Title, "a")
		}},
		{"CRLF line endings", "a.md", "---\r\ntitle: عنوان\r\ntags: [x]\r\n---\r\nمتن\r\n", func(t *testing.T, a *Article) {
			eq(t, "title", a.Title, "عنوان")
			eq(t, "text", a.Text, "متن")
		}},
		{"byte order mark", "a.md", "\ufeff---\ntitle: عنوان\n---\nمتن", func(t *testing.T, a *Article) {
			eq(t, "title", a.Title, "عنوان")
		}},
		{"persian file name is the slug", "billing/بازگشت‌وجه.md", "متن", func(t *testing.T, a *Article) {
			eq(t, "slug", a.Slug, "بازگشت‌وجه")
			eq(t, "url", a.URL(), "/articles/%D8%A8%D8%A7%D8%B2%DA%AF%D8%B4%D8%AA%E2%80%8C%D9%88%D8%AC%D9%87")
		}},
		{"spaces in the file name become dashes", "billing/بازگشت وجه.md", "متن", func(t *testing.T, a *Article) {
			eq(t, "slug", a.Slug, "بازگشت-وجه")
		}},
		{"one tag as a string", "a.md", "---\ntags: پرداخت\n---\nمتن", func(t *testing.T, a *Article) {
			eq(t, "tags", strings.Join(a.Tags, ","), "پرداخت")
		}},
		{"number as title", "a.md", "---\ntitle: 404\n---\nمتن", func(t *testing.T, a *Article) {
			eq(t, "title", a.Title, "404")
		}},
		{"RFC 3339 updated", "a.md", "---\nupdated: 2024-03-01T10:30:00+03:30\n---\nمتن", func(t *testing.T, a *Article) {
			eq(t, "updated", a.Updated.UTC().Format(time.RFC3339), "2024-03-01T07:00:00Z")
		}},
		{"public audience", "a.md", "---\naudience: public\n---\nمتن", func(t *testing.T, a *Article) {
			eq(t, "audience", a.Audience, AudiencePublic)
		}},
		{"summary from a long first paragraph", "a.md", "# عنوان\n\n" + strings.Repeat("کلمه ", 60) + "\n\nدوم", func(t *testing.T, a *Article) {
			want := strings.TrimSpace(strings.Repeat("کلمه ", 32)) + "…"
			eq(t, "summary", a.Summary, want)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, probs := parseOne(t, tt.rel, tt.src)
			if len(probs) > 0 {
				t.Fatalf("problems: %q", probs)
			}
			if a == nil {
				t.Fatal("no article")
			}
			tt.check(t, a)
		})
	}
}

func eq[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func TestParseProblems(t *testing.T) {
	tests := []struct {
		name, src string
		loaded    bool // warnings only: the article still loads
		want      []string
	}{
		{"unclosed front matter", "---\ntitle: x\n\nمتن", false, []string{
			`a.md:1: front matter is not closed: add a "---" line after the last field`}},
		{"delimiter alone", "---", false, []string{
			`a.md:1: front matter is not closed: add a "---" line after the last field`}},
		{"invalid UTF-8", "---\ntitle: x\n---\nخط\nسلام \xff دنیا\n", false, []string{
			"a.md:5: invalid UTF-8 (byte 0xFF at column 6); save the file as UTF-8"}},
		{"invalid UTF-8 in front matter", "---\ntitle: \xc3\x28\n---\n", false, []string{
			"a.md:2: invalid UTF-8 (byte 0xC3 at column 8); save the file as UTF-8"}},
		{"empty file", "", false, []string{"a.md:1: empty file"}},
		{"blank file", " \n\n\t\n", false, []string{"a.md:1: empty file"}},
		{"no body", "---\ntitle: x\n---\n", true, []string{"warning: a.md:4: the article has no text"}},
		{"bad YAML: unclosed list", "---\ntitle: x\ntags: [a, b\n---\nمتن", false, []string{
			"a.md:3: front matter: invalid YAML: did not find expected ',' or ']'"}},
		{"bad YAML: mapping in value", "---\ntitle: x\nsummary: a: b\n---\nمتن", false, []string{
			"a.md:3: front matter: invalid YAML: mapping values are not allowed in this context"}},
		{"bad YAML: missing colon", "---\ntitle: x\nsummary\ntags: [a]\n---\nمتن", false, []string{
			"a.md:3: front matter: invalid YAML: could not find expected ':'"}},
		{"bad YAML: list where a key belongs", "---\ntitle: x\n- y\n---\nمتن", false, []string{
			"a.md:3: front matter: invalid YAML: did not find expected key"}},
		{"bad YAML: tab indent", "---\ntitle: x\n\ttags: [a]\n---\nمتن", false, []string{
			"a.md:3: front matter: invalid YAML: found a tab character that violates indentation"}},
		{"front matter is a list", "---\n- a\n- b\n---\nمتن", false, []string{
			`a.md:2: front matter: expected "field: value" lines, got a list`}},
		{"tags: 5", "---\ntitle: x\ntags: 5\n---\nمتن", false, []string{
			"a.md:3: tags: expected a list of text, got the number 5"}},
		{"tags with a nested list", "---\ntags:\n  - a\n  - [b]\n---\nمتن", false, []string{
			"a.md:4: tags: item 2 is a list; expected text"}},
		{"title as a list", "---\ntitle: [a]\n---\nمتن", false, []string{
			"a.md:2: title: expected text, got a list"}},
		{"order: abc", "---\norder: abc\n---\nمتن", false, []string{
			`a.md:2: order: expected a whole number, got "abc"`}},
		{"order: 1.5", "---\norder: 1.5\n---\nمتن", false, []string{
			"a.md:2: order: expected a whole number, got the number 1.5"}},
		{"draft: yes", "---\n\ndraft: yes\n---\nمتن", false, []string{
			`a.md:3: draft: expected true or false, got "yes"`}},
		{"audience: staff", "---\naudience: staff\n---\nمتن", false, []string{
			`a.md:2: audience: must be "public" or "internal", got "staff"`}},
		{"updated: jalali", "---\nupdated: 1402/12/10\n---\nمتن", false, []string{
			`a.md:2: updated: expected a date like 2024-03-15 or an RFC 3339 time, got "1402/12/10"`}},
		{"updated: impossible date", "---\nupdated: 2024-02-30\n---\nمتن", false, []string{
			`a.md:2: updated: expected a date like 2024-03-15 or an RFC 3339 time, got "2024-02-30"`}},
		{"YAML alias", "---\ntitle: &t x\nsummary: *t\n---\nمتن", false, []string{
			"a.md:3: summary: expected text, got an alias (*t)"}},
		{"field set twice", "---\ntitle: a\ntitle: b\n---\nمتن", false, []string{
			"a.md:3: front matter: title is set twice (first on line 2)"}},
		{"unknown field is a warning", "---\ntitle: x\ncolour: blue\n---\nمتن", true, []string{
			`warning: a.md:3: front matter: unknown field "colour"`}},
		{"unknown field with a hint", "---\ndescription: x\n---\nمتن", true, []string{
			`warning: a.md:2: front matter: unknown field "description" (did you mean summary?)`}},
		{"slug with slash", "---\nslug: billing/refund\n---\nمتن", false, []string{
			`a.md:2: slug "billing/refund" must not contain '/'`}},
		{"slug with question mark", "---\nslug: چرا?\n---\nمتن", false, []string{
			`a.md:2: slug "چرا?" must not contain '?'`}},
		{"slug with hash", "---\nslug: a#b\n---\nمتن", false, []string{
			`a.md:2: slug "a#b" must not contain '#'`}},
		{"slug with space", "---\nslug: \"a b\"\n---\nمتن", false, []string{
			`a.md:2: slug "a b" must not contain spaces: put - between words`}},
		{"slug with control character", "---\nslug: \"a\\x01b\"\n---\nمتن", false, []string{
			`a.md:2: slug "a\x01b" must not contain control characters (U+0001)`}},
		{"slug with bidi mark", "---\nslug: \"a\\u200fb\"\n---\nمتن", false, []string{
			`a.md:2: slug "a\u200fb" must not contain invisible formatting characters (U+200F)`}},
		{"slug with ZWNJ is fine", "---\nslug: \"می\\u200cشود\"\n---\nمتن", true, nil},
		{"bad alias", "---\naliases:\n  - ok\n  - a/b\n---\nمتن", false, []string{
			`a.md:4: alias "a/b" must not contain '/'`}},
		{"alias listed twice", "---\naliases: [x, x]\n---\nمتن", true, []string{
			`warning: a.md:2: alias "x" is listed twice`}},
		{"several problems, all reported", "---\ntags: 5\norder: x\nfoo: 1\n---\nمتن", false, []string{
			"a.md:2: tags: expected a list of text, got the number 5",
			`a.md:3: order: expected a whole number, got "x"`,
			`warning: a.md:4: front matter: unknown field "foo"`}},
		{"relative link without a library is left alone", "[x](other.md) ![y](a.png)", true, nil},
		{"broken link is a warning with the file line", "---\ntitle: x\n---\n\nمتن\n\n[الف](#نیست)", true, []string{
			`warning: a.md:7: link to missing heading "#نیست"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, got := parseOne(t, "a.md", tt.src)
			if (a != nil) != tt.loaded {
				t.Errorf("loaded = %v, want %v", a != nil, tt.loaded)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestFileNameSlugProblem(t *testing.T) {
	_, got := parseOne(t, "billing/چرا?.md", "متن")
	want := []string{`billing/چرا?.md:1: the file name gives the slug "چرا?", which must not contain '?': rename the file or set slug`}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestTruncateText(t *testing.T) {
	tests := []struct {
		name, in string
		max      int
		want     string
	}{
		{"short", "کوتاه", 10, "کوتاه"},
		{"whitespace collapsed", " الف\n\tب  ", 10, "الف ب"},
		{"exact", "abcde", 5, "abcde"},
		{"cut at word boundary", "aaa bbb ccc", 9, "aaa bbb…"},
		{"cut right before a space", "aaa bbb ccc", 7, "aaa bbb…"},
		{"trailing punctuation trimmed", "aaa bbb، ccc ddd", 9, "aaa bbb…"},
		{"one long word", strings.Repeat("x", 20), 10, strings.Repeat("x", 10) + "…"},
		{"persian counts runes", "سلام دنیا خوبی", 10, "سلام دنیا…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := truncateText(tt.in, tt.max); got != tt.want {
				t.Errorf("truncateText(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
			}
		})
	}
}
