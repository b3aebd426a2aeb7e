package site

import "testing"

func TestNewChecksConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		ok   bool
	}{
		{"defaults", Config{}, true},
		{"base URL", Config{BaseURL: "https://help.example.com/"}, true},
		{"base URL with path", Config{BaseURL: "http://example.com/help"}, true},
		{"relative base URL", Config{BaseURL: "help.example.com"}, false},
		{"other scheme", Config{BaseURL: "ftp://help.example.com"}, false},
		{"base URL with query", Config{BaseURL: "https://help.example.com/?a=b"}, false},
		{"dev without theme folder", Config{Dev: true}, false},
		{"dev with a missing theme folder", Config{Dev: true, ThemeDir: "/nonexistent/theme"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, err := New(tt.cfg, nil, nil)
			if (err == nil) != tt.ok {
				t.Fatalf("New(%+v) error = %v, want ok=%v", tt.cfg, err, tt.ok)
			}
			if err == nil && srv.cfg.SiteName != DefaultSiteName {
				t.Errorf("SiteName = %q, want the default", srv.cfg.SiteName)
			}
		})
	}
}
