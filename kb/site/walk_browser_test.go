package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// walkSearchPerMin is the search limit of TestBrowserEveryPage: enough for the pages walked,
// small enough to reach the 429 page at the end.
const walkSearchPerMin = 60

// pageDefects lists what is wrong with the page shown, as a customer would meet it: wider than
// the screen (a sideways scroll on a phone), form fields without a label, images without alt.
const pageDefects = `(() => {
  const out = [], d = document.documentElement;
  if (d.scrollWidth > d.clientWidth) out.push("page " + d.scrollWidth + "px wide on a " + d.clientWidth + "px screen");
  for (const e of document.querySelectorAll("input:not([type=hidden]), select, textarea")) {
    if (!(e.labels && e.labels.length) && !e.getAttribute("aria-label") && !e.getAttribute("aria-labelledby"))
      out.push("no label: " + (e.id || e.name || e.outerHTML.slice(0, 60)));
  }
  for (const i of document.querySelectorAll("img:not([alt])")) out.push("no alt: " + i.getAttribute("src"));
  if (d.dir !== "rtl" || d.lang !== "fa") out.push("html dir/lang " + d.dir + "/" + d.lang);
  return out.concat(window.__cspViolations || []);
})()`

// TestBrowserEveryPage walks every kind of page, public and staff (signed in with the admin
// token), 390 pixels wide (a phone) and 1280, and checks each for pageDefects; screenshots go
// to KB_TEST_SCREENSHOTS when set, to be looked at. It ends on the 429 page of a client over
// its search limit.
func TestBrowserEveryPage(t *testing.T) {
	ctx := newBrowser(t)
	e := newTicketEnv(t, func(c *Config) {
		c.Auth, c.Stats, c.StatsZone, c.SearchPerMin = staffAuth(t), seededStats(t), time.UTC, walkSearchPerMin
	})
	ts := httptest.NewServer(e.h)
	defer ts.Close()

	// A ticket sent in the browser gives the receipt page.
	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(ts.URL+ticketFormPath),
		chromedp.WaitVisible(chromedp.ID("ticket-name")),
		chromedp.SendKeys(chromedp.ID("ticket-name"), "مریم احمدی"),
		chromedp.SendKeys(chromedp.ID("ticket-email"), "maryam@example.com"),
		chromedp.SetValue(chromedp.ID("ticket-category"), "billing"),
		chromedp.SendKeys(chromedp.ID("ticket-subject"), "بازگشت وجه SSL"),
		chromedp.SendKeys(chromedp.ID("ticket-description"), browserMessage),
		chromedp.Click(chromedp.CSS("#ticket-form button[type=submit]")),
		chromedp.WaitVisible(chromedp.CSS(".ticket-number")),
	)
	if err != nil {
		t.Fatalf("send a ticket: %v", err)
	}
	receipt := evalString(ctx, t, `location.pathname + location.search`)

	q := func(s string) string { return "/search?q=" + url.QueryEscape(s) }
	pages := []struct{ name, target string }{
		{"home", "/"},
		{"category", "/categories/billing"},
		{"article", "/articles/refund"},
		{"results", q("بازگشت وجه")},
		{"no-results", q("زززقققق")},
		{"wrong-layout", q("vlc uf,v")},
		{"latin-query", q("SSL 2.")},
		{"ticket-form", ticketFormPath},
		{"receipt", receipt},
		{"404", "/no/such/page"},
		{"login", "/login"},
	}
	staff := []struct{ name, target string }{
		{"agent", "/agent?q=" + url.QueryEscape("بازگشت وجه")},
		{"agent-article", "/agent/articles/refund"},
		{"admin", "/admin"},
		{"dashboard", "/admin/dashboard?from=2026-11-01&to=2026-11-30"},
	}
	walk := func(name, target string) {
		for _, width := range []int64{390, 1280} {
			t.Run(name+"/"+map[int64]string{390: "phone", 1280: "desktop"}[width], func(t *testing.T) {
				err := chromedp.Do(ctx,
					chromedp.EmulateViewport(width, 844, chromedp.EmulateMobile),
					chromedp.Navigate(ts.URL+target),
					chromedp.WaitReady(chromedp.CSS("footer, main")),
				)
				if err != nil {
					t.Fatal(err)
				}
				if bad := evalStrings(ctx, t, pageDefects); len(bad) > 0 {
					t.Errorf("%s: %q", target, bad)
				}
				fullScreenshot(ctx, t, name+"-"+map[int64]string{390: "390", 1280: "1280"}[width]+".png")
			})
		}
	}
	for _, p := range pages {
		walk(p.name, p.target)
	}
	err = chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/login"),
		chromedp.WaitVisible(chromedp.ID("login-token")),
		chromedp.SendKeys(chromedp.ID("login-token"), staffAdminTok),
		chromedp.Submit(chromedp.ID("login-token")),
		chromedp.WaitNotPresent(chromedp.ID("login-token")),
	)
	if err != nil {
		t.Fatalf("sign in: %v", err)
	}
	for _, p := range staff {
		walk(p.name, p.target)
	}
	// The agent view's search boxes are not the public one's combobox (its suggestions lead to
	// public pages and count as customers' searches).
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/agent"), chromedp.WaitVisible(chromedp.ID("agent-search"))); err != nil {
		t.Fatal(err)
	}
	if n := evalString(ctx, t, `String(document.querySelectorAll("[role=combobox]").length)`); n != "0" {
		t.Errorf("the agent view has %s search-as-you-type boxes, want none", n)
	}

	// Over the search limit (the browser and this client share 127.0.0.1): the 429 page.
	for range walkSearchPerMin {
		resp, err := http.Get(ts.URL + q("x"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusTooManyRequests {
			break
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+q("بازگشت")), chromedp.WaitReady(chromedp.CSS("main"))); err != nil {
		t.Fatal(err)
	}
	if code := evalString(ctx, t, `(document.querySelector(".error-code") || {}).textContent || ""`); !strings.Contains(code, "۴۲۹") {
		t.Errorf("after the search limit the page shows %q, want the 429 page", code)
	}
	walk("429", q("بازگشت"))
}

// fullScreenshot saves the whole page, not only the screen, like screenshot.
func fullScreenshot(ctx context.Context, t *testing.T, name string) {
	t.Helper()
	shot, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil || len(shot) == 0 {
		t.Fatalf("screenshot: %v", err)
	}
	saveScreenshot(t, name, shot)
}
