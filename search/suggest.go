package search

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"

	"persiankb/kb"
)

// Limits of Suggest. A ticket's text is long and conversational, so it gets its own bounds.
const (
	// MaxSuggestRunes is the longest text Suggest reads: about a page, far more than the first
	// lines of a ticket that say what it is about; longer text only costs analysis time.
	MaxSuggestRunes = 2000
	// DefaultSuggestLimit is how many articles a form shows beside a ticket.
	DefaultSuggestLimit = 5
	// MaxSuggestLimit: more suggestions than this are not read while typing a ticket.
	MaxSuggestLimit = 10
)

// More-like-this parameters.
const (
	// suggestTerms is how many of the text's terms, the rarest in the index first, make the
	// query: a few sentences hold 10-40 distinct terms, and the rare ones carry the topic.
	suggestTerms = 25
	// suggestMinShould is the share of the chosen terms an article must contain. A conjunction
	// of every word finds nothing for conversational text; a bare disjunction lets one rare
	// incidental word win. The minimum falls back to one term when nothing matches.
	suggestMinShould = 0.2
)

// weightedTerm is a term of the text with its more-like-this weight.
type weightedTerm struct {
	term   string
	weight float64
}

// Suggest finds the public articles that most likely answer a long, conversational text such
// as a ticket being written (more like this): the text is analyzed like the indexed articles,
// its terms are weighted by how often the text uses them and how rare they are in the index,
// and the top terms make a disjunction that an article must match in part. limit 0 means
// DefaultSuggestLimit. The result has one page, with snippets, and no facets. A text over
// MaxSuggestRunes, or a limit out of range, gives a *RequestError.
func (ix *Index) Suggest(ctx context.Context, text string, limit int) (*Result, error) {
	return ix.suggest(ctx, text, limit, false)
}

// SuggestInternal is Suggest for agents and API tokens: internal articles are included.
func (ix *Index) SuggestInternal(ctx context.Context, text string, limit int) (*Result, error) {
	return ix.suggest(ctx, text, limit, true)
}

func (ix *Index) suggest(ctx context.Context, text string, limit int, internal bool) (*Result, error) {
	began := time.Now()
	text = strings.TrimSpace(strings.ToValidUTF8(text, ""))
	if err := validateSuggest(text, limit); err != nil {
		return nil, err
	}
	if err := ix.checkOpen(); err != nil {
		return nil, fmt.Errorf("search: suggest: %w", err)
	}
	limit = cmp.Or(limit, DefaultSuggestLimit)
	res := &Result{Query: text, Page: 1, Hits: []Hit{}, Categories: []FacetCount{}}
	terms, err := ix.suggestTerms(ctx, text)
	if err == nil {
		terms, err = ix.completeLastWord(ctx, text, terms)
	}
	if err != nil {
		return nil, err
	}
	if len(terms) > 0 {
		minShould := max(1, int(math.Round(suggestMinShould*float64(len(terms)))))
		words := suggestWords(terms)
		err = ix.runSuggest(ctx, res, suggestQuery(terms, minShould, internal), limit, words)
		if err == nil && res.Total == 0 && minShould > 1 {
			err = ix.runSuggest(ctx, res, suggestQuery(terms, 1, internal), limit, words)
		}
		if err != nil {
			return nil, err
		}
	}
	res.Took = time.Since(began)
	return res, nil
}

func validateSuggest(text string, limit int) error {
	if n := utf8.RuneCountInString(text); n > MaxSuggestRunes {
		return &RequestError{
			Field:     "query",
			Message:   fmt.Sprintf("text is %d characters long; the maximum is %d", n, MaxSuggestRunes),
			FaMessage: faf(faQueryTooLong, MaxSuggestRunes),
		}
	}
	if limit < 0 || limit > MaxSuggestLimit {
		return &RequestError{
			Field:     "limit",
			Message:   fmt.Sprintf("limit %d is out of range 1-%d", limit, MaxSuggestLimit),
			FaMessage: faf(faBadLimit, MaxSuggestLimit),
		}
	}
	return nil
}

