package site

import (
	"crypto/hmac"
	"strconv"
	"strings"
	"time"

	"persiankb/kb/store"
)

// Receipt tokens. After a ticket is committed the customer is redirected (POST-redirect-GET)
// to /tickets/received?r=TOKEN, where TOKEN carries the ticket number and time, signed with the
// site secret. The page needs no database and shows nothing but what the token says, and the
// token cannot be made for another ticket: ticket numbers are sequential, so a URL with the
// bare number would let anyone enumerate them.
const (
	receiptParam   = "r"
	receiptPurpose = "receipt\x00"
	// receiptSigBytes: 128 bits of HMAC-SHA256 cannot be forged, and keep the URL short.
	receiptSigBytes = 16
	// maxReceiptToken bounds what is decoded: a number, a time and a signature fit in 100.
	maxReceiptToken = 200
)

// receipt is what a receipt token says.
type receipt struct {
	Number  string
	Created time.Time
}

// receiptToken signs r: base64url("NUMBER|UNIXMILLI") "." base64url(signature).
func (sg signer) receiptToken(r receipt) string {
	payload := b64.EncodeToString([]byte(r.Number + "|" + strconv.FormatInt(r.Created.UnixMilli(), 10)))
	return payload + "." + b64.EncodeToString(sg.sign(receiptPurpose, payload)[:receiptSigBytes])
}

// parseReceipt checks a receipt token's signature and decodes it.
func (sg signer) parseReceipt(token string) (receipt, bool) {
	payload, sig, ok := strings.Cut(token, ".")
	if !ok || len(token) > maxReceiptToken {
		return receipt{}, false
	}
	raw, err := b64.DecodeString(sig)
	if err != nil || len(raw) != receiptSigBytes || !hmac.Equal(sg.sign(receiptPurpose, payload)[:receiptSigBytes], raw) {
		return receipt{}, false
	}
	body, err := b64.DecodeString(payload)
	if err != nil {
		return receipt{}, false
	}
	number, ms, ok := strings.Cut(string(body), "|")
	n, err := strconv.ParseInt(ms, 10, 64)
	if !ok || err != nil || !strings.HasPrefix(number, store.TicketNumberPrefix) {
		return receipt{}, false
	}
	return receipt{Number: number, Created: time.UnixMilli(n)}, true
}
