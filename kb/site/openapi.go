package site

import (
	_ "embed"
	"net/http"

	"github.com/gin-gonic/gin"
)

// openAPIDoc is the OpenAPI 3 description of /api/v1/, written by hand beside the handlers;
// TestOpenAPIMatchesHandlers calls every documented operation and checks each answer against
// it, and that every /api/v1/ route is documented.
//
//go:embed openapi.json
var openAPIDoc []byte

// apiV1OpenAPI answers GET /api/v1/openapi.json with the document.
func (s *Server) apiV1OpenAPI(c *gin.Context, _ *State) error {
	c.Header("Cache-Control", "public, max-age=3600") // changes only with a new release
	c.Data(http.StatusOK, "application/json; charset=utf-8", openAPIDoc)
	return nil
}
