package site

import (
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"

	"github.com/gin-gonic/gin"
)

// mediaTypes are the content types of the files under the content folder the site serves, by
// extension. Library.Asset decides which files may be served at all (images and PDF, never SVG
// or Markdown); a type missing here is not served either.
var mediaTypes = map[string]string{
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".gif":  "image/gif",
	".webp": "image/webp",
	".pdf":  "application/pdf",
}

// cacheMedia: images change rarely but are not content-hashed, so caches keep them an hour.
const cacheMedia = "public, max-age=3600"

// serveMedia serves "/media/*path": an image (or PDF) under the content folder, found by
// Library.Asset.
func (s *Server) serveMedia(c *gin.Context, st *State) error {
	rel := strings.TrimPrefix(c.Param("path"), "/")
	ctype, ok := mediaTypes[strings.ToLower(path.Ext(rel))]
	if !ok {
		return errNotFound(msgNotFound)
	}
	file, ok := st.Library.Asset(rel)
	if !ok {
		return errNotFound(msgNotFound)
	}
	f, err := os.Open(file)
	if errors.Is(err, fs.ErrNotExist) {
		return errNotFound(msgNotFound)
	}
	if err != nil {
		return fmt.Errorf("open media %s: %w", rel, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.IsDir() {
		return errNotFound(msgNotFound)
	}
	h := c.Writer.Header()
	h.Set("Content-Type", ctype)
	h.Set("Cache-Control", cacheMedia)
	http.ServeContent(c.Writer, c.Request, "", fi.ModTime(), f)
	return nil
}
