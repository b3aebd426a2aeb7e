package search

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxSuggestCompletions bounds the completions of the unfinished last word of a suggestion
// text: they stand for one word, and more of them would let that word outweigh the finished
// ones that say what the message is about.
const maxSuggestCompletions = 3

// completeLastWord adds to a suggestion's terms the completions of the text's last word when
// it may still be being typed: no punctuation follows it, and the word as typed is in no
// article (a search without Request.Prefix completes its last word the same way; a known last
// word is taken as finished, since the forms trim the text and a trailing space cannot tell).
// A ticket form asks for suggestions while the customer types, so its last word is often
// unfinished ("کد رهگیری سفا"). Each completion weighs prefixBoost of its inverse document
// frequency: a guess, ranked below the words typed out. The result keeps the suggestTerms
// best terms.
func (ix *Index) completeLastWord(ctx context.Context, text string, terms []weightedTerm) ([]weightedTerm, error) {
	if !ix.feat.on {
		return terms, nil
	}
	last, ok := unfinishedWord(text)
	if !ok {
		return terms, nil
	}
	prefix := ix.feat.fold(last)
	if utf8.RuneCountInString(prefix) < minPrefixRunes {
		return terms, nil
	}
	v, err := ix.newVocab(ctx)
	if err != nil {
		return nil, err
	}
	defer v.close()
	for _, tok := range ix.an.Analyze([]byte(last)) {
		if known, err := v.known(string(tok.Term)); err != nil || known {
			return terms, err // a whole word already
		}
	}
	cs, err := v.completions(prefix, maxSuggestCompletions)
	if err != nil {
		return nil, err
	}
	n := float64(v.docs)
	for _, c := range cs {
		if slices.ContainsFunc(terms, func(t weightedTerm) bool { return t.term == c.term }) {
			continue
		}
		idf := math.Log(1 + (n-float64(c.df)+0.5)/(float64(c.df)+0.5))
		terms = append(terms, weightedTerm{term: c.term, weight: prefixBoost * idf})
	}
	slices.SortFunc(terms, func(a, b weightedTerm) int {
		return cmp.Or(cmp.Compare(b.weight, a.weight), strings.Compare(a.term, b.term))
	})
	return terms[:min(len(terms), suggestTerms)], nil
}

// unfinishedWord returns the last word of text when nothing follows it: no space, no
// punctuation, so the customer may still be typing it.
func unfinishedWord(text string) (string, bool) {
	r, _ := utf8.DecodeLastRuneInString(text)
	if r == utf8.RuneError || !(unicode.IsLetter(r) || unicode.IsMark(r)) {
		return "", false
	}
	i := strings.LastIndexFunc(text, func(r rune) bool { return notWordRune(r) && r != zwnj })
	if i < 0 {
		return text, true
	}
	_, size := utf8.DecodeRuneInString(text[i:])
	return text[i+size:], true
}
