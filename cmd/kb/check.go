package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"persiankb/kb"
)

// checkConfig is the configuration of `kb check`.
type checkConfig struct {
	Content string
	Drafts  bool
	Format  string // "text" or "github"
	Strict  bool   // warnings fail the check too
	Fix     bool   // apply the safe typography fixes first
}

// Output formats of kb check.
const (
	formatText   = "text"
	formatGitHub = "github"
)

func parseCheckConfig(env *cliEnv, args []string) (checkConfig, error) {
	var c checkConfig
	fs := newFlagSet(env, "check", "")
	fs.StringVar(&c.Content, "content", envOr(env, "KB_CONTENT", "./content"), "content folder of Markdown articles (KB_CONTENT)")
	fs.BoolVar(&c.Drafts, "drafts", envBool(env, "KB_DRAFTS"), "check drafts as if published (KB_DRAFTS)")
	fs.StringVar(&c.Format, "format", formatText, "output: text, or github for GitHub Actions annotations")
	fs.BoolVar(&c.Strict, "strict", false, "fail on warnings too")
	fs.BoolVar(&c.Fix, "fix", false, "apply the safe typography fixes to the files, then check")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	switch {
	case fs.NArg() > 0:
		return c, usagef("unexpected argument %q", fs.Arg(0))
	case c.Content == "":
		return c, usagef("--content must not be empty")
	case c.Format != formatText && c.Format != formatGitHub:
		return c, usagef("unknown --format %q (want %s or %s)", c.Format, formatText, formatGitHub)
	}
	return c, nil
}

// errCheckFailed is returned when the check found errors (or warnings, with --strict): the
// command exits with status 1.
var errCheckFailed = errors.New("check failed")

func runCheck(_ context.Context, env *cliEnv, args []string) error {
	c, err := parseCheckConfig(env, args)
	if err != nil {
		return err
	}
	if c.Fix {
		fixed, err := kb.Fix(c.Content)
		for _, f := range fixed {
			fmt.Fprintf(env.stderr, "fixed %d in %s\n", f.Fixes, contentPath(c.Content, f.Path))
		}
		if err != nil {
			return err
		}
	}
	r, err := kb.Check(c.Content, kb.CheckOptions{Drafts: c.Drafts})
	if err != nil {
		return err
	}
	writeProblems(env.stdout, c, r.Problems)
	fmt.Fprintln(env.stdout, checkSummary(r))
	if r.Errors() > 0 || c.Strict && r.Warnings() > 0 {
		return errCheckFailed
	}
	return nil
}

// writeProblems prints each problem as "path:line: error: message" or as a GitHub Actions
// annotation ("::error file=path,line=N::message").
func writeProblems(w io.Writer, c checkConfig, ps []kb.Problem) {
	for _, p := range ps {
		level := "error"
		if p.Warning {
			level = "warning"
		}
		name := contentPath(c.Content, p.Path)
		switch {
		case c.Format == formatGitHub && p.Line > 0:
			fmt.Fprintf(w, "::%s file=%s,line=%d::%s\n", level, ghProperty(name), p.Line, ghData(p.Message))
		case c.Format == formatGitHub:
			fmt.Fprintf(w, "::%s file=%s::%s\n", level, ghProperty(name), ghData(p.Message))
		case p.Line > 0:
			fmt.Fprintf(w, "%s:%d: %s: %s\n", name, p.Line, level, p.Message)
		default:
			fmt.Fprintf(w, "%s: %s: %s\n", name, level, p.Message)
		}
	}
}

// checkSummary is the last line of kb check's output.
func checkSummary(r *kb.Report) string {
	s := fmt.Sprintf("%d files checked: %s, %s", r.Files, plural(r.Errors(), "error"), plural(r.Warnings(), "warning"))
	if r.Fixable > 0 {
		s += fmt.Sprintf("; kb check --fix would make %s", plural(r.Fixable, "typography fix"))
	}
	return s
}

func plural(n int, noun string) string {
	switch {
	case n == 1:
		return "1 " + noun
	case strings.HasSuffix(noun, "x"):
		return fmt.Sprintf("%d %ses", n, noun)
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// contentPath is a content-relative slash path joined to the content folder, as a repository
// path for editors and CI ("./content" + "a/b.md" → "content/a/b.md").
func contentPath(content, rel string) string {
	return filepath.ToSlash(filepath.Join(content, filepath.FromSlash(rel)))
}

// GitHub workflow commands escape '%', CR and LF in messages, and ':' and ',' in properties too.
var (
	ghDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	ghPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

func ghData(s string) string     { return ghDataEscaper.Replace(s) }
func ghProperty(s string) string { return ghPropertyEscaper.Replace(s) }
