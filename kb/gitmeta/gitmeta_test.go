package gitmeta

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// repo is a git repository built by a test.
type repo struct {
	t   testing.TB
	dir string
}

// newRepo makes an empty repository, isolated from the user's and the system's git config.
func newRepo(t testing.TB) *repo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	isolateGit(t)
	r := &repo{t: t, dir: t.TempDir()}
	r.git(nil, "init", "-q", "-b", "main")
	return r
}

// isolateGit keeps tests away from the user's config and from any repository above the
// temporary folders.
func isolateGit(t testing.TB) {
	t.Setenv("GIT_CONFIG_GLOBAL", os.DevNull)
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(t.TempDir()))
}

func (r *repo) git(env []string, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.dir}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		r.t.Fatalf("git %s: %v: %s", strings.Join(args, " "), err, stderr.Bytes())
	}
	return string(out)
}

func (r *repo) write(rel, content string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

// commit commits everything as the author at the given date (committed a day later, so that a
// test can tell author and committer dates apart).
func (r *repo) commit(name, email, date string) {
	r.t.Helper()
	when, err := time.Parse(time.DateOnly, date)
	if err != nil {
		r.t.Fatal(err)
	}
	r.git(nil, "add", "-A")
	r.git([]string{
		"GIT_AUTHOR_NAME=" + name, "GIT_AUTHOR_EMAIL=" + email, "GIT_AUTHOR_DATE=" + when.Format(time.RFC3339),
		"GIT_COMMITTER_NAME=ci", "GIT_COMMITTER_EMAIL=ci@example.com",
		"GIT_COMMITTER_DATE=" + when.Add(24*time.Hour).Format(time.RFC3339),
	}, "commit", "-q", "--allow-empty", "-m", "change by "+name)
}

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestLoad(t *testing.T) {
	r := newRepo(t)
	r.write("README.md", "outside the content folder")
	r.write("content/billing/refund.md", "v1")
	r.write("content/billing/راهنمای پرداخت.md", "v1")
	r.write("content/old.md", "v1")
	r.commit("Alice", "alice@example.com", "2024-01-10")
	r.write("content/billing/refund.md", "v2")
	r.commit("Bob", "bob@example.com", "2024-02-20")
	r.write("content/billing/refund.md", "v3")
	r.write("README.md", "changed")
	r.commit("Alice", "ALICE@example.com", "2024-03-05") // same person: emails compare without case
	r.write("content/billing/refund.md", "v4")
	r.commit("Bob", "bob@example.com", "2024-04-01")
	r.write("content/billing/refund.md", "v5")
	r.commit("Carol", "carol@example.com", "2024-05-15")
	r.git(nil, "mv", "content/old.md", "content/new.md")
	r.commit("Dara", "dara@example.com", "2024-06-01")
	r.write("content/untracked.md", "new")

	h, err := Load(context.Background(), filepath.Join(r.dir, "content"))
	if err != nil {
		t.Fatal(err)
	}
	if !h.GitRepo() || h.Len() != 4 {
		t.Errorf("GitRepo %v, %d files; want a repository with 4 files (old and new name of the moved one)", h.GitRepo(), h.Len())
	}
	tests := []struct {
		rel          string
		updated      time.Time
		contributors []Author
	}{
		{"billing/refund.md", day("2024-05-15"), []Author{
			{"Bob", "bob@example.com", 2},
			{"Alice", "ALICE@example.com", 2}, // named as in their latest commit
			{"Carol", "carol@example.com", 1},
		}},
		{"billing/راهنمای پرداخت.md", day("2024-01-10"), []Author{{"Alice", "alice@example.com", 1}}},
		{"new.md", day("2024-06-01"), []Author{{"Dara", "dara@example.com", 1}}},
	}
	for _, tt := range tests {
		t.Run(tt.rel, func(t *testing.T) {
			f, ok := h.File(tt.rel)
			if !ok {
				t.Fatal("not found")
			}
			if !f.Updated.Equal(tt.updated) {
				t.Errorf("Updated %v, want the author date %v", f.Updated, tt.updated)
			}
			if !reflect.DeepEqual(f.Contributors, tt.contributors) {
				t.Errorf("Contributors %+v, want %+v", f.Contributors, tt.contributors)
			}
		})
	}
	t.Run("untracked file falls back to its file time", func(t *testing.T) {
		mtime := day("2023-12-31")
		if err := os.Chtimes(filepath.Join(r.dir, "content/untracked.md"), mtime, mtime); err != nil {
			t.Fatal(err)
		}
		f, ok := h.File("untracked.md")
		if !ok || !f.Updated.Equal(mtime) || f.Contributors != nil {
			t.Errorf("File = %+v, %v; want the file time %v and no contributors", f, ok, mtime)
		}
	})
	t.Run("outside the folder", func(t *testing.T) {
		if f, ok := h.File("../README.md"); ok && f.Contributors != nil {
			t.Errorf("README.md outside the folder has git history %+v", f)
		}
		if _, ok := h.File("missing.md"); ok {
			t.Error("a missing file was found")
		}
	})
}

func TestLoadOutsideGit(t *testing.T) {
	isolateGit(t)
	tests := []struct {
		name string
		init bool // git init, but no commit
	}{
		{"no repository", false},
		{"repository without commits", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if tt.init {
				if out, err := exec.Command("git", "-C", dir, "init", "-q").CombinedOutput(); err != nil {
					t.Fatalf("git init: %v %s", err, out)
				}
			}
			p := filepath.Join(dir, "a.md")
			if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
			mtime := day("2022-02-02")
			if err := os.Chtimes(p, mtime, mtime); err != nil {
				t.Fatal(err)
			}
			h, err := Load(context.Background(), dir)
			if err != nil {
				t.Fatal(err)
			}
			f, ok := h.File("a.md")
			if h.GitRepo() || !ok || !f.Updated.Equal(mtime) {
				t.Errorf("GitRepo %v, File %+v %v; want the file time %v", h.GitRepo(), f, ok, mtime)
			}
		})
	}
}

