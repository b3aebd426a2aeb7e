package search

import (
	"math"
	"slices"
	"strings"
	"unicode/utf8"
)

// Edit budgets of the spelling fallback: one edit for words of 4+ letters, two for 8+. Shorter
// words have too many neighbours one edit away (رمز, رزم, مرز) for a guess to be useful.
const (
	minFuzzyRunes  = 4
	minFuzzy2Runes = 8
	// The budgets of the retry of a query that found nothing at all, where a guess can only
	// help: one edit from 3 letters (صفه → صفحه), two from 5 (a word typed wrong twice,
	// پشیتبنی → پشتیبانی, or a misspelt word mistyped again). Five letters keep two edits
	// from reaching every short word of the vocabulary.
	minShortFuzzyRunes = 3
	minRetry2Runes     = 5
	// maxSpellingCandidates bounds the known words tried for one unknown word: the closest and
	// most frequent few hold the intended word nearly always, and each costs a term lookup.
	maxSpellingCandidates = 3
	// maxFuzzyRunes: longer "words" are pasted codes or keyboard mashing, not misspellings,
	// and the edit automaton grows with the word.
	maxFuzzyRunes = 24
	// maxSpellingWords bounds the unknown words of one query that get spelling candidates:
	// a real query has one or two typos; a query of unknown words is another language or noise.
	maxSpellingWords = 4
)

// fixSpelling is the typo fallback. It looks only at words no article contains: for each, the
// known terms within its edit budget (a swap of two letters counts as one edit) are added as
// alternatives, weighted below exact terms and lower the more edits they need, and the best one
// becomes a "did you mean" correction. A known word is never replaced, so exact matches keep
// ranking first, and a query whose words are all known costs nothing more. skipLast leaves the
// last word alone (it was completed as an unfinished word instead).
func (ix *Index) fixSpelling(v *vocab, p *plan, skipLast bool, b budget) error {
	last := -1
	for i, s := range p.slots {
		if s != nil {
			last = i
		}
	}
	tried := 0
	for i, s := range p.slots {
		if s == nil || s.known || (skipLast && i == last) || ix.feat.weak(p.surface(s)) {
			continue // a weak word (میشه) is colloquial more often than misspelt
		}
		if tried++; tried > maxSpellingWords {
			break
		}
		cs, from, err := ix.spellingCandidates(v, p, s, b)
		if err != nil {
			return err
		}
		cs = slices.DeleteFunc(cs, func(c candidate) bool { return otherEnding(from[c.term], c.term) })
		for _, c := range cs {
			p.addAlt(i, c.term, fuzzyBoost*math.Pow(0.5, math.Ceil(c.distance)-1))
		}
		if len(cs) > 0 && !enclitic(from[cs[0].term], cs[0].term) {
			p.fixes = append(p.fixes, fix{start: s.start, end: s.end, slot: i,
				to: ix.respell(p.surface(s), from[cs[0].term], cs[0].term)})
		}
	}
	return nil
}

// spellingCandidates returns the best known terms near an unknown word, and for each the form
// of the word it was found from. The word is looked for both as the index term (the stem) and
// as typed but folded: a typo can mislead the stemmer (فاکوتر loses "تر" as if it were a
// comparative), and then only the whole word is near the right term. Synonym terms count as
// known words too: their groups bring in the words articles use.
func (ix *Index) spellingCandidates(v *vocab, p *plan, s *slot, b budget) ([]candidate, map[string]string, error) {
	forms := []string{longestTerm(s.terms)}
	if f := ix.feat.fold(strings.TrimFunc(p.surface(s), notWordRune)); f != forms[0] && !strings.ContainsRune(f, ' ') {
		forms = append(forms, f)
	}
	best := make(map[string]candidate)
	from := make(map[string]string)
	for _, form := range forms {
		cs, err := ix.nearForm(v, form, b.edits(form))
		if err != nil {
			return nil, nil, err
		}
		for _, c := range cs {
			keepCloser(best, from, c, form)
		}
	}
	if err := ix.otherScriptCandidates(v, p.surface(s), best, from); err != nil {
		return nil, nil, err
	}
	out := make([]candidate, 0, len(best))
	for _, c := range best {
		out = append(out, c)
	}
	sortCandidates(out)
	return out[:min(len(out), maxSpellingCandidates)], from, nil
}

// keepCloser records c, found from form, in best unless best has its term at least as close.
func keepCloser(best map[string]candidate, from map[string]string, c candidate, form string) {
	if b, ok := best[c.term]; !ok || c.distance < b.distance {
		best[c.term], from[c.term] = c, form
	}
}

// nearTerms returns the known terms within edits of form and its known homophone spellings.
func nearTerms(v *vocab, form string, edits int) ([]candidate, error) {
	cs, err := v.fuzzy(form, edits, maxSpellingCandidates)
	if err != nil {
		return nil, err
	}
	hs, err := v.homophoneSpellings(form, homophoneBudget(form, edits))
	if err != nil {
		return nil, err
	}
	return append(cs, hs...), nil // fuzzy's slice is clipped: this copies it
}

// nearForm returns the known terms and synonyms within edits of one form of an unknown word,
// its homophone spellings, and for a 3-letter word, which gets no edit, its slips.
func (ix *Index) nearForm(v *vocab, form string, edits int) ([]candidate, error) {
	cs, err := nearTerms(v, form, edits)
	if err != nil {
		return nil, err
	}
	if edits == 0 && utf8.RuneCountInString(form) == minShortFuzzyRunes {
		ss, err := v.slips(form, maxSpellingCandidates)
		if err != nil {
			return nil, err
		}
		cs = append(cs, ss...)
	}
	return append(cs, ix.syn.near(form, edits)...), nil
}

