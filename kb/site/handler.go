package site

import (
	"cmp"
	"encoding/json"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
)

// handlerFunc is a page or API handler. It reads one State for the whole request and returns an
// error instead of writing error responses itself.
type handlerFunc func(c *gin.Context, st *State) error

// handle adapts a handler to Gin. It is the one place where errors become responses: the JSON
// error body under /api/, the HTML error page (with a search box) everywhere else.
func (s *Server) handle(h handlerFunc) gin.HandlerFunc {
	return func(c *gin.Context) {
		st, release := s.acquire()
		defer release()
		if st == nil {
			s.respondError(c, errUnavailable)
			return
		}
		if err := h(c, st); err != nil {
			s.respondError(c, err)
		}
	}
}

// respondError writes the error response that suits the route: JSON for the API, HTML otherwise.
func (s *Server) respondError(c *gin.Context, err error) {
	if isAPIPath(c.Request.URL.Path) {
		s.apiError(c, err)
		return
	}
	s.pageError(c, err)
}

// isAPIPath reports whether a request path belongs to the JSON API.
func isAPIPath(p string) bool { return strings.HasPrefix(p, "/api/") }

// errorPage is the data of the error template.
type errorPage struct {
	layout
	Status  int
	Message string
}

// pageError logs server errors and renders the error page (with a search box) for any error.
func (s *Server) pageError(c *gin.Context, err error) {
	he := s.logError(c, err)
	data := errorPage{layout: s.layout(errorTitle(he.Status)), Status: he.Status, Message: he.Message}
	data.NoIndex, data.HeroSearch = true, true // the error template has its own search box
	if he.Status == http.StatusServiceUnavailable {
		c.Header("Retry-After", cmp.Or(he.RetryAfter, retryAfterSeconds))
	}
	if rerr := s.render(c, he.Status, tmplError, data); rerr != nil {
		s.log.Error("render error page", "path", c.Request.URL.Path, "err", rerr)
		c.Data(he.Status, "text/plain; charset=utf-8", []byte(he.Message))
	}
}

// retryAfterSeconds is sent with 503 while the index is being built: building takes seconds.
const retryAfterSeconds = "5"

// apiError logs server errors and writes the JSON error body.
func (s *Server) apiError(c *gin.Context, err error) {
	he := s.logError(c, err)
	if he.Status == http.StatusServiceUnavailable {
		c.Header("Retry-After", cmp.Or(he.RetryAfter, retryAfterSeconds))
	}
	type body struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	}
	s.writeJSON(c, he.Status, map[string]body{"error": {Code: he.Code, Message: he.Message}})
}

// logError maps err to its response and logs it when it is the server's fault.
func (s *Server) logError(c *gin.Context, err error) *httpError {
	he := asHTTPError(err)
	switch {
	case he.Status == http.StatusServiceUnavailable && he.Err != nil: // the database is out of reach: not a bug
		s.log.Warn("request unavailable", "method", c.Request.Method, "path", c.Request.URL.Path, "err", err)
	case he.Status >= http.StatusInternalServerError && he.Status != http.StatusServiceUnavailable:
		s.log.Error("request failed", "method", c.Request.Method, "path", c.Request.URL.Path, "err", err)
	}
	return he
}

// notFound answers routes that do not exist: JSON under /api/, the 404 page elsewhere.
func (s *Server) notFound(c *gin.Context) { s.respondError(c, errNotFound(msgNotFound)) }

// writeJSON encodes v into a buffer first, so that an encoding error is a clean 500.
// HTML characters are escaped (\u003c), so a JSON body is inert even if sniffed as HTML.
func (s *Server) writeJSON(c *gin.Context, status int, v any) {
	buf := s.bufs.get()
	defer s.bufs.put(buf)
	if a, ok := v.(jsonAppender); ok {
		buf.Write(a.appendJSON(buf.AvailableBuffer()))
		c.Data(status, "application/json; charset=utf-8", buf.Bytes())
		return
	}
	if err := json.NewEncoder(buf).Encode(v); err != nil {
		s.log.Error("encode json", "path", c.Request.URL.Path, "err", err)
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"error":{"code":"` + codeInternal + `","message":"` + msgInternal + `"}}`)
	}
	c.Data(status, "application/json; charset=utf-8", buf.Bytes())
}