func TestCache(t *testing.T) {
	r := newRepo(t)
	r.write("content/a.md", "1")
	r.commit("Alice", "alice@example.com", "2024-01-01")
	c := NewCache(filepath.Join(r.dir, "content"))
	ctx := context.Background()
	h1, err := c.History(ctx)
	if err != nil {
		t.Fatal(err)
	}
	h2, err := c.History(ctx)
	if err != nil || h2 != h1 {
		t.Fatalf("second History = %p, %v; want the cached %p", h2, err, h1)
	}
	r.write("content/a.md", "2")
	r.commit("Bob", "bob@example.com", "2024-02-02")
	h3, err := c.History(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if f, _ := h3.File("a.md"); h3 == h1 || !f.Updated.Equal(day("2024-02-02")) {
		t.Errorf("after a commit: same history %v, updated %v", h3 == h1, f.Updated)
	}
}

func TestParseLog(t *testing.T) {
	out := "\x1eAlice\x1fa@x\x1f1700000000\x00\ncontent/a.md\x00content/b b.md\x00" +
		"\x1eBob\x1f\x1f1600000000\x00\ncontent/a.md\x00other/c.md\x00"
	h := &History{files: map[string]*File{}}
	if err := h.parseLog(strings.NewReader(out), "content/"); err != nil {
		t.Fatal(err)
	}
	a := h.files["a.md"]
	if a == nil || !a.Updated.Equal(time.Unix(1700000000, 0)) || len(a.Contributors) != 2 || a.Contributors[1].Name != "Bob" {
		t.Errorf("a.md = %+v", a)
	}
	if h.files["b b.md"] == nil || h.files["c.md"] != nil || len(h.files) != 2 {
		t.Errorf("files %v; want a.md and b b.md only", h.files)
	}
	if err := h.parseLog(strings.NewReader("\x1ebroken\x00"), ""); err == nil {
		t.Error("a malformed header was accepted")
	}
}

// benchFiles is the size of the generated help center: the issue asks for speed at 5,000 articles.
const benchFiles = 5000

// BenchmarkLoad reads the history of a repository of benchFiles files and twice as many file
// changes over 1,000 commits by 20 authors, built with git fast-import.
func BenchmarkLoad(b *testing.B) {
	r := newRepo(b)
	var in bytes.Buffer
	const commits = 1000
	for c := range commits {
		when := day("2020-01-01").Add(time.Duration(c) * time.Hour).Unix()
		fmt.Fprintf(&in, "commit refs/heads/main\nauthor Writer %d <w%d@example.com> %d +0330\n", c%20, c%20, when)
		fmt.Fprintf(&in, "committer CI <ci@example.com> %d +0000\ndata 7\nchange\n", when)
		for k := range 2 * benchFiles / commits {
			n := (c*2*benchFiles/commits + k) % benchFiles
			body := fmt.Sprintf("# مقاله %d نسخه %d\n", n, c)
			fmt.Fprintf(&in, "M 100644 inline content/cat%d/article-%d.md\ndata %d\n%s\n", n%10, n, len(body), body)
		}
	}
	cmd := exec.Command("git", "-C", r.dir, "fast-import", "--quiet")
	cmd.Stdin = &in
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("fast-import: %v %s", err, out)
	}
	content := filepath.Join(r.dir, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		b.Fatal(err)
	}
	var h *History
	for b.Loop() {
		var err error
		if h, err = Load(context.Background(), content); err != nil {
			b.Fatal(err)
		}
	}
	if h.Len() != benchFiles {
		b.Fatalf("%d files in the history, want %d", h.Len(), benchFiles)
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N*benchFiles), "µs/file")
}
