package kb

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// imageAllowed reports whether rel is an image type the site serves. SVG is not one: an SVG
// opened directly runs its scripts in the site's origin.
func imageAllowed(rel string) bool {
	switch strings.ToLower(path.Ext(rel)) {
	case ".png", ".jpg", ".jpeg", ".gif", ".webp":
		return true
	}
	return false
}

// assetAllowed reports whether rel is a file type the site serves: images and PDF.
func assetAllowed(rel string) bool {
	return imageAllowed(rel) || strings.EqualFold(path.Ext(rel), ".pdf")
}

// Asset returns the absolute path of the file under Root that the site serves at
// MediaURL(rel), given its slash path. It refuses paths that are not clean and local ("..",
// absolute, empty parts), hidden files and folders, Markdown and any type other than PNG,
// JPEG, GIF, WebP and PDF, and symbolic links that lead out of Root.
func (l *Library) Asset(rel string) (string, bool) {
	if !fs.ValidPath(rel) || rel == "." || strings.ContainsAny(rel, `\`+"\x00") || !assetAllowed(rel) {
		return "", false
	}
	for _, part := range strings.Split(rel, "/") {
		if strings.HasPrefix(part, ".") {
			return "", false
		}
	}
	root, err := os.OpenRoot(l.Root)
	if err != nil {
		return "", false
	}
	defer root.Close()
	// os.Root refuses, at the system-call level, any path or link that leaves l.Root.
	st, err := root.Stat(rel)
	if err != nil || !st.Mode().IsRegular() {
		return "", false
	}
	return filepath.Join(l.Root, filepath.FromSlash(rel)), true
}

// quote quotes s for messages, like %q.
func quote(s string) string { return strconv.Quote(s) }
