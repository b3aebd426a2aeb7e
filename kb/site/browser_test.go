package site

import (
	"context"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// chromiumPath is where the browser for TestBrowserSearch is installed on the project's machines.
const chromiumPath = "/usr/bin/chromium"

// browserTimeout bounds the whole browser session so that a hung browser fails the test instead
// of blocking the run; it is a guard, not a speed assertion.
const browserTimeout = 90 * time.Second

// cspRecorder is run in every page before the page's own code: it records CSP violations, which
// the test then requires to be none (the theme must work under its own policy).
const cspRecorder = `window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});`

// newBrowser starts headless Chromium with a fresh profile. Without Chromium the test is
// skipped, except with CI=true, where a missing browser is a failure.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	if _, err := exec.LookPath(chromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI=true but Chromium is missing at %s: %v", chromiumPath, err)
		}
		t.Skipf("Chromium not installed at %s", chromiumPath)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromiumPath),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(allocCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, browserTimeout)
	t.Cleanup(func() { cancelTimeout(); cancelCtx(); cancelAlloc() })
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument,
		page.AddScriptToEvaluateOnNewDocumentParams{Source: cspRecorder}); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	return ctx
}

// TestBrowserSearch opens the home page in a real browser, types a Persian query, submits the
// form and checks the highlighted results, the RTL document, the self-hosted font and the CSP.
func TestBrowserSearch(t *testing.T) {
	ctx := newBrowser(t)
	srv, _ := newTestServer(t, newTestState(t))
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.SendKeys(chromedp.ID("q"), "بازگشت وجه"),
		chromedp.Submit(chromedp.ID("q")),
		chromedp.WaitVisible(chromedp.CSS(".hit-snippet mark")),
	)
	if err != nil {
		t.Fatalf("search in the browser: %v", err)
	}
	location, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.Contains(location, "/search?q=") {
		t.Errorf("location = %q, %v", location, err)
	}
	snippet, err := chromedp.Run(ctx, chromedp.OuterHTML(chromedp.CSS(".hit-snippet")))
	if err != nil || !strings.Contains(snippet, "<mark>") {
		t.Errorf("snippet = %q, %v", snippet, err)
	}
	dir, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.documentElement.dir + " " + document.documentElement.lang`))
	if err != nil || dir != "rtl fa" {
		t.Errorf("html dir and lang = %q, %v", dir, err)
	}
	echoed, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.getElementById("q").value`))
	if err != nil || echoed != "بازگشت وجه" {
		t.Errorf("query in the search box = %q, %v", echoed, err)
	}
	font, err := chromedp.Run(ctx, chromedp.Evaluate[bool](
		`document.fonts.ready.then(() => document.fonts.check("16px Vazirmatn", "سلام"))`, chromedp.EvalAwaitPromise))
	if err != nil || !font {
		t.Errorf("Vazirmatn not loaded: %v, %v", font, err)
	}
	screenshot(ctx, t, "search.png")

	// The "/" shortcut focuses the search box on an article page.
	err = chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/articles/refund"),
		chromedp.WaitVisible(chromedp.ID("q-header")),
		chromedp.KeyEvent("/"),
	)
	if err != nil {
		t.Fatalf("article page: %v", err)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.id`))
	if err != nil || focused != "q-header" {
		t.Errorf("after '/', focus is on %q, %v", focused, err)
	}
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__cspViolations`))
	if err != nil || len(violations) > 0 {
		t.Errorf("CSP violations: %q, %v", violations, err)
	}
}

// TestBrowserPhoneLayout loads every kind of page 390 pixels wide (a phone) and checks that
// nothing is wider than the screen, a common RTL layout failure.
func TestBrowserPhoneLayout(t *testing.T) {
	ctx := newBrowser(t)
	srv, _ := newTestServer(t, newTestState(t))
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	for _, target := range []string{"/", "/search", "/search?q=" + url.QueryEscape("فروشگاه"),
		"/articles/refund", "/categories/guides", "/no/such/page"} {
		t.Run(target, func(t *testing.T) {
			err := chromedp.Do(ctx,
				chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
				chromedp.Navigate(ts.URL+target),
			)
			if err != nil {
				t.Fatal(err)
			}
			widths, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](
				`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
			if err != nil || len(widths) != 2 || widths[0] > widths[1] {
				t.Errorf("page is %v pixels wide on a 390-pixel screen (scroll, client): %v", widths, err)
			}
		})
	}
	screenshot(ctx, t, "phone.png")
}

// screenshotsEnv names a folder to keep the browser tests' screenshots in, to look at them;
// without it they go to the test's temporary folder, removed after the test.
const screenshotsEnv = "KB_TEST_SCREENSHOTS"

// screenshot saves what the browser shows into the test's temporary folder (or screenshotsEnv).
func screenshot(ctx context.Context, t *testing.T, name string) {
	t.Helper()
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil || len(shot) == 0 {
		t.Fatalf("screenshot: %v", err)
	}
	saveScreenshot(t, name, shot)
}

// saveScreenshot writes a screenshot into the test's temporary folder (or screenshotsEnv).
func saveScreenshot(t *testing.T, name string, shot []byte) {
	t.Helper()
	dir := os.Getenv(screenshotsEnv)
	if dir == "" {
		dir = t.TempDir()
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, shot, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", path, len(shot))
}
