package site

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// The versioned API for helpdesk integrations. Its shapes only grow: fields are added, never
// renamed or removed, within /api/v1/. Without a token it serves what the public site shows;
// an API, agent or admin token (Authorization: Bearer …) adds internal articles and the
// agent-only fields (audience, share). openapi.json describes every route, and a test checks
// the handlers against it.
const (
	apiV1Prefix = "/api/v1"
	// apiV1CORSMaxAge lets browsers cache a preflight answer for an hour.
	apiV1CORSMaxAge = "3600"
)

// apiV1Routes adds the versioned API. Every route answers CORS requests of the configured
// origins.
func (s *Server) apiV1Routes(r *gin.Engine) {
	v1 := r.Group(apiV1Prefix, s.apiV1CORS)
	get := func(path string, h handlerFunc) {
		v1.GET(path, s.handle(h))
		v1.HEAD(path, s.handle(h))
	}
	get("/search", s.apiV1Search)
	get("/suggest", s.apiV1Suggest)
	get("/articles/:slug", s.apiV1Article)
	get("/categories", s.apiV1Categories)
	get("/openapi.json", s.apiV1OpenAPI)
	r.OPTIONS(apiV1Prefix+"/*path", s.apiV1CORS, s.apiV1Preflight)
}

// apiV1CORS lets the configured origins' pages (the same --cors-origins as /api/suggest) read
// the API, sending a token in the Authorization header. Credentials (cookies) are never
// allowed: a browser page must hold a token to see internal articles.
func (s *Server) apiV1CORS(c *gin.Context) {
	h := c.Writer.Header()
	h.Add("Vary", "Origin")
	if origin := c.GetHeader("Origin"); origin != "" && s.corsOrigins[strings.ToLower(origin)] {
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Allow-Methods", "GET, HEAD")
		h.Set("Access-Control-Allow-Headers", "Authorization")
		h.Set("Access-Control-Max-Age", apiV1CORSMaxAge)
	}
	c.Next()
}

// apiV1Preflight answers OPTIONS under /api/v1/: 204 for a configured origin, 403 otherwise.
func (s *Server) apiV1Preflight(c *gin.Context) {
	if c.Writer.Header().Get("Access-Control-Allow-Origin") == "" {
		c.AbortWithStatus(http.StatusForbidden)
		return
	}
	c.AbortWithStatus(http.StatusNoContent)
}

// apiAccess is what an API request may see.
type apiAccess struct {
	internal bool   // internal articles and the agent-only fields
	base     string // the site's absolute URL, for absolute links; "" gives site paths
}

// apiV1Access reads the request's bearer token. No token is the public access; a token that
// matches nothing is a 401, never a silent fall back to public answers. Session cookies are
// ignored: the API is for integrations, not for browsers that happen to be signed in.
func (s *Server) apiV1Access(c *gin.Context) (apiAccess, error) {
	acc := apiAccess{base: s.cfg.BaseURL}
	if c.GetHeader("Authorization") == "" {
		return acc, nil
	}
	c.Header("Cache-Control", "no-store") // answers with a token may hold internal articles
	p, ok := s.gate.fromRequest(c.Request)
	if !ok || p.role < roleAPI {
		c.Header("WWW-Authenticate", `Bearer realm="kb", error="invalid_token"`)
		return acc, &httpError{Status: http.StatusUnauthorized, Code: codeUnauthorized, Message: msgBadToken}
	}
	acc.internal = true
	return acc, nil
}
