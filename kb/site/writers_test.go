package site

import (
	"bufio"
	"context"
	"encoding/xml"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"persiankb/kb"
	"persiankb/kb/gitmeta"
	"persiankb/search"
)

// writersContent has a public article dated by git, one dated by its front matter, a draft, an
// internal article and titles that try to inject markup.
var writersContent = map[string]string{
	"billing/_index.md":      "---\ntitle: صورتحساب <b>\n---\n",
	"billing/refund.md":      "---\ntitle: بازگشت وجه\nsummary: پول شما <script>alert(1)</script>\n---\nمتن بازگشت وجه.\n",
	"billing/plans.md":       "---\ntitle: پلن‌ها & \"قیمت\"\nupdated: 2023-06-01\n---\nمتن پلن‌ها.\n",
	"billing/draft.md":       "---\ntitle: پیش‌نویس مخفی\ndraft: true\n---\nمتن.\n",
	"billing/internal.md":    "---\ntitle: راهنمای داخلی مخفی\naudience: internal\n---\nمتن.\n",
	"account/_index.md":      "---\ntitle: حساب\n---\n",
	"account/رمز عبور.md":    "---\ntitle: تغییر رمز\n---\nمتن رمز.\n",
	"account/untracked.md":   "---\ntitle: بدون تاریخچه\n---\nمتن.\n",
	"account/images/one.png": "PNG",
}

