package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
)

// staticDir is the folder of the theme whose files are served under staticPrefix.
const (
	staticDir    = "static"
	staticPrefix = "/static/"
	// assetHashLen is the number of hex digits of the SHA-256 content hash put in asset names:
	// 48 bits make an accidental collision between two versions of one file practically impossible.
	assetHashLen = 12
)

// Cache policies: hashed names never change content, so browsers may keep them for a year; plain
// names may change with the next deploy, so browsers revalidate them (ETag) on every use.
const (
	cacheImmutable   = "public, max-age=31536000, immutable"
	cacheRevalidate  = "no-cache"
	assetContentType = "application/octet-stream"
)

// assetTypes are the content types of theme files, fixed here rather than taken from the host's
// mime tables, which differ between machines (woff2 is often missing).
var assetTypes = map[string]string{
	".css":   "text/css; charset=utf-8",
	".js":    "text/javascript; charset=utf-8",
	".woff2": "font/woff2",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".ico":   "image/x-icon",
	".txt":   "text/plain; charset=utf-8",
	".json":  "application/json",
}

// asset is one static file of the theme.
type asset struct {
	name   string // slash path under static/, e.g. "css/site.css"
	hashed string // the same with the content hash before the extension: "css/site.0a1b2c3d4e5f.css"
	hash   string
	body   []byte
	ctype  string
}

// assetSet is every static file of a theme, by plain and hashed name.
type assetSet struct {
	byName   map[string]*asset
	byHashed map[string]*asset
}

// cssURLRe finds url(...) references in CSS: double-quoted, single-quoted or bare.
var cssURLRe = regexp.MustCompile(`url\(\s*(?:"([^"]*)"|'([^']*)'|([^'")\s]*))\s*\)`)

// loadAssets reads every file under static/ and names it by content hash. CSS files are read last
// and their relative url(...) references to other theme files are rewritten to the hashed names,
// so that a font or image change also changes the hash of the stylesheet that uses it.
func loadAssets(fsys fs.FS) (*assetSet, error) {
	set := &assetSet{byName: map[string]*asset{}, byHashed: map[string]*asset{}}
	var css []string
	err := fs.WalkDir(fsys, staticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := strings.TrimPrefix(p, staticDir+"/")
		if path.Ext(name) == ".css" {
			css = append(css, name)
			return nil
		}
		return set.add(fsys, name, nil)
	})
	if err != nil {
		return nil, fmt.Errorf("read static files: %w", err)
	}
	for _, name := range css {
		if err := set.add(fsys, name, set.rewriteCSS); err != nil {
			return nil, err
		}
	}
	return set, nil
}

// add reads one file, transforms it if transform is not nil, and records it under both names.
func (set *assetSet) add(fsys fs.FS, name string, transform func(name string, body []byte) []byte) error {
	body, err := fs.ReadFile(fsys, staticDir+"/"+name)
	if err != nil {
		return fmt.Errorf("read static file: %w", err)
	}
	if transform != nil {
		body = transform(name, body)
	}
	sum := sha256.Sum256(body)
	h := hex.EncodeToString(sum[:])[:assetHashLen]
	ext := path.Ext(name)
	a := &asset{name: name, hashed: strings.TrimSuffix(name, ext) + "." + h + ext, hash: h, body: body, ctype: contentType(ext)}
	set.byName[a.name] = a
	set.byHashed[a.hashed] = a
	return nil
}

// rewriteCSS replaces relative url(...) references to known theme files with their hashed URLs.
func (set *assetSet) rewriteCSS(name string, body []byte) []byte {
	dir := path.Dir(name)
	return cssURLRe.ReplaceAllFunc(body, func(m []byte) []byte {
		sub := cssURLRe.FindSubmatch(m)
		ref := string(sub[1]) + string(sub[2]) + string(sub[3]) // only one of them matched
		if strings.ContainsAny(ref, ":?#") || strings.HasPrefix(ref, "/") {
			return m
		}
		a, ok := set.byName[path.Join(dir, ref)]
		if !ok {
			return m
		}
		return []byte(`url("` + staticPrefix + a.hashed + `")`)
	})
}

// url returns the hashed URL of a theme file, e.g. "/static/css/site.0a1b2c3d4e5f.css".
func (set *assetSet) url(name string) (string, error) {
	a, ok := set.byName[name]
	if !ok {
		return "", fmt.Errorf("unknown static file %q", name)
	}
	return staticPrefix + a.hashed, nil
}

// lookup finds a requested file by hashed name (immutable) or plain name (revalidated).
func (set *assetSet) lookup(name string) (a *asset, immutable bool) {
	if a, ok := set.byHashed[name]; ok {
		return a, true
	}
	return set.byName[name], false
}

func contentType(ext string) string {
	if t, ok := assetTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return assetContentType
}

// serveStatic serves the theme's static files under /static/.
func (s *Server) serveStatic(c *gin.Context) {
	th, err := s.currentTheme()
	if err != nil {
		s.respondError(c, err)
		return
	}
	a, immutable := th.assets.lookup(strings.TrimPrefix(c.Param("path"), "/"))
	if a == nil {
		s.notFound(c)
		return
	}
	h := c.Writer.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("ETag", `"`+a.hash+`"`)
	if immutable {
		h.Set("Cache-Control", cacheImmutable)
	} else {
		h.Set("Cache-Control", cacheRevalidate)
	}
	http.ServeContent(c.Writer, c.Request, "", time.Time{}, bytes.NewReader(a.body))
}
