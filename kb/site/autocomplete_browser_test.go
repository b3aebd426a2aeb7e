package site

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"persiankb/kb/stats"
	"persiankb/kb/store"
)

// acOptions lists the search box's suggestions as shown: "id|aria-selected|text" per option.
const acOptions = `Array.from(document.querySelectorAll("#q-suggestions [role=option]")).map(
  o => o.id + "|" + o.getAttribute("aria-selected") + "|" + o.textContent)`

// acState is the combobox's ARIA state: role, aria-expanded, aria-activedescendant, list hidden.
const acState = `(() => { const i = document.getElementById("q"), l = document.getElementById("q-suggestions");
  return [i.getAttribute("role"), i.getAttribute("aria-expanded"), i.getAttribute("aria-activedescendant") || "",
    String(l.hidden), i.getAttribute("aria-controls")]; })()`

// typeSlowly types text into the element one letter at a time, as a visitor does, waiting a
// little after each so that the box asks the server while the text is still incomplete.
func typeSlowly(sel string, text string) chromedp.Action[chromedp.Void] {
	var steps []chromedp.Action[chromedp.Void]
	for _, r := range text {
		steps = append(steps, chromedp.SendKeys(chromedp.CSS(sel), string(r)), chromedp.Sleep(60*time.Millisecond))
	}
	return chromedp.Steps(steps...)
}

// waitSuggestionsFor waits until the list shows the suggestions for the whole query (its last
// option is "all results for «query»", the query as converted when typed on the wrong keyboard
// layout), not those of a part typed before: the list is redrawn,
// its highlight cleared, each time an answer arrives.
func waitSuggestionsFor(query string) chromedp.Action[chromedp.Void] {
	return chromedp.Poll[chromedp.Void](`(() => { const l = document.getElementById("q-suggestions");
  return l && !l.hidden && l.textContent.includes("«" + ` + strconv.Quote(query) + ` + "»"); })()`)
}

