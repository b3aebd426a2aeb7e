// Package theme holds the help center's HTML templates and static files (CSS, JS, fonts), embedded.
package theme

import "embed"

// FS holds templates/ (html/template files, a layout plus one file per page) and static/ (files
// served under /static/ with content-hashed names). It has the same shape as os.DirFS("theme"),
// which the site reads instead in development mode.
//
//go:embed templates static
var FS embed.FS
