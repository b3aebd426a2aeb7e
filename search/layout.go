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
// is mistyped) and some article contains its conversion, or a reading of it the planner
// accepts later (an inflected or spoken form: ahvcl → شارژم → شارژ). Conversions that are stop
// words (hc → از) follow only when another word converts, and so do unknown words that look
// mistyped but whose conversion is not known either (a misspelling typed on the wrong layout:
// the spelling fallback then reads the Persian word): the keyboard is on one layout for the
// whole query. It returns the text with the converted words, or "" when no word converts: the
// literal query then stands.
//
// With prefix (search as you type) the last word is being typed: when it stays as typed, it
// converts still if its conversion starts known words and the word as typed starts none
// (fhc' → بازگ, on the way to بازگشت), see unfinishedLayoutChange.
func (ix *Index) fixLayout(v *vocab, p *plan, prefix bool) (string, error) {
	var changes []layoutChange
	positive := false
	words := fieldsWithOffsets(p.text)
	for i, w := range words {
		c, ok, err := ix.layoutChangeOf(v, p, w)
		if err == nil && prefix && !c.positive && i == len(words)-1 {
			// The word being typed: its keys so far may start a known word (fhc' → بازگ)
			// even when they only follow the others as a whole word.
			if u, uok, uerr := ix.unfinishedLayoutChange(v, w); uok || uerr != nil {
				c, ok, err = u, uok, uerr
			}
		}
		if err != nil {
			return "", err
		}
		if ok {
			changes = append(changes, c)
			positive = positive || c.positive
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

// layoutChange is the conversion of one query word to the other keyboard layout.
type layoutChange struct {
	w        word
	to       string
	positive bool // the conversion is a known word, not only a stop word or a likely typo
}

// layoutChangeOf judges the conversion of word w; ok is false when w stays as typed.
func (ix *Index) layoutChangeOf(v *vocab, p *plan, w word) (layoutChange, bool, error) {
	unknown := ix.unknownWord(p, w)
	hint := persian.LooksLikeWrongLayout(w.text)
	if !unknown && !hint {
		return layoutChange{}, false, nil
	}
	to, ok := convertLayout(w.text)
	if !ok {
		return layoutChange{}, false, nil
	}
	known, neutral, err := ix.convertedKnown(v, to)
	if err != nil {
		return layoutChange{}, false, err
	}
	c := layoutChange{w: w, to: to, positive: known}
	if !known && !neutral && unknown && isPersianText(to) {
		// Not a known word either way, but it reads as Persian. When it looks mistyped it
		// follows the others, and counts on its own when a known word is one or two edits away
		// (a typo made on the wrong layout). When it looks like Latin (hsl → اسم), it follows
		// the others only when a known word is that near.
		near, err := ix.nearKnown(v, to)
		if hint {
			c.positive = near
			return c, err == nil, err
		}
		return c, near && err == nil, err
	}
	return c, known || neutral, nil
}

// unfinishedLayoutChange reads the word being typed on the other layout when only its
// conversion starts a known term: the keys so far of a word typed on the wrong layout
// (fhc' → بازگ) are rarely a whole word either way. A word whose letters as typed start a known
// term stays (ss, on the way to ssl); only Latin keys are read as Persian (a Persian word being
// typed that starts no known term is more likely misspelt than a Latin name on the wrong layout).
func (ix *Index) unfinishedLayoutChange(v *vocab, w word) (layoutChange, bool, error) {
	to, ok := convertLayout(w.text)
	if !ok || !isPersianText(to) { // Persian letters being typed are a Persian word being typed
		return layoutChange{}, false, nil
	}
	conv := ix.feat.fold(strings.TrimFunc(to, notWordRune))
	if utf8.RuneCountInString(conv) < minPrefixRunes {
		return layoutChange{}, false, nil
	}
	if lit := ix.feat.fold(strings.TrimFunc(w.text, notWordRune)); lit != "" {
		cs, err := v.completions(lit, 1)
		if err != nil || len(cs) > 0 {
			return layoutChange{}, false, err
		}
	}
	cs, err := v.completions(conv, 1)
	if err != nil || len(cs) == 0 {
		return layoutChange{}, false, err
	}
	return layoutChange{w: w, to: to, positive: true}, true, nil
}

// nearKnown reports whether every word that to analyzes to is within the spelling fallback's
// edit budget of a known term or a synonym, or a slip from one for a 3-letter word.
func (ix *Index) nearKnown(v *vocab, to string) (bool, error) {
	words := 0
	for _, s := range slotsOf(ix.an.Analyze([]byte(to))) {
		if s == nil {
			continue
		}
		words++
		term := longestTerm(s.terms)
		edits := ordinary.edits(term)
		cs, err := v.fuzzy(term, edits, 1)
		if err == nil && len(cs) == 0 && edits == 0 && utf8.RuneCountInString(term) == minShortFuzzyRunes {
			cs, err = v.slips(term, 1)
		}
		if err != nil {
			return false, err
		}
		if len(cs) == 0 && len(ix.syn.near(term, edits)) == 0 {
			return false, nil
		}
	}
	return words > 0, nil
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
// in some article, as analyzed or in one of the readings the planner tries for an unknown word
// (none may be a single letter: stray letters are in every index), neutral when it is Persian
// that analyzes to nothing (a stop word such as از).
func (ix *Index) convertedKnown(v *vocab, to string) (known, neutral bool, err error) {
	words := 0
	for _, s := range slotsOf(ix.an.Analyze([]byte(to))) {
		if s == nil {
			continue
		}
		words++
		ok, err := ix.knownReading(v, s.terms[0], to[s.start:s.end])
		if err != nil || !ok {
			return false, false, err
		}
	}
	return words > 0, words == 0 && isPersianText(to), nil
}

// knownReading reports whether term, or a variant of the word surface it came from, is a known
// term or a one-word synonym (the planner adds its group) of at least minLayoutRunes letters.
func (ix *Index) knownReading(v *vocab, term, surface string) (bool, error) {
	for i, t := range append([]string{term}, ix.feat.variants(surface)...) {
		if i > 0 && t == term || utf8.RuneCountInString(t) < minLayoutRunes {
			continue
		}
		ok, err := v.known(t)
		if ok || err != nil || ix.syn.word(t) {
			return ok || err == nil, err
		}
	}
	return false, nil
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
