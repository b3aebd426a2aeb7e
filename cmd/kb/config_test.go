package main

import (
	"bytes"
	"strings"
	"testing"
)

func testEnv(vars map[string]string) (*cliEnv, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &cliEnv{getenv: func(k string) string { return vars[k] }, stdout: &out, stderr: &errb}, &out, &errb
}

func TestParseServeConfig(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		want    serveConfig
		wantErr string
	}{
		{name: "defaults", want: serveConfig{
			libraryConfig: libraryConfig{Content: "./content", Data: "./data", Analyzer: defaultAnalyzer},
			Addr:          "127.0.0.1:8080", BaseURL: "http://127.0.0.1:8080"}},
		{name: "env", env: map[string]string{"KB_CONTENT": "/c", "KB_DATA": "/d", "KB_ADDR": ":9000", "KB_DEV": "true"},
			want: serveConfig{libraryConfig: libraryConfig{Content: "/c", Data: "/d", Analyzer: defaultAnalyzer},
				Addr: ":9000", Dev: true, BaseURL: "http://:9000"}},
		{name: "flags override env", env: map[string]string{"KB_CONTENT": "/c", "KB_ADDR": ":9000"},
			args: []string{"--content", "/x", "--addr", "0.0.0.0:80", "--base-url", "https://help.example.com/"},
			want: serveConfig{libraryConfig: libraryConfig{Content: "/x", Data: "./data", Analyzer: defaultAnalyzer},
				Addr: "0.0.0.0:80", BaseURL: "https://help.example.com"}},
		{name: "operator GOGC", env: map[string]string{"GOGC": "200"}, want: serveConfig{
			libraryConfig: libraryConfig{Content: "./content", Data: "./data", Analyzer: defaultAnalyzer, OperatorGC: true},
			Addr:          "127.0.0.1:8080", BaseURL: "http://127.0.0.1:8080"}},
		{name: "bad addr", args: []string{"--addr", "8080"}, wantErr: `bad --addr "8080"`},
		{name: "bad port", args: []string{"--addr", ":99999"}, wantErr: `bad --addr ":99999": want HOST:PORT`},
		{name: "bad base url", args: []string{"--base-url", "help.example.com"}, wantErr: "bad --base-url"},
		{name: "bad analyzer", args: []string{"--analyzer", "english"}, wantErr: `unknown --analyzer "english"`},
		{name: "empty content", args: []string{"--content", ""}, wantErr: "--content must not be empty"},
		{name: "stray argument", args: []string{"extra"}, wantErr: `unexpected argument "extra"`},
		{name: "unknown flag", args: []string{"--nope"}, wantErr: "flag provided but not defined"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, _ := testEnv(tt.env)
			got, err := parseServeConfig(env, tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got.ThemeDir, got.SiteName = "", "" // defaults not under test here
			got.Metrics = metricsConfig{}       // TestParseMetricsConfig
			got.Ops = opsConfig{}               // TestConfigPrecedence, TestConfigErrors
			if got != tt.want {
				t.Errorf("got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestRunUsage(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string
		wantErr  string
	}{
		{"no command", nil, 2, "", "usage: kb <command>"},
		{"help", []string{"help"}, 0, "", "serve"},
		{"unknown", []string{"frobnicate"}, 2, "", `unknown command "frobnicate"`},
		{"version", []string{"version"}, 0, "kb " + version, ""},
		{"version extra", []string{"version", "x"}, 2, "", "version takes no arguments"},
		{"search without query", []string{"search"}, 2, "", "give a query"},
		{"serve help", []string{"serve", "-h"}, 0, "", "KB_CONTENT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, out, errb := testEnv(nil)
			code := run(tt.args, env.getenv, env.stdout, env.stderr)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d (stderr %q)", code, tt.wantCode, errb)
			}
			if !strings.Contains(out.String(), tt.wantOut) {
				t.Errorf("stdout %q, want %q", out, tt.wantOut)
			}
			if !strings.Contains(errb.String(), tt.wantErr) {
				t.Errorf("stderr %q, want %q", errb, tt.wantErr)
			}
		})
	}
}
