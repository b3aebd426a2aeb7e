package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunEval(t *testing.T) {
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs.jsonl")
	queries := filepath.Join(dir, "queries.jsonl")
	writeFile(t, docs, `{"id":"d1","title":"بازیابی رمز عبور","text":"اگر رمز عبور را فراموش کرده‌اید از لینک بازیابی استفاده کنید."}
{"id":"d2","title":"هزینه ارسال","text":"هزینه ارسال سفارش با پست بر اساس وزن بسته حساب می‌شود."}
`)
	writeFile(t, queries, `{"id":"q1","query":"فراموشی رمز عبور","relevant":["d1"]}
{"id":"q2","query":"هزینه‌ی ارسال با پست","relevant":["d2"]}
`)
	env, out, errb := testEnv(nil)
	code := run([]string{"eval", "--docs", docs, "--queries", queries, "--analyzers", "fa_stock,persian"}, env.getenv, env.stdout, env.stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	for _, want := range []string{"2 documents, 2 queries", "clean  fa_stock  1.0000", "clean   persian  1.0000", "wrong-layout", "mean query latency"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	// The default compares stock fa with the Persian chain; :plain turns its query features off.
	env, out, errb = testEnv(nil)
	code = run([]string{"eval", "--docs", docs, "--queries", queries, "--analyzers", "persian:plain,persian", "--prefix"}, env.getenv, env.stdout, env.stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	for _, want := range []string{"baseline persian:plain", "search as you type: true", "wrong-layout  persian:plain", "wrong-layout        persian  1.0000"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestRunEvalErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	writeFile(t, bad, "{\"id\":\"q1\"}\nnot json\n")
	tests := []struct {
		name, wantErr string
		args          []string
		wantCode      int
	}{
		{"no queries", "--queries is required", []string{"eval"}, 2},
		{"missing file", "no such file", []string{"eval", "--docs", filepath.Join(dir, "empty.jsonl"), "--queries", filepath.Join(dir, "nope.jsonl")}, 1},
		{"bad line", "bad.jsonl:2:", []string{"eval", "--docs", bad, "--queries", bad}, 1},
		{"unknown analyzer", "invalid analyzer", []string{"eval", "--docs", filepath.Join(dir, "empty.jsonl"), "--queries", filepath.Join(dir, "empty.jsonl"), "--analyzers", "Bad Name"}, 1},
	}
	writeFile(t, filepath.Join(dir, "empty.jsonl"), "")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, errb := testEnv(nil)
			if code := run(tt.args, env.getenv, env.stdout, env.stderr); code != tt.wantCode {
				t.Errorf("exit %d, want %d", code, tt.wantCode)
			}
			if !strings.Contains(errb.String(), tt.wantErr) {
				t.Errorf("stderr %q, want %q", errb, tt.wantErr)
			}
		})
	}
}

func writeFile(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
