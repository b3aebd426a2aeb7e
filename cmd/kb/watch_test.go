package main

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"persiankb/kb"
	"persiankb/kb/gitmeta"
	"persiankb/kb/site"
	"persiankb/search"
)

// followTimeout bounds the wait for the preview to follow an edit. A reload takes well under a
// second; the deadline only turns a broken watcher into a failure instead of a hang.
const followTimeout = 30 * time.Second

// syncBuffer is an io.Writer safe for the reloader's goroutine and the test's reads.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// preview is a live-preview server over a temporary content folder, as kb serve --watch runs it.
type preview struct {
	t       *testing.T
	content string
	url     string
	first   *search.Index
	out     *syncBuffer
}

func startPreview(t *testing.T, files map[string]string, drafts bool) *preview {
	t.Helper()
	content := t.TempDir()
	writeFiles(t, content, files)
	cfg := libraryConfig{Content: content, Data: t.TempDir(), Analyzer: defaultAnalyzer, Drafts: drafts}
	lib, err := kb.Load(content, kb.Options{Drafts: drafts})
	if err != nil {
		t.Fatal(err)
	}
	idx, err := openIndex(cfg, lib, io.Discard, true)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := site.New(site.Config{Live: true, Drafts: drafts, BaseURL: "http://help.test"}, &site.State{Library: lib, Search: idx}, nil)
	if err != nil {
		t.Fatal(err)
	}
	out := &syncBuffer{}
	rl := &reloader{cfg: cfg, srv: srv, hist: gitmeta.NewCache(content), out: out, lib: lib, idx: idx}
	ctx, cancel := context.WithCancel(context.Background())
	stop, err := rl.watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ts.Close()
		cancel()
		stop()
	})
	p := &preview{t: t, content: content, url: ts.URL, first: idx, out: out}
	p.eventually("the preview watches", func() (bool, string) {
		return strings.Contains(out.String(), "watching "), "not yet"
	})
	return p
}

func (p *preview) write(rel, body string) {
	p.t.Helper()
	writeFiles(p.t, p.content, map[string]string{rel: body})
}

