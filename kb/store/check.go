package store

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
)

// prepareTicket checks what every backend requires of a new ticket and fills the derived
// fields: CreatedAt (now when zero, millisecond precision) and each attachment's Size and
// SHA256, computed from Data so they can never disagree with it.
func prepareTicket(t Ticket, channels []string) (Ticket, error) {
	if t.Name == "" || t.Email == "" || t.Subject == "" || t.Description == "" {
		return t, errors.New("store: ticket needs a name, email, subject and description")
	}
	seen := map[string]bool{}
	for _, ch := range channels {
		if ch == "" || seen[ch] {
			return t, fmt.Errorf("store: invalid or repeated delivery channel %q", ch)
		}
		seen[ch] = true
	}
	if t.CreatedAt.IsZero() {
		t.CreatedAt = time.Now()
	}
	t.CreatedAt = t.CreatedAt.UTC().Truncate(time.Millisecond)
	atts := make([]Attachment, len(t.Attachments))
	ids := map[string]bool{}
	for i, a := range t.Attachments {
		if a.ID == "" || ids[a.ID] || a.ContentType == "" || len(a.Data) == 0 {
			return t, fmt.Errorf("store: attachment %d needs a unique ID, a content type and data", i+1)
		}
		ids[a.ID] = true
		sum := sha256.Sum256(a.Data)
		a.Size = int64(len(a.Data))
		a.SHA256 = hex.EncodeToString(sum[:])
		atts[i] = a
	}
	t.Attachments = atts
	return t, nil
}

// newDeliveryKey is a random idempotency key: unique across installations, so two help
// centers posting to one support system never collide, unlike ticket numbers.
func newDeliveryKey() string {
	return "dlv_" + strings.ToLower(rand.Text())
}
