package site

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"persiankb/kb/store"
)

// The customer's message typed in the browser tests: it is answered by the refund article.
// It has no ZWNJ, which chromedp's SendKeys does not type.
const browserMessage = "سفارشم را لغو کردم ولی پولم هنوز برنگشته، بازگشت وجه کی انجام میشه؟"

// TestBrowserTicketSuggestions types a ticket in a real browser, sees suggestions appear, reads
// one in place, goes back to the ticket (the draft is still there, and survives a reload),
// then says the article solved the problem and lands on the thank-you page.
func TestBrowserTicketSuggestions(t *testing.T) {
	ctx := newBrowser(t)
	e := newTicketEnv(t, nil)
	ts := httptest.NewServer(e.h)
	defer ts.Close()

	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(ts.URL+ticketFormPath),
		chromedp.WaitVisible(chromedp.ID("ticket-description")),
		chromedp.SendKeys(chromedp.ID("ticket-name"), "مریم احمدی"),
		chromedp.SendKeys(chromedp.ID("ticket-description"), browserMessage),
		chromedp.WaitVisible(chromedp.CSS("[data-suggest-list] a")),
	)
	if err != nil {
		t.Fatalf("type and wait for suggestions: %v", err)
	}
	titles, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("[data-suggest-list] [data-suggest-link]")).map(a => a.textContent)`))
	if err != nil || len(titles) == 0 || titles[0] != "بازگشت وجه" || len(titles) > defaultSuggestLimit {
		t.Fatalf("suggested titles = %q, %v", titles, err)
	}
	// The part of the article that answers the message is linked too.
	section, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll("[data-suggest-list] li:first-child .hit-section a")).map(a => a.textContent + " " + a.getAttribute("href"))`))
	if err != nil || len(section) != 1 || !strings.Contains(section[0], "#") {
		t.Errorf("section link of the first suggestion = %q, %v", section, err)
	}
	status, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS("[data-suggest-status]")))
	if err != nil || !strings.Contains(status, "مقاله") {
		t.Errorf("live region says %q, %v", status, err)
	}
	screenshot(ctx, t, "ticket-suggestions.png")

	// Read the article in place, then go back to the ticket.
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("[data-suggest-list] a")),
		chromedp.WaitVisible(chromedp.CSS("[data-article-panel] [data-panel-title]")),
		chromedp.WaitNotVisible(chromedp.ID("ticket-form")),
		chromedp.Click(chromedp.CSS("[data-article-panel] [data-panel-back]")),
		chromedp.WaitVisible(chromedp.ID("ticket-description")),
	)
	if err != nil {
		t.Fatalf("open the article in place and come back: %v", err)
	}
	if v, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("ticket-description"))); err != nil || v != browserMessage {
		t.Errorf("description after coming back = %q, %v", v, err)
	}
	err = chromedp.Do(ctx, chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("ticket-name")))
	if err != nil {
		t.Fatal(err)
	}
	if v, err := chromedp.Run(ctx, chromedp.Value(chromedp.ID("ticket-name"))); err != nil || v != "مریم احمدی" {
		t.Errorf("name after a reload = %q, %v (the draft should be kept)", v, err)
	}

	// "This solved my problem" ends the flow and forgets the draft.
	err = chromedp.Do(ctx,
		chromedp.WaitVisible(chromedp.CSS("[data-suggest-list] a")),
		chromedp.Click(chromedp.CSS("[data-suggest-list] a")),
		chromedp.WaitVisible(chromedp.CSS("[data-article-panel] [data-panel-solved]")),
		chromedp.Click(chromedp.CSS("[data-article-panel] [data-panel-solved]")),
		chromedp.WaitVisible(chromedp.CSS("[data-ticket-done]")),
	)
	if err != nil {
		t.Fatalf("solved: %v", err)
	}
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil || !strings.Contains(loc, ticketSolvedPath+"?article=refund") {
		t.Errorf("location = %q, %v", loc, err)
	}
	draft, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`sessionStorage.getItem("kb-ticket-draft") === null`))
	if err != nil || !draft {
		t.Errorf("the draft was not cleared: %v", err)
	}
	assertNoCSPViolations(ctx, t)
	if _, ok := e.storedTicket(t, store.FormatTicketNumber(1)); ok {
		t.Error("a ticket was stored although the article solved the problem")
	}
}

