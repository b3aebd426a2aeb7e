package markdown

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// render parses and renders src as the file a/doc.md without a link resolver.
func render(t *testing.T, src string) (Output, *Document) {
	t.Helper()
	r := New()
	d := r.Parse("a/doc.md", []byte(src))
	out, err := r.Render(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	return out, d
}

func TestRenderGFM(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"table", "| نام | قیمت |\n|:--|--:|\n| الف | ۱۰ |\n", []string{
			"<table>", `<th align="left">نام</th>`, `<td align="right">۱۰</td>`}},
		{"strikethrough", "قیمت ~~قدیم~~ جدید", []string{"<del>قدیم</del>"}},
		{"task list", "- [x] ثبت‌نام\n- [ ] پرداخت\n", []string{
			`<input checked="" disabled="" type="checkbox"> ثبت‌نام`, `<input disabled="" type="checkbox"> پرداخت`}},
		{"linkify", "سایت https://example.com/help را ببینید", []string{
			`<a href="https://example.com/help" rel="noopener">https://example.com/help</a>`}},
		{"autolink email", "<help@example.com>", []string{`<a href="mailto:help@example.com">help@example.com</a>`}},
		{"footnotes", "متن[^1]\n\n[^1]: توضیح\n", []string{
			`<a href="#fn:1" class="footnote-ref" role="doc-noteref">1</a>`, `<li id="fn:1">`, "توضیح"}},
		{"external link", "[راهنما](https://example.com)", []string{`<a href="https://example.com" rel="noopener">راهنما</a>`}},
		{"internal link has no rel", "[خانه](/)", []string{`<a href="/">خانه</a>`}},
		{"image", `![رسید](https://example.com/a.png "عنوان")`, []string{
			`<img src="https://example.com/a.png" alt="رسید" title="عنوان" loading="lazy">`}},
		{"persian url escaped", "[x](/articles/بازگشت)", []string{`href="/articles/%D8%A8%D8%A7%D8%B2%DA%AF%D8%B4%D8%AA"`}},
		{"heading ids", "## پرسش‌های رایج\n", []string{`<h2 id="پرسش-های-رایج">پرسش‌های رایج</h2>`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _ := render(t, tt.src)
			for _, w := range tt.want {
				if !strings.Contains(out.HTML, w) {
					t.Errorf("HTML lacks %s\n%s", w, out.HTML)
				}
			}
		})
	}
}

