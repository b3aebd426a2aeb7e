package tickets

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func TestBackoffDelay(t *testing.T) {
	b := DefaultBackoff()
	tests := []struct {
		attempt int
		r       float64
		want    time.Duration
	}{
		{1, 0, 15 * time.Second}, // half of Base: the earliest a retry comes
		{1, 0.5, 22500 * time.Millisecond},
		{1, 0.999999, 30 * time.Second},
		{2, 0, 30 * time.Second},
		{3, 0, time.Minute},
		{8, 0, 32 * time.Minute},
		{9, 0, time.Hour},
		{10, 0, time.Hour}, // capped at Max (2 h), halved by the jitter floor
		{10, 0.999999, 2 * time.Hour},
		{5000, 0, time.Hour}, // no overflow
		{0, 0, 15 * time.Second},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprint(tc.attempt, "/", tc.r), func(t *testing.T) {
			got := b.Delay(tc.attempt, tc.r)
			if d, tol := got-tc.want, tc.want/10000; d < -tol || d > tol {
				t.Errorf("Delay(%d, %v) = %v, want %v", tc.attempt, tc.r, got, tc.want)
			}
		})
	}
	// The documented retry window of the defaults: at least about 4 and at most about 8 hours.
	var lo, hi time.Duration
	for n := 1; n < DefaultMaxAttempts; n++ {
		lo += b.Delay(n, 0)
		hi += b.Delay(n, 0.999999)
	}
	if lo < 4*time.Hour || hi > 8*time.Hour+30*time.Minute {
		t.Errorf("defaults retry for %v to %v before giving up", lo, hi)
	}
}

func TestNewDelivererRejects(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"relative URL", func(c *Config) { c.Webhook.URL = "/hook" }, "absolute http(s) URL"},
		{"ftp URL", func(c *Config) { c.Webhook.URL = "ftp://example.com/hook" }, "absolute http(s) URL"},
		{"no secret", func(c *Config) { c.Webhook.Secret = "" }, "needs a secret"},
		{"lease too short", func(c *Config) { c.Lease = time.Second }, "lease"},
		{"SMTP without port", func(c *Config) {
			c.SMTP = SMTPConfig{Addr: "mail.example.com", From: "kb@example.com", To: []string{"s@example.com"}}
		}, "SMTP address"},
		{"SMTP bad sender", func(c *Config) {
			c.SMTP = SMTPConfig{Addr: "mail:25", From: "not an address", To: []string{"s@example.com"}}
		}, "SMTP sender"},
		{"SMTP no recipient", func(c *Config) { c.SMTP = SMTPConfig{Addr: "mail:25", From: "kb@example.com"} }, "recipient"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig(newClock(), "https://desk.example.com/hook")
			tc.edit(&cfg)
			if _, err := NewDeliverer(nil, cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("NewDeliverer error = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestSignature(t *testing.T) {
	body := []byte(`{"ticket_number":"KB-000001"}`)
	// Computed with: printf '%s' "$body" | openssl dgst -sha256 -hmac test-secret
	const want = "sha256=cd0bdcd192daadf748ffe96037388994cb753e3858d4eae4d5ae2619e79160d8"
	if got := Sign("test-secret", body); got != want {
		t.Errorf("Sign = %s, want %s", got, want)
	}
	tests := []struct {
		name   string
		secret string
		body   string
		header string
		want   bool
	}{
		{"valid", "test-secret", string(body), want, true},
		{"valid with spaces", "test-secret", string(body), " " + want + " ", true},
		{"other secret", "other", string(body), want, false},
		{"body changed", "test-secret", `{"ticket_number":"KB-000002"}`, want, false},
		{"no prefix", "test-secret", string(body), strings.TrimPrefix(want, "sha256="), false},
		{"empty", "test-secret", string(body), "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := VerifySignature(tc.secret, []byte(tc.body), tc.header); got != tc.want {
				t.Errorf("VerifySignature = %v, want %v", got, tc.want)
			}
		})
	}
}
