package site

import (
	"net/http"
	"net/url"
	"strings"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"persiankb/kb"
	"persiankb/kb/tickets"
)

// Theme files of the ticket pages.
const (
	tmplTicketForm     = "ticket_form"
	tmplTicketCheck    = "ticket_check"
	tmplTicketReceived = "ticket_received"
	tmplTicketSolved   = "ticket_solved"
	ticketScript       = "js/tickets.js"
	ticketStyle        = "css/tickets.css"
)

// Form fields besides tickets.Field*: the honeypot, the step of the no-JS flow and the page
// the form was opened from.
const (
	honeypotField = "homepage" // hidden from people; bots fill it
	stepField     = "step"
	fromField     = "from"
	// stepSend: send without the suggestions step (set by the form's script, which showed
	// suggestions live, and by the suggestions step's "send anyway" button).
	stepSend = "send"
	// stepEdit: back from the suggestions step to the form, draft kept.
	stepEdit = "edit"
	// maxFromBytes bounds the recorded page the form was opened from.
	maxFromBytes = 512
)

// ticketValues is a ticket draft as typed, echoed back into the form (escaped by templates).
type ticketValues struct {
	Name, Email, Mobile, Category, Subject, Description, From string
}

// ticketLimits are the form's limits, for maxlength attributes and hints.
type ticketLimits struct {
	Name, Email, Subject, Description, Files, FileMB int
}

func newTicketLimits() ticketLimits {
	return ticketLimits{
		Name: tickets.MaxNameRunes, Email: tickets.MaxEmailBytes, Subject: tickets.MaxSubjectRunes,
		Description: tickets.MaxDescriptionRunes, Files: tickets.MaxAttachments,
		FileMB: tickets.MaxAttachmentBytes >> 20,
	}
}

// fieldError is one invalid field, for the error summary at the top of the form.
type fieldError struct {
	Field, Message string
}

// ticketFormPage is the data of the ticket form template.
type ticketFormPage struct {
	layout
	Values     ticketValues
	Errors     tickets.FieldErrors
	ErrorList  []fieldError // in the order of the form
	Categories []*kb.Category
	CSRF       string
	Banner     string // a message above the form: token expired, could not send
	Reattach   bool   // files were sent with a form shown again: they are not kept
	Limits     ticketLimits
}

// ticketFieldOrder is the order of the fields in the form, for the error summary.
var ticketFieldOrder = [...]string{
	tickets.FieldName, tickets.FieldEmail, tickets.FieldMobile, tickets.FieldCategory,
	tickets.FieldSubject, tickets.FieldDescription, tickets.FieldAttachments,
}

// showTicketForm renders GET /tickets/new. ?category= and ?subject= prefill the form (links
// from a category page or a search without results).
func (s *Server) showTicketForm(c *gin.Context, st *State) error {
	q := c.Request.URL.Query()
	v := ticketValues{
		Category: q.Get(tickets.FieldCategory),
		Subject:  q.Get(tickets.FieldSubject),
		From:     cleanFrom(c.Request.Referer()),
	}
	s.recordFormStarted(c)
	return s.renderTicketForm(c, st, http.StatusOK, v, nil, "", false)
}

// renderTicketForm renders the form with a draft, field errors and a banner.
func (s *Server) renderTicketForm(c *gin.Context, st *State, status int, v ticketValues, errs tickets.FieldErrors, banner string, reattach bool) error {
	data := ticketFormPage{
		layout: s.layout(msgTicketTitle), Values: v, Errors: errs, Banner: banner,
		Categories: ticketCategories(st.Library), CSRF: s.csrfToken(c), Reattach: reattach,
		Limits: newTicketLimits(),
	}
	data.NoIndex = status != http.StatusOK
	data.Description = msgTicketDescription
	data.Scripts, data.Styles = []string{ticketScript}, []string{ticketStyle}
	for _, f := range ticketFieldOrder {
		if m, ok := errs[f]; ok {
			data.ErrorList = append(data.ErrorList, fieldError{Field: f, Message: m})
		}
	}
	if errs != nil {
		data.Title = msgTicketTitleErrors
	}
	c.Header("Cache-Control", "no-store") // the page holds a CSRF token and maybe a draft
	return s.render(c, status, tmplTicketForm, data)
}

// cleanFrom keeps the page the form was opened from when it is a short http(s) URL.
func cleanFrom(ref string) string {
	u, err := url.Parse(ref)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || len(ref) > maxFromBytes || !utf8.ValidString(ref) {
		return ""
	}
	return ref
}

// ticketSubmission is a parsed POST of the form.
type ticketSubmission struct {
	Values   ticketValues
	Files    []tickets.File
	CSRF     string
	Honeypot string
	Step     string
}

// readTicketForm parses the form (multipart with files, or URL-encoded) from a body already
// limited to tickets.MaxFormBytes. Empty file inputs (no file chosen) are ignored.
func readTicketForm(r *http.Request) (ticketSubmission, error) {
	if err := r.ParseMultipartForm(ticketFormMemory); err != nil && err != http.ErrNotMultipart {
		return ticketSubmission{}, err
	}
	get := func(k string) string { return r.PostFormValue(k) }
	sub := ticketSubmission{
		Values: ticketValues{
			Name: get(tickets.FieldName), Email: get(tickets.FieldEmail), Mobile: get(tickets.FieldMobile),
			Category: get(tickets.FieldCategory), Subject: get(tickets.FieldSubject),
			Description: get(tickets.FieldDescription), From: cleanFrom(get(fromField)),
		},
		CSRF: get(csrfField), Honeypot: strings.TrimSpace(get(honeypotField)), Step: get(stepField),
	}
	if r.MultipartForm == nil {
		return sub, nil
	}
	for _, fh := range r.MultipartForm.File[tickets.FieldAttachments] {
		if fh.Filename == "" && fh.Size == 0 {
			continue
		}
		data, err := readPart(fh)
		if err != nil {
			return ticketSubmission{}, err
		}
		sub.Files = append(sub.Files, tickets.File{Name: fh.Filename, Data: data})
	}
	return sub, nil
}
