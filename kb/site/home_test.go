package site

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"persiankb/kb"
	"persiankb/kb/events"
	"persiankb/kb/stats"
	"persiankb/kb/store"
)

// TestHomePopular serves the home page over the whole router with the metrics' roll-ups in a
// real SQLite file: the most viewed public articles come first, drafts and internal articles
// never, an article title is escaped, and without data the display order stands in.
func TestHomePopular(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	writeContent(t, dir)
	xss := "---\ntitle: <script>alert(1)</script> راهنما\nslug: xss-title\n---\nمتن.\n"
	if err := os.WriteFile(filepath.Join(dir, "billing", "xss.md"), []byte(xss), 0o644); err != nil {
		t.Fatal(err)
	}
	lib, err := kb.Load(dir, kb.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := &State{Library: lib, Search: &fakeSearcher{}}

	s, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	now := time.Now()
	var evs []store.Event
	for slug, n := range map[string]int{"xss-title": 5, "invoice": 3, "escalation": 50, "draft-article": 40, "old-escalation": 30} {
		for i := range n {
			v := events.Visit{SessionID: events.NewSessionID()}
			evs = append(evs, v.ArticleView(now.Add(-time.Duration(i+1)*time.Hour), slug, store.SourceDirect))
		}
	}
	if err := s.InsertEvents(ctx, evs); err != nil {
		t.Fatal(err)
	}
	r, err := stats.NewRoller(s, stats.RollerConfig{Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.RollUp(ctx, now); err != nil {
		t.Fatal(err)
	}

	closed, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), "closed.db"))
	if err != nil {
		t.Fatal(err)
	}
	closed.Close() // every read fails

	tests := []struct {
		name      string
		stats     StatsSource
		want, not []string
	}{
		{"views from the roll-ups", s, []string{
			"مقاله‌های پرطرفدار",
			`<a class="article-link" href="/articles/xss-title">&lt;script&gt;alert(1)&lt;/script&gt; راهنما</a>`,
		}, []string{"<script>alert", `href="/articles/escalation"`, `href="/articles/draft-article"`}},
		{"no metrics: display order", nil, []string{"مقاله‌های پرطرفدار"}, []string{`href="/articles/escalation"`}},
		{"store failing: display order, no error", closed, []string{"مقاله‌های پرطرفدار"}, []string{`href="/articles/escalation"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newStaffServer(t, st, Config{Stats: tt.stats, StatsZone: time.UTC})
			rec := staffRequest{target: "/", ip: "203.0.113.7"}.send(srv.Handler())
			body := rec.Body.String()
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			popular := htmlSection(t, body, `id="popular-title"`)
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("home page lacks %q\n%s", w, popular)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(body, n) {
					t.Errorf("home page has %q\n%s", n, popular)
				}
			}
			first := popularArticles(lib, nil, 1)[0].URL() // display order
			withViews := tt.stats == StatsSource(s)
			if withViews {
				first = "/articles/xss-title" // 5 views, then invoice with 3
			}
			if links := strings.Split(popular, `class="article-link" href="`); len(links) < 3 ||
				!strings.HasPrefix(links[1], first+`"`) {
				t.Errorf("popular articles do not start with %s:\n%s", first, popular)
			} else if withViews && !strings.HasPrefix(links[2], `/articles/invoice"`) {
				t.Errorf("second popular article is not invoice:\n%s", popular)
			}
		})
	}
}

// htmlSection is the HTML of the <section> holding marker.
func htmlSection(t *testing.T, body, marker string) string {
	t.Helper()
	i := strings.Index(body, marker)
	if i < 0 {
		t.Fatalf("no %s in the page", marker)
	}
	start := strings.LastIndex(body[:i], "<section")
	end := strings.Index(body[i:], "</section>")
	return body[start : i+end]
}
