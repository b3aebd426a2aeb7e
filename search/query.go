package search

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"

	"persiankb/kb"
)

// request is a validated Request with its defaults applied.
type request struct {
	text     string // trimmed, valid UTF-8
	category string
	page     int // 1-based
	limit    int
	internal bool
}

// validate checks r and applies defaults. Errors are *RequestError.
func validate(r Request) (request, error) {
	text := strings.TrimSpace(strings.ToValidUTF8(r.Query, ""))
	if n := utf8.RuneCountInString(text); n > MaxQueryRunes {
		return request{}, &RequestError{
			Field:     "query",
			Message:   fmt.Sprintf("query is %d characters long; the maximum is %d", n, MaxQueryRunes),
			FaMessage: faf(faQueryTooLong, MaxQueryRunes),
		}
	}
	if r.Limit < 0 || r.Limit > MaxLimit {
		return request{}, &RequestError{
			Field:     "limit",
			Message:   fmt.Sprintf("limit %d is out of range 1-%d", r.Limit, MaxLimit),
			FaMessage: faf(faBadLimit, MaxLimit),
		}
	}
	if r.Page < 0 || r.Page > MaxPage {
		return request{}, &RequestError{
			Field:     "page",
			Message:   fmt.Sprintf("page %d is out of range 1-%d", r.Page, MaxPage),
			FaMessage: faf(faBadPage, MaxPage),
		}
	}
	v := request{text: text, category: r.Category, page: max(r.Page, 1), limit: r.Limit, internal: r.Internal}
	if v.limit == 0 {
		v.limit = DefaultLimit
	}
	return v, nil
}

// boostedField is a field a query term may match in, with the weight of a match there.
type boostedField struct {
	name  string
	boost float64
}

// matchFields are the fields every query is matched against. A title match counts most: it is
// what the customer reads first; keywords are written by editors precisely for search.
func matchFields() []boostedField {
	return []boostedField{
		{fieldTitle, 4}, {fieldKeywords, 3}, {fieldHeadings, 2}, {fieldSummary, 2}, {fieldBody, 1},
	}
}

// phraseFields reward documents holding the query's words together, in order, on top of the
// word matches.
func phraseFields() []boostedField {
	return []boostedField{{fieldTitle, 4}, {fieldBody, 2}}
}

// textQuery is the one place that turns a customer's query text into a Bleve query. The text
// is only ever analyzed, never parsed, so query syntax typed by customers (+ - : " * ( ) ~ ^)
// is ordinary punctuation. terms is the number of tokens the text analyzes to.
func textQuery(text string, terms int) query.Query {
	var qs []query.Query
	for _, f := range matchFields() {
		q := query.NewMatchQuery(text)
		q.SetField(f.name)
		q.SetBoost(f.boost)
		qs = append(qs, q)
	}
	if terms > 1 {
		for _, f := range phraseFields() {
			q := query.NewMatchPhraseQuery(text)
			q.SetField(f.name)
			q.SetBoost(f.boost)
			qs = append(qs, q)
		}
	}
	return query.NewDisjunctionQuery(qs)
}

// searchQuery combines the text query with the request's filters: internal articles are left
// out unless asked for, and category (when not "") restricts hits without changing scores.
func searchQuery(r request, terms int, category string) query.Query {
	b := query.NewBooleanQuery([]query.Query{textQuery(r.text, terms)}, nil, nil)
	if !r.internal {
		b.AddMustNot(termQuery(fieldAudience, kb.AudienceInternal))
	}
	if category != "" {
		b.AddFilter(termQuery(fieldCategory, category))
	}
	return b
}

func termQuery(field, term string) query.Query {
	q := query.NewTermQuery(term)
	q.SetField(field)
	return q
}