// writersRepo writes writersContent into a git repository under content/ and commits it as two
// authors, except account/untracked.md. It returns the content folder.
func writersRepo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	root := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(root))
	content := filepath.Join(root, "content")
	write := func(rel, body string) {
		p := filepath.Join(content, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git := func(env []string, args ...string) {
		cmd := exec.Command("git", append([]string{"-C", root}, args...)...)
		cmd.Env = append(os.Environ(), env...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v %s", args, err, out)
		}
	}
	commit := func(name, date string) {
		git(nil, "add", "-A")
		git([]string{"GIT_AUTHOR_NAME=" + name, "GIT_AUTHOR_EMAIL=" + strings.Fields(name)[0] + "@example.com", "GIT_AUTHOR_DATE=" + date,
			"GIT_COMMITTER_NAME=ci", "GIT_COMMITTER_EMAIL=ci@example.com", "GIT_COMMITTER_DATE=" + date}, "commit", "-q", "-m", "x")
	}
	git(nil, "init", "-q")
	for rel, body := range writersContent {
		if rel != "account/untracked.md" {
			write(rel, body)
		}
	}
	commit(`Sara & "Co" Ltd`, "2024-03-19T22:00:00Z") // 20 March in Tehran: 1 Farvardin 1403
	write("billing/refund.md", writersContent["billing/refund.md"]+"\nبیشتر.\n")
	commit("Reza", "2024-04-01T10:00:00Z") // 13 Farvardin 1403
	write("account/untracked.md", writersContent["account/untracked.md"])
	mtime := time.Date(2025, 1, 1, 12, 0, 0, 0, time.UTC) // 12 Dey 1403
	if err := os.Chtimes(filepath.Join(content, "account/untracked.md"), mtime, mtime); err != nil {
		t.Fatal(err)
	}
	return content
}

// newWritersServer loads content into a server with git history, an edit URL and, if live,
// live preview. The searcher finds nothing.
func newWritersServer(t *testing.T, content string, live bool) *Server {
	t.Helper()
	lib, err := kb.Load(content, kb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	hist, err := gitmeta.Load(context.Background(), content)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{BaseURL: testBaseURL, Live: live, EditURL: "https://git.example.com/help/edit/main/content/{path}"},
		&State{Library: lib, Search: &fakeSearcher{}, History: hist}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

func TestDiscoveryFiles(t *testing.T) {
	srv := newWritersServer(t, writersRepo(t), false)
	h := srv.Handler()
	hidden := []string{"draft", "internal", "پیش‌نویس مخفی", "راهنمای داخلی مخفی", "<script>", "<b>"}

	t.Run("sitemap", func(t *testing.T) {
		rec := do(h, http.MethodGet, SitemapPath)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/xml; charset=utf-8" {
			t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
		}
		var set sitemapURLSet
		if err := xml.Unmarshal(rec.Body.Bytes(), &set); err != nil {
			t.Fatalf("invalid XML: %v\n%s", err, rec.Body)
		}
		got := map[string]string{}
		for _, u := range set.URLs {
			got[strings.TrimPrefix(u.Loc, testBaseURL)] = u.LastMod
		}
		want := map[string]string{
			"/":                   "2025-01-01T12:00:00Z",
			"/categories/account": "2025-01-01T12:00:00Z",
			"/categories/billing": "2024-04-01T10:00:00Z",
			"/articles/refund":    "2024-04-01T10:00:00Z", // the last commit
			"/articles/plans":     "2023-06-01T00:00:00Z", // front matter wins over git
			"/articles/" + "%D8%B1%D9%85%D8%B2-%D8%B9%D8%A8%D9%88%D8%B1": "2024-03-19T22:00:00Z",
			"/articles/untracked": "2025-01-01T12:00:00Z", // not committed: the file time
		}
		if !mapsEqual(got, want) {
			t.Errorf("sitemap URLs:\n got %v\nwant %v", got, want)
		}
		assertAbsent(t, rec.Body.String(), hidden)
	})

	t.Run("feed", func(t *testing.T) {
		rec := do(h, http.MethodGet, FeedPath)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/atom+xml; charset=utf-8" {
			t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
		}
		var f atomFeed
		if err := xml.Unmarshal(rec.Body.Bytes(), &f); err != nil {
			t.Fatalf("invalid XML: %v\n%s", err, rec.Body)
		}
		var titles []string
		for _, e := range f.Entries {
			titles = append(titles, e.Title)
		}
		wantTitles := []string{"بدون تاریخچه", "بازگشت وجه", "تغییر رمز", `پلن‌ها & "قیمت"`} // newest first
		if !slices.Equal(titles, wantTitles) || f.Updated != "2025-01-01T12:00:00Z" || f.Lang != "fa" {
			t.Errorf("feed: titles %q updated %s lang %q; want %q", titles, f.Updated, f.Lang, wantTitles)
		}
		refund := f.Entries[1]
		if refund.ID != testBaseURL+"/articles/refund" || len(refund.Authors) != 2 || refund.Authors[0].Name != "Reza" ||
			refund.Summary != "پول شما <script>alert(1)</script>" || refund.Category.Label != "صورتحساب <b>" {
			t.Errorf("refund entry %+v", refund)
		}
		assertAbsent(t, rec.Body.String(), hidden)
	})

	t.Run("opensearch", func(t *testing.T) {
		rec := do(h, http.MethodGet, OpenSearchPath)
		if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/opensearchdescription+xml; charset=utf-8" {
			t.Fatalf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
		}
		var d openSearchDescription
		if err := xml.Unmarshal(rec.Body.Bytes(), &d); err != nil {
			t.Fatalf("invalid XML: %v\n%s", err, rec.Body)
		}
		if d.ShortName != DefaultSiteName || d.URLs[0].Template != testBaseURL+"/search?q={searchTerms}" ||
			!strings.HasPrefix(d.Image.URL, testBaseURL+"/static/") {
			t.Errorf("description %+v", d)
		}
	})

	t.Run("layout links them", func(t *testing.T) {
		body := do(h, http.MethodGet, "/").Body.String()
		for _, want := range []string{
			`<link rel="search" type="application/opensearchdescription+xml" href="/opensearch.xml" title="مرکز راهنما">`,
			`<link rel="alternate" type="application/atom+xml" href="/feed.atom" title="مرکز راهنما">`,
		} {
			if !strings.Contains(body, want) {
				t.Errorf("home page lacks %s", want)
			}
		}
		if strings.Contains(body, "live.js") || strings.Contains(body, "dev.css") {
			t.Error("live preview files outside live preview")
		}
	})

	t.Run("without base URL", func(t *testing.T) {
		bare, err := New(Config{}, &State{Library: kb.NewLibrary("/c", nil, nil, nil), Search: &fakeSearcher{}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{SitemapPath, FeedPath, OpenSearchPath} {
			if rec := do(bare.Handler(), http.MethodGet, p); rec.Code != http.StatusNotFound {
				t.Errorf("%s without a base URL: %d, want 404", p, rec.Code)
			}
		}
	})
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func assertAbsent(t *testing.T, body string, bad []string) {
	t.Helper()
	for _, s := range bad {
		if strings.Contains(body, s) {
			t.Errorf("body contains %q", s)
		}
	}
}

func TestArticleMeta(t *testing.T) {
	content := writersRepo(t)
	srv := newWritersServer(t, content, false)
	tests := []struct {
		path    string
		want    []string
		notWant []string
	}{
		{"/articles/refund", []string{
			`آخرین به‌روزرسانی: <time datetime="2024-04-01">۱۳ فروردین ۱۴۰۳</time>`,
			`نویسندگان: <bdi>Reza</bdi>، <bdi>Sara &amp; &#34;Co&#34; Ltd</bdi>`,
			`<a class="edit-link" href="https://git.example.com/help/edit/main/content/billing/refund.md" rel="nofollow">ویرایش این صفحه</a>`,
			`<meta property="article:modified_time" content="2024-04-01T10:00:00Z">`,
		}, []string{`Sara & "Co" Ltd`, "data-dev-overlay"}},
		{"/articles/" + "%D8%B1%D9%85%D8%B2-%D8%B9%D8%A8%D9%88%D8%B1", []string{
			`<time datetime="2024-03-20">۱ فروردین ۱۴۰۳</time>`, // 22:00 UTC is the next day in Tehran
			`href="https://git.example.com/help/edit/main/content/account/%D8%B1%D9%85%D8%B2%20%D8%B9%D8%A8%D9%88%D8%B1.md"`,
		}, nil},
		{"/articles/plans", []string{`<time datetime="2023-06-01">۱۱ خرداد ۱۴۰۲</time>`}, nil},
		{"/articles/untracked", []string{`<time datetime="2025-01-01">۱۲ دی ۱۴۰۳</time>`}, []string{"نویسندگان"}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			rec := do(srv.Handler(), http.MethodGet, tt.path)
			body := rec.Body.String()
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("page lacks %s", w)
				}
			}
			assertAbsent(t, body, tt.notWant)
		})
	}
}

