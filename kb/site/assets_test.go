package site

import (
	"bytes"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"persiankb/theme"
)

func testThemeFS(css, font string) fstest.MapFS {
	return fstest.MapFS{
		"static/css/site.css":       {Data: []byte(css)},
		"static/fonts/f.woff2":      {Data: []byte(font)},
		"static/img/a b.svg":        {Data: []byte("<svg/>")},
		"templates/layout.html":     {Data: []byte(`{{define "layout"}}{{template "content" .}}{{end}}`)},
		"templates/partials/p.html": {Data: []byte(`{{define "p"}}{{end}}`)},
	}
}

func TestLoadAssets(t *testing.T) {
	css := `@font-face{src:url("../fonts/f.woff2") format("woff2"), url(../fonts/missing.woff2)}
a{background:url('../img/a b.svg')} b{background:url(data:image/png;base64,AA==)} c{background:url(/abs.png)}`
	set, err := loadAssets(testThemeFS(css, "font v1"))
	if err != nil {
		t.Fatal(err)
	}
	fontURL, err := set.url("fonts/f.woff2")
	if err != nil || !regexp.MustCompile(`^/static/fonts/f\.[0-9a-f]{12}\.woff2$`).MatchString(fontURL) {
		t.Fatalf("font URL = %q, %v", fontURL, err)
	}
	cssAsset := set.byName["css/site.css"]
	body := string(cssAsset.body)
	for _, want := range []string{`url("` + fontURL + `")`, "url(../fonts/missing.woff2)", "url(data:image/png;base64,AA==)", "url(/abs.png)"} {
		if !strings.Contains(body, want) {
			t.Errorf("rewritten CSS lacks %q:\n%s", want, body)
		}
	}
	if strings.Contains(body, "../img/a b.svg") {
		t.Errorf("quoted reference with a space not rewritten:\n%s", body)
	}
	if _, err := set.url("nope.css"); err == nil {
		t.Error("unknown asset has a URL")
	}

	// A new font changes the font's name and, through the rewritten reference, the stylesheet's.
	set2, err := loadAssets(testThemeFS(css, "font v2"))
	if err != nil {
		t.Fatal(err)
	}
	if set2.byName["fonts/f.woff2"].hashed == set.byName["fonts/f.woff2"].hashed {
		t.Error("font hash did not change with its content")
	}
	if set2.byName["css/site.css"].hashed == cssAsset.hashed {
		t.Error("stylesheet hash did not change with the font it references")
	}
	if set2.byName["img/a b.svg"].hashed != set.byName["img/a b.svg"].hashed {
		t.Error("unchanged file got a new hash")
	}
}

// TestStatic fetches the theme files the pages link to, through the whole router.
func TestStatic(t *testing.T) {
	srv, _ := newTestServer(t, newTestState(t))
	h := srv.Handler()
	home := do(h, http.MethodGet, "/").Body.String()
	cssURL := regexp.MustCompile(`href="(/static/css/site\.[0-9a-f]{12}\.css)"`).FindStringSubmatch(home)
	jsURL := regexp.MustCompile(`src="(/static/js/site\.[0-9a-f]{12}\.js)"`).FindStringSubmatch(home)
	if cssURL == nil || jsURL == nil {
		t.Fatalf("home page has no hashed CSS or JS link")
	}
	css := do(h, http.MethodGet, cssURL[1])
	fontURL := regexp.MustCompile(`url\("(/static/fonts/vazirmatn/Vazirmatn-Variable\.[0-9a-f]{12}\.woff2)"\)`).FindStringSubmatch(css.Body.String())
	if fontURL == nil {
		t.Fatalf("stylesheet does not reference the hashed font:\n%.500s", css.Body)
	}
	tests := []struct {
		target, ctype, cache string
		status               int
	}{
		{cssURL[1], "text/css; charset=utf-8", cacheImmutable, 200},
		{jsURL[1], "text/javascript; charset=utf-8", cacheImmutable, 200},
		{fontURL[1], "font/woff2", cacheImmutable, 200},
		{"/static/css/site.css", "text/css; charset=utf-8", cacheRevalidate, 200},
		{"/static/fonts/vazirmatn/OFL.txt", "text/plain; charset=utf-8", cacheRevalidate, 200},
		{"/static/css/site.000000000000.css", "text/html; charset=utf-8", "", 404},
		{"/static/", "text/html; charset=utf-8", "", 404},
		{"/static/../go.mod", "", "", 404},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			rec := do(h, http.MethodGet, tt.target)
			if rec.Code != tt.status && !(tt.status == 404 && rec.Code == 301) {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if tt.ctype != "" && rec.Header().Get("Content-Type") != tt.ctype {
				t.Errorf("Content-Type = %q, want %q", rec.Header().Get("Content-Type"), tt.ctype)
			}
			if rec.Header().Get("Cache-Control") != tt.cache {
				t.Errorf("Cache-Control = %q, want %q", rec.Header().Get("Cache-Control"), tt.cache)
			}
			if tt.status == 200 {
				etag := rec.Header().Get("ETag")
				if again := do(h, http.MethodGet, tt.target, "If-None-Match", etag); etag == "" || again.Code != http.StatusNotModified {
					t.Errorf("revalidation with ETag %q: %d", etag, again.Code)
				}
			}
		})
	}
	font, err := fs.ReadFile(theme.FS, "static/fonts/vazirmatn/Vazirmatn-Variable.woff2")
	if err != nil {
		t.Fatal(err)
	}
	if got := do(h, http.MethodGet, fontURL[1]).Body.Bytes(); !bytes.Equal(got, font) {
		t.Errorf("font body differs from the embedded file (%d bytes, want %d)", len(got), len(font))
	}
}

