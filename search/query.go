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

// boostFields add weight, on top of the match over _all, to matches in the fields that say
// most about an article: titles and editors' keywords, then headings. Body and summary get a
// light clause of their own too, which also makes Bleve return their term locations for
// snippets. Weights measured on the PQuAD development set and the support query set: splitting
// the match over separately boosted fields (no _all) lost 6 points of MRR@10 on PQuAD, and
// heavier title weights (4+) lost a little on both.
func boostFields() []boostedField {
	return []boostedField{
		{fieldTitle, 2}, {fieldKeywords, 2}, {fieldHeadings, 1}, {fieldSummary, 0.5}, {fieldBody, 0.5},
	}
}

// phraseBoost rewards articles that hold the query's words together and in order.
const phraseBoost = 1

// textQuery is the one place that turns a customer's query text into a Bleve query. The text
// is only ever analyzed, never parsed, so query syntax typed by customers (+ - : " * ( ) ~ ^)
// is ordinary punctuation. An article must match the text in the composite _all field (every
// text field); matches in boosted fields and the whole phrase raise its score. terms is the
// number of tokens the text analyzes to.
func textQuery(text string, terms int) query.Query {
	all := query.NewMatchQuery(text)
	all.SetField(compositeAllName)
	var should []query.Query
	for _, f := range boostFields() {
		q := query.NewMatchQuery(text)
		q.SetField(f.name)
		q.SetBoost(f.boost)
		should = append(should, q)
	}
	if terms > 1 {
		q := query.NewMatchPhraseQuery(text)
		q.SetField(compositeAllName)
		q.SetBoost(phraseBoost)
		should = append(should, q)
	}
	return query.NewBooleanQuery([]query.Query{all}, should, nil)
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
