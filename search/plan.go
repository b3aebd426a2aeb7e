package search

import (
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"
	bsearch "github.com/blevesearch/bleve/v2/search"
)

// plan is a query text turned into what the index can match: the analyzed terms position by
// position, the alternatives query planning found for them (ranked below the exact terms),
// and the corrections to show as "did you mean".
type plan struct {
	text   string  // the text searched: the query, or its keyboard-layout conversion
	slots  []*slot // one per analyzed position, in order; nil for a position left empty (stop word)
	alts   []alt   // alternatives: variants, synonyms, spelling and prefix candidates
	fixes  []fix   // spelling corrections of unknown words, for DidYouMean
	layout bool    // text is the query converted from the other keyboard layout
	plain  bool    // the query-side features are off: the words as analyzed, nothing more
	docs   uint64  // articles in the index
}

// slot is one position of the analyzed query: the index terms there (a word, or a compound
// and its parts) and the span of query text they came from.
type slot struct {
	start, end int      // byte span in plan.text
	terms      []string // distinct index terms
	known      bool     // some article contains one of terms
	common     bool     // its main term is in so many articles that it cannot select any
	df         uint64   // articles with its main term
	weak       bool     // a question word, courtesy or light verb that says little on its own
}

// alt is an alternative to exact terms: one term, or a phrase of several positions (a synonym
// of several words), matched with a weight below 1. It stands in for span slots from slot on
// (span 0: a completion of a last word that is a stop word, which has no slot).
type alt struct {
	phrase [][]string
	boost  float64
	slot   int
	span   int
}

// oneWord reports whether a stands for exactly one query word with one term (it can then take
// that word's place in the phrase clause).
func (a alt) oneWord() bool { return a.span == 1 && len(a.phrase) == 1 }

// fix replaces text[start:end] by to in the "did you mean" text; slot is the word it corrects.
type fix struct {
	start, end int
	to         string
	slot       int
}

// analyzeSlots analyzes text with the index's analyzer into slots by position.
func (ix *Index) analyzeSlots(text string) []*slot {
	return slotsOf(ix.an.Analyze([]byte(text)))
}

// slotsOf groups tokens into slots by position. A slot's first term is its main one, the
// token that spans the whole position (a compound before its parts).
func slotsOf(tokens analysis.TokenStream) []*slot {
	if len(tokens) == 0 {
		return nil
	}
	first, last := tokens[0].Position, tokens[0].Position
	for _, t := range tokens {
		first, last = min(first, t.Position), max(last, t.Position)
	}
	slots := make([]*slot, last-first+1)
	for _, t := range tokens {
		s := slots[t.Position-first]
		term := string(t.Term)
		switch {
		case s == nil:
			slots[t.Position-first] = &slot{start: t.Start, end: t.End, terms: []string{term}}
		case slices.Contains(s.terms, term):
		case t.End-t.Start > s.end-s.start:
			s.terms = slices.Insert(s.terms, 0, term)
		default:
			s.terms = append(s.terms, term)
		}
		if s != nil {
			s.start, s.end = min(s.start, t.Start), max(s.end, t.End)
		}
	}
	return slots
}

// words returns the non-empty slots.
func (p *plan) words() []*slot {
	out := make([]*slot, 0, len(p.slots))
	for _, s := range p.slots {
		if s != nil {
			out = append(out, s)
		}
	}
	return out
}

// terms is every term of p: the words' terms and their alternatives'.
func (p *plan) terms() []string {
	var out []string
	for _, s := range p.words() {
		for _, t := range s.terms {
			out = appendNew(out, t)
		}
	}
	for _, a := range p.alts {
		for _, pos := range a.phrase {
			for _, t := range pos {
				out = appendNew(out, t)
			}
		}
	}
	return out
}

// surface is the query text of slot s.
func (p *plan) surface(s *slot) string { return p.text[s.start:s.end] }

