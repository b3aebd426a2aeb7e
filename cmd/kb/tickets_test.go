package main

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestParseTicketFlags(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		args    []string
		want    ticketConfig
		wantErr string
	}{
		{name: "defaults"},
		{name: "env", env: map[string]string{
			"KB_STORE": "/var/kb.db", "KB_TICKET_WEBHOOK": "https://desk.example.com/hook",
			"KB_TICKET_WEBHOOK_SECRET": "s3cret", "KB_CORS_ORIGINS": "https://shop.example.com",
		}, want: ticketConfig{Store: "/var/kb.db", Webhook: "https://desk.example.com/hook",
			WebhookSecret: "s3cret", CORSOrigins: "https://shop.example.com"}},
		{name: "flags override env", env: map[string]string{"KB_STORE": "/var/kb.db"},
			args: []string{"--store", "postgres://db/kb", "--smtp-addr", "mail:587", "--smtp-from", "kb@example.com", "--smtp-to", "a@example.com, b@example.com"},
			want: ticketConfig{Store: "postgres://db/kb", SMTPAddr: "mail:587", SMTPFrom: "kb@example.com", SMTPTo: "a@example.com, b@example.com"}},
		{name: "webhook without secret", args: []string{"--ticket-webhook", "https://desk.example.com/hook"}, wantErr: "--ticket-webhook-secret"},
		{name: "smtp without recipients", args: []string{"--smtp-addr", "mail:587", "--smtp-from", "kb@example.com"}, wantErr: "--smtp-to"},
		{name: "short site secret", args: []string{"--site-secret", "short"}, wantErr: "at least 32 bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, _ := testEnv(tt.env)
			got, err := parseServeConfig(env, tt.args)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got.Tickets != tt.want {
				t.Errorf("got %+v\nwant %+v", got.Tickets, tt.want)
			}
		})
	}
	c := ticketConfig{CORSOrigins: " https://a.example, ,http://b.example:8080 ", SMTPTo: "x@example.com"}
	if got := c.corsOrigins(); !slices.Equal(got, []string{"https://a.example", "http://b.example:8080"}) {
		t.Errorf("corsOrigins = %q", got)
	}
	if got := (ticketConfig{}).storeDSN("/data"); got != filepath.Join("/data", defaultStoreFile) {
		t.Errorf("default store = %q", got)
	}
}

func TestSiteSecret(t *testing.T) {
	dir := t.TempDir()
	if got, err := siteSecret("a configured secret of 32 bytes!", dir); err != nil || string(got) != "a configured secret of 32 bytes!" {
		t.Fatalf("configured secret = %q, %v", got, err)
	}
	if _, err := os.Stat(filepath.Join(dir, siteSecretFile)); !os.IsNotExist(err) {
		t.Fatalf("a configured secret wrote a file: %v", err)
	}
	// Concurrent first starts all get the same, persisted secret.
	var wg sync.WaitGroup
	secrets := make([][]byte, 8)
	errs := make([]error, len(secrets))
	for i := range secrets {
		wg.Go(func() { secrets[i], errs[i] = siteSecret("", dir) })
	}
	wg.Wait()
	for i := range secrets {
		if errs[i] != nil || len(secrets[i]) != siteSecretBytes || !bytes.Equal(secrets[i], secrets[0]) {
			t.Fatalf("start %d: secret %x, %v; first %x", i, secrets[i], errs[i], secrets[0])
		}
	}
	again, err := siteSecret("", dir)
	if err != nil || !bytes.Equal(again, secrets[0]) {
		t.Fatalf("after a restart: %x, %v", again, err)
	}
	path := filepath.Join(dir, siteSecretFile)
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("secret file mode = %v, %v", fi.Mode(), err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, "."+siteSecretFile+"-*")); len(left) > 0 {
		t.Errorf("temporary files left: %q", left)
	}
	if err := os.WriteFile(path, []byte("not hex\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := siteSecret("", dir); err == nil || !strings.Contains(err.Error(), "damaged") {
		t.Errorf("damaged secret: %v", err)
	}
}

func TestOpenTicketDesk(t *testing.T) {
	dir := t.TempDir()
	var errb bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&errb, nil))
	desk, err := openTicketDesk(context.Background(), ticketConfig{}, dir, logger)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, defaultStoreFile)); err != nil {
		t.Errorf("no SQLite store in the data folder: %v", err)
	}
	if !strings.Contains(errb.String(), "tickets are only stored") {
		t.Errorf("no warning about missing delivery: %q", errb.String())
	}
	if err := desk.Close(); err != nil { // stops the delivery loop and returns
		t.Fatal(err)
	}
	if _, err := openTicketDesk(context.Background(), ticketConfig{
		Webhook: "ftp://desk.example.com", WebhookSecret: "x"}, dir, logger); err == nil {
		t.Error("a bad webhook URL was accepted")
	}
}
