package site

import (
	"net/http"

	"github.com/gin-gonic/gin"
)

// healthz answers GET /healthz: 200 with the number of loaded articles once the index is ready,
// 503 while it is still being built.
func (s *Server) healthz(c *gin.Context) {
	c.Header("Cache-Control", "no-store")
	st := s.state.Load()
	if st == nil {
		c.Header("Retry-After", retryAfterSeconds)
		s.writeJSON(c, http.StatusServiceUnavailable, map[string]string{"status": "starting"})
		return
	}
	s.writeJSON(c, http.StatusOK, struct {
		Status   string `json:"status"`
		Articles int    `json:"articles"`
	}{"ok", len(st.Library.Articles)})
}
