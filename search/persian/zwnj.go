package persian

import (
	"bytes"
	"slices"
	"sync"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// ZWNJName is the registered name of the token filter that normalizes terms and
// resolves zero-width non-joiner and spacing variants of the same word.
const ZWNJName = "persian_zwnj"

// Limits of the spacing repair.
const (
	// maxJoinGapRunes is the most characters allowed between a standalone affix
	// and its word, all of them horizontal spaces or invisible marks: a space, or
	// a space typed next to a stray ZWNJ. More is layout, not a missing half-space.
	maxJoinGapRunes = 3
	// minPartRunes is the shortest compound part emitted as a term of its own;
	// single letters carry no meaning and only add postings.
	minPartRunes = 2
)

// verbPrefixes are the parts written before the verb, often split off with a
// ZWNJ or a space: می‌شود, می شود.
var verbPrefixes = map[string]bool{"می": true, "نمی": true}

// attachedSuffixes are suffixes written after a ZWNJ (کتاب‌ها, بزرگ‌ترین, خانه‌ای).
var attachedSuffixes = map[string]bool{
	"ها": true, "های": true, "هایی": true, "هایم": true, "هایت": true, "هایش": true,
	"هایمان": true, "هایتان": true, "هایشان": true,
	"تر": true, "ترین": true, "تری": true,
	"ی": true, "ای": true, "یی": true, "ام": true, "ات": true, "اش": true,
	"ایم": true, "اید": true, "اند": true, "است": true,
	"مان": true, "تان": true, "شان": true,
}

// spacedSuffixes may also be typed as a separate word after any word (کتاب ها,
// بزرگ ترین); the others are only joined after a word ending in ه (خانه ای),
// the one place where a writer puts a space instead of a half-space before them.
var spacedSuffixes = map[string]bool{
	"ها": true, "های": true, "هایی": true, "هایم": true, "هایت": true, "هایش": true,
	"هایمان": true, "هایتان": true, "هایشان": true,
	"تر": true, "ترین": true, "تری": true,
}

// part is one ZWNJ-separated piece of a word.
type part struct {
	term       []byte // normalized
	start, end int    // byte offsets in the original text
}

// word is a token being assembled from ZWNJ parts and spaced affixes.
type word struct {
	tok      *analysis.Token // the token reused for the joined term
	parts    []part
	from, to int // range of parts in the filter's shared part buffer
	start    int
	end      int
	drop     bool // merged into a neighbour
}

// ZWNJFilter normalizes each term (as Normalize does), splits it on ZWNJ and
// joins the parts, so that می‌شود, میشود and (from two tokens) می شود all give
// the term میشود, and کتاب‌ها, کتابها and کتاب ها give کتابها. The content
// parts of a word written with ZWNJ are also emitted at the same position: the
// parts of a compound (حساب‌کاربری → حساب, کاربری), and the word before an
// explicit suffix (استوانه‌ای → استوانه, which the joined استوانهای leaves
// ambiguous). Offsets stay exact when this filter sees the tokenizer's terms.
//
// Used alone as a registered filter it cannot see the text between tokens, so
// it joins an affix only across a gap of exactly one byte (an ASCII space); the
// persian analyzer gives it the text, so that any horizontal space counts and
// punctuation ("کتاب، ها") never does.
type ZWNJFilter struct {
	text    []byte     // the analyzed input, when known
	scratch *sync.Pool // of *zwnjScratch, reused between calls; nil: allocate
}

// zwnjScratch is the working memory of one Filter call. Nothing in it outlives
// the call: tokens point into the input or the call's own arena.
type zwnjScratch struct {
	words []word
	parts []part
}

func newZWNJScratch() any { return new(zwnjScratch) }

// Filter implements analysis.TokenFilter.
func (f ZWNJFilter) Filter(input analysis.TokenStream) analysis.TokenStream {
	sc := &zwnjScratch{}
	if f.scratch != nil {
		sc = f.scratch.Get().(*zwnjScratch)
		defer f.scratch.Put(sc)
	}
	out := f.filter(input, sc)
	clear(sc.words) // drop token pointers before the scratch is reused
	clear(sc.parts)
	return out
}

func (f ZWNJFilter) filter(input analysis.TokenStream, sc *zwnjScratch) analysis.TokenStream {
	words, parts := sc.words[:0], sc.parts[:0]
	defer func() { sc.words, sc.parts = words, parts }()
	var arena []byte
	for _, tok := range input {
		from := len(parts)
		parts, arena = splitParts(tok, parts, arena)
		if len(parts) > from {
			words = append(words, word{tok: tok, from: from, to: len(parts), start: tok.Start, end: tok.End})
		}
	}
	for i := range words {
		w := &words[i]
		w.parts = parts[w.from:w.to:w.to]
	}
	f.joinSpaced(words)
	f.joinReduplicated(words)
	return emitWords(words, input[:0], &arena)
}

// splitParts cuts a token's term at ZWNJs, normalizes each piece and appends
// the non-empty ones to parts. Offsets of the pieces are exact when the term is
// the original text (same length as the token's span); otherwise every piece
// gets the whole token's span.
func splitParts(tok *analysis.Token, parts []part, arena []byte) ([]part, []byte) {
	raw := tok.Term
	exact := len(raw) == tok.End-tok.Start
	if bytes.IndexRune(raw, zwnj) < 0 {
		t := raw
		if !isNormalized(raw) {
			t, arena = normalizeInto(arena, raw)
		}
		if len(t) == 0 {
			return parts, arena
		}
		return append(parts, part{term: t, start: tok.Start, end: tok.End}), arena
	}
	for off := 0; off <= len(raw); {
		n := bytes.IndexRune(raw[off:], zwnj)
		if n < 0 {
			n = len(raw) - off
		}
		piece := raw[off : off+n]
		var t []byte
		t, arena = normalizeInto(arena, piece)
		if len(t) > 0 {
			p := part{term: t, start: tok.Start, end: tok.End}
			if exact {
				p.start, p.end = tok.Start+off, tok.Start+off+n
			}
			parts = append(parts, p)
		}
		off += n + utf8.RuneLen(zwnj)
	}
	return parts, arena
}

// normalizeInto appends the normalized, ZWNJ-free form of b to arena and
// returns it as a slice that later appends cannot overwrite.
func normalizeInto(arena, b []byte) ([]byte, []byte) {
	from := len(arena)
	arena = appendNormalizedBytes(arena, b, false)
	return arena[from:len(arena):len(arena)], arena
}

// joinSpaced merges standalone verb prefixes into the next word and standalone
// suffixes into the previous one, when only a space separates them.
func (f ZWNJFilter) joinSpaced(words []word) {
	prev := -1
	for i := range words {
		w := &words[i]
		if len(w.parts) == 1 {
			t := w.parts[0].term
			if verbPrefixes[string(t)] && i+1 < len(words) && canTakePrefix(&words[i+1]) && f.onlySpace(w.end, words[i+1].start) {
				next := &words[i+1]
				next.parts = append(append([]part(nil), w.parts...), next.parts...)
				next.start = w.start
				w.drop = true
				continue
			}
			if prev >= 0 && canTakeSuffix(&words[prev], t) && f.onlySpace(words[prev].end, w.start) {
				p := &words[prev]
				p.parts = append(p.parts[:len(p.parts):len(p.parts)], w.parts[0])
				p.end = w.end
				w.drop = true
				continue
			}
		}
		prev = i
	}
}

// reduplicationLink is the word between the two halves of a reduplicated compound.
var reduplicationLink = []byte("به")

// joinReduplicated merges a word repeated around به (کارت به کارت, روز به روز,
// قدم به قدم, دست به دست) into one word, as if written with ZWNJs (کارت‌به‌کارت):
// Persian makes fixed compounds of such repeats, which name one thing ("card to
// card transfer", "day by day") rather than the word twice. به is a stop word,
// so without this the phrase is only "کارت, any word, کارت", which «رمز کارت
// (رمز کارت)» matches as well. The halves stay terms at the compound's position.
func (f ZWNJFilter) joinReduplicated(words []word) {
	for i := 0; i+2 < len(words); i++ {
		a, link, b := &words[i], &words[i+1], &words[i+2]
		if a.drop || link.drop || b.drop || len(link.parts) != 1 || !bytes.Equal(link.parts[0].term, reduplicationLink) ||
			!sameParts(a.parts, b.parts) || !isPersianLetters(a.parts[0].term) || utf8.RuneCount(a.parts[0].term) < minPartRunes ||
			!f.onlySpace(a.end, link.start) || !f.onlySpace(link.end, b.start) {
			continue
		}
		joined := make([]part, 0, len(a.parts)+1+len(b.parts))
		joined = append(append(append(joined, a.parts...), link.parts...), b.parts...)
		a.parts, a.end = joined, b.end
		link.drop, b.drop = true, true
		i += 2
	}
}

// sameParts reports whether two words have the same normalized parts.
func sameParts(a, b []part) bool {
	return slices.EqualFunc(a, b, func(x, y part) bool { return bytes.Equal(x.term, y.term) })
}

// onlySpace reports whether the bytes between two tokens are a short run of
// horizontal spaces and invisible marks (see ZWNJFilter).
func (f ZWNJFilter) onlySpace(from, to int) bool {
	if from >= to {
		return false
	}
	if f.text == nil || to > len(f.text) {
		return to-from == 1
	}
	n := 0
	for _, r := range string(f.text[from:to]) {
		n++
		if n > maxJoinGapRunes || !isJoinSpace(r) {
			return false
		}
	}
	return true
}

// isJoinSpace reports whether r may stand between a word and its affix: a
// space that does not break the line, or an invisible format mark.
func isJoinSpace(r rune) bool {
	switch r {
	case ' ', '\t', '\u00a0', '\u202f', '\u205f', '\u3000', zwnj, '\u200b', '\u200d', '\u200e', '\u200f':
		return true
	}
	return r >= '\u2000' && r <= '\u200a'
}

func canTakePrefix(next *word) bool {
	first := next.parts[0].term
	return isPersianLetters(first) && utf8.RuneCount(first) >= 2 && !verbPrefixes[string(first)]
}

func canTakeSuffix(prev *word, t []byte) bool {
	if !attachedSuffixes[string(t)] {
		return false
	}
	last := prev.parts[len(prev.parts)-1].term
	if !isPersianLetters(last) || utf8.RuneCount(last) < 2 {
		return false
	}
	return spacedSuffixes[string(t)] || bytes.HasSuffix(last, endingHe)
}

// isPersianLetters reports whether b starts with a letter of the Arabic script.
func isPersianLetters(b []byte) bool {
	r, _ := utf8.DecodeRune(b)
	return r >= 0x0620 && r <= 0x06d5 && !isArabicDigit(r) && r != 0x0640
}

// emitWords turns words into tokens: the joined word first, then its content
// parts at the same position (the stemmer drops those that stem alike).
// Positions close the gaps left by merged words.
func emitWords(words []word, out analysis.TokenStream, arena *[]byte) analysis.TokenStream {
	merged := 0
	for i := range words {
		w := &words[i]
		if w.drop {
			merged++
			continue
		}
		tok := w.tok
		tok.Position -= merged
		tok.Start, tok.End = w.start, w.end
		tok.Term = joinParts(w.parts, arena)
		out = append(out, tok)
		if len(w.parts) > 1 {
			out = appendParts(out, w, tok)
		}
	}
	return out
}

func joinParts(parts []part, arena *[]byte) []byte {
	if len(parts) == 1 {
		return parts[0].term
	}
	from := len(*arena)
	for _, p := range parts {
		*arena = append(*arena, p.term...)
	}
	return (*arena)[from:len(*arena):len(*arena)]
}

// isAffixPart reports whether the i-th part is a verb prefix or a suffix.
func isAffixPart(parts []part, i int) bool {
	if i == 0 {
		return verbPrefixes[string(parts[i].term)]
	}
	return attachedSuffixes[string(parts[i].term)]
}

func appendParts(out analysis.TokenStream, w *word, main *analysis.Token) analysis.TokenStream {
	for i, p := range w.parts {
		if isAffixPart(w.parts, i) || utf8.RuneCount(p.term) < minPartRunes || bytes.Equal(p.term, main.Term) || seenPart(w.parts[:i], p.term) {
			continue
		}
		out = append(out, &analysis.Token{
			Term: p.term, Start: p.start, End: p.end,
			Position: main.Position, Type: main.Type, KeyWord: main.KeyWord,
		})
	}
	return out
}

// seenPart reports whether term is one of parts (the halves of کارت‌به‌کارت are one term).
func seenPart(parts []part, term []byte) bool {
	return slices.ContainsFunc(parts, func(p part) bool { return bytes.Equal(p.term, term) })
}

func zwnjFilterConstructor(map[string]interface{}, *registry.Cache) (analysis.TokenFilter, error) {
	return ZWNJFilter{}, nil
}
