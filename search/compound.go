package search

import (
	"unicode/utf8"
)

// minCompoundPart is the shortest part of a split compound, in letters: one letter is an
// affix or a typo, not a word.
const minCompoundPart = 2

// splitCompound reads an unknown word as two known words typed without the space or ZWNJ
// between them (رمزعبور, رنگبندی): of the splits whose both parts are index terms, the one
// whose rarer part is the most frequent. It returns the two terms, or nil.
func (ix *Index) splitCompound(v *vocab, word string) ([]string, error) {
	runes := []rune(word)
	if len(runes) > maxFuzzyRunes {
		return nil, nil // not a word typed without its space: a code or keyboard mashing
	}
	var best []string
	var bestDF uint64
	for k := minCompoundPart; k <= len(runes)-minCompoundPart; k++ {
		left, ok := ix.singleTerm(string(runes[:k]))
		if !ok {
			continue
		}
		right, ok := ix.singleTerm(string(runes[k:]))
		if !ok {
			continue
		}
		ldf, err := v.docFreq(left)
		if err != nil {
			return nil, err
		}
		rdf, err := v.docFreq(right)
		if err != nil {
			return nil, err
		}
		if df := min(ldf, rdf); df > bestDF {
			best, bestDF = []string{left, right}, df
		}
	}
	return best, nil
}

// singleTerm analyzes a word that must give exactly one term of two letters or more.
func (ix *Index) singleTerm(word string) (string, bool) {
	ts := ix.an.Analyze([]byte(word))
	if len(ts) != 1 || utf8.RuneCount(ts[0].Term) < minCompoundPart {
		return "", false
	}
	return string(ts[0].Term), true
}
