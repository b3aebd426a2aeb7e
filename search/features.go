package search

import (
	"slices"
	"strings"

	"github.com/blevesearch/bleve/v2/analysis"

	"persiankb/search/persian"
)

// features are the query-side helpers that must agree with the index's analyzer: Bleve does
// not analyze prefix and fuzzy terms, so the query side folds them the way the index does.
// The stock analyzer (StockAnalyzer) runs with every feature off: it is the baseline that
// comparisons are made against, a plain match as Bleve ships it.
type features struct {
	on bool // spelling and layout fallbacks, synonyms, prefixes, variants

	// fold normalizes one word the way the index does, without stemming: the form an
	// unfinished word is completed from.
	fold func(word string) string
	// variants returns other index terms a word may stand for (possessive and verb
	// forms the stemmer leaves alone); nil when the analyzer has none.
	variants func(word string) []string
	// weak reports a query word that says little on its own (question word, light verb).
	weak func(word string) bool
	// otherScript spells a word in the other script as index terms (roaming → رومینگ,
	// ایسیم → isim; tahvil → تاهویل and, as Persian typed in Latin letters, تهویل); none
	// when the analyzer has no transliteration or the word none.
	otherScript func(word string) []string
}

// newFeatures returns the query-side helpers for the analyzer named name (as in
// Options.Analyzer), whose Bleve analyzer is an.
func newFeatures(name string, an analysis.Analyzer, plain bool) features {
	f := features{
		on:       !plain && name != StockAnalyzer,
		fold:     func(w string) string { return foldWith(an, w) },
		variants: func(string) []string { return nil },
		weak:     func(string) bool { return false },

		otherScript: func(string) []string { return nil },
	}
	if name == persian.AnalyzerName {
		f.fold = persian.FoldTerm
		f.variants = persianVariants
		f.weak = persian.IsStopWord
		f.otherScript = otherScriptTerms
	}
	return f
}

// foldWith folds a word with an analyzer that has no stemmer (the fa chains: lower case,
// Arabic and Persian normalization): the analyzed term, or the lower-cased word when the
// analyzer drops it as a stop word or splits it.
func foldWith(an analysis.Analyzer, word string) string {
	ts := an.Analyze([]byte(word))
	if len(ts) == 1 {
		return string(ts[0].Term)
	}
	return strings.ToLower(word)
}

// otherScriptTerms are a word's transliterations into the other script as index terms: a
// Latin word read as a loanword and, when it differs, as Finglish, each as the stemmer reads it
// and, when that differs, unstemmed (زامان is no plural of زام: zaman is زمان); a Persian word
// in Latin letters.
func otherScriptTerms(word string) []string {
	if t := persian.FromLatinScript(word); t != "" {
		var out []string
		for _, r := range []string{t, persian.FromFinglish(word)} {
			if r == "" {
				continue
			}
			for _, f := range []string{persian.NormalizeQueryTerm(r), persian.FoldTerm(r)} {
				if !slices.Contains(out, f) {
					out = append(out, f)
				}
			}
		}
		return out
	}
	if t := persian.ToLatinScript(word); t != "" {
		return []string{t}
	}
	return nil
}