func TestEditURL(t *testing.T) {
	tests := []struct {
		pattern, rel, want string
		bad                bool
	}{
		{"https://git.example.com/edit/main/content/{path}", "billing/refund.md", "https://git.example.com/edit/main/content/billing/refund.md", false},
		{"https://git.example.com/e/{path}?plain=1", "a/ب ?#.md", "https://git.example.com/e/a/%D8%A8%20%3F%23.md?plain=1", false},
		{"", "a.md", "", false},
		{"javascript:alert(1)//{path}", "a.md", "", true},
		{"https://git.example.com/edit/", "a.md", "", true},
	}
	for _, tt := range tests {
		err := CheckEditURL(tt.pattern)
		if (err != nil) != tt.bad {
			t.Errorf("CheckEditURL(%q) = %v, want error %v", tt.pattern, err, tt.bad)
		}
		if !tt.bad {
			if got := EditURL(tt.pattern, tt.rel); got != tt.want {
				t.Errorf("EditURL(%q, %q) = %q, want %q", tt.pattern, tt.rel, got, tt.want)
			}
		}
	}
	if _, err := New(Config{EditURL: "ftp://x/{path}"}, nil, nil); err == nil {
		t.Error("New accepted an ftp edit URL")
	}
}

// TestLivePreview checks the overlay and the reload stream: a stream gets the generation when it
// opens and a new one after Replace.
func TestLivePreview(t *testing.T) {
	content := writersRepo(t)
	// A broken link is a warning: the page shows it in the overlay in live preview only.
	p := filepath.Join(content, "billing/refund.md")
	if err := os.WriteFile(p, []byte("---\ntitle: بازگشت وجه\n---\n[x](missing.md)\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	srv := newWritersServer(t, content, true)
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()

	body := get(t, ts.URL+"/articles/refund")
	for _, w := range []string{
		`<script src="/static/js/live.`, `<link rel="stylesheet" href="/static/css/dev.`, "data-dev-overlay",
		`هشدارهای این فایل`, `<code>billing/refund.md:4</code> <bdi dir="ltr">link to missing article billing/missing.md</bdi>`,
	} {
		if !strings.Contains(body, w) {
			t.Errorf("live article page lacks %s", w)
		}
	}
	if other := get(t, ts.URL+"/articles/plans"); strings.Contains(other, "data-dev-overlay") {
		t.Error("an article without problems shows the overlay")
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, ts.URL+LivePath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream; charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
	events := sseEvents(resp)
	first := <-events
	old, err := srv.Replace(ctx, &State{Library: srv.state.Load().Library, Search: &fakeSearcher{}})
	if err != nil || old == nil {
		t.Fatalf("Replace = %v, %v", old, err)
	}
	if second := <-events; second == first || !strings.HasPrefix(second, strings.Split(first, "-")[0]+"-") {
		t.Errorf("generations %q then %q: want a new one from the same server", first, second)
	}
	srv.CloseLive()
	for range events { // the stream ends: the channel closes at the end of the body
	}
	if rec := do(srv.Handler(), http.MethodGet, LivePath); rec.Code != http.StatusServiceUnavailable {
		t.Errorf("a stream after CloseLive: %d, want 503", rec.Code)
	}
}

// get fetches url and returns the body.
func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var b strings.Builder
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		b.WriteString(sc.Text())
		b.WriteByte('\n')
	}
	return b.String()
}

// sseEvents sends the data of each "state" event of the stream.
func sseEvents(resp *http.Response) <-chan string {
	ch := make(chan string)
	go func() {
		defer close(ch)
		sc := bufio.NewScanner(resp.Body)
		event := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && event == "state":
				ch <- strings.TrimPrefix(line, "data: ")
			}
		}
	}()
	return ch
}