var (
	tagRE  = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>`)
	attrRE = regexp.MustCompile(`\s([^\s=>"]+)(?:="([^"]*)")?`)
)

// unsafeHTML returns what makes h unsafe to embed in a page, or "": a tag outside the few the
// renderer writes, an event handler attribute, or a link or image URL with a scheme other than
// http, https, mailto and tel. The renderer quotes every attribute value, so a quote inside a
// value is always escaped and attributes can be read with a regular expression.
func unsafeHTML(h string) string {
	for _, tag := range tagRE.FindAllStringSubmatch(h, -1) {
		switch strings.ToLower(tag[1]) {
		case "script", "iframe", "object", "embed", "svg", "style", "form", "div", "span", "base", "meta", "link":
			if tag[0] != `<div class="footnotes" role="doc-endnotes">` {
				return "tag " + tag[0]
			}
		}
		for _, a := range attrRE.FindAllStringSubmatch(tag[2], -1) {
			name := strings.ToLower(a[1])
			if strings.HasPrefix(name, "on") || name == "style" || name == "srcdoc" {
				return "attribute " + a[0]
			}
			if name == "href" || name == "src" {
				switch scheme(a[2]) {
				case "", "http", "https", "mailto", "tel":
				default:
					return "URL " + a[0]
				}
			}
		}
	}
	return ""
}

func TestRenderXSS(t *testing.T) {
	tests := []struct {
		name, src string
		visible   string // escaped text that must stay visible; "" to skip
	}{
		{"script block", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"inline script", "سلام <script>alert(1)</script> دنیا", "&lt;script&gt;"},
		{"img onerror", `<img src=x onerror=alert(1)>`, "&lt;img src=x onerror=alert(1)&gt;"},
		{"inline img onerror", `متن <img src=x onerror="alert(1)"> متن`, "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;"},
		{"html anchor javascript", `<a href="javascript:alert(1)">کلیک</a>`, "&lt;a href=&quot;javascript:alert(1)&quot;&gt;"},
		{"markdown javascript link", "[کلیک](javascript:alert(1))", "کلیک"},
		{"mixed case scheme", "[کلیک](JaVaScRiPt:alert(1))", "کلیک"},
		{"entity-encoded scheme", "[کلیک](&#106;avascript:alert(1))", "کلیک"},
		{"escaped tab in scheme", "[کلیک](java&#9;script:alert(1))", "کلیک"},
		{"vbscript", "[کلیک](vbscript:msgbox(1))", "کلیک"},
		{"data html", "[کلیک](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", "کلیک"},
		{"autolink javascript", "<javascript:alert(1)>", "javascript:alert(1)"},
		{"image javascript", "![عکس](javascript:alert(1))", "عکس"},
		{"image data svg", "![عکس](data:image/svg+xml;base64,PHN2Zz4=)", "عکس"},
		{"reference link javascript", "[کلیک][x]\n\n[x]: javascript:alert(1)\n", "کلیک"},
		{"iframe block", "<iframe src=\"https://evil.example\"></iframe>", "&lt;iframe"},
		{"style block", "<style>body{display:none}</style>", "&lt;style&gt;"},
		{"quote in title", `[x](https://example.com "a\" onmouseover=\"alert(1)")`, ""},
		{"quote in url", `[x](https://example.com/"onmouseover="alert(1))`, ""},
		{"svg in code stays code", "`<svg onload=alert(1)>`", "&lt;svg onload=alert(1)&gt;"},
		{"html comment", "<!-- <script>alert(1)</script> -->", "&lt;!--"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _ := render(t, tt.src)
			if why := unsafeHTML(out.HTML); why != "" {
				t.Errorf("unsafe output (%s):\n%s", why, out.HTML)
			}
			if tt.visible != "" && !strings.Contains(out.HTML, tt.visible) {
				t.Errorf("HTML lacks %s\n%s", tt.visible, out.HTML)
			}
		})
	}
}

func TestPlainText(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"emphasis and code", "متن **پررنگ** و `کد` و _کج_", "متن پررنگ و کد و کج"},
		{"no glue between paragraphs", "اول\n\nدوم", "اول\nدوم"},
		{"soft break is a space", "خط اول\nخط دوم", "خط اول خط دوم"},
		{"heading and list", "## عنوان\n\n- یک\n- دو\n", "عنوان\nیک\nدو"},
		{"table cells separated", "| الف | ب |\n|---|---|\n| ۱ | ۲ |\n", "الف ب\n۱ ۲"},
		{"link keeps text not url", "[راهنما](https://example.com/x) را ببینید", "راهنما را ببینید"},
		{"image alt", "![رسید پرداخت](a.png)", "رسید پرداخت"},
		{"code block lines", "```\nkb index\nkb serve\n```", "kb index\nkb serve"},
		{"raw html left out", "قبل <b>وسط</b> بعد", "قبل وسط بعد"},
		{"html block left out", "<div>\nپنهان\n</div>\n\nپیدا", "پیدا"},
		{"task checkbox left out", "- [x] انجام", "انجام"},
		{"footnote text kept, marker not", "متن[^1]\n\n[^1]: توضیح", "متن\nتوضیح"},
		{"autolink label", "https://example.com", "https://example.com"},
		{"escapes resolved", `قیمت \*ویژه\*`, "قیمت *ویژه*"},
		{"blockquote", "> نقل قول\n\nبعد", "نقل قول\nبعد"},
		{"empty", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _ := render(t, tt.src)
			if out.Text != tt.want {
				t.Errorf("Text = %q, want %q", out.Text, tt.want)
			}
		})
	}
}

