// Package gitmeta dates content files and names their contributors from the git history, read in
// one `git log` pass over the content folder, with the file time as a fallback outside git.
package gitmeta

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Author is one person who changed a file, as git names them (after .mailmap).
type Author struct {
	Name    string
	Email   string
	Commits int // commits by this author that touched the file
}

// File is what the history says about one file.
type File struct {
	Updated      time.Time // author date of the last commit that changed it; the file time outside git
	Contributors []Author  // most commits first, then the earliest contributor first; nil outside git
}

// History is the git history of the files under one folder. It is immutable and safe for
// concurrent use. A History of a folder outside a git work tree (or without git installed)
// answers every file with its modification time.
type History struct {
	dir   string           // absolute folder the paths are relative to
	files map[string]*File // by slash path relative to dir
	head  string           // commit the history was read at; "" outside git
}

// GitRepo reports whether the history came from git.
func (h *History) GitRepo() bool { return h.head != "" }

// Len is the number of files git knows in the folder.
func (h *History) Len() int { return len(h.files) }

// File returns the history of the file at rel, a slash path relative to the folder. A file git
// does not know (new, untracked, or outside git) gets its modification time and no contributors;
// ok is false when the file does not exist either.
func (h *History) File(rel string) (f File, ok bool) {
	if gf, ok := h.files[rel]; ok {
		return *gf, true
	}
	st, err := os.Stat(filepath.Join(h.dir, filepath.FromSlash(rel)))
	if err != nil {
		return File{}, false
	}
	return File{Updated: st.ModTime()}, true
}

// Load reads the history of every file under dir. It runs `git rev-parse` and one `git log
// --name-only` over dir, whatever the number of files. A dir outside a git work tree, or a
// machine without git, gives a History that falls back to file times and no error; other git
// failures are errors.
func Load(ctx context.Context, dir string) (*History, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("gitmeta: %w", err)
	}
	h := &History{dir: abs, files: map[string]*File{}}
	head, prefix, err := repoInfo(ctx, abs)
	if errors.Is(err, errNoRepo) {
		return h, nil
	}
	if err != nil {
		return nil, err
	}
	if err := h.readLog(ctx, prefix); err != nil {
		return nil, err
	}
	h.head = head
	return h, nil
}

// errNoRepo means the folder is not in a git work tree, has no commit yet, or git is missing.
var errNoRepo = errors.New("gitmeta: not a git repository")

// repoInfo returns the commit HEAD points at and the path of dir inside the repository
// ("content/", or "" at the top).
func repoInfo(ctx context.Context, dir string) (head, prefix string, err error) {
	out, err := git(ctx, dir, "rev-parse", "--show-prefix")
	if err == nil {
		prefix = strings.TrimSpace(string(out))
		out, err = git(ctx, dir, "rev-parse", "--verify", "--quiet", "HEAD")
	}
	var ee *exec.ExitError
	if errors.Is(err, exec.ErrNotFound) || errors.As(err, &ee) {
		return "", "", errNoRepo // not a work tree, no commit yet, or no git
	}
	if err != nil {
		return "", "", err
	}
	return strings.TrimSpace(string(out)), prefix, nil
}

// Record separators of the log format: a commit starts with RS, its fields are split by US.
const (
	recordSep = "\x1e"
	fieldSep  = "\x1f"
	logFormat = "--format=" + recordSep + "%aN" + fieldSep + "%aE" + fieldSep + "%at"
)

// readLog runs git log over the folder and folds every commit into h.files, newest first.
func (h *History) readLog(ctx context.Context, prefix string) error {
	cmd := exec.CommandContext(ctx, "git", "-C", h.dir, "-c", "core.quotePath=false",
		"log", logFormat, "--name-only", "-z", "--no-renames", "--", ".")
	cmd.Env = gitEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("gitmeta: git log: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("gitmeta: git log: %w", err)
	}
	perr := h.parseLog(stdout, prefix)
	if perr != nil {
		_, _ = io.Copy(io.Discard, stdout) // let git finish writing before Wait
	}
	if err := cmd.Wait(); err != nil {
		return fmt.Errorf("gitmeta: git log: %w: %s", err, bytes.TrimSpace(stderr.Bytes()))
	}
	return perr
}

