package markdown

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// fakeLinks knows a few files; it records what it was asked.
type fakeLinks struct {
	asked []string
}

func (f *fakeLinks) Link(rel, fragment string) (string, error) {
	f.asked = append(f.asked, rel+"#"+fragment)
	switch rel {
	case "billing/refund.md", "billing/بازگشت وجه.md":
		u := "/articles/refund"
		if fragment != "" {
			id, ok := ResolveAnchor(fragment, func(id string) bool { return id == "مراحل-درخواست" })
			if !ok {
				return u, fmt.Errorf("link to missing heading #%s in %s", fragment, rel)
			}
			u += "#" + id
		}
		return u, nil
	}
	return "", fmt.Errorf("link to missing article %s", rel)
}

func (f *fakeLinks) Image(rel string) (string, error) {
	f.asked = append(f.asked, "img:"+rel)
	if rel == "billing/images/a.png" {
		return "/media/" + rel, nil
	}
	return "", errors.New("missing image " + rel)
}

func TestLinks(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // substring of the HTML
		problem   string // "line: message", "" for none
	}{
		{"same folder", "[x](refund.md)", `<a href="/articles/refund">x</a>`, ""},
		{"dot slash", "[x](./refund.md)", `<a href="/articles/refund">x</a>`, ""},
		{"parent folder", "[x](../billing/refund.md)", `<a href="/articles/refund">x</a>`, ""},
		{"anchor as id", "[x](refund.md#مراحل-درخواست)", `href="/articles/refund#%D9%85%D8%B1%D8%A7%D8%AD%D9%84-%D8%AF%D8%B1%D8%AE%D9%88%D8%A7%D8%B3%D8%AA"`, ""},
		{"anchor as heading text", "[x](<refund.md#مراحل درخواست>)", `href="/articles/refund#%D9%85%D8%B1%D8%A7%D8%AD%D9%84-%D8%AF%D8%B1%D8%AE%D9%88%D8%A7%D8%B3%D8%AA"`, ""},
		{"missing anchor keeps article", "\n[x](refund.md#نیست)", `href="/articles/refund"`, "2: link to missing heading #نیست in billing/refund.md"},
		{"percent-encoded persian file", "[x](%D8%A8%D8%A7%D8%B2%DA%AF%D8%B4%D8%AA%20%D9%88%D8%AC%D9%87.md)", `href="/articles/refund"`, ""},
		{"angle brackets with space", "[x](<بازگشت وجه.md>)", `href="/articles/refund"`, ""},
		{"query kept", "[x](refund.md?ref=doc#مراحل-درخواست)", `href="/articles/refund?ref=doc#`, ""},
		{"missing article", "متن\n\nپاراگراف با [پیوند](nope.md)", `href="nope.md"`, "3: link to missing article billing/nope.md"},
		{"outside the content folder", "[x](../../etc/passwd)", `href="../../etc/passwd"`, `1: link "../../etc/passwd" points outside the content folder`},
		{"reference definition", "[x][r]\n\n[r]: refund.md", `<a href="/articles/refund">x</a>`, ""},
		{"external untouched", "[x](https://example.com/a.md)", `href="https://example.com/a.md" rel="noopener"`, ""},
		{"site absolute untouched", "[x](/search?q=a)", `href="/search?q=a"`, ""},
		{"mailto untouched", "[x](mailto:help@example.com)", `href="mailto:help@example.com"`, ""},
		{"same-document anchor by text", "## سؤال اول\n\n[x](<#سؤال اول>)", `href="#%D8%B3%D8%A4%D8%A7%D9%84-%D8%A7%D9%88%D9%84"`, ""},
		{"same-document anchor missing", "## الف\n\n[x](#ب)", `href="#%D8%A8"`, `3: link to missing heading "#ب"`},
		{"bare hash", "[بالا](#)", `href="#"`, ""},
		{"image", "![a](images/a.png)", `<img src="/media/billing/images/a.png" alt="a"`, ""},
		{"image from parent", "![a](../billing/images/a.png)", `src="/media/billing/images/a.png"`, ""},
		{"missing image", "\n\n![a](images/b.png)", `src="images/b.png"`, "3: missing image billing/images/b.png"},
		{"remote image untouched", "![a](https://example.com/a.png)", `src="https://example.com/a.png"`, ""},
		{"escaped link text line", "| a |\n|---|\n| [x](nope.md) |", `href="nope.md"`, "3: link to missing article billing/nope.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New()
			d := r.Parse("billing/doc.md", []byte(tt.src))
			out, err := r.Render(d, &fakeLinks{})
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.HTML, tt.want) {
				t.Errorf("HTML lacks %s\n%s", tt.want, out.HTML)
			}
			var got []string
			for _, p := range out.Problems {
				got = append(got, fmt.Sprintf("%d: %s", p.Line, p.Message))
			}
			if tt.problem == "" && len(got) > 0 || tt.problem != "" && (len(got) != 1 || got[0] != tt.problem) {
				t.Errorf("problems = %q, want %q", got, tt.problem)
			}
		})
	}
}

// TestLinksNil leaves relative links alone when there is no library to resolve them.
func TestLinksNil(t *testing.T) {
	out, _ := render(t, "[x](refund.md) ![y](a.png)")
	for _, want := range []string{`href="refund.md"`, `src="a.png"`} {
		if !strings.Contains(out.HTML, want) {
			t.Errorf("HTML lacks %s: %s", want, out.HTML)
		}
	}
	if len(out.Problems) != 0 {
		t.Errorf("problems without a resolver: %v", out.Problems)
	}
}
