// Package tickets validates the help center's ticket form and delivers committed tickets to
// the support system through the store's outbox (signed JSON webhook, optional email).
package tickets

import (
	"time"

	"persiankb/kb/store"
)

// Field names: the keys of FieldErrors, and the names the form should give its inputs.
const (
	FieldName        = "name"
	FieldEmail       = "email"
	FieldMobile      = "mobile"
	FieldCategory    = "category"
	FieldSubject     = "subject"
	FieldDescription = "description"
	FieldAttachments = "attachments"
)

// Limits of the form. Lengths count characters (runes), not bytes: Persian letters are two
// bytes each in UTF-8, and the customer counts letters.
const (
	// MaxNameRunes: real full names are far shorter; the bound keeps junk out of agents' lists.
	MaxNameRunes = 100
	// MaxEmailBytes is the longest address SMTP can carry (RFC 5321: 256-byte path, minus <>).
	MaxEmailBytes = 254
	// MinSubjectRunes: a subject shorter than a word ("سل") tells the agent nothing.
	MinSubjectRunes = 3
	// MaxSubjectRunes fits a help desk's subject column and an email Subject line.
	MaxSubjectRunes = 150
	// MinDescriptionRunes: fewer letters ("سلام") cannot be answered without asking back.
	MinDescriptionRunes = 10
	// MaxDescriptionRunes is about two pages; logs and long texts belong in attachments.
	MaxDescriptionRunes = 5000
	// MaxAttachments and MaxAttachmentBytes: a few screenshots or a PDF invoice, as issue 4 sets.
	MaxAttachments     = 3
	MaxAttachmentBytes = 5 << 20
	// MaxFilenameRunes bounds the customer's file name kept for display.
	MaxFilenameRunes = 100
	// MaxFormBytes is the most a ticket submission can take: all attachments plus 1 MB for the
	// text fields and multipart framing. Use it with http.MaxBytesReader before parsing the form.
	MaxFormBytes = MaxAttachments*MaxAttachmentBytes + 1<<20
)

// FieldErrors maps a field name (Field* constants) to the Persian message to show next to it.
// It is nil when the input is valid.
type FieldErrors map[string]string

// File is an uploaded file as the site received it. The site may stop reading after
// MaxAttachmentBytes+1 bytes: Validate only needs to know that the file is too large.
type File struct {
	Name string // the client's file name, untrusted
	Data []byte
}

// Meta is what the site knows about the client that sent the form.
type Meta struct {
	ClientIP  string
	UserAgent string
	Referrer  string // the page the form was opened from
}

// Input is the form as submitted, untrusted.
type Input struct {
	Name, Email, Mobile, Category, Subject, Description string
	Files                                               []File
	Meta                                                Meta
}

// Ticket is a validated ticket draft, ready to be submitted.
type Ticket struct {
	Name        string
	Email       string // lower-case domain, ASCII
	Mobile      string // canonical 09xxxxxxxxx, or "" when not given
	Category    string
	Subject     string
	Description string
	Attachments []Attachment
	Meta        Meta
}

// Attachment is a file accepted by Validate.
type Attachment struct {
	ID          string // random, 32 hex digits: the only name used for storage and URLs
	Filename    string // the client's name, cleaned, with the extension of the detected type
	ContentType string // detected from the bytes: image/png, image/jpeg, image/gif, image/webp or application/pdf
	Data        []byte
}

// StoredName is the attachment's safe file name (random ID and the detected type's
// extension), for whoever writes it to disk or serves it: never the client's name.
func (a Attachment) StoredName() string {
	if ft, ok := typeByMIME(a.ContentType); ok {
		return a.ID + ft.ext
	}
	return a.ID
}

// record is the ticket as the store keeps it, created at now.
func (t Ticket) record(now time.Time) store.Ticket {
	r := store.Ticket{
		CreatedAt: now, Name: t.Name, Email: t.Email, Mobile: t.Mobile, Category: t.Category,
		Subject: t.Subject, Description: t.Description,
		ClientIP: t.Meta.ClientIP, UserAgent: t.Meta.UserAgent, Referrer: t.Meta.Referrer,
	}
	for _, a := range t.Attachments {
		r.Attachments = append(r.Attachments, store.Attachment{
			ID: a.ID, Filename: a.Filename, ContentType: a.ContentType, Data: a.Data})
	}
	return r
}
