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

// CSRF protection of the ticket form: a signed double-submit token. The browser gets a random
// value in a cookie, and the form carries HMAC(site secret, value) in a hidden field. A POST is
// accepted only when the field matches the cookie's value: another site can make the browser
// send the cookie, but cannot read it or compute its signature without the secret, and unlike
// a plain double-submit, a cookie planted by a sibling subdomain is useless without a token
// signed for it. The cookie is SameSite=Lax as a second layer.
const (
	csrfCookie = "kb_csrf"
	csrfField  = "csrf_token"
	// csrfCookiePath limits the cookie to the ticket pages.
	csrfCookiePath = "/tickets"
	// csrfCookieAge: a form left open in a tab over a weekend still submits.
	csrfCookieAge = 7 * 24 * 60 * 60
	// csrfValueBytes: 256 random bits cannot be guessed.
	csrfValueBytes = 32
	// csrfPurpose separates CSRF signatures from the site's other signatures (receipts).
	csrfPurpose = "csrf\x00"
)

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

// csrfToken returns the form token for the request, setting a new cookie when the browser
// has none (or a malformed one).
func (s *Server) csrfToken(c *gin.Context) string {
	value, err := c.Cookie(csrfCookie)
	if raw, derr := b64.DecodeString(value); err != nil || derr != nil || len(raw) != csrfValueBytes {
		raw := make([]byte, csrfValueBytes)
		rand.Read(raw) // never fails (crypto/rand since Go 1.24)
		value = b64.EncodeToString(raw)
		http.SetCookie(c.Writer, &http.Cookie{
			Name: csrfCookie, Value: value, Path: csrfCookiePath, MaxAge: csrfCookieAge,
			HttpOnly: true, Secure: s.secureCookies(c), SameSite: http.SameSiteLaxMode,
		})
	}
	return b64.EncodeToString(s.tix.signer.sign(csrfPurpose, value))
}

// checkCSRF reports whether the submitted form token was signed for the request's cookie.
func (s *Server) checkCSRF(c *gin.Context, token string) bool {
	value, err := c.Cookie(csrfCookie)
	if err != nil || value == "" {
		return false
	}
	sig, err := b64.DecodeString(token)
	return err == nil && s.tix.signer.verify(csrfPurpose, value, sig)
}

// secureCookies: cookies are marked Secure when the site is served over HTTPS (its base URL,
// or a TLS connection to this server), so that they never travel over plain HTTP.
func (s *Server) secureCookies(c *gin.Context) bool {
	return c.Request.TLS != nil || strings.HasPrefix(s.cfg.BaseURL, "https://")
}
