package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"persiankb/kb/store"
	"persiankb/kb/tickets"
)

// Files kept in the data folder for tickets.
const (
	defaultStoreFile = "kb.db"       // the SQLite store when --store is not given
	siteSecretFile   = "site-secret" // generated signing key when --site-secret is not given
	// siteSecretBytes: 256 random bits, the HMAC-SHA256 key size.
	siteSecretBytes = 32
)

// ticketConfig configures the ticket form's store, delivery and the widget's CORS.
type ticketConfig struct {
	Store         string // store DSN: SQLite path, sqlite:PATH or postgres://...; "" = DATA/kb.db
	Webhook       string
	WebhookSecret string
	SMTPAddr      string
	SMTPFrom      string
	SMTPTo        string // comma-separated
	SMTPUser      string
	SMTPPassword  string
	SiteSecret    string // hex or text, at least 32 bytes; "" = generated in DATA/site-secret
	CORSOrigins   string // comma-separated origins allowed to call /api/suggest
}

// addTicketFlags registers the ticket flags of `kb serve`; defaults come from the environment.
// Secrets are better given in the environment than as flags, which other users can see in ps.
func addTicketFlags(fs *flag.FlagSet, env *cliEnv, c *ticketConfig) {
	fs.StringVar(&c.Store, "store", envOr(env, "KB_STORE", ""), "ticket and event store: SQLite file, sqlite:PATH or postgres://URL (KB_STORE; default DATA/"+defaultStoreFile+")")
	fs.StringVar(&c.Webhook, "ticket-webhook", envOr(env, "KB_TICKET_WEBHOOK", ""), "deliver tickets as signed JSON POSTs to this URL; see kb/tickets/WEBHOOK.md (KB_TICKET_WEBHOOK)")
	fs.StringVar(&c.WebhookSecret, "ticket-webhook-secret", envOr(env, "KB_TICKET_WEBHOOK_SECRET", ""), "HMAC-SHA256 key of the webhook signature (KB_TICKET_WEBHOOK_SECRET; prefer the environment)")
	fs.StringVar(&c.SMTPAddr, "smtp-addr", envOr(env, "KB_SMTP_ADDR", ""), "also email tickets through this SMTP server HOST:PORT (KB_SMTP_ADDR)")
	fs.StringVar(&c.SMTPFrom, "smtp-from", envOr(env, "KB_SMTP_FROM", ""), "sender address of ticket emails (KB_SMTP_FROM)")
	fs.StringVar(&c.SMTPTo, "smtp-to", envOr(env, "KB_SMTP_TO", ""), "support mailbox(es), comma-separated (KB_SMTP_TO)")
	fs.StringVar(&c.SMTPUser, "smtp-user", envOr(env, "KB_SMTP_USER", ""), "SMTP user name (KB_SMTP_USER)")
	fs.StringVar(&c.SMTPPassword, "smtp-password", envOr(env, "KB_SMTP_PASSWORD", ""), "SMTP password (KB_SMTP_PASSWORD; prefer the environment)")
	fs.StringVar(&c.SiteSecret, "site-secret", envOr(env, "KB_SITE_SECRET", ""), "key signing form and receipt tokens, 32+ bytes, the same on every replica (KB_SITE_SECRET; default: generated in DATA/"+siteSecretFile+")")
	fs.StringVar(&c.CORSOrigins, "cors-origins", envOr(env, "KB_CORS_ORIGINS", ""), "comma-separated origins whose pages may call /api/suggest, e.g. https://shop.example.com (KB_CORS_ORIGINS)")
}

func (c ticketConfig) validate() error {
	switch {
	case c.Webhook != "" && c.WebhookSecret == "":
		return errors.New("--ticket-webhook needs --ticket-webhook-secret (or KB_TICKET_WEBHOOK_SECRET)")
	case c.SMTPAddr != "" && (c.SMTPFrom == "" || c.SMTPTo == ""):
		return errors.New("--smtp-addr needs --smtp-from and --smtp-to")
	case c.SiteSecret != "" && len(c.SiteSecret) < siteSecretBytes:
		return fmt.Errorf("--site-secret must be at least %d bytes", siteSecretBytes)
	}
	return nil
}

