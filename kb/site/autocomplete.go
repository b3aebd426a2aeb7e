package site

import (
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"persiankb/kb/events"
	"persiankb/kb/store"
)

// Search as you type: the search boxes' suggestions (theme/static/js/autocomplete.js) ask
// /api/search?prefix=1 on every pause in typing. Those requests are not recorded as searches
// (each keystroke would be one: "ب", "با", "باز"… would fill the zero-result and no-click
// tables with half words). A suggestion opened is: its link carries ref=autocomplete, its rank
// and the query typed (autocompleteQueryParam), and the article page records the search and
// the click on its result, as the search page's results are recorded.

// autocompleteQueryParam carries the query typed in the search box on a suggestion's link
// (the Referer is the page the box was on, not a search page).
const autocompleteQueryParam = "q"

// recordAutocompleteClick records the search a suggestion was opened from, then the click on
// it at its rank; nothing for a link without a valid rank or query. The search's result count
// is the rank: at least that many suggestions were shown, which is what the metrics use of it
// (no results or some); the total is not known when the link is followed.
func (s *Server) recordAutocompleteClick(c *gin.Context, slug string) {
	rank, err := strconv.Atoi(c.Query(rankParam))
	query := c.Query(autocompleteQueryParam)
	if err != nil || rank < 1 || rank > maxRank || query == "" ||
		utf8.RuneCountInString(query) > maxQueryRunes {
		return
	}
	s.record(c, func(v events.Visit, now time.Time) store.Event { return v.Search(now, query, rank) })
	s.record(c, func(v events.Visit, now time.Time) store.Event { return v.ResultClick(now, query, slug, rank) })
}
