package site

import (
	"bytes"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"
)

// The suggestions widget for ticket forms on other sites: one <script src=".../widget.js"> tag
// (see theme/static/js/widget.js for its data-kb-* attributes). Its URL has no content hash,
// because other sites' pages embed it, so browsers revalidate it after an hour (widgetCache).
const (
	widgetPath  = "/widget.js"
	widgetAsset = "js/widget.js"
	// widgetCache: a fixed widget reaches every embedding page within an hour.
	widgetCache = "public, max-age=3600"
	// maxWidgetGzipBytes is issue 4's budget for the widget, checked by a test.
	maxWidgetGzipBytes = 10 << 10
)

// serveWidget serves /widget.js. A script tag needs no CORS; the API it calls has its own.
func (s *Server) serveWidget(c *gin.Context) {
	th, err := s.currentTheme()
	if err != nil {
		s.respondError(c, err)
		return
	}
	a, _ := th.assets.lookup(widgetAsset)
	if a == nil {
		s.notFound(c)
		return
	}
	h := c.Writer.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("ETag", `"`+a.hash+`"`)
	h.Set("Cache-Control", widgetCache)
	h.Set("Cross-Origin-Resource-Policy", "cross-origin") // embedding pages may load it
	http.ServeContent(c.Writer, c.Request, "", time.Time{}, bytes.NewReader(a.body))
}