// storeDSN is the configured store, or the SQLite file in the data folder.
func (c ticketConfig) storeDSN(dataDir string) string {
	if c.Store != "" {
		return c.Store
	}
	return filepath.Join(dataDir, defaultStoreFile)
}

// corsOrigins splits the comma-separated --cors-origins.
func (c ticketConfig) corsOrigins() []string { return splitList(c.CORSOrigins) }

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// ticketDesk is the running ticket backend of `kb serve`: the store and the delivery loop.
type ticketDesk struct {
	store     store.Store
	deliverer *tickets.Deliverer
	stop      context.CancelFunc
	wg        sync.WaitGroup
}

// openTicketDesk opens the store and starts delivering its outbox until ctx ends or Close.
func openTicketDesk(ctx context.Context, c ticketConfig, dataDir string, logger *slog.Logger) (*ticketDesk, error) {
	st, err := store.Open(ctx, c.storeDSN(dataDir))
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	d, err := tickets.NewDeliverer(st, tickets.Config{
		Webhook: tickets.WebhookConfig{URL: c.Webhook, Secret: c.WebhookSecret},
		SMTP: tickets.SMTPConfig{
			Addr: c.SMTPAddr, From: c.SMTPFrom, To: splitList(c.SMTPTo),
			Username: c.SMTPUser, Password: c.SMTPPassword,
		},
		Logger: logger,
	})
	if err != nil {
		st.Close()
		return nil, err
	}
	if len(d.Channels()) == 0 {
		logger.Warn("no ticket delivery configured (--ticket-webhook, --smtp-addr): tickets are only stored")
	}
	ctx, stop := context.WithCancel(ctx)
	td := &ticketDesk{store: st, deliverer: d, stop: stop}
	td.wg.Add(1)
	go func() {
		defer td.wg.Done()
		d.Run(ctx)
	}()
	return td, nil
}

// Close stops the delivery loop (an attempt in flight is recorded as due again, see
// tickets.Deliverer.Run), waits for it and closes the store.
func (td *ticketDesk) Close() error {
	td.stop()
	td.wg.Wait()
	return td.store.Close()
}

// siteSecret returns the configured secret, or the one kept in the data folder, creating it
// (owner-only) on first use so that tokens stay valid across restarts.
func siteSecret(configured, dataDir string) ([]byte, error) {
	if configured != "" {
		return []byte(configured), nil
	}
	path := filepath.Join(dataDir, siteSecretFile)
	secret, err := readSecret(path)
	if errors.Is(err, fs.ErrNotExist) {
		return createSecret(path)
	}
	return secret, err
}

func readSecret(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	secret, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil || len(secret) < siteSecretBytes {
		return nil, fmt.Errorf("site secret %s is damaged: delete it to make a new one", path)
	}
	return secret, nil
}

// createSecret writes a new random secret beside path and links it into place, so that a
// concurrent start never reads a half-written file: whoever links first wins, and everyone
// reads the winner's secret.
func createSecret(path string) ([]byte, error) {
	secret := make([]byte, siteSecretBytes)
	rand.Read(secret) // never fails (crypto/rand since Go 1.24)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("site secret: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+siteSecretFile+"-*") // mode 0600
	if err != nil {
		return nil, fmt.Errorf("site secret: %w", err)
	}
	defer os.Remove(tmp.Name())
	_, err = tmp.WriteString(hex.EncodeToString(secret) + "\n")
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		if err = os.Link(tmp.Name(), path); errors.Is(err, fs.ErrExist) {
			err = nil
		}
	}
	if err != nil {
		return nil, fmt.Errorf("site secret: %w", err)
	}
	return readSecret(path)
}
