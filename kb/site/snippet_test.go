package site

import (
	"strings"
	"testing"
)

func TestSafeSnippet(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"plain", "سلام دنیا", "سلام دنیا"},
		{"marks kept", "…برای <mark>بازگشت</mark> وجه…", "…برای <mark>بازگشت</mark> وجه…"},
		{"escaped text kept as is", "a &lt;b&gt; &amp; &#34;c&#34;", "a &lt;b&gt; &amp; &#34;c&#34;"},
		{"raw script escaped", `"><script>alert(1)</script>`, "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"},
		{"other tags escaped", `<b>x</b><img src=x onerror=alert(1)>`, "&lt;b&gt;x&lt;/b&gt;&lt;img src=x onerror=alert(1)&gt;"},
		{"mark with attributes escaped", `<mark onclick="x">y</mark>`, "&lt;mark onclick=&#34;x&#34;&gt;y&lt;/mark&gt;"},
		{"unclosed mark closed", "<mark>a", "<mark>a</mark>"},
		{"stray close escaped", "a</mark>", "a&lt;/mark&gt;"},
		{"nested open escaped", "<mark>a<mark>b</mark>", "<mark>a&lt;mark&gt;b</mark>"},
		{"zwnj kept", "<mark>می‌شود</mark>", "<mark>می‌شود</mark>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(safeSnippet(tt.in)); got != tt.want {
				t.Errorf("safeSnippet(%q)\n got %q\nwant %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzSafeSnippet checks that whatever the search package returns, the page gets only text and
// balanced <mark> elements, and that a snippet already safe passes unchanged.
func FuzzSafeSnippet(f *testing.F) {
	for _, s := range []string{"", "<mark>a</mark>", "&lt;", `"><script>`, "<mark><mark>", "&amp;lt;", "a<", "&#"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := string(safeSnippet(s))
		rest := strings.ReplaceAll(strings.ReplaceAll(out, markOpen, ""), markClose, "")
		if strings.ContainsAny(rest, "<>\"'") {
			t.Fatalf("safeSnippet(%q) = %q: markup outside <mark>", s, out)
		}
		depth := 0
		for i := 0; i < len(out); i++ {
			switch {
			case strings.HasPrefix(out[i:], markOpen):
				depth++
			case strings.HasPrefix(out[i:], markClose):
				depth--
			}
			if depth < 0 || depth > 1 {
				t.Fatalf("safeSnippet(%q) = %q: unbalanced marks", s, out)
			}
		}
		if depth != 0 {
			t.Fatalf("safeSnippet(%q) = %q: unclosed mark", s, out)
		}
		if again := string(safeSnippet(out)); again != out {
			t.Fatalf("not idempotent: %q → %q → %q", s, out, again)
		}
	})
}
