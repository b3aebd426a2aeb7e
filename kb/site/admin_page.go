package site

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"persiankb/kb"
	"persiankb/kb/store"
)

// OutboxAdmin is the part of the store the admin page uses: ticket deliveries that failed for
// good, and putting one back in the queue. *store.SQLite and *store.Postgres satisfy it.
type OutboxAdmin interface {
	FailedDeliveries(ctx context.Context, limit int) ([]store.Delivery, error)
	RetryDelivery(ctx context.Context, id int64, now time.Time) error
}

// adminFailedLimit: the admin page lists the most recent failures; more than a page of them
// means a channel is down, which the first rows already show.
const adminFailedLimit = 50

// adminPage is the data of the admin page: what needs an administrator's attention.
type adminPage struct {
	layout
	staffHead
	Outbox    bool // the store is connected: failed deliveries are listed
	Failed    []store.Delivery
	Retried   string // ticket number put back in the queue, after a retry
	Problems  []kb.Problem
	Articles  int
	Internal  int // internal articles among them
	Drafts    int
	OutboxErr bool // listing the failures failed (logged)
}

// showAdmin renders /admin: failed ticket deliveries with a retry button, and the content's
// problems (files left out, warnings).
func (s *Server) showAdmin(c *gin.Context, st *State) error {
	data := adminPage{layout: s.staffLayout(msgAdminTitle), staffHead: s.staffHead(c),
		Outbox: s.cfg.Outbox != nil, Problems: st.Library.Problems, Retried: ticketNumber(c.Query("retried"))}
	for _, a := range st.Library.Articles {
		data.Articles++
		if a.Audience == kb.AudienceInternal {
			data.Internal++
		}
		if a.Draft {
			data.Drafts++
		}
	}
	if data.Outbox {
		failed, err := s.cfg.Outbox.FailedDeliveries(c.Request.Context(), adminFailedLimit)
		switch {
		case errors.Is(err, store.ErrUnavailable):
			s.log.Warn("admin: failed deliveries: store unavailable", "err", err)
			data.OutboxErr = true
		case err != nil:
			s.log.Error("admin: failed deliveries", "err", err)
			data.OutboxErr = true
		}
		data.Failed = failed
	}
	return s.render(c, http.StatusOK, tmplAdmin, data)
}

// retryDelivery answers POST /admin/deliveries/:id/retry: the failed delivery goes back in the
// queue and the admin page shows which ticket it was.
func (s *Server) retryDelivery(c *gin.Context, _ *State) error {
	p := currentPrincipal(c)
	if !s.gate.checkForm(p, c.PostForm(csrfField)) {
		return &httpError{Status: http.StatusForbidden, Code: codeForbidden, Message: msgSessionExpired}
	}
	if s.cfg.Outbox == nil {
		return &httpError{Status: http.StatusNotFound, Code: codeNotFound, Message: msgNoOutbox}
	}
	id, err := strconv.ParseInt(c.Param("id"), 10, 64)
	if err != nil || id < 1 {
		return errNotFound(msgBadDelivery)
	}
	number := ticketNumber(c.PostForm("ticket"))
	err = s.cfg.Outbox.RetryDelivery(c.Request.Context(), id, time.Now())
	if errors.Is(err, store.ErrNotFound) {
		return errNotFound(msgBadDelivery)
	}
	if err != nil {
		return fmt.Errorf("admin: retry delivery %d: %w", id, err)
	}
	s.log.Info("admin: delivery retried", "id", id, "ticket", number)
	target := adminPath
	if number != "" {
		target += "?retried=" + url.QueryEscape(number)
	}
	c.Redirect(http.StatusSeeOther, target)
	return nil
}

// ticketNumber returns s when it looks like a ticket number (KB-000123), else "": the admin
// page echoes only what the store could have issued.
func ticketNumber(s string) string {
	digits, ok := strings.CutPrefix(s, store.TicketNumberPrefix)
	if !ok || digits == "" || len(digits) > 18 || strings.Trim(digits, "0123456789") != "" {
		return ""
	}
	return s
}
