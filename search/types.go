// Package search indexes kb articles with Bleve and answers Persian search queries.
package search

import "time"

// Limits on queries. They protect the index from pathological requests.
const (
	MaxQueryRunes = 256 // longer queries are refused: no real search needs more, and cost grows with terms
	DefaultLimit  = 10
	MaxLimit      = 50   // a page of more than 50 results is never read; bounds highlighting work
	MaxPage       = 1000 // nobody pages that deep; bounds the hits Bleve must rank and skip
)

// Request is one search.
type Request struct {
	Query    string
	Category string // optional category slug filter
	Page     int    // 1-based; 0 means 1
	Limit    int    // 0 means DefaultLimit
	Internal bool   // include internal (agent-only) articles
	// Prefix completes the last word even when it is a whole known word: set it for
	// search-as-you-type requests, whose last word is still being typed. Without it the last
	// word is completed only when no article has it as typed.
	Prefix bool
}

// Result is one page of search results.
type Result struct {
	Query      string
	Total      int
	Took       time.Duration
	Page       int
	Pages      int
	Hits       []Hit
	Categories []FacetCount // category facet over the whole result set, biggest first
	DidYouMean string       // spelling or layout correction; "" when none
	// Corrected reports that Hits are for DidYouMean, not for Query: the query was typed on the
	// wrong keyboard layout and only its conversion finds anything. A page shows "results for
	// DidYouMean"; otherwise DidYouMean is only offered as a link.
	Corrected bool
}

// Hit is one matching article.
type Hit struct {
	Slug     string
	Title    string
	URL      string
	Category string
	Snippet  string // HTML: text escaped, matched terms wrapped in <mark>…</mark>
	Score    float64
	Section  *Section // the section (heading) that matches the query best; nil for none
}

// FacetCount is one facet value with its number of hits.
type FacetCount struct {
	Name  string
	Count int
}
