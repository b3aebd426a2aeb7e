package search

import (
	"fmt"
	"slices"
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
	prefix   bool
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
	v := request{text: text, category: r.Category, page: max(r.Page, 1), limit: r.Limit, internal: r.Internal, prefix: r.Prefix}
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
// most about an article: titles and editors' keywords, then headings, then summary and body.
// Weights measured on the PQuAD development set and the support query set: splitting the
// match over separately boosted fields (no _all) lost 6 points of MRR@10 on PQuAD, heavier
// title weights (3+) lost a little on both, and leaving body and summary to _all alone lost a
// point on the support set.
func boostFields() []boostedField {
	return []boostedField{
		{fieldTitle, 2}, {fieldKeywords, 2}, {fieldHeadings, 1}, {fieldSummary, 0.5}, {fieldBody, 0.5},
	}
}

// Weights of word order, relative to a word match (1).
const (
	// phraseBoost rewards articles that hold the query's words together and in order.
	phraseBoost = 1
	// bigramBoost rewards articles that hold pairs of neighbouring query words together: a
	// question shares short phrases with its answer more often than the whole question
	// (+0.6 point of MRR@10 on PQuAD).
	bigramBoost = 1
)

// wordTie is the weight, in a query word's score, of its matching spellings other than the
// best one: an article that has the word and its synonym is a little better than one with the
// word alone, not twice as good.
const wordTie = 0.1

// textQuery is the one place that turns a query plan into a Bleve query. The text is only
// ever analyzed, never parsed, so query syntax typed by customers (+ - : " * ( ) ~ ^) is
// ordinary punctuation. An article must match some query word in the composite _all field
// (every text field); matches in boosted fields raise its score, and with proximity set so do
// the words in order (otherwise rescoreHits does it for the first pages). Each query word
// counts once, by its best-matching spelling: the typed terms or one of their alternatives
// (synonyms, variants, spelling and prefix candidates), with their lower weights. Common words
// (see selective) only add to the score of articles the other words found.
func textQuery(p *plan, proximity bool) query.Query {
	sel, com := selective(p)
	all := query.NewDisjunctionQuery(wordClauses(p, compositeAllName, 1, sel))
	var should []query.Query
	if com != nil {
		should = append(should, query.NewDisjunctionQuery(wordClauses(p, compositeAllName, 1, com)))
	}
	for _, f := range boostFields() {
		should = append(should, query.NewDisjunctionQuery(wordClauses(p, f.name, f.boost, sel)))
	}
	if proximity {
		if ph := phraseQuery(p); ph != nil {
			should = append(should, ph)
		}
		if bg := bigramQuery(p); bg != nil && !p.plain {
			should = append(should, bg)
		}
	}
	return query.NewBooleanQuery([]query.Query{all}, should, nil)
}

// selective splits the words of p into those that select articles and the common ones (in
// so many articles that they would make nearly every article a candidate), which only add to
// the score. With no common word, or no other, both masks are nil: every word selects.
func selective(p *plan) (sel, com []bool) {
	sel, com = make([]bool, len(p.slots)+1), make([]bool, len(p.slots)+1)
	any := false
	for i, s := range p.slots {
		if s != nil && !s.common {
			sel[i], any = true, true
		} else if s != nil {
			com[i] = true
		}
	}
	sel[len(p.slots)] = true // completions of a trailing stop word
	if !any || !slices.Contains(com, true) {
		return nil, nil
	}
	return sel, com
}

// searchQuery combines the text query with the request's filters: internal articles are left
// out unless asked for. The category filter is facetQuery's.
func searchQuery(r request, p *plan, proximity bool) query.Query {
	b := query.NewBooleanQuery([]query.Query{textQuery(p, proximity)}, nil, nil)
	if !r.internal {
		b.AddMustNot(termQuery(fieldAudience, kb.AudienceInternal))
	}
	return b
}

func termQuery(field, term string) query.Query {
	q := query.NewTermQuery(term)
	q.SetField(field)
	return q
}
