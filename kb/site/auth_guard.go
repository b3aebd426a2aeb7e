package site

import (
	"net/http"
	"net/url"

	"github.com/gin-gonic/gin"
)

// Paths of the signed-in area.
const (
	loginPath  = "/login"
	logoutPath = "/logout"
	adminPath  = "/admin"
	agentPath  = "/agent"
	// nextParam carries the page to return to after signing in.
	nextParam = "next"
)

// Templates of the signed-in area.
const (
	tmplLogin     = "login"
	tmplAuthSetup = "auth_setup"
	tmplAdmin     = "admin"
	tmplAgent     = "agent"
	tmplAgentArt  = "agent_article"
	staffStyle    = "css/staff.css"
	agentScript   = "js/agent.js"
)

// staffRoutes adds the login, the admin page and the agent view.
func (s *Server) staffRoutes(r *gin.Engine) {
	r.GET(loginPath, s.handle(s.showLogin))
	r.POST(loginPath, s.handle(s.submitLogin))
	r.POST(logoutPath, s.handle(s.logout))

	admin := r.Group(adminPath, s.requireRole(roleAdmin))
	admin.GET("", s.handle(s.showAdmin))
	admin.POST("/deliveries/:id/retry", s.handle(s.retryDelivery))
	admin.GET("/dashboard", s.handle(s.showDashboard))
	admin.GET("/dashboard/export/:file", s.handle(s.exportCSV))

	agent := r.Group(agentPath, s.requireRole(roleAgent))
	agent.GET("", s.handle(s.showAgent))
	agent.POST("", s.handle(s.showAgent))
	agent.GET("/articles/:slug", s.handle(s.showAgentArticle))
}

// authSetupPage is the data of the page shown when no credential can open an area.
type authSetupPage struct {
	layout
	Area string // "admin" or "agent"
}

// requireRole admits requests whose credential has at least role need. With no such credential
// configured the area is closed: 403 with the page explaining how to configure one. A browser
// without a session is sent to the login page; a bearer token that matches nothing is a 401.
func (s *Server) requireRole(need role) gin.HandlerFunc {
	return func(c *gin.Context) {
		h := c.Writer.Header()
		h.Set("Cache-Control", "no-store") // signed-in pages are never kept by shared caches
		h.Set("X-Robots-Tag", "noindex")
		if !s.gate.configured(need) {
			s.renderAuthSetup(c, need)
			c.Abort()
			return
		}
		p, ok := s.gate.fromRequest(c.Request)
		switch {
		case !ok:
			h.Set("WWW-Authenticate", `Bearer realm="kb"`)
			s.pageError(c, &httpError{Status: http.StatusUnauthorized, Code: codeUnauthorized, Message: msgBadToken})
		case p.role == roleNone && (c.Request.Method == http.MethodGet || c.Request.Method == http.MethodHead):
			c.Redirect(http.StatusSeeOther, loginPath+"?"+url.Values{nextParam: {c.Request.URL.RequestURI()}}.Encode())
		case p.role == roleNone:
			s.pageError(c, &httpError{Status: http.StatusForbidden, Code: codeForbidden, Message: msgSessionExpired})
		case p.role < need:
			s.pageError(c, &httpError{Status: http.StatusForbidden, Code: codeForbidden, Message: msgForbidden})
		default:
			c.Set(principalKey, p)
			c.Next()
			return
		}
		c.Abort()
	}
}

// renderAuthSetup answers 403 with the how-to-configure page for the area role need opens.
func (s *Server) renderAuthSetup(c *gin.Context, need role) {
	c.Header("Cache-Control", "no-store")
	data := authSetupPage{layout: s.staffLayout(msgAuthSetupTitle), Area: "agent"}
	if need >= roleAdmin {
		data.Area = "admin"
	}
	if err := s.render(c, http.StatusForbidden, tmplAuthSetup, data); err != nil {
		s.pageError(c, err)
	}
}

// staffLayout is the layout of the signed-in area's pages: never indexed, with its own styles,
// and without the header's public search box (the staff bar searches the agent view instead).
func (s *Server) staffLayout(title string) layout {
	l := s.layout(title)
	l.NoIndex, l.HeroSearch = true, true
	l.Styles = []string{staffStyle}
	return l
}

// staffHead is what the staff bar at the top of signed-in pages shows.
type staffHead struct {
	Role      string // "admin" or "agent": admins get a link to /admin
	CSRF      string // form token of the page's forms (logout); "" for bearer requests
	OwnSearch bool   // the page has its own search box: the bar has none
}

func (s *Server) staffHead(c *gin.Context) staffHead {
	p := currentPrincipal(c)
	return staffHead{Role: p.role.String(), CSRF: s.gate.formToken(p)}
}

// safeNext returns the page to go to after signing in: a path of the signed-in area on this
// site, never another site ("//evil.example" or "/\evil.example" are refused); the agent view
// by default.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || len(next) < 2 || next[1] == '/' || next[1] == '\\' {
		return agentPath
	}
	for _, area := range []string{agentPath, adminPath} {
		if u.Path == area || (len(u.Path) > len(area) && u.Path[:len(area)+1] == area+"/") {
			return u.RequestURI()
		}
	}
	return agentPath
}