// addAlt adds the single-term alternative term for slot i unless the slot or an earlier
// alternative of it already has it.
func (p *plan) addAlt(i int, term string, boost float64) {
	if slices.Contains(p.slots[i].terms, term) {
		return
	}
	for k, a := range p.alts {
		if a.slot == i && a.oneWord() && slices.Contains(a.phrase[0], term) {
			p.alts[k].boost = max(a.boost, boost)
			return
		}
	}
	p.alts = append(p.alts, alt{phrase: [][]string{{term}}, boost: boost, slot: i, span: 1})
}

// weakWordWeight scales the score of a weak query word (a question word, courtesy or light
// verb: چرا, لطفا, میتونم) in a query that has other words: in a small help center a light verb
// is in a third of the articles and its idf alone does not quiet it, so it picked articles by
// how often they say «می‌توانید».
const weakWordWeight = 0.5

// wordWeights is the weight of each slot's word in the query score: weakWordWeight for a weak
// word when some word of the query is not weak, 1 otherwise.
func (p *plan) wordWeights() []float64 {
	w := make([]float64, len(p.slots))
	strong := false
	for i, s := range p.slots {
		w[i] = 1
		strong = strong || s != nil && !s.weak
	}
	for i, s := range p.slots {
		if strong && s != nil && s.weak {
			w[i] = weakWordWeight
		}
	}
	return w
}

// slotIndex is the index in p.slots of s.
func (p *plan) slotIndex(s *slot) int { return slices.Index(p.slots, s) }

// widerRetry reports whether the zero-result retry's edit budget allows some word no article
// contains more edits than the ordinary one did.
func (p *plan) widerRetry() bool {
	for _, s := range p.words() {
		if t := longestTerm(s.terms); !s.known && retry.edits(t) > ordinary.edits(t) {
			return true
		}
	}
	return false
}

// maxConfirmHits is how many of the first hits are looked at to confirm a spelling correction:
// the best one, which the corrected word must have helped find.
const maxConfirmHits = 1

// didYouMean is the text to offer as "did you mean": the text searched (the query, or its
// layout conversion) with the spelling fixes that the results confirm, those whose word's
// alternatives occur in the first hit (its text, or its title's terms, titleTerms of its ID);
// "" when that is the query itself. A guess no good result contains (a colloquial word near
// some rare term) is not worth offering.
func (p *plan) didYouMean(hits bsearch.DocumentMatchCollection, titleTerms func(id string) []string) string {
	var fixes []fix
	for _, f := range p.fixes {
		if p.confirmed(f, hits[:min(len(hits), maxConfirmHits)], titleTerms) {
			fixes = append(fixes, f)
		}
	}
	if len(fixes) == 0 {
		if p.layout {
			return p.text
		}
		return ""
	}
	slices.SortFunc(fixes, func(a, b fix) int { return a.start - b.start })
	var b strings.Builder
	at := 0
	for _, f := range fixes {
		if f.start < at {
			continue // overlapping fixes: keep the first
		}
		b.WriteString(p.text[at:f.start])
		b.WriteString(f.to)
		at = f.end
	}
	b.WriteString(p.text[at:])
	return strings.Join(strings.Fields(b.String()), " ")
}

// confirmed reports whether one of hits contains an alternative of the word f corrects, in its
// text or, failing that, its title.
func (p *plan) confirmed(f fix, hits bsearch.DocumentMatchCollection, titleTerms func(id string) []string) bool {
	for _, h := range hits {
		if p.hasAlt(f, func(t string) bool { return hasTerm(h, t) }) {
			return true
		}
		title := titleTerms(h.ID)
		if p.hasAlt(f, func(t string) bool { return slices.Contains(title, t) }) {
			return true
		}
	}
	return false
}

// hasAlt reports whether has holds for a term of an alternative of the word f corrects.
func (p *plan) hasAlt(f fix, has func(term string) bool) bool {
	for _, a := range p.alts {
		if a.slot != f.slot {
			continue
		}
		for _, pos := range a.phrase {
			if slices.ContainsFunc(pos, has) {
				return true
			}
		}
	}
	return false
}
