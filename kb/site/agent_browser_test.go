package site

import (
	"context"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
)

// TestBrowserAgentCopy signs in to /agent in a real browser, searches, opens an article and
// copies a section link with the keyboard only; the clipboard then holds exactly the link the
// Go side builds, and the live region says so.
func TestBrowserAgentCopy(t *testing.T) {
	ctx := newBrowser(t)
	st := newStaffState(t)
	ts := httptest.NewUnstartedServer(nil)
	base := "http://" + ts.Listener.Addr().String()
	srv := newStaffServer(t, st, Config{BaseURL: base, Auth: staffAuth(t)})
	ts.Config.Handler = srv.Handler()
	ts.Start()
	defer ts.Close()
	for _, name := range []string{"clipboard-read", "clipboard-write"} {
		if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
			Permission: &browser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true},
			Setting:    browser.PermissionSettingGranted, Origin: base,
		}); err != nil {
			t.Fatalf("grant %s: %v", name, err)
		}
	}

	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(ts.URL+"/agent"),
		chromedp.WaitVisible(chromedp.ID("login-user")),
		chromedp.SendKeys(chromedp.ID("login-user"), staffUser),
		chromedp.SendKeys(chromedp.ID("login-password"), staffPassword),
		chromedp.Submit(chromedp.ID("login-password")),
		chromedp.WaitVisible(chromedp.ID("agent-search")),
		chromedp.Focus(chromedp.ID("agent-search")),
		chromedp.KeyEvent("بازگشت وجه"),
		chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(chromedp.CSS(".agent-hit .copy-button")),
	)
	if err != nil {
		t.Fatalf("sign in and search: %v", err)
	}
	screenshot(ctx, t, "agent-search.png")
	hrefs, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll(".agent-hit .hit-title a")).map(a => a.getAttribute("href"))`))
	if err != nil || len(hrefs) == 0 || !contains(hrefs, "/agent/articles/refund") {
		t.Fatalf("agent results %q, %v; want the refund article", hrefs, err)
	}

	// A result names its best-matching section, with its own copy fields: copy that section's
	// link straight from the results with the keyboard.
	a, _ := st.Library.Article("refund")
	err = chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/agent?q="+url.QueryEscape("زمان واریز")),
		chromedp.WaitVisible(chromedp.CSS(".agent-hit-section .copy-button")),
		chromedp.Focus(chromedp.CSS(".agent-hit-section .copy-button")),
		chromedp.KeyEvent("\r"),
	)
	if err != nil {
		t.Fatalf("copy a section link from the results: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector("[data-copy-status]").textContent === "کپی شد"`)); err != nil {
		t.Fatalf("no \"copied\" announcement: %v", err)
	}
	wantHit := sectionShare(base, a, a.Headings[3]).Link
	if clip, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise)); err != nil || clip != wantHit {
		t.Errorf("clipboard after copying the result's section = %q, %v; want %q", clip, err, wantHit)
	}
	screenshot(ctx, t, "agent-search-section.png")
	err = chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/agent?q="+url.QueryEscape("بازگشت وجه")),
		chromedp.WaitVisible(chromedp.CSS(".agent-hit .copy-button")))
	if err != nil {
		t.Fatal(err)
	}

	err = chromedp.Do(ctx,
		chromedp.Focus(chromedp.CSS(`.agent-hit a[href="/agent/articles/refund"]`)),
		chromedp.KeyEvent("\r"),
		chromedp.WaitVisible(chromedp.CSS(".agent-section .copy-button")),
		chromedp.Focus(chromedp.CSS(".agent-section .copy-button")),
		chromedp.KeyEvent("\r"),
	)
	if err != nil {
		t.Fatalf("open the article and copy a section link: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.querySelector("[data-copy-status]").textContent === "کپی شد"`)); err != nil {
		t.Fatalf("no \"copied\" announcement: %v", err)
	}
	want := sectionShare(base, a, a.Headings[0]).Link
	if !strings.HasPrefix(want, base+"/articles/refund?ref=agent#") {
		t.Fatalf("section link %q", want)
	}
	attr, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector(".agent-section .copy-button").dataset.copy`))
	if err != nil || attr != want {
		t.Errorf("button data-copy = %q, %v; want %q", attr, err, want)
	}
	clip, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil || clip != want {
		t.Errorf("clipboard = %q, %v; want %q", clip, err, want)
	}
	if u, err := url.Parse(clip); err != nil || u.Fragment != a.Headings[0].ID {
		t.Errorf("copied link's anchor = %v, %v; want %q", u, err, a.Headings[0].ID)
	}
	focused, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.activeElement.classList.contains("copy-button")`))
	if err != nil || !focused {
		t.Errorf("focus left the copy button: %v", err)
	}
	screenshot(ctx, t, "agent-article.png")
	noCSPViolations(ctx, t, "/agent/articles/refund")
	for _, target := range []string{"/agent?q=" + url.QueryEscape("بازگشت وجه"), "/agent/articles/refund", "/admin", "/login"} {
		err := chromedp.Do(ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile), chromedp.Navigate(ts.URL+target))
		if err != nil {
			t.Fatal(err)
		}
		widths, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](
			`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
		if err != nil || len(widths) != 2 || widths[0] > widths[1] {
			t.Errorf("%s is %v pixels wide on a 390-pixel screen (scroll, client): %v", target, widths, err)
		}
		noCSPViolations(ctx, t, target)
	}
}

// noCSPViolations checks the violations cspRecorder saw on the current page.
func noCSPViolations(ctx context.Context, t *testing.T, page string) {
	t.Helper()
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__cspViolations`))
	if err != nil || len(violations) > 0 {
		t.Errorf("%s: CSP violations: %q, %v", page, violations, err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
