package site

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// Session cookie: after a login, the browser holds the role, the credential's fingerprint and
// an expiry, signed with the site secret. Nothing is kept on the server, so every replica
// accepts the cookie; changing a password or token (or the secret) ends its sessions.
const (
	sessionCookie = "kb_session"
	// sessionTTL is one working day: an agent logs in once per shift, and a stolen cookie is
	// worth at most that long.
	sessionTTL = 12 * time.Hour
	// sessionPurpose and formPurpose keep session signatures and the signed form tokens of
	// signed-in pages from being taken for each other or for the ticket form's tokens.
	sessionPurpose = "session\x00"
	formPurpose    = "staff-form\x00"
	// sessionNonceBytes makes every session value unique, so form tokens differ per login.
	sessionNonceBytes = 16
	// principalKey is where requireRole leaves the request's principal in the Gin context.
	principalKey = "kb.principal"
)

// principal is who made a request: the role of the credential used and, for a browser with
// a session cookie, the cookie value (form tokens are signed for it).
type principal struct {
	role    role
	credID  string
	session string // "" for bearer requests, which need no form token
}

// authGate is the authenticator with what checking a request needs: the signer of sessions
// and the login lock-out.
type authGate struct {
	*authenticator
	signer    signer
	ipLimit   *rateLimiter // failed logins per client address
	userLimit *rateLimiter // failed logins per user name
	now       func() time.Time
}

func newAuthGate(cfg AuthConfig, sg signer) (*authGate, error) {
	a, err := newAuthenticator(cfg)
	if err != nil {
		return nil, err
	}
	return &authGate{
		authenticator: a, signer: sg, now: time.Now,
		ipLimit:   newRateLimiter(loginIPBurst, loginIPRefill, nil),
		userLimit: newRateLimiter(loginUserBurst, loginUserRefill, nil),
	}, nil
}

// newSession returns a signed session value for a credential, valid for sessionTTL.
func (g *authGate) newSession(c credential) string {
	nonce := make([]byte, sessionNonceBytes)
	rand.Read(nonce) // never fails (crypto/rand since Go 1.24)
	exp := g.now().Add(sessionTTL).Unix()
	payload := strings.Join([]string{strconv.Itoa(int(c.role)), c.id, strconv.FormatInt(exp, 10), hex.EncodeToString(nonce)}, "|")
	return b64.EncodeToString([]byte(payload)) + "." + b64.EncodeToString(g.signer.sign(sessionPurpose, payload))
}

// session checks a session value: signed by this site, not expired, and made with a
// credential that is still configured for the same role. It returns roleNone otherwise.
func (g *authGate) session(value string) principal {
	enc, sig, ok := strings.Cut(value, ".")
	raw, err1 := b64.DecodeString(enc)
	mac, err2 := b64.DecodeString(sig)
	if !ok || err1 != nil || err2 != nil || !g.signer.verify(sessionPurpose, string(raw), mac) {
		return principal{}
	}
	parts := strings.Split(string(raw), "|")
	if len(parts) != 4 {
		return principal{}
	}
	r, err1 := strconv.Atoi(parts[0])
	exp, err2 := strconv.ParseInt(parts[2], 10, 64)
	if err1 != nil || err2 != nil || g.now().Unix() >= exp || role(r) != g.known(parts[1]) {
		return principal{}
	}
	return principal{role: role(r), credID: parts[1], session: value}
}

// fromRequest finds the request's principal: a bearer token in the Authorization header, else
// the session cookie. A bearer token that matches nothing is an error (401), never a fall back
// to the cookie; no credential at all is roleNone.
func (g *authGate) fromRequest(r *http.Request) (principal, bool) {
	if h := r.Header.Get("Authorization"); h != "" {
		scheme, tok, _ := strings.Cut(h, " ")
		if !strings.EqualFold(scheme, "Bearer") {
			return principal{}, false
		}
		c, ok := g.token(strings.TrimSpace(tok))
		if !ok {
			return principal{}, false
		}
		return principal{role: c.role, credID: c.id}, true
	}
	if ck, err := r.Cookie(sessionCookie); err == nil {
		return g.session(ck.Value), true
	}
	return principal{}, true
}

// formToken is the token the signed-in pages' forms carry; "" for bearer requests.
func (g *authGate) formToken(p principal) string {
	if p.session == "" {
		return ""
	}
	return b64.EncodeToString(g.signer.sign(formPurpose, p.session))
}

// checkForm reports whether a state-changing request of p carries its form token. Bearer
// requests need none: browsers never add an Authorization header by themselves.
func (g *authGate) checkForm(p principal, token string) bool {
	if p.session == "" {
		return true
	}
	sig, err := b64.DecodeString(token)
	return err == nil && g.signer.verify(formPurpose, p.session, sig)
}

// setSession and clearSession write the session cookie: HttpOnly (scripts never see it),
// SameSite=Lax (other sites' forms do not carry it), Secure when the site is served over HTTPS.
func (s *Server) setSession(c *gin.Context, value string) {
	http.SetCookie(c.Writer, &http.Cookie{
		Name: sessionCookie, Value: value, Path: "/", MaxAge: int(sessionTTL.Seconds()),
		HttpOnly: true, Secure: s.secureCookies(c), SameSite: http.SameSiteLaxMode,
	})
}

func (s *Server) clearSession(c *gin.Context) {
	http.SetCookie(c.Writer, &http.Cookie{
		Name: sessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.secureCookies(c), SameSite: http.SameSiteLaxMode,
	})
}

// currentPrincipal is the principal requireRole admitted.
func currentPrincipal(c *gin.Context) principal {
	p, _ := c.Get(principalKey)
	pr, _ := p.(principal)
	return pr
}
