package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of search as you type.
const (
	// minPrefixRunes is the shortest unfinished word that is completed: one letter starts a
	// tenth of all words and says nothing yet.
	minPrefixRunes = 2
	// maxCompletions bounds the completions of one word, the most frequent first: every
	// completion is one more term for the index to score.
	maxCompletions = 8
)

// completeLast adds completions of the query's last word, the one being typed, as
// alternatives: the known terms that start with the word as the index folds it (a prefix typed
// with Persian ی finds words indexed from Arabic ي). Bleve does not analyze prefix terms, so
// the folding is done here. It runs when force is set (a search-as-you-type request) or when
// the last word is unknown, and reports whether it found completions.
func (ix *Index) completeLast(v *vocab, p *plan, force bool) (bool, error) {
	words := fieldsWithOffsets(p.text)
	if len(words) == 0 {
		return false, nil
	}
	last := words[len(words)-1]
	idx := -1
	for i, s := range p.slots {
		if s != nil && s.start >= last.start && s.end <= last.end {
			idx = i
		}
	}
	if idx >= 0 && p.slots[idx].known && !force {
		return false, nil
	}
	if idx < 0 && !force {
		return false, nil
	}
	prefix := ix.feat.fold(strings.TrimFunc(last.text, notWordRune))
	if utf8.RuneCountInString(prefix) < minPrefixRunes {
		return false, nil
	}
	cs, err := v.completions(prefix, maxCompletions)
	if err != nil {
		return false, err
	}
	found := false
	for _, c := range cs {
		if idx >= 0 {
			if p.slots[idx].terms[0] == c.term {
				continue
			}
			p.addAlt(idx, c.term, prefixBoost)
		} else {
			p.alts = append(p.alts, alt{phrase: [][]string{{c.term}}, boost: prefixBoost, slot: -1, span: 0})
		}
		found = true
	}
	return found, nil
}

// notWordRune reports punctuation and symbols around a word ("رمز؟", "(ssl").
func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
}
