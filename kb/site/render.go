package site

import (
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"persiankb/kb"
)

// Template files: templates/layout.html defines "layout", which every page executes;
// templates/partials/*.html hold shared partials; every other templates/*.html is one page, named
// after the file.
const (
	templateDir    = "templates"
	layoutTemplate = "layout"
	layoutFile     = "layout.html"
)

// parsedTheme is a theme ready to serve: one template set per page and the static files.
type parsedTheme struct {
	pages  map[string]*template.Template
	assets *assetSet
}

// loadTheme reads the static files and parses the templates of a theme folder.
func loadTheme(fsys fs.FS) (*parsedTheme, error) {
	assets, err := loadAssets(fsys)
	if err != nil {
		return nil, err
	}
	base := template.New(layoutTemplate).Funcs(templateFuncs(assets))
	partials, err := fs.Glob(fsys, templateDir+"/partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("find templates: %w", err)
	}
	base, err = base.ParseFS(fsys, append([]string{templateDir + "/" + layoutFile}, partials...)...)
	if err != nil {
		return nil, fmt.Errorf("parse layout: %w", err)
	}
	files, err := fs.Glob(fsys, templateDir+"/*.html")
	if err != nil {
		return nil, fmt.Errorf("find templates: %w", err)
	}
	th := &parsedTheme{pages: map[string]*template.Template{}, assets: assets}
	for _, f := range files {
		name := strings.TrimSuffix(path.Base(f), ".html")
		if name == layoutTemplate {
			continue
		}
		t, err := base.Clone()
		if err == nil {
			t, err = t.ParseFS(fsys, f)
		}
		if err != nil {
			return nil, fmt.Errorf("parse template %s: %w", f, err)
		}
		th.pages[name] = t
	}
	for _, p := range requiredPages {
		if th.pages[p] == nil {
			return nil, fmt.Errorf("theme has no %s/%s.html", templateDir, p)
		}
	}
	return th, nil
}

// Page templates the handlers render.
const (
	tmplHome     = "home"
	tmplSearch   = "search"
	tmplArticle  = "article"
	tmplCategory = "category"
	tmplError    = "error"
)

var requiredPages = [...]string{tmplHome, tmplSearch, tmplArticle, tmplCategory, tmplError,
	tmplTicketForm, tmplTicketCheck, tmplTicketReceived, tmplTicketSolved}

// templateFuncs are the functions templates may call. None of them marks text as safe HTML: the
// few trusted HTML fragments (article bodies, search snippets) are typed template.HTML in Go.
func templateFuncs(assets *assetSet) template.FuncMap {
	return template.FuncMap{
		"fa":          faAny,
		"asset":       assets.url,
		"jalali":      formatJalali,
		"isoDate":     func(t time.Time) string { return t.Format("2006-01-02") },
		"articleURL":  kb.ArticleURL,
		"categoryURL": kb.CategoryURL,
	}
}

// faAny formats a number (or digits in a string) with Persian digits, for the "fa" template func.
func faAny(v any) string {
	switch n := v.(type) {
	case int:
		return faNumber(n)
	case int64:
		return faNumber(int(n))
	case string:
		return faDigits(n)
	default:
		return faDigits(fmt.Sprint(v))
	}
}

// render executes a page template into a buffer and, only if that worked, writes it: a template
// error becomes a clean 500 page instead of half a page.
func (s *Server) render(c *gin.Context, status int, page string, data any) error {
	th, err := s.currentTheme()
	if err != nil {
		return err
	}
	t, ok := th.pages[page]
	if !ok {
		return fmt.Errorf("site: no template %q", page)
	}
	buf := s.bufs.get()
	defer s.bufs.put(buf)
	if err := t.ExecuteTemplate(buf, layoutTemplate, data); err != nil {
		return fmt.Errorf("site: render %s: %w", page, err)
	}
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
	return nil
}
