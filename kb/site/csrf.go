package site

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// CSRF protection of the site's anonymous forms (the ticket form, "was this helpful", the
// login form): a signed double-submit token. The browser gets a random value in a cookie, and
// the form carries HMAC(site secret, purpose, value) in a hidden field. A POST is accepted only
// when the field matches the cookie's value: another site can make the browser send the
// cookie, but cannot read it or compute its signature without the secret, and unlike a plain
// double-submit, a cookie planted by a sibling subdomain is useless without a token signed for
// it. The cookie is SameSite=Lax as a second layer. Signed-in pages' forms use the session's
// own token instead (authGate.formToken).
const (
	csrfField = "csrf_token"
	// csrfValueBytes: 256 random bits cannot be guessed.
	csrfValueBytes = 32
)

// The public forms' token: the ticket form and the article pages' "was this helpful" form.
const (
	csrfCookie = "kb_csrf"
	// csrfCookiePath is the whole site: the ticket pages and the article pages post with it.
	csrfCookiePath = "/"
	// csrfCookieAge: a form left open in a tab over a weekend still submits.
	csrfCookieAge = 7 * 24 * 60 * 60
	// csrfPurpose separates CSRF signatures from the site's other signatures (receipts).
	csrfPurpose = "csrf\x00"
)

// The login form's token: its own cookie, limited to the login page and living as long as a
// session, and its own purpose, so that neither token is accepted for the other form.
const (
	loginCSRFCookie  = "kb_login_csrf"
	loginCSRFPurpose = "login-csrf\x00"
)

// csrfGuard is one kind of form token: the cookie that holds the browser's value and the
// purpose its signature is made for.
type csrfGuard struct {
	cookie  string
	path    string
	maxAge  int // seconds
	purpose string
	signer  signer
}

// token returns the form token for the request, setting a new cookie when the browser has none
// (or a malformed one). secure marks the cookie Secure.
func (g csrfGuard) token(c *gin.Context, secure bool) string {
	value, err := c.Cookie(g.cookie)
	if raw, derr := b64.DecodeString(value); err != nil || derr != nil || len(raw) != csrfValueBytes {
		raw := make([]byte, csrfValueBytes)
		rand.Read(raw) // never fails (crypto/rand since Go 1.24)
		value = b64.EncodeToString(raw)
		http.SetCookie(c.Writer, &http.Cookie{
			Name: g.cookie, Value: value, Path: g.path, MaxAge: g.maxAge,
			HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode,
		})
	}
	return b64.EncodeToString(g.signer.sign(g.purpose, value))
}

// check reports whether the submitted form token was signed for the request's cookie.
func (g csrfGuard) check(c *gin.Context, token string) bool {
	value, err := c.Cookie(g.cookie)
	if err != nil || value == "" {
		return false
	}
	sig, err := b64.DecodeString(token)
	return err == nil && g.signer.verify(g.purpose, value, sig)
}

// formCSRF is the guard of the public forms.
func (s *Server) formCSRF() csrfGuard {
	return csrfGuard{cookie: csrfCookie, path: csrfCookiePath, maxAge: csrfCookieAge, purpose: csrfPurpose, signer: s.tix.signer}
}

// loginCSRF is the guard of the login form.
func (s *Server) loginCSRF() csrfGuard {
	return csrfGuard{cookie: loginCSRFCookie, path: loginPath, maxAge: int(sessionTTL.Seconds()),
		purpose: loginCSRFPurpose, signer: s.gate.signer}
}

// MinSecretBytes is the shortest Config.Secret accepted: an HMAC key of 256 bits.
const MinSecretBytes = 32

// signer makes and checks the site's HMAC-SHA256 signatures; purpose strings keep one kind of
// signature from being accepted as another.
type signer struct{ secret []byte }

func (s signer) sign(purpose, value string) []byte {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte(purpose))
	m.Write([]byte(value))
	return m.Sum(nil)
}

func (s signer) verify(purpose, value string, sig []byte) bool {
	return hmac.Equal(s.sign(purpose, value), sig)
}

var b64 = base64.RawURLEncoding

// csrfToken returns the public forms' token for the request (see csrfGuard.token).
func (s *Server) csrfToken(c *gin.Context) string { return s.formCSRF().token(c, s.secureCookies(c)) }

// checkCSRF reports whether a public form's token was signed for the request's cookie.
func (s *Server) checkCSRF(c *gin.Context, token string) bool { return s.formCSRF().check(c, token) }

// secureCookies: cookies are marked Secure when the site is served over HTTPS (its base URL,
// or a TLS connection to this server), so that they never travel over plain HTTP.
func (s *Server) secureCookies(c *gin.Context) bool {
	return c.Request.TLS != nil || strings.HasPrefix(s.cfg.BaseURL, "https://")
}