// otherScriptCandidates adds to best the known terms near the word's spellings in the other
// script (roaming → رومینگ, ایسیم → esim, tahvil → تحویل): a loanword is written in Latin by
// one and in Persian letters by another, and some type Persian itself in Latin letters. A
// transliteration is one edit from the word, so its matches rank with spelling candidates,
// never above them; a known word is looked for within the spelling fallback's budget of it.
// The readings are tried in order (a loanword's, then Finglish) until one finds a known word.
func (ix *Index) otherScriptCandidates(v *vocab, surface string, best map[string]candidate, from map[string]string) error {
	for _, form := range ix.feat.otherScript(strings.TrimFunc(surface, notWordRune)) {
		if found, err := ix.otherScriptForm(v, form, best, from); found || err != nil {
			return err
		}
	}
	return nil
}

// otherScriptForm adds to best the known terms near one transliteration, form, and reports
// whether there were any.
func (ix *Index) otherScriptForm(v *vocab, form string, best map[string]candidate, from map[string]string) (bool, error) {
	cs, err := nearTerms(v, form, ordinary.edits(form))
	if err != nil {
		return false, err
	}
	if ok, err := v.known(form); err != nil {
		return false, err
	} else if ok {
		cs = append(cs, candidate{term: form})
	}
	for _, c := range cs {
		c.distance++
		keepCloser(best, from, c, form)
	}
	return len(cs) > 0, nil
}

// budget is an edit budget of the spelling fallback: the least letters of a word that gets
// one edit, and two.
type budget struct{ one, two int }

var (
	ordinary = budget{minFuzzyRunes, minFuzzy2Runes}      // every query
	retry    = budget{minShortFuzzyRunes, minRetry2Runes} // the retry of a query that found nothing
)

// edits is the number of edits allowed to reach a known word from term.
func (b budget) edits(term string) int {
	switch n := utf8.RuneCountInString(term); {
	case n > maxFuzzyRunes:
		return 0
	case n >= b.two:
		return 2
	case n >= b.one:
		return 1
	}
	return 0
}

func longestTerm(terms []string) string {
	best := ""
	for _, t := range terms {
		if utf8.RuneCountInString(t) > utf8.RuneCountInString(best) {
			best = t
		}
	}
	return best
}

// respell writes the correction of a word for "did you mean": the word as the index folds it,
// with its index term replaced by the known one, so that affixes the stemmer removed stay
// (تمدبدها → تمدیدها). When the term is not a part of the folded word, the known term alone.
func (ix *Index) respell(surface, term, known string) string {
	folded := ix.feat.fold(strings.TrimFunc(surface, notWordRune))
	switch {
	case strings.HasPrefix(folded, term):
		known += folded[len(term):]
	case strings.HasSuffix(folded, term):
		known = folded[:len(folded)-len(term)] + known
	}
	return persianLetters.Replace(known)
}

// enclitics are the endings a customer adds to a word that are not misspellings of it: the
// possessive pronouns, written and spoken (سفارشم, سفارشمون), the spoken object marker
// (سفارشو) and the indefinite or adjectival ی. The stemmer leaves the short ones alone (a final
// م or ش is as often part of the word), so the spelling fallback finds the bare word one or two
// edits away; it is searched like any candidate, but offering it as "did you mean" would
// correct a word that was not wrong.
var enclitics = []string{"م", "ت", "ش", "ام", "ات", "اش", "مان", "تان", "شان", "مون", "تون", "شون", "و", "ی"}

// enclitic reports whether term is known followed by one of enclitics (in either spelling of
// yeh: the stock fa chain folds ی into ي).
func enclitic(term, known string) bool {
	rest, ok := strings.CutPrefix(term, known)
	return ok && slices.Contains(enclitics, persianLetters.Replace(strings.TrimPrefix(rest, "\u200c")))
}

// persianLetters writes the Arabic letters that Bleve's fa normalization folds Persian ones
// into (ي, ك) the Persian way, for text shown to customers.
var persianLetters = strings.NewReplacer("ي", "ی", "ى", "ی", "ك", "ک")

// otherEnding reports whether known is term with another of the enclitics, of as many letters,
// for its last one (حالم → حالت, پولم → پولش, سفارشمون → سفارشتون): the same word said of
// someone else, or another word, never a slip worth guessing. Endings of other lengths are
// left alone: ات and ت are also a letter typed twice or dropped (قیمات → قیمت).
func otherEnding(term, known string) bool {
	for _, e := range enclitics {
		e = persianLetters.Replace(e)
		t, k := persianLetters.Replace(term), persianLetters.Replace(known)
		base, ok := strings.CutSuffix(t, e)
		if !ok || utf8.RuneCountInString(base) < minOtherEndingBase {
			continue
		}
		rest, ok := strings.CutPrefix(k, base)
		if ok && rest != e && len(rest) == len(e) && slices.Contains(enclitics, rest) {
			return true
		}
	}
	return false
}

// minOtherEndingBase is the shortest word otherEnding reads an ending off: a 1-letter "base"
// would make most 2-letter words endings of each other.
const minOtherEndingBase = 2

// homophoneBudget is the edits allowed to homophones in a word with the given edit budget: a
// 3-letter word, which gets no edit, may still have two letters written for their homophones
// (هزف → حذف), a mistake of spelling, not a slip reaching any word nearby.
func homophoneBudget(word string, edits int) int {
	if edits == 0 && utf8.RuneCountInString(word) == minShortFuzzyRunes {
		return 1
	}
	return edits
}
