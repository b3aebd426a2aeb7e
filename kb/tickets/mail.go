package tickets

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"time"

	"persiankb/kb/store"
)

// SMTPConfig configures the email channel; an empty Addr disables it.
type SMTPConfig struct {
	Addr     string   // host:port; port 465 means TLS from the start, otherwise STARTTLS when offered
	From     string   // envelope and header sender, e.g. "kb@example.com"
	To       []string // the support mailbox(es), e.g. a Zammad or Freshdesk email channel
	Username string   // optional; authentication (PLAIN) requires TLS except to localhost
	Password string
	Timeout  time.Duration // per attempt; DefaultTimeout when zero
	// TLSConfig is optional (tests, private CAs); ServerName defaults to Addr's host.
	TLSConfig *tls.Config
}

// mailer is the channel that emails each ticket to the support mailbox.
type mailer struct {
	cfg  SMTPConfig
	host string
	now  func() time.Time
}

func newMailer(cfg SMTPConfig, now func() time.Time) (*mailer, error) {
	host, _, err := net.SplitHostPort(cfg.Addr)
	if err != nil {
		return nil, fmt.Errorf("tickets: SMTP address %q: %w", cfg.Addr, err)
	}
	if _, err := mail.ParseAddress(cfg.From); err != nil {
		return nil, fmt.Errorf("tickets: SMTP sender %q: %w", cfg.From, err)
	}
	if len(cfg.To) == 0 {
		return nil, errors.New("tickets: SMTP needs at least one recipient")
	}
	for _, to := range cfg.To {
		if _, err := mail.ParseAddress(to); err != nil {
			return nil, fmt.Errorf("tickets: SMTP recipient %q: %w", to, err)
		}
	}
	return &mailer{cfg: cfg, host: host, now: now}, nil
}

func (m *mailer) name() string { return ChannelEmail }

// deliver sends the ticket in one SMTP session. 5xx replies are permanent failures, 4xx
// replies and network errors temporary.
func (m *mailer) deliver(ctx context.Context, d store.Delivery, t store.Ticket) error {
	msg, err := buildMail(d, t, m.cfg.From, m.cfg.To)
	if err != nil {
		return permanent(err)
	}
	ctx, cancel := context.WithTimeout(ctx, m.cfg.Timeout)
	defer cancel()
	conn, err := m.dial(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) }) // unblock on cancel
	defer stop()
	return smtpError(m.session(conn, msg))
}

func (m *mailer) tlsConfig() *tls.Config {
	c := &tls.Config{ServerName: m.host, MinVersion: tls.VersionTLS12}
	if m.cfg.TLSConfig != nil {
		c = m.cfg.TLSConfig.Clone()
		if c.ServerName == "" {
			c.ServerName = m.host
		}
	}
	return c
}

func (m *mailer) dial(ctx context.Context) (net.Conn, error) {
	var dialer net.Dialer
	if _, port, _ := net.SplitHostPort(m.cfg.Addr); port == "465" {
		td := tls.Dialer{NetDialer: &dialer, Config: m.tlsConfig()}
		return td.DialContext(ctx, "tcp", m.cfg.Addr)
	}
	return dialer.DialContext(ctx, "tcp", m.cfg.Addr)
}

func (m *mailer) session(conn net.Conn, msg []byte) error {
	c, err := smtp.NewClient(conn, m.host)
	if err != nil {
		return err
	}
	defer c.Close()
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(m.tlsConfig()); err != nil {
			return err
		}
	}
	if m.cfg.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", m.cfg.Username, m.cfg.Password, m.host)); err != nil {
			return err
		}
	}
	if err := c.Mail(m.cfg.From); err != nil {
		return err
	}
	for _, to := range m.cfg.To {
		if err := c.Rcpt(to); err != nil {
			return err
		}
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// smtpError makes 5xx replies permanent.
func smtpError(err error) error {
	var te *textproto.Error
	if errors.As(err, &te) && te.Code >= 500 {
		return permanent(err)
	}
	return err
}
