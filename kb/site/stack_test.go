package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"persiankb/kb"
	"persiankb/search"
)

// testBaseURL is the base URL the test server is configured with.
const testBaseURL = "https://help.example.com"

// xssTitle is an article title and search query that would run a script if echoed unescaped.
const xssTitle = `"><script>alert(1)</script>`

// testContent is the help center the router tests serve: Markdown files written to a temporary
// folder and loaded with kb.Load, then indexed with search.Open, as in production.
var testContent = map[string]string{
	"billing/_index.md": "---\ntitle: پرداخت و صورتحساب\ndescription: پلن‌ها، فاکتور و بازگشت وجه.\norder: 1\n---\n",
	"billing/refund.md": `---
title: بازگشت وجه
slug: refund
summary: چطور و در چه مدت پولتان برمی‌گردد.
tags: [پرداخت, اشتراک]
aliases: [old-refund, بازپرداخت]
updated: 2024-03-20
---
اگر سفارش لغو شود، مبلغ ظرف سه روز کاری به کارت شما برمی‌گردد.

## شرایط بازگشت وجه

بازگشت وجه فقط برای سفارش‌های پرداخت‌شده انجام می‌شود.

## مراحل درخواست

اگر نمی‌توانید وارد شوید، [تغییر رمز عبور](../account/password.md) را ببینید.

![رسید پرداخت](../images/receipt.png)

### پرداخت با کارت

مبلغ به همان کارتی برمی‌گردد که با آن پرداخت کرده‌اید.

## زمان واریز

معمولاً سه روز کاری.
`,
	"billing/invoice.md": "---\ntitle: دریافت فاکتور\nslug: invoice\ntags: [اشتراک]\nupdated: 2025-01-10\n---\nفاکتور رسمی هر پرداخت در بخش صورتحساب‌ها آماده است.\n",
	"account/_index.md":  "---\ntitle: حساب کاربری\ndescription: ورود، رمز عبور و امنیت.\norder: 2\n---\n",
	"account/password.md": `---
title: تغییر رمز عبور
slug: تغییر-رمز-عبور
summary: رمز عبور حساب را در چند قدم عوض کنید.
updated: 2025-02-01
---
رمز عبور از صفحهٔ تنظیمات حساب‌کاربری عوض می‌شود.
`,
	"account/draft.md":    "---\ntitle: پیش‌نویس\nslug: draft-article\ndraft: true\n---\nهنوز منتشر نشده.\n",
	"account/internal.md": "---\ntitle: ارجاع به کارشناس ارشد\nslug: escalation\naudience: internal\naliases: [old-escalation]\n---\nفقط برای کارشناسان.\n",
	"account/xss.md": `---
title: '` + xssTitle + `'
slug: xss
summary: '<img src=x onerror=alert(2)>'
---
متن با اسکریپت <script>alert(3)</script> و تصویر <img src=x onerror=alert(4)> و
[پیوند](javascript:alert(5)).

## <script>alert(6)</script>
`,
	"guides/_index.md": "---\ntitle: راهنماها\norder: 3\n---\n",
	"images/logo.svg":  `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(7)</script></svg>`,
}

// guideCount is the number of generated guides that all match the query "فروشگاه": more than one
// page of results.
const guideCount = 12

// writeContent writes the test help center, the generated guides and a real PNG image into dir.
func writeContent(t testing.TB, dir string) {
	t.Helper()
	files := make(map[string]string, len(testContent)+guideCount)
	for name, body := range testContent {
		files[name] = body
	}
	for i := 1; i <= guideCount; i++ {
		files[fmt.Sprintf("guides/guide-%02d.md", i)] = fmt.Sprintf(
			"---\ntitle: راهنمای شمارهٔ %d\n---\nنکته‌های فروشگاه اینترنتی، بخش %d.\n", i, i)
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "images", "receipt.png"), testPNG(t), 0o644); err != nil {
		t.Fatal(err)
	}
}

func testPNG(t testing.TB) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.RGBA{R: 200, A: 255})
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// newTestState loads the test content and builds a real scorch index in a temporary folder.
func newTestState(t testing.TB) *State {
	t.Helper()
	dir := t.TempDir()
	writeContent(t, dir)
	lib, err := kb.Load(dir, kb.Options{})
	if err != nil {
		t.Fatalf("kb.Load: %v", err)
	}
	for _, p := range lib.Problems {
		if !p.Warning {
			t.Fatalf("test content has an error: %v", p)
		}
	}
	ix, err := search.Open(lib, search.Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatalf("search.Open: %v", err)
	}
	t.Cleanup(func() { _ = ix.Close() })
	return &State{Library: lib, Search: ix}
}

// newTestServer serves st with the embedded theme; log output goes to the returned buffer.
func newTestServer(t testing.TB, st *State) (*Server, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	srv, err := New(Config{BaseURL: testBaseURL + "/"}, st, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return srv, &logs
}

// do sends one request through the whole router.
func do(h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// decodeStrict decodes a JSON body into v, refusing fields v does not have.
func decodeStrict(t *testing.T, body io.Reader, v any) {
	t.Helper()
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		t.Fatalf("decode JSON: %v", err)
	}
}

// assertContains checks that body contains every want and none of the notWant strings.
func assertContains(t *testing.T, body string, want, notWant []string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("body lacks %q", w)
		}
	}
	for _, w := range notWant {
		if strings.Contains(body, w) {
			t.Errorf("body contains %q", w)
		}
	}
}