// maxPathBytes bounds one token of git's output (a path or a commit header): longer than any
// path a file system allows.
const maxPathBytes = 64 << 10

// parseLog reads `git log -z --name-only` output: each commit is RS name US email US time NUL,
// then a newline and the paths it changed, each ending in NUL.
func (h *History) parseLog(r io.Reader, prefix string) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxPathBytes)
	sc.Split(splitNUL)
	var cur Author
	var when time.Time
	authors := map[*File]map[string]int{} // file → author key → index in Contributors
	for sc.Scan() {
		tok := sc.Text()
		if strings.HasPrefix(tok, recordSep) {
			f := strings.Split(tok[len(recordSep):], fieldSep)
			if len(f) != 3 {
				return fmt.Errorf("gitmeta: unexpected git log line %q", tok)
			}
			sec, err := strconv.ParseInt(f[2], 10, 64)
			if err != nil {
				return fmt.Errorf("gitmeta: bad commit time %q", f[2])
			}
			cur, when = Author{Name: f[0], Email: f[1]}, time.Unix(sec, 0).UTC()
			continue
		}
		rel, ok := strings.CutPrefix(strings.TrimPrefix(tok, "\n"), prefix)
		if !ok || rel == "" {
			continue
		}
		h.add(rel, cur, when, authors)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("gitmeta: read git log: %w", err)
	}
	for _, f := range h.files {
		sortContributors(f.Contributors)
	}
	return nil
}

// add counts one commit of author a at when for the file rel. Commits come newest first, so
// the first one seen dates the file.
func (h *History) add(rel string, a Author, when time.Time, authors map[*File]map[string]int) {
	f := h.files[rel]
	if f == nil {
		f = &File{Updated: when}
		h.files[rel] = f
		authors[f] = map[string]int{}
	}
	key := strings.ToLower(a.Email)
	if key == "" {
		key = a.Name
	}
	if i, ok := authors[f][key]; ok {
		f.Contributors[i].Commits++
		return
	}
	authors[f][key] = len(f.Contributors)
	a.Commits = 1
	f.Contributors = append(f.Contributors, a)
}

// sortContributors orders by commits, most first; ties keep the order they were met in, the
// most recent contributor first.
func sortContributors(cs []Author) {
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Commits > cs[j].Commits })
}

func splitNUL(data []byte, atEOF bool) (advance int, token []byte, err error) {
	if i := bytes.IndexByte(data, 0); i >= 0 {
		return i + 1, data[:i], nil
	}
	if atEOF && len(data) > 0 {
		return len(data), data, nil
	}
	return 0, nil, nil
}

// git runs a git command in dir and returns its standard output.
func git(ctx context.Context, dir string, args ...string) ([]byte, error) {
	cmd := exec.CommandContext(ctx, "git", append([]string{"-C", dir}, args...)...)
	cmd.Env = gitEnv()
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("gitmeta: git %s: %w", args[0], err)
	}
	return out, nil
}

// gitEnv is the environment of git commands: the process's, without a pager or prompts.
func gitEnv() []string {
	return append(os.Environ(), "GIT_PAGER=cat", "GIT_TERMINAL_PROMPT=0", "LC_ALL=C")
}

// Cache keeps the History of one folder and reads the log again only when HEAD moves, so that
// a reload after every saved file costs one `git rev-parse`, not a walk over the history.
type Cache struct {
	dir string
	mu  sync.Mutex
	h   *History
}

// NewCache returns a cache of the history of dir.
func NewCache(dir string) *Cache { return &Cache{dir: dir} }

// History returns the history at the current HEAD, read again only if HEAD changed.
func (c *Cache) History(ctx context.Context) (*History, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.h != nil {
		abs, err := filepath.Abs(c.dir)
		if err != nil {
			return nil, fmt.Errorf("gitmeta: %w", err)
		}
		head, _, err := repoInfo(ctx, abs)
		if err == nil && head == c.h.head || errors.Is(err, errNoRepo) && !c.h.GitRepo() {
			return c.h, nil
		}
	}
	h, err := Load(ctx, c.dir)
	if err != nil {
		return nil, err
	}
	c.h = h
	return h, nil
}
