package main

import (
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

// testHash is a bcrypt hash (of "correct horse battery") at the lowest cost.
const testHash = "$2a$04$PQ43fwIzhql/nPIpsB2.8u7kcz0JVZwEYwBwCyNhgVSPZs22KaFWK"

func TestAuthFlags(t *testing.T) {
	tok := strings.Repeat("a", 32)
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		want    authConfig
		wantErr string
	}{
		{name: "none"},
		{name: "env", env: map[string]string{"KB_ADMIN_USER": "admin", "KB_ADMIN_PASSWORD_HASH": testHash, "KB_ADMIN_TOKEN": tok,
			"KB_AGENT_TOKENS": tok + "1, " + tok + "2", "KB_API_TOKENS": tok + "3"},
			want: authConfig{AdminUser: "admin", AdminPasswordHash: testHash, AdminToken: tok, AgentTokens: tok + "1, " + tok + "2", APITokens: tok + "3"}},
		{name: "flags override env", env: map[string]string{"KB_AGENT_TOKENS": tok + "1"}, args: []string{"--agent-tokens", tok + "9"},
			want: authConfig{AgentTokens: tok + "9"}},
		{name: "user without hash", args: []string{"--admin-user", "admin"}, wantErr: "go together"},
		{name: "hash without user", args: []string{"--admin-password-hash", testHash}, wantErr: "go together"},
		{name: "plain password as hash", args: []string{"--admin-user", "a", "--admin-password-hash", "hunter2"}, wantErr: "not a bcrypt hash"},
		{name: "short admin token", args: []string{"--admin-token", "short"}, wantErr: "--admin-token: tokens must be at least 32"},
		{name: "short agent token", args: []string{"--agent-tokens", tok + ",short"}, wantErr: "--agent-tokens"},
		{name: "short API token", env: map[string]string{"KB_API_TOKENS": "x"}, wantErr: "--api-tokens"},
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
			if got.Auth != tt.want {
				t.Errorf("Auth = %+v, want %+v", got.Auth, tt.want)
			}
		})
	}
}

func TestAuthConfigSite(t *testing.T) {
	tok := strings.Repeat("b", 32)
	c := authConfig{AdminUser: "admin", AdminPasswordHash: testHash, AdminToken: " " + tok + " ", AgentTokens: tok + "1, ," + tok + "2", APITokens: ""}
	s := c.site()
	if s.AdminToken != tok || len(s.AgentTokens) != 2 || s.AgentTokens[1] != tok+"2" || len(s.APITokens) != 0 || !c.any() {
		t.Errorf("site() = %+v", s)
	}
	if (authConfig{}).any() {
		t.Error("an empty configuration has credentials")
	}
}

func TestHashPassword(t *testing.T) {
	tests := []struct {
		name, stdin string
		args        []string
		wantPw      string // the password the hash must verify; "" when an error is expected
		wantErr     string
	}{
		{name: "line", stdin: "correct horse battery\n", args: []string{"--cost", "10"}, wantPw: "correct horse battery"},
		{name: "no newline", stdin: "رمز عبور بلند فارسی", args: []string{"--cost", "10"}, wantPw: "رمز عبور بلند فارسی"},
		{name: "CRLF, spaces kept", stdin: "  spaces kept  \r\nsecond line\n", args: []string{"--cost", "10"}, wantPw: "  spaces kept  "},
		{name: "empty", stdin: "", wantErr: "at least 10 characters"},
		{name: "short", stdin: "short\n", wantErr: "at least 10 characters"},
		{name: "too long", stdin: strings.Repeat("x", 73), wantErr: "longer than 72 bytes"},
		{name: "argument", stdin: "correct horse battery", args: []string{"hunter2"}, wantErr: "standard input"},
		{name: "low cost", stdin: "correct horse battery", args: []string{"--cost", "4"}, wantErr: "--cost must be"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, out, errb := testEnv(nil)
			env.stdin = strings.NewReader(tt.stdin)
			err := runHashPassword(t.Context(), env, tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v (stderr %q)", err, errb)
			}
			hash := strings.TrimSpace(out.String())
			if cost, err := bcrypt.Cost([]byte(hash)); err != nil || cost != 10 {
				t.Fatalf("output %q: cost %d, %v", hash, cost, err)
			}
			if err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(tt.wantPw)); err != nil {
				t.Errorf("the hash does not verify %q: %v", tt.wantPw, err)
			}
		})
	}
}
