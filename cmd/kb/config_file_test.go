package main

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

// writeConfig writes a configuration file into a temporary folder and returns its path.
func writeConfig(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "kb.yaml")
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// layered is the part of serveConfig the precedence tests look at, one setting of each type.
type layered struct {
	Addr      string        // string
	Dev       bool          // bool
	KeepRaw   time.Duration // duration
	Proxies   string        // list
	Rate      int           // parsed N/min
	LogFormat string        // default that depends on dev
}

func layeredOf(c serveConfig) layered {
	return layered{c.Addr, c.Dev, c.Metrics.KeepRaw, c.Ops.TrustedProxies, c.Ops.searchPerMin, c.Ops.LogFormat}
}

func TestConfigPrecedence(t *testing.T) {
	file := writeConfig(t, `
addr: 10.0.0.1:7000
dev: true
keep-events: 720h
trusted-proxies: [10.0.0.0/8, 192.168.0.1]
search-rate: 60/min
`)
	other := writeConfig(t, "addr: 10.0.0.2:7000\n")
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want layered
	}{
		{"defaults", nil, nil, layered{"127.0.0.1:8080", false, 0, "", 0, "json"}},
		{"file over defaults", nil, []string{"--config", file},
			layered{"10.0.0.1:7000", true, 720 * time.Hour, "10.0.0.0/8,192.168.0.1", 60, "text"}},
		{"file named by KB_CONFIG", map[string]string{"KB_CONFIG": file}, nil,
			layered{"10.0.0.1:7000", true, 720 * time.Hour, "10.0.0.0/8,192.168.0.1", 60, "text"}},
		{"--config over KB_CONFIG", map[string]string{"KB_CONFIG": file}, []string{"--config", other},
			layered{"10.0.0.2:7000", false, 0, "", 0, "json"}},
		{"env over file", map[string]string{"KB_ADDR": ":9000", "KB_DEV": "false", "KB_KEEP_EVENTS": "1h",
			"KB_TRUSTED_PROXIES": "172.16.0.0/12", "KB_SEARCH_RATE": "30/min"}, []string{"--config", file},
			layered{":9000", false, time.Hour, "172.16.0.0/12", 30, "json"}},
		{"flags over env over file", map[string]string{"KB_ADDR": ":9000", "KB_DEV": "false"},
			[]string{"--config", file, "--addr", ":9100", "--dev", "--keep-events", "2h", "--trusted-proxies", "::1",
				"--search-rate", "10/min", "--log-format", "json"},
			layered{":9100", true, 2 * time.Hour, "::1", 10, "json"}},
		{"file with an alias", nil, []string{"--config", writeConfig(t, "theme: &a 10.0.0.3:7000\naddr: *a\n")},
			layered{"10.0.0.3:7000", false, 0, "", 0, "json"}},
		{"flags over env", map[string]string{"KB_ADDR": ":9000", "KB_SEARCH_RATE": "30/min"}, []string{"--addr", ":9100"},
			layered{":9100", false, 0, "", 30, "json"}},
		{"file and env mixed", map[string]string{"KB_KEEP_EVENTS": "3h"}, []string{"--config", file, "--dev=false"},
			layered{"10.0.0.1:7000", false, 3 * time.Hour, "10.0.0.0/8,192.168.0.1", 60, "json"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, _ := testEnv(tt.env)
			c, err := parseServeConfig(env, tt.args)
			if err != nil {
				t.Fatal(err)
			}
			if got := layeredOf(c); got != tt.want {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestConfigErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name    string
		file    string // configuration file body; "" means none
		env     map[string]string
		args    []string
		wantErr string
	}{
		{name: "missing file", args: []string{"--config", filepath.Join(dir, "nope.yaml")},
			wantErr: "config file " + filepath.Join(dir, "nope.yaml") + ": open"},
		{name: "folder as file", args: []string{"--config", dir}, wantErr: "config file " + dir + ": read"},
		{name: "yaml syntax", file: "addr: :8080\n  dev: true\n", wantErr: "line 2: mapping values are not allowed"},
		{name: "not a mapping", file: "- addr\n- dev\n", wantErr: `line 1: want a mapping of settings`},
		{name: "unknown key", file: "dev: false\nkeep-event: 1h\n", wantErr: `line 2, key "keep-event": unknown key (did you mean "keep-events"?)`},
		{name: "unknown key, no suggestion", file: "colour: blue\n", wantErr: `line 1, key "colour": unknown key; the keys are the flags`},
		{name: "config in config", file: "config: other.yaml\n", wantErr: `key "config": unknown key`},
		{name: "key set twice", file: "addr: :1\ndev: true\naddr: :2\n", wantErr: `line 3, key "addr": set twice (first on line 1)`},
		{name: "bool as text", file: "dev: yes\n", wantErr: `line 1, key "dev": want true or false, got "yes"`},
		{name: "text as bool", file: "site-name: true\n", wantErr: `key "site-name": want a text, got the boolean true`},
		{name: "mapping for text", file: "addr:\n  host: x\n", wantErr: `line 1, key "addr": want a text, got a mapping`},
		{name: "list for text", file: "addr: [a, b]\n", wantErr: `key "addr": want a text, got a list`},
		{name: "list of lists", file: "cors-origins:\n  - [a]\n", wantErr: `key "cors-origins": list item on line 2`},
		{name: "empty value", file: "addr:\n", wantErr: `key "addr": no value`},
		{name: "bad duration", file: "keep-events: 30 days\n", wantErr: `key "keep-events": want a duration such as 720h or 90m, got "30 days"`},
		{name: "negative duration", file: "keep-events: -1h\n", wantErr: `key "keep-events": "-1h": want 0`},
		{name: "bad addr", file: "addr: localhost\n", wantErr: `line 1, key "addr": "localhost": want HOST:PORT`},
		{name: "bad port", file: "addr: :http\n", wantErr: `key "addr": ":http": want HOST:PORT`},
		{name: "bad metrics addr", file: "metrics-addr: 9090\n", wantErr: `key "metrics-addr": "9090": want HOST:PORT`},
		{name: "bad base url", file: "base-url: help.example.com\n", wantErr: `key "base-url": "help.example.com": want an absolute http(s) URL`},
		{name: "bad analyzer", file: "analyzer: english\n", wantErr: `key "analyzer": "english": want`},
		{name: "bad tz", file: "tz: Mars/Olympus\n", wantErr: `key "tz": "Mars/Olympus": want an IANA zone`},
		{name: "bad holdout", file: "holdout: 0.9\n", wantErr: `key "holdout": "0.9"`},
		{name: "bad log format", file: "log-format: xml\n", wantErr: `key "log-format": "xml": want json or text`},
		{name: "bad log level", file: "log-level: loud\n", wantErr: `key "log-level": "loud": want debug, info, warn or error`},
		{name: "bad cidr", file: "trusted-proxies: [10.0.0.0/8, 10.0.0.0/33]\n", wantErr: `key "trusted-proxies": "10.0.0.0/8,10.0.0.0/33": trusted proxy "10.0.0.0/33": want an IP address or a CIDR range`},
		{name: "bad rate", file: "search-rate: 5/sec\n", wantErr: `key "search-rate": "5/sec": want N/min such as 120/min`},
		{name: "rate too high", file: "search-rate: 5000/min\n", wantErr: `key "search-rate": "5000/min": at most 1000/min`},
		{name: "bad search concurrency", file: "search-concurrency: -1\n", wantErr: `key "search-concurrency": "-1": want a whole number`},
		{name: "search concurrency too high", args: []string{"--search-concurrency", "5000"}, wantErr: `bad --search-concurrency "5000": at most 1024`},
		{name: "empty content", file: "content: ''\n", wantErr: `key "content": "": must not be empty`},
		{name: "short secret, value hidden", file: "site-secret: tooshort\n", wantErr: `line 1, key "site-secret": want at least 32 bytes`},
		{name: "short token", file: "agent-tokens: [abc]\n", wantErr: `key "agent-tokens": tokens must be at least`},
		{name: "bad file value under a flag", file: "addr: nonsense\n", args: []string{"--addr", ":8080"}, wantErr: `key "addr": "nonsense"`},
		{name: "bad env bool", env: map[string]string{"KB_DEV": "maybe"}, wantErr: `environment KB_DEV="maybe": want true or false`},
		{name: "bad env duration", env: map[string]string{"KB_KEEP_EVENTS": "a week"}, wantErr: `environment KB_KEEP_EVENTS="a week": want a duration`},
		{name: "bad env rate", env: map[string]string{"KB_SEARCH_RATE": "many"}, wantErr: `bad --search-rate "many": want N/min`},
		{name: "bad flag cidr", args: []string{"--trusted-proxies", "10.0.0.0/8,proxy.local"}, wantErr: `bad --trusted-proxies: trusted proxy "proxy.local"`},
		{name: "bad flag rate", args: []string{"--search-rate", "1O/min"}, wantErr: `bad --search-rate "1O/min"`},
		{name: "bad flag log format", args: []string{"--log-format", "logfmt"}, wantErr: `bad --log-format "logfmt": want json or text`},
		{name: "bad flag log level", args: []string{"--log-level", "trace"}, wantErr: `bad --log-level "trace"`},
		{name: "bad flag metrics addr", args: []string{"--metrics-addr", "metrics"}, wantErr: `bad --metrics-addr "metrics"`},
		{name: "metrics addr is addr", args: []string{"--metrics-addr", "127.0.0.1:8080"}, wantErr: `--metrics-addr "127.0.0.1:8080" is --addr`},
		{name: "metrics addr without prometheus", args: []string{"--metrics-addr", ":9090", "--no-prometheus"}, wantErr: "contradict"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if tt.file != "" {
				args = append([]string{"--config", writeConfig(t, tt.file)}, args...)
			}
			env, _, _ := testEnv(tt.env)
			_, err := parseServeConfig(env, args)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v\nwant it to contain %s", err, tt.wantErr)
			}
			if _, ok := err.(*usageError); !ok {
				t.Errorf("error %T is not a usage error (exit code 2)", err)
			}
			if strings.Contains(err.Error(), "tooshort") {
				t.Errorf("error shows the secret: %v", err)
			}
		})
	}
}

