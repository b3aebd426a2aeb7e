package search

import (
	"context"
	"math"
	"strings"

	"github.com/blevesearch/bleve/v2/mapping"
	bsearch "github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	index "github.com/blevesearch/bleve_index_api"
)

// leaf is one spelling of one word in one disjunction: the scored postings of a term or a
// phrase.
type leaf struct {
	sp    *scoredPostings
	sc    leafScorer // a phrase's has idf 1: its postings hold whole scores
	boost float64    // the disjunction's boost times the spelling's weight
}

// denseEval evaluates one plan over one index snapshot.
type denseEval struct {
	ctx    context.Context // with the scoring model and statistics, as Bleve's search sets them
	r      index.IndexReader
	m      mapping.IndexMapping
	sm     scoreModel
	weight float64 // sum of the leaves' squared weights, as Bleve's Weight()s add up
	qnorm  float64
	s      *denseScratch
	cache  *postingCache
}

// prepare opens the leaves of d's words: a slice of spellings per word in d's mask.
func (e *denseEval) prepare(d disjunction, sp [][]spelling) ([][]*leaf, error) {
	var words [][]*leaf
	for i, ss := range sp {
		if len(ss) == 0 || d.mask != nil && !d.mask[i] {
			continue
		}
		ws := make([]*leaf, 0, len(ss))
		for _, s := range ss {
			l, err := e.leaf(d.field, d.boost, s)
			if err != nil {
				return nil, err
			}
			ws = append(ws, l)
		}
		words = append(words, ws)
	}
	return words, nil
}

func (e *denseEval) leaf(field string, boost float64, s spelling) (*leaf, error) {
	l := &leaf{boost: boost * s.weight}
	if s.phrase != nil {
		return l, e.phraseLeaf(l, field, s.phrase)
	}
	key := postingKey{field, s.term}
	if sp, ok := e.cache.get(e.r, key); ok {
		l.sp = sp
		return l, e.addWeight(l, field, sp.df)
	}
	tfr, err := e.r.TermFieldReader(e.ctx, []byte(s.term), field, true, true, false)
	if err != nil {
		return nil, err
	}
	defer tfr.Close()
	if err := e.addWeight(l, field, tfr.Count()); err != nil {
		return nil, err
	}
	if l.sp, err = e.readScored(tfr, l.sc); err != nil {
		return nil, err
	}
	e.cache.put(e.r, key, l.sp)
	return l, nil
}

// phraseLeaf reads the postings of a phrase spelling into l. Bleve's phrase searcher scores a
// match as the sum of its terms' scores, each linear in the boost and the query norm, and
// weighs boost² times its terms' weights: read once at boost 1 and norm 1, a phrase's scores
// serve every leaf of it, scaled by boost × norm as a term's are by boost × idf × norm.
func (e *denseEval) phraseLeaf(l *leaf, field string, phrase [][]string) error {
	l.sc = leafScorer{idf: 1}
	key := postingKey{field, multiPhraseKey(phrase)}
	sp, ok := e.cache.get(e.r, key)
	if !ok {
		ph, err := query.NewMultiPhraseQuery(phrase, field).Searcher(e.ctx, e.r, e.m, bsearch.SearcherOptions{})
		if err != nil {
			return err
		}
		w := ph.Weight()
		ph.SetQueryNorm(1)
		var docs []uint32
		var scores []float64
		if err := drain(e.ctx, ph, func(d uint32, v float64) {
			docs, scores = append(docs, d), append(scores, v)
		}); err != nil {
			return err
		}
		sp = newScoredPostings(uint64(len(docs)), docs, scores)
		sp.weight = w
		e.cache.put(e.r, key, sp)
	}
	l.sp = sp
	e.weight += l.boost * l.boost * sp.weight
	return nil
}

// multiPhraseKey names a phrase in the postings cache: no term holds a control character.
func multiPhraseKey(phrase [][]string) string {
	var b strings.Builder
	b.WriteByte(0)
	for i, terms := range phrase {
		if i > 0 {
			b.WriteByte(0x1e)
		}
		b.WriteString(strings.Join(terms, "\x1f"))
	}
	return b.String()
}

// addWeight sets l's scorer, for a term in df documents of field, and adds its weight.
func (e *denseEval) addWeight(l *leaf, field string, df uint64) error {
	var err error
	if l.sc, err = e.sm.scorer(field, df); err != nil {
		return err
	}
	w := l.boost * l.sc.idf
	e.weight += w * w
	return nil
}

// readScored reads every posting of tfr, scored by sc.
func (e *denseEval) readScored(tfr index.TermFieldReader, sc leafScorer) (*scoredPostings, error) {
	df := tfr.Count()
	docs, scores := make([]uint32, 0, df), make([]float64, 0, df)
	var tfd index.TermFieldDoc
	for i := 0; ; i++ {
		if i%4096 == 0 && e.ctx.Err() != nil {
			return nil, e.ctx.Err()
		}
		p, err := tfr.Next(tfd.Reset())
		if err != nil {
			return nil, err
		}
		if p == nil {
			return newScoredPostings(df, docs, scores), nil
		}
		if d, ok := docNum(p.ID); ok {
			docs = append(docs, d)
			scores = append(scores, sc.score(p.Freq, p.Norm))
		}
	}
}

// setNorm fixes the query norm once every leaf is open, as Bleve's outermost searcher does.
func (e *denseEval) setNorm() {
	e.qnorm = 1.0 / math.Sqrt(e.weight)
}

// disjunction adds the scores of the words of one disjunction into sum and their number into
// cnt, and the documents it matched first to s.matched: a word scores its best spelling plus
// wordTie times the others, as bestOf does. With mustOnly (an optional disjunction), only the
// documents the selecting one matched (s.mustCnt[d] > 0) count: no other is ever scored.
func (e *denseEval) disjunction(words [][]*leaf, sum *[]float64, cnt *[]uint16, mustOnly bool) {
	s := e.s
	for _, ws := range words {
		if len(ws) == 1 { // the common case, without a call per posting
			l := ws[0]
			if n := len(l.sp.docs); n > 0 {
				s.fit(l.sp.docs[n-1])
			}
			var selected []uint16
			if mustOnly {
				selected = s.mustCnt
			}
			s.matched = l.sp.addTo(l.boost*l.sc.idf*e.qnorm, *sum, *cnt, s.matched, selected)
			continue
		}
		s.touched = s.touched[:0]
		for _, l := range ws {
			w := l.boost * l.sc.idf * e.qnorm
			if n := len(l.sp.docs); n > 0 {
				s.fit(l.sp.docs[n-1])
			}
			for k, d := range l.sp.docs { // no call per posting
				if mustOnly && s.mustCnt[d] == 0 {
					continue
				}
				v := l.sp.score(k) * w
				if !s.seen[d] {
					s.seen[d] = true
					s.touched = append(s.touched, d)
					s.best[d], s.wsum[d] = v, v
					continue
				}
				s.best[d] = max(s.best[d], v)
				s.wsum[d] += v
			}
		}
		for _, d := range s.touched {
			if (*cnt)[d] == 0 {
				s.matched = append(s.matched, d)
			}
			(*sum)[d] += s.best[d] + wordTie*(s.wsum[d]-s.best[d])
			(*cnt)[d]++
			s.seen[d], s.best[d], s.wsum[d] = false, 0, 0
		}
	}
}
