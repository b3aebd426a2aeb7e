package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"

	"persiankb/kb/site"
)

// Password hashing of `kb hash-password`.
const (
	// defaultBcryptCost: about half a second per check on the project's 2-core machine (cost 10
	// took 0.2-0.3 s, 12 about 1 s): slow for anyone guessing offline with a stolen hash, still
	// quick enough for a login.
	defaultBcryptCost = 11
	minBcryptCost     = 10 // bcrypt.DefaultCost; less is too fast to guess offline
	maxBcryptCost     = 14 // 16 times the default: several seconds per login
	// minPasswordRunes: shorter passwords fall to an offline guess of the hash quickly.
	minPasswordRunes = 10
	// maxPasswordBytes is bcrypt's limit: it ignores everything after 72 bytes.
	maxPasswordBytes = 72
)

// authConfig holds the credentials of `kb serve` for /admin, /agent and API tokens. Secrets are
// better given in the environment than as flags, which other users of the machine see in ps.
type authConfig struct {
	AdminUser         string
	AdminPasswordHash string
	AdminToken        string
	AgentTokens       string // comma-separated
	APITokens         string // comma-separated
}

// addAuthFlags registers the credential flags of `kb serve`; defaults come from the environment.
func addAuthFlags(fs *flag.FlagSet, env *cliEnv, c *authConfig) {
	fs.StringVar(&c.AdminUser, "admin-user", envOr(env, "KB_ADMIN_USER", ""), "administrator's login name for /admin and /agent; needs --admin-password-hash (KB_ADMIN_USER)")
	fs.StringVar(&c.AdminPasswordHash, "admin-password-hash", envOr(env, "KB_ADMIN_PASSWORD_HASH", ""), "bcrypt hash of the administrator's password, from kb hash-password (KB_ADMIN_PASSWORD_HASH)")
	fs.StringVar(&c.AdminToken, "admin-token", envOr(env, "KB_ADMIN_TOKEN", ""), fmt.Sprintf("bearer and login token with admin rights, %d+ characters (KB_ADMIN_TOKEN; prefer the environment)", site.MinTokenBytes))
	fs.StringVar(&c.AgentTokens, "agent-tokens", envOr(env, "KB_AGENT_TOKENS", ""), "comma-separated tokens opening /agent (KB_AGENT_TOKENS; prefer the environment)")
	fs.StringVar(&c.APITokens, "api-tokens", envOr(env, "KB_API_TOKENS", ""), "comma-separated tokens of helpdesk integrations: /api/v1 with internal articles (KB_API_TOKENS; prefer the environment)")
}

func (c authConfig) validate() error {
	if (c.AdminUser == "") != (c.AdminPasswordHash == "") {
		return errors.New("--admin-user and --admin-password-hash go together")
	}
	if c.AdminPasswordHash != "" {
		if _, err := bcrypt.Cost([]byte(c.AdminPasswordHash)); err != nil {
			return fmt.Errorf("--admin-password-hash is not a bcrypt hash (make one with kb hash-password): %v", err)
		}
	}
	for flagName, toks := range map[string][]string{
		"--admin-token": splitList(strings.TrimSpace(c.AdminToken)), "--agent-tokens": splitList(c.AgentTokens), "--api-tokens": splitList(c.APITokens),
	} {
		for _, tok := range toks {
			if len(tok) < site.MinTokenBytes {
				return fmt.Errorf("%s: tokens must be at least %d characters (e.g. openssl rand -hex 32)", flagName, site.MinTokenBytes)
			}
		}
	}
	return nil
}

// site converts the configuration for the web server.
func (c authConfig) site() site.AuthConfig {
	return site.AuthConfig{
		AdminUser: c.AdminUser, AdminPasswordHash: c.AdminPasswordHash, AdminToken: strings.TrimSpace(c.AdminToken),
		AgentTokens: splitList(c.AgentTokens), APITokens: splitList(c.APITokens),
	}
}

// any reports whether some credential is configured.
func (c authConfig) any() bool {
	return c.AdminPasswordHash != "" || strings.TrimSpace(c.AdminToken) != "" || c.AgentTokens != "" || c.APITokens != ""
}

// runHashPassword reads a password from standard input (one line; the final newline is not
// part of it) and prints its bcrypt hash for --admin-password-hash.
func runHashPassword(_ context.Context, env *cliEnv, args []string) error {
	fs := newFlagSet(env, "hash-password", " < password")
	cost := fs.Int("cost", defaultBcryptCost, fmt.Sprintf("bcrypt cost, %d-%d", minBcryptCost, maxBcryptCost))
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("the password is read from standard input, not from the command line (where ps shows it)")
	}
	if *cost < minBcryptCost || *cost > maxBcryptCost {
		return usagef("--cost must be %d-%d", minBcryptCost, maxBcryptCost)
	}
	pw, err := readPassword(env.stdin)
	if err != nil {
		return err
	}
	hash, err := bcrypt.GenerateFromPassword(pw, *cost)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	fmt.Fprintln(env.stdout, string(hash))
	return nil
}

// readPassword reads the first line of r and checks its length.
func readPassword(r io.Reader) ([]byte, error) {
	if r == nil {
		return nil, usagef("no standard input")
	}
	buf, err := io.ReadAll(io.LimitReader(r, maxPasswordBytes*4))
	if err != nil {
		return nil, fmt.Errorf("read password: %w", err)
	}
	line, _, _ := bytes.Cut(buf, []byte("\n"))
	line = bytes.TrimSuffix(line, []byte("\r"))
	switch {
	case len(line) > maxPasswordBytes:
		return nil, usagef("the password is longer than %d bytes, bcrypt's limit", maxPasswordBytes)
	case !utf8.Valid(line):
		return nil, usagef("the password is not valid UTF-8")
	case utf8.RuneCount(line) < minPasswordRunes:
		return nil, usagef("the password must be at least %d characters", minPasswordRunes)
	}
	return line, nil
}
