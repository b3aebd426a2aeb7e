package persian

import (
	"bytes"
	"unicode/utf8"
)

// NormalizeQueryTerm applies to one word exactly the normalization and stemming
// the index applies, for queries that Bleve does not analyze (prefix, fuzzy,
// wildcard). ZWNJs are removed (the parts are joined), as in the index.
func NormalizeQueryTerm(term string) string {
	return string(stem(appendNormalized(nil, term, false)))
}

// FoldTerm normalizes one word and joins its ZWNJ parts without stemming, for
// a prefix query on an unfinished word: the stems in the index begin with it
// unless the typed part already runs into a suffix.
func FoldTerm(term string) string {
	return string(appendNormalized(nil, term, false))
}

// Single-letter enclitics the stemmer leaves alone because too many words end
// in these letters (نام, دست, کاش); as query alternatives they are cheap to
// check against the index vocabulary.
var (
	cliticLetters = [][]byte{[]byte("م"), []byte("ت"), []byte("ش")}
	verbPrefixBe  = []byte("ب")
	verbPrefixNe  = []byte("ن")
)

// minVariantRunes is the shortest word Variants shortens: below it, removing a
// letter leaves a stem too short to mean anything in the index.
const minVariantRunes = 4

// Variants returns other terms one query word may stand for, beyond
// NormalizeQueryTerm(word): a single-letter possessive (حسابم → حساب, رمزت →
// رمز), a subjunctive or negative prefix (بفرستم → فرست, نپرداختم →
// پرداخت), and the other reading of an ambiguous joined suffix (نامهای → نام
// and نامه). They are guesses: keep only those the index vocabulary contains,
// and rank them below exact matches.
func Variants(word string) []string {
	w := appendNormalized(nil, word, false)
	main := stem(w)
	if utf8.RuneCount(w) < minVariantRunes || !isPersianWord(w) {
		return nil
	}
	var out []string
	addRaw := func(s []byte) {
		if len(s) == 0 || bytes.Equal(s, main) {
			return
		}
		for _, o := range out {
			if o == string(s) {
				return
			}
		}
		out = append(out, string(s))
	}
	add := func(b []byte) { addRaw(stem(b)) }
	for _, c := range cliticLetters {
		if rest := bytes.TrimSuffix(w, c); len(rest) < len(w) {
			add(rest)
		}
	}
	for _, p := range [][]byte{verbPrefixBe, verbPrefixNe} {
		rest := bytes.TrimPrefix(w, p)
		if len(rest) == len(w) || utf8.RuneCount(rest) < 3 {
			continue
		}
		if v, ok := irregular[string(rest)]; ok {
			addRaw(v)
		} else if v, ok := stripPersonEnding(rest, utf8.RuneCount(w)); ok { // بفروشم → فروش
			addRaw(v)
		}
	}
	if rest := bytes.TrimSuffix(w, []byte("های")); len(rest) < len(w) && len(rest) > 0 {
		add(rest)                                            // plural reading
		add(append(rest[:len(rest):len(rest)], endingHe...)) // ـه + ای reading
	}
	return out
}
