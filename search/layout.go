package search

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"persiankb/search/persian"
)

// minLayoutRunes is the shortest word read on the other keyboard layout: a one-key word is as
// likely a stray key as a word.
const minLayoutRunes = 2

// fixLayout finds the words of p typed with the wrong keyboard layout: Persian typed while the
// English layout was on (sghl → سلام), or a Latin name typed on the Persian layout (سسم →
// ssl). A word is converted when no article contains it as typed (or the layout hint says it
// is mistyped) and some article contains its conversion; conversions that are stop words
// (hc → از) follow only when another word converts. It returns the text with the converted
// words, or "" when no word converts: the literal query then stands.
func (ix *Index) fixLayout(v *vocab, p *plan) (string, error) {
	words := fieldsWithOffsets(p.text)
	type change struct {
		w        word
		to       string
		positive bool // the conversion is a known word, not only a stop word
	}
	var changes []change
	positive := false
	for _, w := range words {
		if !ix.unknownWord(p, w) && !persian.LooksLikeWrongLayout(w.text) {
			continue
		}
		to, ok := convertLayout(w.text)
		if !ok {
			continue
		}
		known, neutral, err := ix.convertedKnown(v, to)
		if err != nil {
			return "", err
		}
		if known || neutral {
			changes = append(changes, change{w: w, to: to, positive: known})
			positive = positive || known
		}
	}
	if !positive {
		return "", nil
	}
	var b strings.Builder
	at := 0
	for _, c := range changes {
		b.WriteString(p.text[at:c.w.start])
		b.WriteString(c.to)
		at = c.w.end
	}
	b.WriteString(p.text[at:])
	return b.String(), nil
}

// unknownWord reports whether every slot inside word w is unknown to the index, and w has one.
func (ix *Index) unknownWord(p *plan, w word) bool {
	found := false
	for _, s := range p.words() {
		if s.start >= w.start && s.end <= w.end {
			if s.known {
				return false
			}
			found = true
		}
	}
	return found
}

// convertedKnown judges the conversion of one word: known when every word it analyzes to is
// in some article (and none is a single letter: stray letters are in every index), neutral
// when it is Persian that analyzes to nothing (a stop word such as از).
func (ix *Index) convertedKnown(v *vocab, to string) (known, neutral bool, err error) {
	words := 0
	for _, s := range slotsOf(ix.an.Analyze([]byte(to))) {
		if s == nil {
			continue
		}
		words++
		ok, err := v.known(s.terms[0])
		if err != nil || !ok || utf8.RuneCountInString(s.terms[0]) < minLayoutRunes {
			return false, false, err
		}
	}
	return words > 0, words == 0 && isPersianText(to), nil
}

// convertLayout reads a word on the other layout: Latin letters as Persian keys, Persian
// letters as Latin keys. ok is false for mixed or letterless words and for single keys. A
// Persian word is read as Latin only when the result looks like English or a known acronym:
// a misspelt Persian word is far more common than a Latin one typed on the Persian layout.
func convertLayout(w string) (string, bool) {
	latin, arabic, n := false, false, 0
	for _, r := range w {
		n++
		switch {
		case r < unicode.MaxASCII && unicode.IsLetter(r):
			latin = true
		case unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
			arabic = true
		}
	}
	switch {
	case n < minLayoutRunes || latin == arabic:
		return "", false
	case latin:
		return persian.FromLatinLayout(w)
	case persian.LooksLikeWrongLayout(w):
		return persian.ToLatinLayout(w)
	}
	return "", false
}

func isPersianText(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// word is a whitespace-separated word of a query with its byte offsets.
type word struct {
	text       string
	start, end int
}

// fieldsWithOffsets splits s like strings.Fields, keeping each word's offsets.
func fieldsWithOffsets(s string) []word {
	var out []word
	start := -1
	for i, r := range s {
		if unicode.IsSpace(r) {
			if start >= 0 {
				out = append(out, word{s[start:i], start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	if start >= 0 {
		out = append(out, word{s[start:], start, len(s)})
	}
	return out
}
