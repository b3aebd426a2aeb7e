package search

import "strings"

// Weights of the alternatives, relative to an exact term (1). Every alternative is a guess, so
// it ranks below the words the customer typed; the surer the guess, the higher its weight.
const (
	synonymBoost = 0.8 // an editor's synonym: the same thing in other words
	variantBoost = 0.7 // another reading of an inflected word (حسابم → حساب)
	prefixBoost  = 0.6 // a completion of the word being typed
	fuzzyBoost   = 0.5 // a known word one edit from an unknown one; half again per extra edit
)

// A word is common when its main term is in more than commonShare of all articles and in more
// than commonMinDocs: it cannot tell articles apart, and making every article that has it a
// candidate cost a third of the query time on PQuAD (where it ranked a little better).
// Below commonMinDocs articles, scoring them all costs little, and in a small help center the
// words of its own domain are in most articles (سفارش in half of the sample's).
const (
	commonShare   = 0.15
	commonMinDocs = 100
)

// planOptions are the per-request switches of query planning.
type planOptions struct {
	prefix bool // complete the last word even when it is a known word (search as you type)
	// retry widens the spelling fallback's edit budget (retry): the second run of a query that
	// found nothing at all.
	retry bool
}

// plan turns the query text into a plan. With the query-side features off it is the analyzed
// text alone. With them on, and in this order: words typed on the wrong keyboard layout are
// converted, unknown words get spelling candidates from the index vocabulary, the last word
// gets completions, inflected words get their variants, and synonyms are added.
func (ix *Index) plan(v *vocab, text string, opts planOptions) (*plan, error) {
	p := &plan{text: text, slots: ix.analyzeSlots(text), plain: !ix.feat.on}
	if p.plain || len(p.slots) == 0 {
		return p, nil
	}
	if err := markKnown(v, p); err != nil {
		return nil, err
	}
	converted, err := ix.fixLayout(v, p, opts.prefix)
	if err != nil {
		return nil, err
	}
	if converted != "" {
		p = &plan{text: converted, slots: ix.analyzeSlots(converted), layout: true}
		if err := markKnown(v, p); err != nil {
			return nil, err
		}
	}
	completed, err := ix.completeLast(v, p, opts.prefix)
	if err != nil {
		return nil, err
	}
	b := ordinary
	if opts.retry {
		b = retry
	}
	if err := ix.fixSpelling(v, p, completed, b); err != nil {
		return nil, err
	}
	if err := ix.addVariants(v, p); err != nil {
		return nil, err
	}
	if err := ix.syn.expand(v, p); err != nil {
		return nil, err
	}
	for _, s := range p.words() {
		s.weak = ix.feat.weak(p.surface(s))
	}
	return p, nil
}

// markKnown looks every slot's terms up in the vocabulary.
func markKnown(v *vocab, p *plan) error {
	n := v.docs
	p.docs = n
	for _, s := range p.words() {
		for k, t := range s.terms {
			df, err := v.docFreq(t)
			if err != nil {
				return err
			}
			s.known = s.known || df > 0
			if k == 0 {
				s.df = df
				s.common = float64(df) > max(commonShare*float64(n), commonMinDocs)
			}
		}
	}
	return nil
}

// addVariants adds, for every word no article contains as the stemmer reads it, the variants
// the analyzer proposes that some article contains (حسابم → حساب, پلنهاتون → پلن), and its
// reading as two words typed together (رمزعبور → رمز عبور). A known word keeps its one
// reading: its variants ranked no better on either relevance set and cost a tenth of the
// query time.
func (ix *Index) addVariants(v *vocab, p *plan) error {
	for i, s := range p.slots {
		if s == nil || s.known {
			continue
		}
		for _, t := range ix.feat.variants(p.surface(s)) {
			ok, err := v.known(t)
			if err != nil {
				return err
			}
			if ok {
				p.addAlt(i, t, variantBoost)
			}
		}
		parts, err := ix.splitCompound(v, ix.feat.fold(strings.TrimFunc(p.surface(s), notWordRune)))
		if err != nil {
			return err
		}
		if parts != nil {
			p.alts = append(p.alts, alt{phrase: [][]string{{parts[0]}, {parts[1]}}, boost: variantBoost, slot: i, span: 1})
		}
	}
	return nil
}