// runSuggest runs a suggestion query and fills res, with the sections that match words.
func (ix *Index) runSuggest(ctx context.Context, res *Result, q query.Query, limit int, words []queryWord) error {
	sr := bleve.NewSearchRequestOptions(q, limit, 0, false)
	sr.IncludeLocations = true
	br, err := ix.bleve.SearchInContext(ctx, sr)
	if err != nil {
		return fmt.Errorf("search: suggest: %w", err)
	}
	res.Total = int(br.Total)
	res.Pages = min(res.Total, 1)
	res.Hits = ix.hits(br.Hits, words)
	return nil
}

// suggestQuery is shaped like textQuery, with the chosen terms instead of the analyzed text:
// an article must contain at least minShould of the terms in _all, and the same terms in the
// boosted fields (titles and keywords first) add to its score; internal articles are left out
// unless internal is set.
// Each term query is boosted by the square root of the term's weight: BM25 already multiplies
// by idf, and a full idf boost on top (idf squared) let one rare incidental word win (measured
// on the ticket messages: top-1 0.78 with the full weight, 0.84 with its square root, 0.82
// unweighted, default analyzer; one clause per term with the fields inside it did no better).
// Boosts go on the term queries because Bleve ignores a disjunction's own boost.
func suggestQuery(terms []weightedTerm, minShould int, internal bool) query.Query {
	all := termsQuery(terms, compositeAllName, 1)
	all.SetMin(float64(minShould))
	var should []query.Query
	for _, f := range boostFields() {
		should = append(should, termsQuery(terms, f.name, f.boost))
	}
	b := query.NewBooleanQuery([]query.Query{all}, should, nil)
	if !internal {
		b.AddMustNot(termQuery(fieldAudience, kb.AudienceInternal))
	}
	return b
}

// termsQuery is a disjunction of the terms in one field.
func termsQuery(terms []weightedTerm, field string, boost float64) *query.DisjunctionQuery {
	qs := make([]query.Query, 0, len(terms))
	for _, t := range terms {
		q := query.NewTermQuery(t.term)
		q.SetField(field)
		q.SetBoost(boost * math.Sqrt(t.weight))
		qs = append(qs, q)
	}
	return query.NewDisjunctionQuery(qs)
}

// suggestTerms analyzes text and returns its suggestTerms best terms, best first. A term's
// weight is its (dampened) frequency in the text times its BM25 inverse document frequency in
// the index; terms no article contains are dropped.
func (ix *Index) suggestTerms(ctx context.Context, text string) ([]weightedTerm, error) {
	freq := map[string]int{}
	for _, tok := range ix.an.Analyze([]byte(text)) {
		if utf8.RuneCount(tok.Term) > 1 { // single letters are typing noise, not topics
			freq[string(tok.Term)]++
		}
	}
	if len(freq) == 0 {
		return nil, nil
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search: suggest: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("search: suggest: %w", err)
	}
	defer r.Close()
	n, err := r.DocCount()
	if err != nil {
		return nil, fmt.Errorf("search: suggest: %w", err)
	}
	terms := make([]weightedTerm, 0, len(freq))
	for term, tf := range freq {
		df, err := docFreq(ctx, r, term)
		if err != nil {
			return nil, err
		}
		if df == 0 {
			continue
		}
		idf := math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
		terms = append(terms, weightedTerm{term: term, weight: (1 + math.Log(float64(tf))) * idf})
	}
	slices.SortFunc(terms, func(a, b weightedTerm) int {
		return cmp.Or(cmp.Compare(b.weight, a.weight), strings.Compare(a.term, b.term))
	})
	return terms[:min(len(terms), suggestTerms)], nil
}

// docFreq is the number of indexed articles that contain term in any text field.
func docFreq(ctx context.Context, r index.IndexReader, term string) (uint64, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(term), compositeAllName, false, false, false)
	if err != nil {
		return 0, fmt.Errorf("search: suggest: term %q: %w", term, err)
	}
	defer tfr.Close()
	return tfr.Count(), nil
}
