package site

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// contentSecurityPolicy allows only the site's own scripts, styles and images: no inline script,
// no style attributes, no framing. Templates are written for it.
const contentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; " +
	"script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"

// securityHeaders sets the security headers on every response.
func securityHeaders(c *gin.Context) {
	h := c.Writer.Header()
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
	h.Set("X-Frame-Options", "DENY") // for browsers without CSP frame-ancestors
	c.Next()
}

// recoverPanic turns a panicking handler into a logged 500 (page or JSON) instead of a dropped
// connection.
func (s *Server) recoverPanic(c *gin.Context) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.log.Error("panic", "method", c.Request.Method, "path", c.Request.URL.Path, "panic", v)
			if !c.Writer.Written() {
				s.respondError(c, &httpError{Status: http.StatusInternalServerError, Code: codeInternal, Message: msgInternal})
			}
			c.Abort()
		}
	}()
	c.Next()
}

// quietRoutes are polled every few seconds by orchestrators and Prometheus: their successful
// requests are logged at debug level, so that they do not drown the customers' requests.
var quietRoutes = map[string]bool{"/livez": true, "/readyz": true, "/healthz": true, metricsPath: true}

// logRequest logs one line per request and feeds the request latency histogram. It logs the
// route template (/articles/:slug), never the raw URL: no query strings, nothing a customer typed.
func (s *Server) logRequest(c *gin.Context) {
	start := time.Now()
	c.Next()
	d := time.Since(start)
	route, status := c.FullPath(), c.Writer.Status()
	s.prom.observeRequest(route, c.Request.Method, status, d)
	level := slog.LevelInfo
	if quietRoutes[route] && status < http.StatusBadRequest {
		level = slog.LevelDebug
	}
	s.log.LogAttrs(c.Request.Context(), level, "request",
		slog.String("method", c.Request.Method),
		slog.String("route", routeLabel(route)),
		slog.Int("status", status),
		slog.Float64("duration_ms", float64(d.Microseconds())/1000),
		slog.Int("bytes", max(0, c.Writer.Size())),
	)
}
