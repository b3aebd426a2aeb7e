package search

import (
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"

	"persiankb/search/lexicon"
)

// lexiconBoost weighs a term the built-in lexicon adds (lexicon.Persian): below an editor's
// synonym (synonymBoost), which was chosen for this help center's articles, while the lexicon's
// groups were written for every help center and may not mean quite the same thing here.
const lexiconBoost = 0.6

// synonyms are the library's synonym groups (kb.Library.Synonyms) and the built-in lexicon's,
// analyzed like the index, so that a query matches a synonym whatever its spelling (ZWNJ,
// Arabic letters, plural forms).
type synonyms struct {
	entries []synEntry
	groups  [][]int          // a group → indexes into entries
	boosts  []float64        // a group → the weight of the terms it adds
	builtin []bool           // a group → it is the lexicon's, not the content's
	byFirst map[string][]int // a term of an entry's first position → indexes into entries
	lexicon []lexicon.Group  // as compiled, for the successors of an Index (see Update)
	// byRunes: the length in letters of a one-word from term → indexes into entries (see near)
	byRunes   map[int][]int
	nearCache *termCache[[]candidate]
}

// synEntry is one term of a group as the index sees it: the main term of each position (the
// whole word, not the parts of a compound: نام alone must not match ثبت‌نام), "" where the
// analyzer dropped a stop word (a gap, as in the analyzed query). A one-way group's terms
// match queries (from) or are added to them (to), not both.
type synEntry struct {
	group  int
	phrase []string
	from   bool // a query with it expands to the group
	to     bool // it is added to a query that matched the group
}

// querySynonyms compiles lib's synonym groups with the built-in Persian lexicon.
func querySynonyms(an analysis.Analyzer, content [][]string) (*synonyms, error) {
	lex, err := lexicon.Persian()
	if err != nil {
		return nil, fmt.Errorf("search: built-in lexicon: %w", err)
	}
	return compileSynonyms(an, content, lex), nil
}

// compileSynonyms analyzes every term of every group with an: the content's groups at
// synonymBoost, then the lexicon's at lexiconBoost. Terms that analyze to nothing (only stop
// words) are left out: they could never match a query. The content wins on conflict: a
// lexicon term that is also a content term is left out of the lexicon's group, so that a word
// the editors grouped expands only as they said.
func compileSynonyms(an analysis.Analyzer, content [][]string, lex []lexicon.Group) *synonyms {
	s := &synonyms{byFirst: make(map[string][]int), lexicon: lex, byRunes: make(map[int][]int), nearCache: newTermCache[[]candidate]()}
	for _, terms := range content {
		s.addGroup(analyzeTerms(an, terms), nil, false, nil)
	}
	taken := make(map[string]bool, len(s.entries))
	for _, e := range s.entries {
		taken[phraseKey(e.phrase)] = true
	}
	for _, g := range lex {
		s.addGroup(analyzeTerms(an, g.Terms), analyzeTerms(an, g.To), true, taken)
	}
	return s
}

// analyzeTerms analyzes terms with an, leaving out those that analyze to nothing.
func analyzeTerms(an analysis.Analyzer, terms []string) [][]string {
	var out [][]string
	for _, t := range terms {
		var ph []string
		for _, sl := range slotsOf(an.Analyze([]byte(t))) {
			if sl == nil {
				ph = append(ph, "")
			} else {
				ph = append(ph, sl.terms[0])
			}
		}
		if len(ph) > 0 {
			out = append(out, ph)
		}
	}
	return out
}

// phraseKey is a map key of an analyzed phrase.
func phraseKey(ph []string) string { return fmt.Sprintf("%q", ph) }

// addGroup adds a group, the lexicon's (builtin) or the content's: an equivalence of from when
// to is nil, else the expansion from → to. Phrases in taken, or already in the group, are left
// out; a group left with nothing to expand is not added.
func (s *synonyms) addGroup(from, to [][]string, builtin bool, taken map[string]bool) {
	type term struct {
		phrase   []string
		from, to bool
	}
	var terms []term
	seen := make(map[string]bool)
	for _, ph := range from {
		if k := phraseKey(ph); !taken[k] && !seen[k] {
			seen[k] = true
			terms = append(terms, term{ph, true, to == nil})
		}
	}
	for _, ph := range to {
		if k := phraseKey(ph); !taken[k] && !seen[k] {
			seen[k] = true
			terms = append(terms, term{ph, false, true})
		}
	}
	if len(terms) < 2 || !slices.ContainsFunc(terms, func(t term) bool { return t.from }) ||
		!slices.ContainsFunc(terms, func(t term) bool { return t.to }) {
		return
	}
	g := len(s.groups)
	boost := synonymBoost
	if builtin {
		boost = lexiconBoost
	}
	s.groups, s.boosts, s.builtin = append(s.groups, nil), append(s.boosts, boost), append(s.builtin, builtin)
	for _, t := range terms {
		e := len(s.entries)
		s.entries = append(s.entries, synEntry{group: g, phrase: t.phrase, from: t.from, to: t.to})
		s.groups[g] = append(s.groups[g], e)
		if t.from {
			s.byFirst[t.phrase[0]] = append(s.byFirst[t.phrase[0]], e)
		}
		if n := utf8.RuneCountInString(t.phrase[0]); t.from && len(t.phrase) == 1 {
			s.byRunes[n] = append(s.byRunes[n], e)
		}
	}
}
