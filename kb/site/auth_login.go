package site

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// Login lock-out: token buckets of failed attempts (the ticket form's rateLimiter). A failed
// attempt takes a token from the client address's bucket and from the user name's; a bucket
// that is empty locks the login until a token comes back, and a successful login gives its
// tokens back, so only failures count.
const (
	// loginUserBurst: a person who forgot a password tries a few variants; the sixth failure in
	// a row for one user name locks it.
	loginUserBurst = 5
	// loginUserRefill: then one more try every five minutes, under 300 a day: no guessing of
	// a real password at that rate, while a locked-out administrator only waits five minutes
	// (or signs in with the admin token, which has no user name to lock).
	loginUserRefill = 5 * time.Minute
	// loginIPBurst: one office behind one address may hold several agents who mistype; twenty
	// failures in a row from one address is a script trying user names.
	loginIPBurst = 20
	// loginIPRefill: then one try a minute from that address.
	loginIPRefill = time.Minute
	// maxLoginFormBytes bounds the login form's body: a user name, a password and a token.
	maxLoginFormBytes = 8 << 10
)

// Login form fields.
const (
	userField     = "user"
	passwordField = "password"
	tokenField    = "token"
)

// loginPage is the data of the login template.
type loginPage struct {
	layout
	CSRF     string
	Next     string
	User     string // echoed after a failure; the password and token never are
	Password bool   // show the user/password fields
	Token    bool   // show the token field
	Error    string
}

// showLogin renders the login form; a signed-in browser goes straight on.
func (s *Server) showLogin(c *gin.Context, _ *State) error {
	next := safeNext(c.Query(nextParam))
	if !s.gate.configured(roleAgent) {
		s.renderAuthSetup(c, roleAgent)
		return nil
	}
	if p, ok := s.gate.fromRequest(c.Request); ok && p.role >= roleAgent {
		c.Redirect(http.StatusSeeOther, next)
		return nil
	}
	return s.renderLogin(c, http.StatusOK, next, "", "")
}

func (s *Server) renderLogin(c *gin.Context, status int, next, user, msg string) error {
	c.Header("Cache-Control", "no-store")
	data := loginPage{
		layout: s.staffLayout(msgLoginTitle), CSRF: s.loginCSRF().token(c, s.secureCookies(c)), Next: next, User: user,
		Password: s.gate.passwordLogin(), Token: s.gate.tokenLogin(), Error: msg,
	}
	return s.render(c, status, tmplLogin, data)
}

// submitLogin checks the form token, the lock-out and then the credentials; on success it sets
// the session cookie and goes to the page asked for.
func (s *Server) submitLogin(c *gin.Context, _ *State) error {
	if !s.gate.configured(roleAgent) {
		s.renderAuthSetup(c, roleAgent)
		return nil
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxLoginFormBytes)
	if err := c.Request.ParseForm(); err != nil {
		return errBadRequest(codeBadRequest, msgBadRequest)
	}
	f := c.Request.PostForm
	next, user := safeNext(f.Get(nextParam)), strings.TrimSpace(f.Get(userField))
	if !s.loginCSRF().check(c, f.Get(csrfField)) {
		return s.renderLogin(c, http.StatusForbidden, next, user, msgLoginCSRF)
	}
	ip, userKey := c.ClientIP(), strings.ToLower(user)
	if wait, locked := s.gate.lockedOut(ip, userKey); locked {
		secs := max(1, int(wait.Seconds()+0.999))
		c.Header("Retry-After", strconv.Itoa(secs))
		return s.renderLogin(c, http.StatusTooManyRequests, next, user, msgLoginLocked(secs))
	}
	cred, ok := s.gate.token(strings.TrimSpace(f.Get(tokenField)))
	ok = ok && cred.role >= roleAgent
	if !ok && user != "" {
		cred, ok = s.gate.checkPassword(user, f.Get(passwordField))
	}
	if !ok {
		s.log.Warn("login failed", "ip", ip)
		return s.renderLogin(c, http.StatusUnauthorized, next, user, msgLoginFailed)
	}
	s.gate.loginSucceeded(ip, userKey)
	s.setSession(c, s.gate.newSession(cred))
	c.Redirect(http.StatusSeeOther, next)
	return nil
}

// lockedOut counts one attempt against the address and the user name ("" for a token login,
// counted against the address only); when either has no attempt left the login is refused
// without looking at the credentials.
func (g *authGate) lockedOut(ip, user string) (time.Duration, bool) {
	ok, wait := g.ipLimit.take(ip)
	if !ok {
		return wait, true
	}
	if user == "" {
		return 0, false
	}
	if ok, wait = g.userLimit.take(user); !ok {
		g.ipLimit.give(ip)
		return wait, true
	}
	return 0, false
}

// loginSucceeded gives back the attempt counted by lockedOut: successes are not failures.
func (g *authGate) loginSucceeded(ip, user string) {
	g.ipLimit.give(ip)
	if user != "" {
		g.userLimit.give(user)
	}
}

// logout ends the browser's session. It needs the form token: another site must not be able
// to sign agents out.
func (s *Server) logout(c *gin.Context, _ *State) error {
	p := s.gate.session(cookieValue(c, sessionCookie))
	if p.role != roleNone && !s.gate.checkForm(p, c.PostForm(csrfField)) {
		return &httpError{Status: http.StatusForbidden, Code: codeForbidden, Message: msgSessionExpired}
	}
	s.clearSession(c)
	c.Redirect(http.StatusSeeOther, loginPath)
	return nil
}

func cookieValue(c *gin.Context, name string) string {
	v, _ := c.Cookie(name)
	return v
}