// TestBadConfigExitCode runs kb serve with broken configurations: each stops before serving,
// with a message and exit code 2.
func TestBadConfigExitCode(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unreadable file", []string{"--config", filepath.Join(t.TempDir(), "missing.yaml")}, "config file"},
		{"bad address", []string{"--addr", "no-port"}, `bad --addr "no-port"`},
		{"bad cidr", []string{"--trusted-proxies", "10.0.0.0/99"}, "bad --trusted-proxies"},
		{"bad rate", []string{"--search-rate", "fast"}, `bad --search-rate "fast"`},
		{"bad file value", []string{"--config", writeConfig(t, "search-rate: 12/hour\n")}, `key "search-rate"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, errb := testEnv(nil)
			code := run(append([]string{"serve"}, tt.args...), env.getenv, env.stdout, env.stderr)
			if code != 2 {
				t.Errorf("exit code %d, want 2", code)
			}
			if !strings.Contains(errb.String(), "kb serve: ") || !strings.Contains(errb.String(), tt.want) {
				t.Errorf("stderr %q lacks %q", errb, tt.want)
			}
		})
	}
}

// testServeFlags returns the flag set of kb serve.
func testServeFlags(t *testing.T) *flag.FlagSet {
	t.Helper()
	env, _, _ := testEnv(nil)
	return serveFlags(env, &serveConfig{})
}

// TestEnvNames checks that every flag's environment variable is the one envName derives, which
// is how the configuration file's keys are matched with the environment.
func TestEnvNames(t *testing.T) {
	testServeFlags(t).VisitAll(func(f *flag.Flag) {
		if !strings.Contains(f.Usage, "("+envName(f.Name)) {
			t.Errorf("--%s: usage %q does not name %s", f.Name, f.Usage, envName(f.Name))
		}
	})
}

// TestExampleConfig checks that kb.example.yaml has every key of kb serve, each with its
// default: serving with it changes nothing.
func TestExampleConfig(t *testing.T) {
	const example = "../../kb.example.yaml"
	fs := testServeFlags(t)
	settings, err := readConfigFile(example, fs)
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, s := range settings {
		keys[s.key] = true
	}
	fs.VisitAll(func(f *flag.Flag) {
		if !keys[f.Name] && f.Name != "config" {
			t.Errorf("kb.example.yaml lacks %q: add it with its default (and to the README's Configuration table)", f.Name)
		}
	})
	env, _, _ := testEnv(nil)
	withFile, err := parseServeConfig(env, []string{"--config", example})
	if err != nil {
		t.Fatal(err)
	}
	without, err := parseServeConfig(env, nil)
	if err != nil {
		t.Fatal(err)
	}
	withFile.File = ""
	if !reflect.DeepEqual(withFile, without) {
		t.Errorf("kb.example.yaml is not the defaults:\nwith    %+v\nwithout %+v", withFile, without)
	}
}