// get returns the status and body of a page.
func (p *preview) get(path string) (int, string) {
	p.t.Helper()
	resp, err := http.Get(p.url + path)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		p.t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

// searchSlugs returns the slugs the search API finds for q.
func (p *preview) searchSlugs(q string) []string {
	p.t.Helper()
	_, body := p.get("/api/search?q=" + url.QueryEscape(q))
	var res struct {
		Results []struct{ Slug string } `json:"results"`
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		p.t.Fatalf("search %q: %v: %s", q, err, body)
	}
	var slugs []string
	for _, r := range res.Results {
		slugs = append(slugs, r.Slug)
	}
	return slugs
}

// eventually polls cond until it holds, failing the test with the last description after
// followTimeout.
func (p *preview) eventually(what string, cond func() (bool, string)) {
	p.t.Helper()
	deadline := time.Now().Add(followTimeout)
	for {
		ok, last := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("%s: still %s\nreloader output:\n%s", what, last, p.out)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// mark is where the reloader's output ends now: what the next reloads print comes after it.
func (p *preview) mark() int { return len(p.out.String()) }

// reloaded waits for a reload, after mark, that parsed and rendered as many files as load
// says and changed the index as index says (as describeChanges writes it): the library and the
// index follow each save by redoing only what changed.
func (p *preview) reloaded(mark int, load, index string) {
	p.t.Helper()
	p.eventually("a reload with "+load+"; "+index, func() (bool, string) {
		out := p.out.String()[mark:]
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, "): "+load+" in ") && strings.Contains(line, "; "+index+" in ") {
				return true, ""
			}
		}
		return false, "reloads: " + out
	})
}

// pageHas waits until the page at path answers status and contains every string of want and
// none of notWant.
func (p *preview) pageHas(path string, status int, want []string, notWant ...string) {
	p.t.Helper()
	p.eventually(path, func() (bool, string) {
		code, body := p.get(path)
		if code != status {
			return false, "status " + http.StatusText(code)
		}
		for _, w := range want {
			if !strings.Contains(body, w) {
				return false, "without " + w
			}
		}
		for _, w := range notWant {
			if strings.Contains(body, w) {
				return false, "with " + w
			}
		}
		return true, ""
	})
}

var watchContent = map[string]string{
	"billing/_index.md": "---\ntitle: صورتحساب\n---\n",
	"billing/refund.md": "---\ntitle: بازگشت وجه\n---\nمهلت درخواست هفت روز است.\n",
	"billing/plans.md":  "---\ntitle: پلن‌ها\n---\nپلن ماهانه و سالانه.\n",
}

// TestWatchFollowsEdits edits, breaks and repairs an article, adds a folder, a draft and
// deletes a file; the page, the search index and the overlay follow each step.
func TestWatchFollowsEdits(t *testing.T) {
	p := startPreview(t, watchContent, false)
	const broken = "این فایل خطا دارد"

	m := p.mark()
	p.write("billing/refund.md", "---\ntitle: بازگشت پول\n---\nمهلت درخواست ده روز است و زرافه هم می‌داند.\n")
	p.pageHas("/articles/refund", 200, []string{"<title>بازگشت پول", "زرافه"})
	p.eventually("search finds the new word", func() (bool, string) {
		got := p.searchSlugs("زرافه")
		return len(got) == 1 && got[0] == "refund", strings.Join(got, ",")
	})
	p.reloaded(m, "1 parsed, 1 rendered", "1 re-indexed, 0 removed")

	m = p.mark()
	p.write("billing/refund.md", "---\ntitle: [بازگشت\n---\nنیمه‌کاره\n")
	p.pageHas("/articles/refund", 200, []string{"<title>بازگشت پول", "زرافه", broken, "invalid YAML"}, "نیمه‌کاره")
	if got := p.searchSlugs("زرافه"); len(got) != 1 {
		t.Errorf("while the file is broken, search finds %q; want the last good version", got)
	}
	p.eventually("the reloader reports the error", func() (bool, string) {
		return strings.Contains(p.out.String(), "billing/refund.md:3: front matter: invalid YAML"), "not reported"
	})
	p.reloaded(m, "1 parsed, 0 rendered", "0 re-indexed, 0 removed") // the last good version stays

	m = p.mark()
	p.write("billing/refund.md", "---\ntitle: بازگشت پول تعمیرشده\n---\nدرست شد.\n")
	p.pageHas("/articles/refund", 200, []string{"<title>بازگشت پول تعمیرشده", "درست شد"}, broken, "data-dev-overlay")
	p.reloaded(m, "1 parsed, 1 rendered", "1 re-indexed, 0 removed")
	if got := p.searchSlugs("زرافه"); len(got) != 0 {
		t.Errorf("after the repair, search finds the old text in %q", got)
	}

	p.write("orders/_index.md", "---\ntitle: سفارش‌ها\n---\n")
	p.write("orders/cancel.md", "---\ntitle: لغو سفارش\n---\nسفارش را لغو کنید.\n")
	p.write("orders/secret.md", "---\ntitle: پیش‌نویس\ndraft: true\n---\nهنوز نه.\n")
	p.pageHas("/articles/cancel", 200, []string{"<title>لغو سفارش"})
	if code, _ := p.get("/articles/secret"); code != http.StatusNotFound {
		t.Errorf("a draft without --drafts answers %d, want 404", code)
	}

	m = p.mark()
	if err := os.Remove(filepath.Join(p.content, "billing/plans.md")); err != nil {
		t.Fatal(err)
	}
	p.pageHas("/articles/plans", 404, nil)
	p.reloaded(m, "0 parsed, 0 rendered", "0 re-indexed, 1 removed")
	if got := p.searchSlugs("پلن ماهانه"); len(got) != 0 {
		t.Errorf("after its file is removed, search finds %q", got)
	}
	if strings.Contains(p.out.String(), "index rebuilt") {
		t.Errorf("a reload rebuilt the whole index:\n%s", p.out)
	}

	if _, err := p.first.DocCount(); err == nil {
		t.Error("the first index is still open after the reloads")
	}
}

func TestWatchShowsDrafts(t *testing.T) {
	p := startPreview(t, watchContent, true)
	p.write("billing/new.md", "---\ntitle: مقالهٔ تازه\ndraft: true\n---\nپیش‌نویس.\n")
	p.pageHas("/articles/new", 200, []string{"<title>مقالهٔ تازه"})
}

func TestParseServeWriterFlags(t *testing.T) {
	env, _, _ := testEnv(map[string]string{"KB_WATCH": "1", "KB_EDIT_URL": "https://git.example.com/e/{path}"})
	c, err := parseServeConfig(env, nil)
	if err != nil || !c.Writer.Watch || c.Writer.EditURL != "https://git.example.com/e/{path}" {
		t.Errorf("from the environment: %+v, %v", c.Writer, err)
	}
	if _, err := parseServeConfig(env, []string{"--edit-url", "https://git.example.com/no-placeholder"}); err == nil ||
		!strings.Contains(err.Error(), "bad --edit-url") {
		t.Errorf("an edit URL without {path}: %v", err)
	}
}
