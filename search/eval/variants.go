package eval

import (
	"hash/fnv"
	"strings"
	"unicode/utf8"
)

// Variant rewrites a clean query the way real customers mistype it.
type Variant struct {
	Name  string
	Apply func(id, query string) string
}

const zwnj = "\u200c"

// Variants returns the query variants measured by kb eval. toLatinLayout turns Persian text
// into the keys a user presses on an English layout (nil leaves that variant out).
func Variants(toLatinLayout func(string) string) []Variant {
	vs := []Variant{
		{"clean", func(_, q string) string { return q }},
		{"arabic-yeh-kaf", func(_, q string) string { return ArabicLetters(q) }},
		{"zwnj-joined", func(_, q string) string { return strings.ReplaceAll(q, zwnj, "") }},
		{"zwnj-space", func(_, q string) string { return strings.ReplaceAll(q, zwnj, " ") }},
		{"one-typo", Typo},
	}
	if toLatinLayout != nil {
		vs = append(vs, Variant{"wrong-layout", func(_, q string) string { return toLatinLayout(q) }})
	}
	return vs
}

// ArabicLetters writes Persian yeh and kaf as their Arabic forms, as older text does.
func ArabicLetters(s string) string {
	return strings.NewReplacer("ی", "\u064a", "ک", "\u0643").Replace(s)
}

// Typo makes one deterministic typo (chosen from the query id): in one word of 4+ letters,
// a letter is dropped or two neighbouring letters are swapped.
func Typo(id, q string) string {
	h := fnv.New32a()
	h.Write([]byte(id))
	seed := h.Sum32()
	words := strings.Fields(q)
	var long []int
	for i, w := range words {
		if utf8.RuneCountInString(trimPunct(w)) >= 4 {
			long = append(long, i)
		}
	}
	if len(long) == 0 {
		return q
	}
	wi := long[int(seed%uint32(len(long)))]
	r := []rune(trimPunct(words[wi]))
	pos := 1 + int((seed/7)%uint32(len(r)-2)) // never the first letter: people rarely miss that
	if (seed/3)%2 == 0 {
		r = append(r[:pos], r[pos+1:]...)
	} else {
		r[pos], r[pos+1] = r[pos+1], r[pos]
	}
	words[wi] = string(r)
	return strings.Join(words, " ")
}

// trimPunct drops trailing question marks and punctuation typed after a word.
func trimPunct(w string) string {
	return strings.TrimRight(w, "؟?!.,،:؛")
}
