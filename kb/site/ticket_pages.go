package site

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"persiankb/kb"
)

// ticketReceivedPage is the data of the receipt page.
type ticketReceivedPage struct {
	layout
	Receipt receipt // zero Number: the honeypot's fake receipt, with no number
}

// ticketSolvedPage is the data of the thank-you page after "this solved my problem".
type ticketSolvedPage struct {
	layout
	Article *kb.Article // the article that helped; nil when unknown
}

// showTicketReceived renders GET /tickets/received?r=TOKEN: the ticket number from a signed
// receipt token. A token that does not verify is a 404, whatever it says.
func (s *Server) showTicketReceived(c *gin.Context, _ *State) error {
	r, ok := s.tix.signer.parseReceipt(c.Query(receiptParam))
	if !ok {
		return errNotFound(msgReceiptNotFound)
	}
	return s.renderReceived(c, r)
}

func (s *Server) renderReceived(c *gin.Context, r receipt) error {
	data := ticketReceivedPage{layout: s.layout(msgTicketReceivedTitle), Receipt: r}
	data.NoIndex = true
	data.Scripts = []string{ticketScript} // clears the saved draft
	data.Styles = []string{ticketStyle}
	c.Header("Cache-Control", "no-store")
	c.Header("Referrer-Policy", "no-referrer") // the token in the URL stays here
	return s.render(c, http.StatusOK, tmplTicketReceived, data)
}

// showTicketSolved renders GET /tickets/solved?article=SLUG, the end of the flow when a
// suggested article answered the customer.
func (s *Server) showTicketSolved(c *gin.Context, st *State) error {
	data := ticketSolvedPage{layout: s.layout(msgTicketSolvedTitle)}
	if a, _ := resolveArticle(st.Library, c.Query("article")); a != nil {
		data.Article = a
		s.recordSolved(c, a.Slug)
	}
	data.NoIndex = true
	data.Scripts = []string{ticketScript}
	data.Styles = []string{ticketStyle}
	return s.render(c, http.StatusOK, tmplTicketSolved, data)
}
