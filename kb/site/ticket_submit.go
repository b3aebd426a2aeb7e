package site

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"persiankb/kb"
	"persiankb/kb/store"
	"persiankb/kb/tickets"
	"persiankb/search"
)

// ticketFormMemory is how much of a multipart form is kept in memory; larger files are spooled
// to temporary files by net/http (removed after the request).
const ticketFormMemory = 1 << 20

// ticketCommitTimeout bounds the commit of a ticket. A commit takes milliseconds; a database
// locked by another process makes each commit wait up to the store's busy timeout (10 s), and
// commits queue behind each other for the one writer. Past this bound the customer gets the
// 503 with the draft instead of a page that never loads (the server's write timeout).
const ticketCommitTimeout = 15 * time.Second

// ticketCheckPage is the data of the no-JS suggestions step: the articles that may answer
// the ticket, and a form that carries the draft in hidden fields.
type ticketCheckPage struct {
	layout
	Values ticketValues
	Hits   []suggestView
	CSRF   string
	Files  bool // files were attached: they must be chosen again on this page
	Limits ticketLimits
}

// submitTicket handles POST /tickets/new: CSRF check, honeypot, validation, then (without
// JavaScript, the first time) the suggestions step, and finally the commit of the ticket
// before the customer sees the receipt (POST-redirect-GET).
func (s *Server) submitTicket(c *gin.Context, st *State) error {
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, tickets.MaxFormBytes)
	sub, err := readTicketForm(c.Request)
	if c.Request.MultipartForm != nil {
		defer c.Request.MultipartForm.RemoveAll()
	}
	if err != nil {
		return formReadError(err)
	}
	reattach := len(sub.Files) > 0
	if !s.checkCSRF(c, sub.CSRF) {
		return s.renderTicketForm(c, st, http.StatusForbidden, sub.Values, nil, msgTicketCSRF, reattach)
	}
	if sub.Honeypot != "" {
		// A bot: answered like a success so that it learns nothing, but nothing is stored.
		s.log.Info("ticket honeypot filled; dropped", "ip", c.ClientIP())
		return s.renderReceived(c, receipt{})
	}
	if sub.Step == stepEdit {
		s.tix.limiter.give(c.ClientIP())
		return s.renderTicketForm(c, st, http.StatusOK, sub.Values, nil, "", reattach)
	}
	t, errs := tickets.Validate(sub.input(c), categorySlugs(ticketCategories(st.Library)))
	if errs != nil {
		return s.renderTicketForm(c, st, http.StatusUnprocessableEntity, sub.Values, errs, "", reattach && errs[tickets.FieldAttachments] == "")
	}
	if sub.Step != stepSend {
		shown, err := s.showTicketCheck(c, st, sub)
		if shown || err != nil {
			return err
		}
	}
	return s.commitTicket(c, st, sub, t)
}

// commitTicket submits the ticket and redirects to its receipt. When the store fails, the form
// comes back with the draft: 503 with Retry-After when the database is unavailable for now
// (the same submission succeeds once it is back), 500 for any other failure.
func (s *Server) commitTicket(c *gin.Context, st *State, sub ticketSubmission, t tickets.Ticket) error {
	reattach := len(sub.Files) > 0
	if s.tix.submit == nil {
		return s.renderTicketForm(c, st, http.StatusServiceUnavailable, sub.Values, nil, msgTicketUnavailable, reattach)
	}
	ctx, cancel := context.WithTimeout(c.Request.Context(), ticketCommitTimeout)
	defer cancel()
	rec, err := s.tix.submit.Submit(ctx, t)
	if errors.Is(err, store.ErrUnavailable) {
		s.log.Warn("submit ticket: store unavailable; the form is shown again", "err", err)
		c.Header("Retry-After", storeRetryAfterSeconds)
		return s.renderTicketForm(c, st, http.StatusServiceUnavailable, sub.Values, nil, msgTicketUnavailable, reattach)
	}
	if err != nil {
		s.log.Error("submit ticket", "err", err)
		return s.renderTicketForm(c, st, http.StatusInternalServerError, sub.Values, nil, msgTicketFailed, reattach)
	}
	s.log.Info("ticket submitted", "number", rec.Number, "attachments", len(rec.Attachments))
	s.recordFormSubmitted(c)
	token := s.tix.signer.receiptToken(receipt{Number: rec.Number, Created: rec.CreatedAt})
	c.Redirect(http.StatusSeeOther, ticketReceivedPath+"?"+url.Values{receiptParam: {token}}.Encode())
	return nil
}

