package site

import (
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"
)

// codeLayout puts inline code into an article's text and measures where the first and last
// words of a code span that starts in Persian and of one that starts in Latin are drawn (their
// left edges).
const codeLayout = `(() => {
  const p = document.createElement("p");
  p.innerHTML = 'در <code id="fa">تنظیمات › SMS</code> و با <code id="en">kb serve --dev</code>';
  document.querySelector(".prose").appendChild(p);
  const rect = (el, word) => {
    const text = el.firstChild, at = text.data.indexOf(word), r = document.createRange();
    r.setStart(text, at); r.setEnd(text, at + word.length);
    return r.getBoundingClientRect();
  };
  const fa = document.getElementById("fa"), en = document.getElementById("en");
  return [rect(fa, "تنظیمات").left, rect(fa, "SMS").left, rect(en, "kb").left, rect(en, "--dev").left];
})()`

// TestBrowserInlineCode: inline code runs in its own text's direction: a Persian menu path right
// to left (a forced ltr put its Latin word on the right), a command left to right. The
// screenshot shows its Persian letters in the site's font, joined.
func TestBrowserInlineCode(t *testing.T) {
	ctx := newBrowser(t)
	srv, _ := newTestServer(t, newTestState(t))
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/articles/refund"), chromedp.WaitVisible(chromedp.CSS(".prose"))); err != nil {
		t.Fatal(err)
	}
	x, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](codeLayout))
	if err != nil || len(x) != 4 {
		t.Fatalf("measure code: %v %v", x, err)
	}
	if x[0] <= x[1] {
		t.Errorf("Persian code: its first word at %v, its Latin one at %v; want the first to the right", x[0], x[1])
	}
	if x[2] >= x[3] {
		t.Errorf("Latin code: its first word at %v, its last at %v; want the first to the left", x[2], x[3])
	}
	screenshot(ctx, t, "inline-code.png")
}
