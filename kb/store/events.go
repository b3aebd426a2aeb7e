package store

import "time"

// Event types recorded by the site (issue 5).
const (
	EventSearch        = "search"         // Query, NormQuery, ResultCount
	EventResultClick   = "result_click"   // NormQuery, Slug, Rank
	EventArticleView   = "article_view"   // Slug, Source (Source* constants)
	EventHelpful       = "helpful"        // Slug, Value ("yes"/"no"), Reason
	EventSuggestShown  = "suggest_shown"  // NormQuery, ResultCount, Holdout
	EventSuggestClick  = "suggest_click"  // Slug, Rank
	EventSuggestSolved = "suggest_solved" // Slug: "this solved my problem"
	EventFormStarted   = "form_started"   // Holdout
	EventFormSubmitted = "form_submitted" // Holdout
)

// Article view sources (Event.Source).
const (
	SourceSearch     = "search"
	SourceSuggestion = "suggestion"
	SourceAgent      = "agent"
	SourceDirect     = "direct"
	// SourceAutocomplete is a search box's suggestions as the visitor types: a search too, rolled
	// up with SourceSearch, kept apart in the raw events.
	SourceAutocomplete = "autocomplete"
)

// Event is one thing a visitor did on the site. It carries no personal data: SessionID is a
// random cookie value, empty for Do-Not-Track/GPC visits (stored as NULL).
type Event struct {
	ID          int64
	OccurredAt  time.Time
	Type        string
	SessionID   string
	Query       string
	NormQuery   string
	Slug        string
	Rank        int // 1-based rank of a clicked result; 0 when not applicable
	ResultCount int
	Source      string
	Value       string
	Reason      string
	Holdout     bool // the session belongs to the holdout group that gets no suggestions
}