func TestHeadings(t *testing.T) {
	src := "# راهنما\n\n## مرحله ۱\n\n## مرحله ۱\n\n### [پیوند](x.md) و **پررنگ**\n\n## 🎉\n\n## section 5\n\n## section-5\n\n## كارت بانكي\n"
	_, d := render(t, src)
	want := []Heading{
		{1, "راهنما", "راهنما", 1},
		{2, "مرحله ۱", "مرحله-1", 3},
		{2, "مرحله ۱", "مرحله-1-2", 5},
		{3, "پیوند و پررنگ", "پیوند-و-پررنگ", 7},
		{2, "🎉", "section-5", 9},
		{2, "section 5", "section-5-2", 11},
		{2, "section-5", "section-5-3", 13},
		{2, "كارت بانكي", "کارت-بانکی", 15},
	}
	if fmt.Sprint(d.Headings) != fmt.Sprint(want) {
		t.Errorf("headings:\n got %v\nwant %v", d.Headings, want)
	}
}

func TestTrimTitle(t *testing.T) {
	tests := []struct {
		name, src, title string
		trimmed          bool
		headings         int
	}{
		{"leading h1 equal to title", "# راهنما\n\nمتن\n\n## بخش\n", "راهنما", true, 1},
		{"leading h1 different", "# دیگر\n\nمتن\n", "راهنما", false, 1},
		{"h2 first", "## راهنما\n\nمتن\n", "راهنما", false, 1},
		{"paragraph first", "متن\n\n# راهنما\n", "راهنما", false, 1},
		{"empty doc", "", "راهنما", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := New()
			d := r.Parse("a.md", []byte(tt.src))
			if got := d.TrimTitle(tt.title); got != tt.trimmed {
				t.Fatalf("TrimTitle = %v, want %v", got, tt.trimmed)
			}
			out, err := r.Render(d, nil)
			if err != nil {
				t.Fatal(err)
			}
			if len(d.Headings) != tt.headings {
				t.Errorf("%d headings left, want %d", len(d.Headings), tt.headings)
			}
			if tt.trimmed && strings.Contains(out.HTML, "<h1") {
				t.Errorf("title heading still rendered: %s", out.HTML)
			}
		})
	}
}

func TestLead(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"first paragraph", "# عنوان\n\nپاراگراف **اول**\nادامه\n\nدوم", "پاراگراف اول ادامه"},
		{"image alt counts as text", "![تصویر](a.png)\n\nمتن", "تصویر"},
		{"skips empty html paragraph", "<b></b>\n\nمتن", "متن"},
		{"in a list", "- مورد\n", "مورد"},
		{"none", "## فقط عنوان\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, _ := render(t, tt.src)
			if out.Lead != tt.want {
				t.Errorf("Lead = %q, want %q", out.Lead, tt.want)
			}
		})
	}
}

// TestConcurrentRender renders with one Renderer from many goroutines; run with -race.
func TestConcurrentRender(t *testing.T) {
	r := New()
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			src := fmt.Sprintf("## بخش %d\n\n## بخش %d\n\n[x](#بخش-%d) | a |\n", i, i, i)
			d := r.Parse("a.md", []byte(src))
			out, err := r.Render(d, nil)
			if err != nil {
				t.Error(err)
				return
			}
			want := fmt.Sprintf(`<h2 id="بخش-%d-2">`, i)
			if !strings.Contains(out.HTML, want) {
				t.Errorf("goroutine %d: HTML lacks %s:\n%s", i, want, out.HTML)
			}
		}()
	}
	wg.Wait()
}

// TestUnsafeHTML makes sure the checker used by the XSS tests does catch what it looks for.
func TestUnsafeHTML(t *testing.T) {
	bad := []string{
		`<script>alert(1)</script>`,
		`<img src="x" onerror="alert(1)">`,
		`<a href="javascript:alert(1)">x</a>`,
		`<a href="JAVASCRIPT:alert(1)">x</a>`,
		`<img src="data:image/svg+xml,x">`,
		`<p style="x">`,
		`<svg onload=alert(1)>`,
	}
	for _, h := range bad {
		if unsafeHTML(h) == "" {
			t.Errorf("unsafeHTML(%q) found nothing", h)
		}
	}
	good := `<p><a href="https://example.com" rel="noopener" title="a&quot; onclick=&quot;x">x</a> &lt;script&gt;</p>`
	if why := unsafeHTML(good); why != "" {
		t.Errorf("unsafeHTML(%q) = %s", good, why)
	}
}
