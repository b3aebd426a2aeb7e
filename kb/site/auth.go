package site

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/bcrypt"
)

// AuthConfig holds the credentials that open /admin, /agent and the API's agent-only data.
// Nothing is open by default: with no credentials, /admin and /agent answer 403 with a page that
// explains how to configure them, and the API serves public articles only.
type AuthConfig struct {
	AdminUser         string   // login name of the administrator, used with AdminPasswordHash
	AdminPasswordHash string   // bcrypt hash of the administrator's password (kb hash-password)
	AdminToken        string   // bearer token with admin rights; also accepted by the login form
	AgentTokens       []string // bearer tokens opening /agent (and the API's internal articles)
	APITokens         []string // bearer tokens of helpdesk integrations: /api/v1 internal articles
}

// MinTokenBytes is the shortest token accepted: 128 bits of a random hex or base64 string are
// beyond guessing, even without the login lock-out (bearer requests are not locked out).
const MinTokenBytes = 32

// role is what a credential may open; each role includes the ones below it.
type role int

const (
	roleNone  role = iota
	roleAPI        // /api/v1 internal articles and agent-only fields
	roleAgent      // /agent, and the API like roleAPI
	roleAdmin      // /admin, and everything agents may do
)

// roleName is the role as shown in the header of the agent and admin pages.
func (r role) String() string {
	switch r {
	case roleAdmin:
		return "admin"
	case roleAgent:
		return "agent"
	case roleAPI:
		return "api"
	}
	return "none"
}

// credential is one configured token, or the administrator's password, by its SHA-256.
type credential struct {
	sum  [sha256.Size]byte // of the token; of the bcrypt hash for the password
	role role
	id   string // short fingerprint: sessions name the credential they came from
}

// authenticator checks credentials. It keeps only hashes of the tokens, and compares them in
// constant time, always against every configured token.
type authenticator struct {
	userSum  [sha256.Size]byte // of AdminUser; compared in constant time like tokens
	hash     []byte            // bcrypt hash of the admin password; nil without a password login
	password credential        // the password's credential (its fingerprint changes with the hash)
	tokens   []credential
	ids      map[string]role // fingerprint → role of every credential, for sessions
}

// newAuthenticator checks the configuration: a user goes with a valid bcrypt hash, tokens are
// long enough and none is listed twice.
func newAuthenticator(cfg AuthConfig) (*authenticator, error) {
	a := &authenticator{ids: map[string]role{}}
	if (cfg.AdminUser == "") != (cfg.AdminPasswordHash == "") {
		return nil, errors.New("site: the admin user and the admin password hash go together")
	}
	if cfg.AdminPasswordHash != "" {
		if _, err := bcrypt.Cost([]byte(cfg.AdminPasswordHash)); err != nil {
			return nil, fmt.Errorf("site: the admin password hash is not a bcrypt hash (make one with kb hash-password): %w", err)
		}
		a.userSum = sha256.Sum256([]byte(cfg.AdminUser))
		a.hash = []byte(cfg.AdminPasswordHash)
		a.password = newCredential(cfg.AdminPasswordHash, roleAdmin)
		a.ids[a.password.id] = roleAdmin
	}
	add := func(tok string, r role) error {
		if len(tok) < MinTokenBytes {
			return fmt.Errorf("site: %s tokens must be at least %d characters long", r, MinTokenBytes)
		}
		c := newCredential(tok, r)
		if _, dup := a.ids[c.id]; dup {
			return fmt.Errorf("site: a %s token is configured twice", r)
		}
		a.tokens = append(a.tokens, c)
		a.ids[c.id] = r
		return nil
	}
	if cfg.AdminToken != "" {
		if err := add(cfg.AdminToken, roleAdmin); err != nil {
			return nil, err
		}
	}
	for _, list := range []struct {
		toks []string
		r    role
	}{{cfg.AgentTokens, roleAgent}, {cfg.APITokens, roleAPI}} {
		for _, tok := range list.toks {
			if err := add(strings.TrimSpace(tok), list.r); err != nil {
				return nil, err
			}
		}
	}
	return a, nil
}

func newCredential(secret string, r role) credential {
	sum := sha256.Sum256([]byte(secret))
	return credential{sum: sum, role: r, id: hex.EncodeToString(sum[:8])}
}

// configured reports whether some credential gives at least role need, that is whether a page
// needing it can be opened at all.
func (a *authenticator) configured(need role) bool {
	for _, r := range a.ids {
		if r >= need {
			return true
		}
	}
	return false
}

// passwordLogin reports whether the user/password login is configured.
func (a *authenticator) passwordLogin() bool { return a.hash != nil }

// tokenLogin reports whether some token may log in to the pages (admin or agent tokens).
func (a *authenticator) tokenLogin() bool {
	for _, c := range a.tokens {
		if c.role >= roleAgent {
			return true
		}
	}
	return false
}

// token returns the credential of a presented token, or false. Every configured token is
// compared, by SHA-256, so the time taken says nothing about which one matched or how much.
func (a *authenticator) token(tok string) (credential, bool) {
	sum := sha256.Sum256([]byte(tok))
	var found credential
	ok := 0
	for _, c := range a.tokens {
		if subtle.ConstantTimeCompare(sum[:], c.sum[:]) == 1 {
			found, ok = c, 1
		}
	}
	return found, ok == 1 && tok != ""
}

// password checks the administrator's user name and password. The bcrypt comparison runs even
// when the user name is wrong, so the time taken does not tell whether the name exists.
func (a *authenticator) checkPassword(user, password string) (credential, bool) {
	if a.hash == nil {
		return credential{}, false
	}
	sum := sha256.Sum256([]byte(user))
	userOK := subtle.ConstantTimeCompare(sum[:], a.userSum[:]) == 1
	pwOK := bcrypt.CompareHashAndPassword(a.hash, []byte(password)) == nil
	if userOK && pwOK {
		return a.password, true
	}
	return credential{}, false
}

// known returns the role of a credential fingerprint still configured, for sessions: a session
// made with a token or password that is no longer configured is refused.
func (a *authenticator) known(id string) role { return a.ids[id] }
