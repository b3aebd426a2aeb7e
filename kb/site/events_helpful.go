package site

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"persiankb/kb/events"
	"persiankb/kb/store"
)

// votedParam marks the article page shown after a "was this helpful" answer: it shows the
// thank-you state, and it is not a new view.
const votedParam = "voted"

// msgHelpfulExpired answers a vote whose form is too old (its CSRF cookie is gone) or forged.
const msgHelpfulExpired = "فرم پاسخ منقضی شده است؛ صفحه را دوباره باز کنید و دوباره پاسخ دهید."

// maxHelpfulForm bounds the answer form's body: a CSRF token, yes/no and a short reason.
const maxHelpfulForm = 4 << 10

// "Was this helpful" rate limit: a token bucket per client IP, so that a script cannot fill the
// least helpful table (every vote counts: votes are not tied to sessions).
const (
	// helpfulBurst: a reader answers once per article; twenty answers at once leave room for
	// an office behind one address.
	helpfulBurst = 20
	// helpfulRefill: then one answer every 30 seconds, more than anyone reading the articles.
	helpfulRefill = 30 * time.Second
)

// msgHelpfulRateLimited asks the reader to wait secs seconds before answering again.
func msgHelpfulRateLimited(secs int) string {
	return fmt.Sprintf("پاسخ‌های زیادی از شما رسید. لطفاً %s ثانیهٔ دیگر دوباره پاسخ دهید.", faNumber(secs))
}

// helpfulForm is the data of the "was this helpful" form at the end of an article.
type helpfulForm struct {
	Action string // POST target
	CSRF   string
	Voted  bool // the thank-you state
}

// helpfulForm returns the form's data for the article page; nil when events are not recorded.
func (s *Server) helpfulForm(c *gin.Context, url string) *helpfulForm {
	if !s.tracking() {
		return nil
	}
	return &helpfulForm{Action: url + "/helpful", CSRF: s.csrfToken(c), Voted: c.Query(votedParam) != ""}
}

// submitHelpful records a "was this helpful" answer (POST /articles/:slug/helpful) and
// redirects back to the article's thank-you state (post/redirect/get).
func (s *Server) submitHelpful(c *gin.Context, st *State) error {
	a, _ := resolveArticle(st.Library, c.Param("slug"))
	if a == nil || !s.tracking() {
		return errNotFound(msgArticleNotFound)
	}
	c.Request.Body = http.MaxBytesReader(c.Writer, c.Request.Body, maxHelpfulForm)
	if err := c.Request.ParseForm(); err != nil || !s.checkCSRF(c, c.Request.PostForm.Get(csrfField)) {
		return errBadRequest(codeBadRequest, msgHelpfulExpired)
	}
	answer := c.Request.PostForm.Get("answer")
	if answer != "yes" && answer != "no" {
		return errBadRequest(codeBadRequest, msgHelpfulExpired)
	}
	reason := c.Request.PostForm.Get("reason")
	s.record(c, func(v events.Visit, now time.Time) store.Event {
		return v.Helpful(now, a.Slug, answer == "yes", reason)
	})
	c.Redirect(http.StatusSeeOther, a.URL()+"?"+votedParam+"="+answer+"#helpful")
	return nil
}
