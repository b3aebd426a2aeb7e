package site

import (
	"context"
	"crypto/rand"
	"fmt"

	"github.com/gin-gonic/gin"

	"persiankb/kb"
	"persiankb/kb/store"
	"persiankb/kb/tickets"
)

// TicketSubmitter commits a validated ticket and queues its delivery; *tickets.Deliverer
// satisfies it. When Submit returns nil the ticket is durable.
type TicketSubmitter interface {
	Submit(ctx context.Context, t tickets.Ticket) (store.Ticket, error)
}

// Paths of the ticket pages.
const (
	ticketFormPath     = "/tickets/new"
	ticketReceivedPath = "/tickets/received"
	ticketSolvedPath   = "/tickets/solved"
	suggestAPIPath     = "/api/suggest"
)

// Attachment limits, as the form's hints and messages state them.
const (
	maxTicketFiles  = tickets.MaxAttachments
	maxTicketFileMB = tickets.MaxAttachmentBytes >> 20
)

// ticketDesk is what the ticket pages need besides the state: where tickets go, the signer of
// CSRF and receipt tokens, and the per-client limit.
type ticketDesk struct {
	submit  TicketSubmitter // nil: the form is shown, but sending answers 503
	signer  signer
	limiter *rateLimiter
}

// newTicketDesk checks the ticket configuration. Without a configured secret a random one is
// made: tokens then stop working when the process restarts (cmd/kb always configures one).
func newTicketDesk(cfg Config) (*ticketDesk, error) {
	secret := cfg.Secret
	switch {
	case len(secret) == 0:
		secret = make([]byte, MinSecretBytes)
		rand.Read(secret) // never fails (crypto/rand since Go 1.24)
	case len(secret) < MinSecretBytes:
		return nil, fmt.Errorf("site: the secret must be at least %d bytes", MinSecretBytes)
	}
	return &ticketDesk{
		submit:  cfg.Tickets,
		signer:  signer{secret: append([]byte(nil), secret...)},
		limiter: newRateLimiter(ticketBurst, ticketRefill, nil),
	}, nil
}

// ticketRoutes adds the ticket form, its pages, the suggestion API and the widget.
func (s *Server) ticketRoutes(r *gin.Engine) {
	r.GET(ticketFormPath, s.handle(s.showTicketForm))
	r.HEAD(ticketFormPath, s.handle(s.showTicketForm))
	r.POST(ticketFormPath, s.limitForm(&s.tix.limiter, msgTicketRateLimited), s.handle(s.submitTicket))
	r.GET(ticketReceivedPath, s.handle(s.showTicketReceived))
	r.GET(ticketSolvedPath, s.handle(s.showTicketSolved))
	r.GET(suggestAPIPath, s.suggestCORS, s.handle(s.suggestAPI))
	r.HEAD(suggestAPIPath, s.suggestCORS, s.handle(s.suggestAPI))
	r.OPTIONS(suggestAPIPath, s.suggestCORS, s.suggestPreflight)
	r.GET(widgetPath, s.serveWidget)
	r.HEAD(widgetPath, s.serveWidget)
}

// ticketCategories are the categories a ticket may be filed under: those with public articles
// (a category of internal articles only is not the customers' business).
func ticketCategories(lib *kb.Library) []*kb.Category {
	var out []*kb.Category
	for _, c := range lib.Categories {
		if len(c.Articles) > 0 {
			out = append(out, c)
		}
	}
	return out
}

func categorySlugs(cats []*kb.Category) []string {
	out := make([]string, len(cats))
	for i, c := range cats {
		out[i] = c.Slug
	}
	return out
}
