package tickets

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"time"

	"persiankb/kb/store"
)

// Channel names, stored in the outbox.
const (
	ChannelWebhook = "webhook"
	ChannelEmail   = "email"
)

// Delivery loop defaults.
const (
	// DefaultPollInterval: how often the outbox is searched for retries that came due. New
	// tickets do not wait for it: Submit wakes the loop at once.
	DefaultPollInterval = 15 * time.Second
	// DefaultTimeout bounds one attempt (connect, send up to ~20 MB, answer).
	DefaultTimeout = 60 * time.Second
	// DefaultLease: a claimed delivery is not claimed again before this, so it must exceed the
	// longest attempt; a deliverer that dies mid-attempt is retried after it.
	DefaultLease = 5 * time.Minute
	// maxErrorRunes bounds the last_error kept for the admin.
	maxErrorRunes = 500
)

// Store is what the Deliverer needs of kb/store.
type Store interface {
	CreateTicket(ctx context.Context, t store.Ticket, channels []string) (store.Ticket, error)
	Ticket(ctx context.Context, number string) (store.Ticket, error)
	ClaimDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]store.Delivery, error)
	MarkDelivered(ctx context.Context, id int64, attempt int, at time.Time) error
	MarkRetry(ctx context.Context, id int64, attempt int, errMsg string, at, next time.Time) error
	MarkFailed(ctx context.Context, id int64, attempt int, errMsg string, at time.Time) error
}

// WebhookConfig configures the webhook channel; an empty URL disables it.
type WebhookConfig struct {
	URL     string
	Secret  string        // shared HMAC key, required with a URL
	Timeout time.Duration // per attempt; DefaultTimeout when zero
	Client  *http.Client  // optional (tests, proxies); redirects are never followed
}

// Config configures a Deliverer. Zero values take the defaults above.
type Config struct {
	Webhook      WebhookConfig
	SMTP         SMTPConfig
	PollInterval time.Duration
	Backoff      Backoff
	MaxAttempts  int
	Lease        time.Duration
	Now          func() time.Time // the clock; time.Now when nil
	Rand         func() float64   // jitter draw in [0, 1); math/rand/v2 when nil
	Logger       *slog.Logger     // slog.Default() when nil
}

// channel delivers one ticket through one medium. Errors are retried unless permanent.
type channel interface {
	name() string
	deliver(ctx context.Context, d store.Delivery, t store.Ticket) error
}

// Deliverer submits tickets and delivers them from the outbox, with retries that survive
// restarts because every attempt's outcome and next due time are in the store.
type Deliverer struct {
	store    Store
	cfg      Config
	channels map[string]channel
	names    []string // configured channel names, in a stable order
	kick     chan struct{}
}

// Result counts what one DeliverDue pass did.
type Result struct {
	Delivered, Retried, Failed int
}

// NewDeliverer checks cfg and returns a Deliverer over s. Channels are those configured:
// the webhook when cfg.Webhook.URL is set, email when cfg.SMTP.Addr is set; with none,
// tickets are only stored.
func NewDeliverer(s Store, cfg Config) (*Deliverer, error) {
	cfg = withDefaults(cfg)
	if cfg.Lease <= max(cfg.Webhook.Timeout, cfg.SMTP.Timeout) {
		return nil, fmt.Errorf("tickets: lease %v must exceed the attempt timeouts", cfg.Lease)
	}
	d := &Deliverer{store: s, cfg: cfg, channels: map[string]channel{}, kick: make(chan struct{}, 1)}
	if cfg.Webhook.URL != "" {
		u, err := url.Parse(cfg.Webhook.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return nil, fmt.Errorf("tickets: webhook URL %q must be an absolute http(s) URL", cfg.Webhook.URL)
		}
		if cfg.Webhook.Secret == "" {
			return nil, errors.New("tickets: the webhook needs a secret to sign its body")
		}
		d.add(newWebhook(cfg.Webhook, cfg.Now))
	}
	if cfg.SMTP.Addr != "" {
		m, err := newMailer(cfg.SMTP, cfg.Now)
		if err != nil {
			return nil, err
		}
		d.add(m)
	}
	return d, nil
}

func withDefaults(cfg Config) Config {
	if cfg.PollInterval <= 0 {
		cfg.PollInterval = DefaultPollInterval
	}
	if cfg.Backoff == (Backoff{}) {
		cfg.Backoff = DefaultBackoff()
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = DefaultMaxAttempts
	}
	if cfg.Lease <= 0 {
		cfg.Lease = DefaultLease
	}
	if cfg.Webhook.Timeout <= 0 {
		cfg.Webhook.Timeout = DefaultTimeout
	}
	if cfg.SMTP.Timeout <= 0 {
		cfg.SMTP.Timeout = DefaultTimeout
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Rand == nil {
		cfg.Rand = rand.Float64
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	return cfg
}

func (d *Deliverer) add(c channel) {
	d.channels[c.name()] = c
	d.names = append(d.names, c.name())
}

// Channels lists the configured channel names.
func (d *Deliverer) Channels() []string { return append([]string(nil), d.names...) }

// Submit commits the ticket with one outbox row per configured channel, in one transaction,
// and wakes the delivery loop. When it returns nil the ticket is durable: show the customer
// its Number.
func (d *Deliverer) Submit(ctx context.Context, t Ticket) (store.Ticket, error) {
	rec, err := d.store.CreateTicket(ctx, t.record(d.cfg.Now()), d.names)
	if err != nil {
		return store.Ticket{}, fmt.Errorf("tickets: submit: %w", err)
	}
	d.Kick()
	return rec, nil
}

// Kick makes Run look at the outbox now (after Submit, or after an admin's RetryDelivery).
// It never blocks.
func (d *Deliverer) Kick() {
	select {
	case d.kick <- struct{}{}:
	default: // a pass is already pending
	}
}

// Run delivers due deliveries until ctx is done: at once, then on every Kick and every poll
// interval. An attempt in flight when ctx ends is recorded as a retry due immediately, so the
// next start sends it again first. While the store is unavailable (store.ErrUnavailable) the
// pass is given up with a warning and tried again at the next poll.
func (d *Deliverer) Run(ctx context.Context) {
	tick := time.NewTicker(d.cfg.PollInterval)
	defer tick.Stop()
	for {
		_, err := d.DeliverDue(ctx)
		switch {
		case err == nil || ctx.Err() != nil:
		case errors.Is(err, store.ErrUnavailable):
			d.cfg.Logger.Warn("ticket delivery paused: store unavailable", "err", err, "retry_in", d.cfg.PollInterval)
		default:
			d.cfg.Logger.Error("ticket delivery", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		case <-d.kick:
		}
	}
}

// DeliverDue attempts every delivery due now, one after another, and reports what it did.
// Each delivery is claimed just before its attempt, so its lease covers that one attempt
// only, however long the queue: a claim never expires while it waits behind others.
// Run calls it; tests and commands may call it directly.
func (d *Deliverer) DeliverDue(ctx context.Context) (Result, error) {
	var res Result
	for ctx.Err() == nil {
		ds, err := d.store.ClaimDeliveries(ctx, d.cfg.Now(), d.cfg.Lease, 1)
		if err != nil {
			return res, fmt.Errorf("tickets: %w", err)
		}
		if len(ds) == 0 {
			break
		}
		if err := d.attempt(ctx, ds[0], &res); err != nil {
			return res, err
		}
	}
	return res, nil
}