// TestBrowserTicketSubmit fills in and sends the form in a real browser, with an attachment,
// and checks the receipt and the stored ticket.
func TestBrowserTicketSubmit(t *testing.T) {
	ctx := newBrowser(t)
	e := newTicketEnv(t, nil)
	ts := httptest.NewServer(e.h)
	defer ts.Close()

	err := chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
		chromedp.Navigate(ts.URL+ticketFormPath),
		chromedp.WaitVisible(chromedp.ID("ticket-name")),
		chromedp.SendKeys(chromedp.ID("ticket-name"), "مریم احمدی"),
		chromedp.SendKeys(chromedp.ID("ticket-email"), "maryam@example.com"),
		chromedp.SendKeys(chromedp.ID("ticket-mobile"), "۰۹۱۲۳۴۵۶۷۸۹"),
		chromedp.SetValue(chromedp.ID("ticket-category"), "billing"),
		chromedp.SendKeys(chromedp.ID("ticket-subject"), "بازگشت وجه"),
		chromedp.SendKeys(chromedp.ID("ticket-description"), browserMessage),
		chromedp.WaitVisible(chromedp.CSS("[data-suggest-list] a")),
	)
	if err != nil {
		t.Fatalf("fill in the form: %v", err)
	}
	widths, err := chromedp.Run(ctx, chromedp.Evaluate[[]int](
		`[document.documentElement.scrollWidth, document.documentElement.clientWidth]`))
	if err != nil || len(widths) != 2 || widths[0] > widths[1] {
		t.Errorf("form is %v pixels wide on a phone: %v", widths, err)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS("#ticket-form button[type=submit]")), // a real click: the submit event runs
		chromedp.WaitVisible(chromedp.CSS(".ticket-number")),
	)
	if err != nil {
		t.Fatalf("submit: %v", err)
	}
	number, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(".ticket-number")))
	if err != nil {
		t.Fatal(err)
	}
	tk, ok := e.storedTicket(t, number)
	if !ok || tk.Description != browserMessage || tk.Mobile != "09123456789" || tk.Category != "billing" {
		t.Fatalf("stored ticket %s = %+v, %v", number, tk, ok)
	}
	screenshot(ctx, t, "ticket-received.png")
	assertNoCSPViolations(ctx, t)
}

// TestBrowserWidget embeds /widget.js in a page of another origin, as a shop's own contact
// form would, types into its fields and sees the help center's suggestions there, with
// markup from the API shown as text.
func TestBrowserWidget(t *testing.T) {
	ctx := newBrowser(t)
	shop := http.NewServeMux()
	var kbURL string
	shop.HandleFunc("/contact", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html lang="fa" dir="rtl"><body>
<form><input id="subject"><textarea id="message"></textarea><div id="kb-box"></div></form>
<script src="%s/widget.js" data-kb-input="#subject, #message" data-kb-target="#kb-box" defer></script>
</body></html>`, kbURL)
	})
	shopSrv := httptest.NewServer(shop)
	defer shopSrv.Close()
	e := newTicketEnv(t, func(c *Config) { c.CORSOrigins = []string{shopSrv.URL} })
	kb := httptest.NewServer(e.h)
	defer kb.Close()
	kbURL = strings.Replace(kb.URL, "127.0.0.1", "localhost", 1) // another origin than the shop

	err := chromedp.Do(ctx,
		chromedp.Navigate(shopSrv.URL+"/contact"),
		chromedp.WaitVisible(chromedp.ID("message")),
		chromedp.SendKeys(chromedp.ID("message"), browserMessage),
		chromedp.WaitVisible(chromedp.CSS("#kb-box .kb-widget li a")),
	)
	if err != nil {
		t.Fatalf("widget suggestions: %v", err)
	}
	got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`(() => {
		const a = document.querySelector("#kb-box .kb-widget li a");
		const box = document.querySelector("#kb-box .kb-widget");
		return [a.textContent, a.href, a.target, box.dir, String(box.querySelectorAll("mark").length > 0)];
	})()`))
	if err != nil || len(got) != 5 || got[0] != "بازگشت وجه" || got[1] != kbURL+"/articles/refund" ||
		got[2] != "_blank" || got[3] != "rtl" || got[4] != "true" {
		t.Fatalf("widget shows %q, %v", got, err)
	}

	// An article whose title and summary are markup: shown as text, nothing injected.
	err = chromedp.Do(ctx,
		chromedp.Evaluate[chromedp.Void](`document.getElementById("message").value = ""`),
		chromedp.SendKeys(chromedp.ID("message"), "متن با اسکریپت و تصویر alert پیوند"),
		chromedp.Poll[chromedp.Void](`Array.from(document.querySelectorAll("#kb-box li a")).some(a => a.textContent === '"><script>alert(1)</script>')`),
	)
	if err != nil {
		t.Fatalf("markup article: %v", err)
	}
	injected, err := chromedp.Run(ctx, chromedp.Evaluate[int](
		`document.querySelectorAll("#kb-box script, #kb-box img, #kb-box [onerror]").length`))
	if err != nil || injected != 0 {
		t.Errorf("%d injected elements in the widget, %v", injected, err)
	}
}

// assertNoCSPViolations checks the violations recorded by newBrowser's script.
func assertNoCSPViolations(ctx context.Context, t *testing.T) {
	t.Helper()
	violations, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`window.__cspViolations`))
	if err != nil || len(violations) > 0 {
		t.Errorf("CSP violations: %q, %v", violations, err)
	}
}