// TestBrowserAutocomplete types a Persian query letter by letter into the home page's search
// box, checks the suggestions (title, category, section) and the combobox's ARIA state, moves
// with the arrow keys, closes with Escape, opens the highlighted article with Enter and checks
// that the click is recorded as a search click; then types on the English keyboard layout on
// the search page and still gets the Persian articles.
func TestBrowserAutocomplete(t *testing.T) {
	ctx := newBrowser(t)
	rec := &memEvents{}
	srv, err := New(Config{BaseURL: testBaseURL + "/", Events: rec}, newTestState(t), slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	const query = "بازگشت"
	err = chromedp.Do(ctx,
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.ID("q")),
		chromedp.Focus(chromedp.ID("q")),
		typeSlowly("#q", query),
		waitSuggestionsFor(query),
	)
	if err != nil {
		t.Fatalf("type in the search box: %v", err)
	}
	options := evalStrings(ctx, t, acOptions)
	if len(options) < 2 || !strings.Contains(options[0], "بازگشت وجه") || !strings.Contains(options[0], "پرداخت و صورتحساب") ||
		!strings.Contains(options[len(options)-1], "همهٔ نتایج") {
		t.Errorf("suggestions = %q, want the refund article with its category first and all results last", options)
	}
	if state := evalStrings(ctx, t, acState); strings.Join(state, ",") != "combobox,true,,false,q-suggestions" {
		t.Errorf("combobox state (role, expanded, activedescendant, hidden, controls) = %q", state)
	}
	screenshot(ctx, t, "autocomplete.png")

	// Down, Down, Up: the first option is highlighted; the focus stays in the box.
	err = chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowUp))
	if err != nil {
		t.Fatal(err)
	}
	state := evalStrings(ctx, t, acState)
	options = evalStrings(ctx, t, acOptions)
	if state[2] != "q-suggestions-0" || !strings.HasPrefix(options[0], "q-suggestions-0|true|") ||
		!strings.Contains(options[1], "|false|") || evalString(ctx, t, `document.activeElement.id`) != "q" {
		t.Errorf("after Down, Down, Up: state %q, options %q", state, options)
	}
	// Escape closes the list and keeps the text; Down opens it again.
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.Escape)); err != nil {
		t.Fatal(err)
	}
	if state := evalStrings(ctx, t, acState); state[1] != "false" || state[2] != "" || state[3] != "true" ||
		evalString(ctx, t, `document.getElementById("q").value`) != query {
		t.Errorf("after Escape: state %q, text %q", state, evalString(ctx, t, `document.getElementById("q").value`))
	}
	rec.take()
	if err := chromedp.Do(ctx, chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter)); err != nil {
		t.Fatalf("open the highlighted suggestion: %v", err)
	}
	loc, err := url.Parse(waitArticle(ctx, t))
	if err != nil || loc.Path != "/articles/refund" || loc.Query().Get("ref") != "autocomplete" ||
		loc.Query().Get("rank") != "1" || loc.Query().Get("q") != query {
		t.Errorf("opened %v, want the refund article with ref=autocomplete&rank=1&q=%s", loc, query)
	}
	var clicks int
	for _, e := range rec.take() {
		if e.Type == store.EventResultClick && e.Slug == "refund" && e.Rank == 1 && e.NormQuery == stats.NormalizeQuery(query) {
			clicks++
		}
	}
	if clicks != 1 {
		t.Errorf("recorded %d result clicks for the suggestion, want 1", clicks)
	}

	// On the search page, typed on the English layout: "fhc'" are the keys of «بازگ», the start
	// of «بازگشت», and "vlc" those of the whole word «رمز».
	for _, typed := range []struct{ keys, converted, want string }{{"fhc'", "بازگ", "بازگشت وجه"}, {"vlc", "رمز", "رمز عبور"}} {
		err = chromedp.Do(ctx,
			chromedp.EmulateViewport(1280, 900),
			chromedp.Navigate(ts.URL+"/search"),
			chromedp.WaitVisible(chromedp.ID("q")),
			chromedp.Focus(chromedp.ID("q")),
			typeSlowly("#q", typed.keys),
			waitSuggestionsFor(typed.converted), // "all results" are the converted text's
		)
		if err != nil {
			t.Fatalf("type %q on the English layout: %v", typed.keys, err)
		}
		if options := evalStrings(ctx, t, acOptions); len(options) < 2 || !strings.Contains(options[0], typed.want) {
			t.Errorf("suggestions for %q = %q, want %s first", typed.keys, options, typed.want)
		}
	}
	screenshot(ctx, t, "autocomplete-layout.png")
	// A click on a suggestion opens it too.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("#q-suggestions-0"))); err != nil {
		t.Fatalf("click a suggestion: %v", err)
	}
	waitArticle(ctx, t)
	if h1 := evalString(ctx, t, `document.querySelector("article h1").textContent`); !strings.Contains(h1, "رمز عبور") {
		t.Errorf("clicked suggestion opened %q", h1)
	}
	if v := evalStrings(ctx, t, `window.__cspViolations`); len(v) > 0 {
		t.Errorf("CSP violations: %q", v)
	}
}

// waitArticle waits until the browser shows an article page (the suggestion opened by a script
// navigating, which chromedp's waits on the old document do not follow) and returns its URL.
func waitArticle(ctx context.Context, t *testing.T) string {
	t.Helper()
	for range 100 {
		loc, err := chromedp.Run(ctx, chromedp.Evaluate[string](
			`document.readyState === "complete" && document.querySelector("article h1") ? location.href : ""`))
		if err == nil && loc != "" {
			return loc
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no article page after 10 s: %s", evalString(ctx, t, `location.href`))
	return ""
}

func evalString(ctx context.Context, t *testing.T, js string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[string](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return s
}

func evalStrings(ctx context.Context, t *testing.T, js string) []string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](js))
	if err != nil {
		t.Fatalf("evaluate %s: %v", js, err)
	}
	return s
}
