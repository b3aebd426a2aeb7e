package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFiles writes files (slash paths → contents) under dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for rel, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// checkContent is a content folder with one error, one fixable warning, one suggestion and one
// folder-level error (no line).
var checkContent = map[string]string{
	"billing/_index.md":    "---\ntitle: صورتحساب\n---\n",
	"billing/refund.md":    "---\ntitle: بازگشت وجه\n---\nچطور پول برمی گردد?\n\n[قیمت](prices.md)\n",
	"billing/days.md":      "---\ntitle: مهلت\n---\nبین ۲ تا 5 روز\n",
	"orders/no-index.md":   "---\ntitle: سفارش\n---\nمتن\n",
	"billing/images/a.png": "PNG",
}

func TestCheckOutput(t *testing.T) {
	tests := []struct {
		name     string
		files    map[string]string
		args     []string
		wantCode int
		wantOut  string
	}{
		{"text", checkContent, nil, 1, `
billing/days.md:4: warning: Latin digits in text that uses Persian digits: "5" → "۵" (not fixed by --fix: check it)
billing/refund.md:4: warning: Latin question mark after Persian text: "گردد?" → "گردد؟"
billing/refund.md:6: error: link to missing article billing/prices.md
orders/_index.md: error: category folder "orders" has no _index.md: add one with the category's title
4 files checked: 2 errors, 2 warnings; kb check --fix would make 1 typography fix
`},
		{"github", checkContent, []string{"--format", "github"}, 1, `
::warning file=billing/days.md,line=4::Latin digits in text that uses Persian digits: "5" → "۵" (not fixed by --fix: check it)
::warning file=billing/refund.md,line=4::Latin question mark after Persian text: "گردد?" → "گردد؟"
::error file=billing/refund.md,line=6::link to missing article billing/prices.md
::error file=orders/_index.md::category folder "orders" has no _index.md: add one with the category's title
4 files checked: 2 errors, 2 warnings; kb check --fix would make 1 typography fix
`},
		{"warnings pass", map[string]string{"a/_index.md": "# الف\n", "a/b.md": "# ب\n\nچرا?\n"}, nil, 0, `
a/b.md:3: warning: Latin question mark after Persian text: "چرا?" → "چرا؟"
2 files checked: 0 errors, 1 warning; kb check --fix would make 1 typography fix
`},
		{"strict fails on warnings", map[string]string{"a/_index.md": "# الف\n", "a/b.md": "# ب\n\nچرا?\n"}, []string{"--strict"}, 1, `
a/b.md:3: warning: Latin question mark after Persian text: "چرا?" → "چرا؟"
2 files checked: 0 errors, 1 warning; kb check --fix would make 1 typography fix
`},
		{"fix", map[string]string{"a/_index.md": "# الف\n", "a/b.md": "# ب\n\nچرا?\n"}, []string{"--fix", "--strict"}, 0, `
2 files checked: 0 errors, 0 warnings
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			writeFiles(t, dir, tt.files)
			t.Chdir(dir) // paths in the output are relative, as in CI
			env, out, errb := testEnv(nil)
			code := run(append([]string{"check", "--content", "."}, tt.args...), env.getenv, env.stdout, env.stderr)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d (stderr %q)", code, tt.wantCode, errb)
			}
			if got := out.String(); got != strings.TrimPrefix(tt.wantOut, "\n") {
				t.Errorf("output:\n%s\nwant:\n%s", got, strings.TrimPrefix(tt.wantOut, "\n"))
			}
		})
	}
}

func TestGitHubEscaping(t *testing.T) {
	if got, want := ghData("50% done\nnext\r"), "50%25 done%0Anext%0D"; got != want {
		t.Errorf("ghData = %q, want %q", got, want)
	}
	if got, want := ghProperty("a,b:c%.md"), "a%2Cb%3Ac%25.md"; got != want {
		t.Errorf("ghProperty = %q, want %q", got, want)
	}
}

func TestParseCheckConfig(t *testing.T) {
	env, _, _ := testEnv(map[string]string{"KB_CONTENT": "/c"})
	c, err := parseCheckConfig(env, []string{"--strict"})
	if err != nil || c.Content != "/c" || !c.Strict || c.Format != formatText {
		t.Errorf("got %+v, %v", c, err)
	}
	if _, err := parseCheckConfig(env, []string{"--format", "xml"}); err == nil || !strings.Contains(err.Error(), `unknown --format "xml"`) {
		t.Errorf("bad format: %v", err)
	}
}