// blockingSearcher blocks every search until release is closed, and logs when it returns.
type blockingSearcher struct {
	started chan struct{}
	release chan struct{}
	log     *eventLog
}

func (b *blockingSearcher) Search(ctx context.Context, req search.Request) (*search.Result, error) {
	close(b.started)
	<-b.release
	b.log.add("search returned")
	return &search.Result{Query: req.Query, Page: 1}, nil
}

type eventLog struct {
	mu     sync.Mutex
	events []string
}

func (l *eventLog) add(e string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.events = append(l.events, e)
}

// TestReplaceWaitsForRequests shows that Replace returns the old state only after the requests
// that use it have finished, so that closing its index never breaks a request.
func TestReplaceWaitsForRequests(t *testing.T) {
	var log eventLog
	slow := &blockingSearcher{started: make(chan struct{}), release: make(chan struct{}), log: &log}
	lib := testLibrary()
	srv, err := New(Config{}, &State{Library: lib, Search: slow}, nil)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan int)
	go func() { done <- do(srv.Handler(), http.MethodGet, "/api/search?q=x").Code }()
	<-slow.started
	next := &State{Library: lib, Search: &fakeSearcher{}}
	replaced := make(chan *State)
	go func() {
		old, err := srv.Replace(context.Background(), next)
		if err != nil {
			t.Error(err)
		}
		log.add("replaced")
		replaced <- old
	}()
	for srv.state.Load() != next { // Replace has swapped; it now waits for the request
		time.Sleep(time.Millisecond)
	}
	if rec := do(srv.Handler(), http.MethodGet, "/api/search?q=y"); rec.Code != http.StatusOK {
		t.Errorf("a request during the drain: %d", rec.Code)
	}
	close(slow.release)
	if code := <-done; code != http.StatusOK {
		t.Errorf("the slow request: %d", code)
	}
	if old := <-replaced; old == nil || old.Search != slow {
		t.Errorf("Replace returned %v, want the old state", old)
	}
	if want := []string{"search returned", "replaced"}; !slices.Equal(log.events, want) {
		t.Errorf("events %q, want %q", log.events, want)
	}
}

// TestDraftPreview serves a draft at its URL only with Config.Drafts, never indexed by robots
// and never listed.
func TestDraftPreview(t *testing.T) {
	for _, drafts := range []bool{false, true} {
		srv, err := New(Config{Drafts: drafts}, &State{Library: testLibrary(), Search: &fakeSearcher{}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		rec := do(srv.Handler(), http.MethodGet, "/articles/draft-article")
		switch {
		case !drafts && rec.Code != http.StatusNotFound:
			t.Errorf("without drafts: %d, want 404", rec.Code)
		case drafts && (rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `<meta name="robots" content="noindex">`)):
			t.Errorf("with drafts: %d, want 200 with noindex", rec.Code)
		}
		if body := do(srv.Handler(), http.MethodGet, "/categories/account").Body.String(); strings.Contains(body, "draft-article") {
			t.Errorf("drafts %v: the category page lists the draft", drafts)
		}
		if rec := do(srv.Handler(), http.MethodGet, "/articles/escalation"); rec.Code != http.StatusNotFound {
			t.Errorf("drafts %v: an internal article answers %d", drafts, rec.Code)
		}
	}
}