// showTicketCheck renders the suggestions step when there are articles to suggest; shown is
// false when there are none (the ticket is then sent at once). The step is not counted
// against the rate limit.
func (s *Server) showTicketCheck(c *gin.Context, st *State, sub ticketSubmission) (shown bool, err error) {
	res, err := s.runSearch(c.Request.Context(), searchKindSuggest, func(ctx context.Context) (*search.Result, error) {
		return suggest(ctx, st, suggestText(sub.Values), defaultSuggestLimit)
	})
	if errors.Is(err, errUnavailable) {
		return false, nil // no suggestions from this index: send
	}
	if err != nil || len(res.Hits) == 0 || s.heldOut(c) {
		return false, err
	}
	s.recordSuggestions(c, suggestText(sub.Values), res)
	s.tix.limiter.give(c.ClientIP())
	data := ticketCheckPage{
		layout: s.layout(msgTicketCheckTitle), Values: sub.Values, CSRF: s.csrfToken(c),
		Files: len(sub.Files) > 0, Limits: newTicketLimits(),
	}
	data.NoIndex = true
	data.Styles = []string{ticketStyle}
	for _, h := range res.Hits {
		data.Hits = append(data.Hits, suggestView{
			hitView: hitView{
				Title: h.Title, URL: h.URL, Snippet: safeSnippet(h.Snippet),
				CategoryTitle: categoryTitle(st.Library, h.Category), CategoryURL: kb.CategoryURL(h.Category),
			},
			SolvedURL: solvedURL(h.Slug),
		})
	}
	c.Header("Cache-Control", "no-store")
	return true, s.render(c, http.StatusOK, tmplTicketCheck, data)
}

// suggestView is a suggested article with its "this solved my problem" link.
type suggestView struct {
	hitView
	SolvedURL string
}

// solvedURL ends the flow on the thank-you page for the article slug.
func solvedURL(slug string) string {
	return ticketSolvedPath + "?" + url.Values{"article": {slug}}.Encode()
}

// suggestText is the text suggestions are found for: subject and description, cut to what
// the suggester reads.
func suggestText(v ticketValues) string {
	text := v.Subject + "\n" + v.Description
	if utf8.RuneCountInString(text) <= maxSuggestRunes {
		return text
	}
	return string([]rune(text)[:maxSuggestRunes])
}

// input is the submission as tickets.Validate takes it.
func (sub ticketSubmission) input(c *gin.Context) tickets.Input {
	v := sub.Values
	return tickets.Input{
		Name: v.Name, Email: v.Email, Mobile: v.Mobile, Category: v.Category,
		Subject: v.Subject, Description: v.Description, Files: sub.Files,
		Meta: tickets.Meta{ClientIP: c.ClientIP(), UserAgent: c.Request.UserAgent(), Referrer: v.From},
	}
}

// readPart reads an uploaded file, at most one byte past the attachment limit: enough for
// tickets.Validate to say it is too large.
func readPart(fh *multipart.FileHeader) ([]byte, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, fmt.Errorf("open upload: %w", err)
	}
	defer f.Close()
	return io.ReadAll(io.LimitReader(f, tickets.MaxAttachmentBytes+1))
}

// formReadError maps a failure to read the form: too large is 413, anything else 400.
func formReadError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return &httpError{Status: http.StatusRequestEntityTooLarge, Code: codeTooLarge, Message: msgTicketTooLarge, Err: err}
	}
	return &httpError{Status: http.StatusBadRequest, Code: codeBadRequest, Message: msgBadRequest, Err: err}
}
