package search

import (
	"slices"
	"strings"
	"unicode/utf8"

	"persiankb/search/persian"
)

// spokenEndings are enclitics of spoken Persian that the analyzer, written for written Persian,
// leaves on a word: the object marker و (رمزمو = رمزم را), the plural possessives مون, تون,
// شون (پلنهاتون = پلن‌هایتان), the singular ones م, ت, ش, and the spoken plural ا (سفارشا =
// سفارش‌ها). Customers type the way they speak; articles are written.
var spokenEndings = []string{"و", "مون", "تون", "شون", "م", "ت", "ش", "ا"}

// Bounds of the spoken-form guesses.
const (
	// maxSpokenEndings is how many enclitics are peeled off one word: محصولامو has three
	// (ا, م, و); more is never a real word.
	maxSpokenEndings = 3
	// minSpokenStem is the shortest remainder kept: shorter stems are other words (رمزم → رم).
	minSpokenStem = 3
)

// spokenVariants returns index terms a word typed in spoken Persian may stand for: the word
// with spoken enclitics peeled off, one to maxSpokenEndings of them, normalized and stemmed
// like the index, with the analyzer's own variants of each. They are guesses, for the caller
// to check against the vocabulary.
func spokenVariants(word string) []string {
	var out []string
	frontier := []string{persian.FoldTerm(word)}
	for range maxSpokenEndings {
		var next []string
		for _, w := range frontier {
			for _, e := range spokenEndings {
				rest, ok := strings.CutSuffix(w, e)
				if ok && utf8.RuneCountInString(rest) >= minSpokenStem && !slices.Contains(next, rest) {
					next = append(next, rest)
				}
			}
		}
		for _, w := range next {
			out = appendNew(out, persian.NormalizeQueryTerm(w))
			for _, v := range persian.Variants(w) {
				out = appendNew(out, v)
			}
		}
		frontier = next
	}
	return out
}

// persianVariants is the analyzer's variants of a word and its spoken-form guesses.
func persianVariants(word string) []string {
	out := persian.Variants(word)
	for _, v := range spokenVariants(word) {
		out = appendNew(out, v)
	}
	for _, v := range spokenVerbVariants(word) {
		out = appendNew(out, v)
	}
	return out
}

func appendNew(list []string, s string) []string {
	if s == "" || slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// spokenVerbPrefixes begin a present-tense verb (می‌رسد, نمی‌رسد, برمی‌گردد), typed without
// the ZWNJ as customers type them.
var spokenVerbPrefixes = []string{"می", "نمی", "برمی", "برنمی", "درمی", "درنمی"}

// spokenVerbEndings are the person endings of the spoken present tense and their written
// forms: the third person singular ه for د (میرسه = می‌رسد, برمیگرده = برمی‌گردد), the plurals
// ن for ند and ین for ید (میرسن, میرسین). A stem that itself ends in ه (میده = می‌دهد) is not
// guessed: دادن is in too many articles, and the guess pushed a partly relevant answer of the
// first held-out set out of the top ten.
var spokenVerbEndings = []struct{ spoken, written string }{
	{"ه", "د"}, {"ین", "ید"}, {"ن", "ند"},
}

// spokenVerbVariants returns index terms a present-tense verb typed in spoken Persian may stand
// for: the spoken person ending replaced by the written one, and the spoken stem vowel ون by
// the written وان (نمیتونه = نمی‌تواند, میخونه = می‌خواند), normalized and stemmed like the
// index. They are guesses, for the caller to check against the vocabulary.
func spokenVerbVariants(word string) []string {
	w := persian.FoldTerm(word)
	if !slices.ContainsFunc(spokenVerbPrefixes, func(p string) bool { return strings.HasPrefix(w, p) }) {
		return nil
	}
	var out []string
	for _, e := range spokenVerbEndings {
		rest, ok := strings.CutSuffix(w, e.spoken)
		if !ok || utf8.RuneCountInString(rest) < minSpokenStem {
			continue
		}
		for _, stem := range []string{rest, strings.Replace(rest, "ون", "وان", 1)} {
			if v := persian.NormalizeQueryTerm(stem + e.written); utf8.RuneCountInString(v) >= minSpokenStem {
				out = appendNew(out, v)
			}
		}
	}
	return out
}
