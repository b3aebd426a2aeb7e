package tickets

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/mail"
	"net/textproto"
	"strings"
	"time"

	"persiankb/kb/store"
)

// buildMail is the ticket as an email for the support mailbox: plain text, UTF-8, the
// attachments as MIME parts. Reply-To is the customer, so answering the mail answers them, and
// the Message-ID is derived from the delivery's idempotency key, so a mailbox that receives a
// retry twice can recognise the duplicate.
func buildMail(d store.Delivery, t store.Ticket, from string, to []string) ([]byte, error) {
	var b bytes.Buffer
	header := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	header("From", from)
	header("To", strings.Join(to, ", "))
	header("Reply-To", (&mail.Address{Name: t.Name, Address: t.Email}).String())
	header("Subject", mime.BEncoding.Encode("utf-8", "["+t.Number+"] "+t.Subject))
	header("Date", t.CreatedAt.Format(time.RFC1123Z))
	header("Message-ID", "<"+d.Key+"."+t.Number+"@"+domainOf(from)+">")
	header("X-KB-Ticket", t.Number)
	header(HeaderDelivery, d.Key)
	header("MIME-Version", "1.0")
	text := mailText(t)
	if len(t.Attachments) == 0 {
		header("Content-Type", "text/plain; charset=utf-8")
		header("Content-Transfer-Encoding", "base64")
		b.WriteString("\r\n")
		writeBase64(&b, []byte(text))
		return b.Bytes(), nil
	}
	mw := multipart.NewWriter(&b)
	header("Content-Type", mime.FormatMediaType("multipart/mixed", map[string]string{"boundary": mw.Boundary()}))
	b.WriteString("\r\n")
	if err := writePart(mw, "text/plain; charset=utf-8", "", []byte(text)); err != nil {
		return nil, err
	}
	for _, a := range t.Attachments {
		if err := writePart(mw, a.ContentType, a.Filename, a.Data); err != nil {
			return nil, err
		}
	}
	if err := mw.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// writePart writes one base64 MIME part; a non-empty filename makes it an attachment.
func writePart(mw *multipart.Writer, contentType, filename string, data []byte) error {
	h := textproto.MIMEHeader{}
	h.Set("Content-Type", contentType)
	h.Set("Content-Transfer-Encoding", "base64")
	if filename != "" {
		h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": filename}))
	}
	w, err := mw.CreatePart(h)
	if err != nil {
		return err
	}
	return writeBase64(w, data)
}

// writeBase64 writes data in base64 lines of 76 characters (RFC 2045).
func writeBase64(w io.Writer, data []byte) error {
	enc := base64.StdEncoding.EncodeToString(data)
	for len(enc) > 0 {
		n := min(len(enc), 76)
		if _, err := io.WriteString(w, enc[:n]+"\r\n"); err != nil {
			return err
		}
		enc = enc[n:]
	}
	return nil
}

// mailText is the mail's body, for agents.
func mailText(t store.Ticket) string {
	var b strings.Builder
	line := func(label, v string) {
		if v != "" {
			fmt.Fprintf(&b, "%s: %s\n", label, v)
		}
	}
	line(mailLabelNumber, t.Number)
	line(mailLabelCreated, t.CreatedAt.UTC().Format(time.RFC3339))
	line(mailLabelName, t.Name)
	line(mailLabelEmail, t.Email)
	line(mailLabelMobile, t.Mobile)
	line(mailLabelCategory, t.Category)
	line(mailLabelSubject, t.Subject)
	b.WriteString("\n" + t.Description + "\n\n")
	var names []string
	for _, a := range t.Attachments {
		names = append(names, fmt.Sprintf("%s (%s, %d bytes)", a.Filename, a.ContentType, a.Size))
	}
	line(mailLabelAttachments, strings.Join(names, "، "))
	line(mailLabelClient, strings.Join(nonEmpty(t.ClientIP, t.UserAgent, t.Referrer), " | "))
	return b.String()
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// domainOf is the domain of an address ("kb@example.com" → "example.com"), for Message-IDs.
func domainOf(addr string) string {
	if a, err := mail.ParseAddress(addr); err == nil {
		addr = a.Address
	}
	if _, d, ok := strings.Cut(addr, "@"); ok && d != "" {
		return d
	}
	return "kb.invalid"
}
