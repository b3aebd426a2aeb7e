package tickets

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"persiankb/kb/store"
)

// Webhook headers; see WEBHOOK.md.
const (
	HeaderSignature = "X-KB-Signature" // "sha256=" + hex HMAC-SHA256(secret, raw body)
	HeaderTimestamp = "X-KB-Timestamp" // Unix seconds when this attempt was sent
	HeaderDelivery  = "X-KB-Delivery"  // the idempotency key, the same on every retry
)

// WebhookVersion is the version of the body's format, in its "version" field.
const WebhookVersion = 1

// maxResponseBytes is how much of a receiver's answer is read: enough for an error message.
const maxResponseBytes = 4 << 10

// WebhookPayload is the JSON body of a ticket webhook, documented in WEBHOOK.md.
type WebhookPayload struct {
	Version        int                 `json:"version"`
	Event          string              `json:"event"`  // "ticket.created"
	Source         string              `json:"source"` // "kb"
	IdempotencyKey string              `json:"idempotency_key"`
	TicketNumber   string              `json:"ticket_number"`
	CreatedAt      string              `json:"created_at"` // RFC 3339, UTC
	Name           string              `json:"name"`
	Email          string              `json:"email"`
	Mobile         string              `json:"mobile"`   // "09xxxxxxxxx" or ""
	Category       string              `json:"category"` // category slug or ""
	Subject        string              `json:"subject"`
	Description    string              `json:"description"`
	Attachments    []WebhookAttachment `json:"attachments"` // [] when none
	Client         WebhookClient       `json:"client"`
}

// WebhookAttachment is one attached file, inlined in the body.
type WebhookAttachment struct {
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	SHA256      string `json:"sha256"` // hex, of the decoded data
	Data        []byte `json:"data"`   // standard base64 with padding
}

// WebhookClient is what the site knew about the customer's browser.
type WebhookClient struct {
	IP        string `json:"ip"`
	UserAgent string `json:"user_agent"`
	Referrer  string `json:"referrer"`
}

// NewWebhookPayload is the webhook body for delivery d of ticket t.
func NewWebhookPayload(d store.Delivery, t store.Ticket) WebhookPayload {
	p := WebhookPayload{
		Version: WebhookVersion, Event: "ticket.created", Source: "kb", IdempotencyKey: d.Key,
		TicketNumber: t.Number, CreatedAt: t.CreatedAt.UTC().Format(time.RFC3339),
		Name: t.Name, Email: t.Email, Mobile: t.Mobile, Category: t.Category,
		Subject: t.Subject, Description: t.Description,
		Attachments: []WebhookAttachment{},
		Client:      WebhookClient{IP: t.ClientIP, UserAgent: t.UserAgent, Referrer: t.Referrer},
	}
	for _, a := range t.Attachments {
		p.Attachments = append(p.Attachments, WebhookAttachment{
			Filename: a.Filename, ContentType: a.ContentType, Size: a.Size, SHA256: a.SHA256, Data: a.Data})
	}
	return p
}

// Sign is the X-KB-Signature value for body: "sha256=" and the hex HMAC-SHA256 of the raw
// body bytes with the shared secret.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// VerifySignature reports whether header is Sign(secret, body), in constant time.
func VerifySignature(secret string, body []byte, header string) bool {
	return hmac.Equal([]byte(Sign(secret, body)), []byte(strings.TrimSpace(header)))
}

// webhook is the channel that POSTs the signed JSON body.
type webhook struct {
	url    string
	secret string
	client *http.Client
	now    func() time.Time
}

func newWebhook(cfg WebhookConfig, now func() time.Time) *webhook {
	client := cfg.Client
	if client == nil {
		client = &http.Client{Timeout: cfg.Timeout}
	}
	c := *client // our own copy: never follow redirects (a POST would turn into a GET)
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &webhook{url: cfg.URL, secret: cfg.Secret, client: &c, now: now}
}

func (w *webhook) name() string { return ChannelWebhook }

func (w *webhook) deliver(ctx context.Context, d store.Delivery, t store.Ticket) error {
	body, err := json.Marshal(NewWebhookPayload(d, t))
	if err != nil {
		return permanent(fmt.Errorf("encode body: %w", err))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.url, bytes.NewReader(body))
	if err != nil {
		return permanent(err)
	}
	req.Header.Set("Content-Type", "application/json; charset=utf-8")
	req.Header.Set("User-Agent", "persiankb-webhook/1")
	req.Header.Set(HeaderSignature, Sign(w.secret, body))
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(w.now().Unix(), 10))
	req.Header.Set(HeaderDelivery, d.Key)
	req.Header.Set("Idempotency-Key", d.Key)
	resp, err := w.client.Do(req)
	if err != nil {
		return err // network trouble, timeouts: retried
	}
	defer resp.Body.Close()
	answer, _ := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	return classifyResponse(resp, answer, w.now())
}

// classifyResponse turns the receiver's answer into nil (delivered), a retryable error or a
// permanent one:
//   - 2xx: delivered;
//   - 408, 425, 429 and 5xx: temporary, retried (Retry-After is honoured);
//   - 3xx: permanent, the configured URL is wrong (redirects are not followed);
//   - any other 4xx: permanent, the receiver refuses this request and will refuse it again.
func classifyResponse(resp *http.Response, answer []byte, now time.Time) error {
	code := resp.StatusCode
	if code >= 200 && code < 300 {
		return nil
	}
	err := fmt.Errorf("HTTP %d: %s", code, oneLine(answer))
	switch {
	case code == http.StatusRequestTimeout, code == http.StatusTooEarly, code == http.StatusTooManyRequests, code >= 500:
		return retryAfter(err, parseRetryAfter(resp.Header.Get("Retry-After"), now))
	case code >= 300 && code < 400:
		return permanent(fmt.Errorf("HTTP %d redirect to %q; configure the final URL", code, resp.Header.Get("Location")))
	}
	return permanent(err)
}

// parseRetryAfter reads a Retry-After header: seconds or an HTTP date; 0 when absent or bad.
func parseRetryAfter(v string, now time.Time) time.Duration {
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// oneLine shortens a receiver's answer for last_error.
func oneLine(b []byte) string {
	s := strings.Join(strings.Fields(strings.ToValidUTF8(string(b), "?")), " ")
	if len(s) > 200 {
		s = strings.ToValidUTF8(s[:200], "") + "…"
	}
	return s
}