func TestMedia(t *testing.T) {
	st := newTestState(t)
	srv, _ := newTestServer(t, st)
	h := srv.Handler()
	rec := do(h, http.MethodGet, "/media/images/receipt.png")
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "image/png" ||
		rec.Header().Get("X-Content-Type-Options") != "nosniff" || rec.Header().Get("Cache-Control") != cacheMedia {
		t.Fatalf("receipt.png: %d %v", rec.Code, rec.Header())
	}
	want, err := os.ReadFile(filepath.Join(st.Library.Root, "images", "receipt.png"))
	if err != nil || !bytes.Equal(rec.Body.Bytes(), want) {
		t.Errorf("image body differs: %v", err)
	}
	for _, target := range []string{
		"/media/images/logo.svg",    // SVG can carry scripts: never served
		"/media/billing/refund.md",  // Markdown sources are not media
		"/media/images/missing.png", // no such file
		"/media/../go.mod",
		"/media/images/%2e%2e/%2e%2e/etc/passwd.png",
		"/media/",
	} {
		t.Run(target, func(t *testing.T) {
			if rec := do(h, http.MethodGet, target); rec.Code != http.StatusNotFound && rec.Code != http.StatusMovedPermanently {
				t.Errorf("GET %s = %d, want 404", target, rec.Code)
			}
		})
	}
}

// TestDevModeRereadsTheme serves a theme folder on disk in Dev mode: a template or stylesheet
// change shows on the next request without a restart.
func TestDevModeRereadsTheme(t *testing.T) {
	dir := t.TempDir()
	err := fs.WalkDir(theme.FS, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(theme.FS, p)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{Dev: true, ThemeDir: dir}, &State{Library: testLibrary(), Search: &fakeSearcher{}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	h := srv.Handler()
	cssLink := regexp.MustCompile(`/static/css/site\.[0-9a-f]{12}\.css`)
	before := do(h, http.MethodGet, "/").Body.String()

	layout := filepath.Join(dir, "templates", "layout.html")
	b, err := os.ReadFile(layout)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(layout, bytes.Replace(b, []byte("<main "), []byte("<p>DEV-MARKER</p><main "), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "static", "css", "site.css"), []byte("body{}"), 0o644); err != nil {
		t.Fatal(err)
	}
	after := do(h, http.MethodGet, "/").Body.String()
	if !strings.Contains(after, "DEV-MARKER") || strings.Contains(before, "DEV-MARKER") {
		t.Error("template change not picked up")
	}
	if cssLink.FindString(after) == cssLink.FindString(before) {
		t.Error("stylesheet change did not change its hashed URL")
	}
	if got := do(h, http.MethodGet, cssLink.FindString(after)).Body.String(); got != "body{}" {
		t.Errorf("new stylesheet = %q", got)
	}

	if _, err := New(Config{Dev: true}, nil, nil); err == nil {
		t.Error("Dev without a theme folder accepted")
	}
	if _, err := New(Config{Dev: true, ThemeDir: t.TempDir()}, nil, nil); err == nil {
		t.Error("an empty theme folder accepted")
	}
}
