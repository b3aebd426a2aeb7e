package search

import (
	"cmp"
	"math"
	"slices"

	bsearch "github.com/blevesearch/bleve/v2/search"
)

// rescoreWindow is how many of the best matches the proximity pass re-ranks (when the page
// asked for lies inside it): the first two pages. Word order refines a ranking that word
// matches already got nearly right (a window of 50 ranked no better on either relevance set);
// Bleve's phrase queries over every candidate article cost more than the rest of the query.
const rescoreWindow = 20

// proxScale is the largest proximity bonus, as a share of the best word-match score of the
// window, for all of the query's word pairs next to each other (the whole phrase adds as much
// again): Bleve's scores have no fixed scale. Measured on both relevance sets (0.4 to 1 rank
// alike; less loses the gain of word order).
const proxScale = 0.8

// inWindow reports whether the request's page lies inside the rescore window.
func inWindow(r request) bool { return r.page*r.limit <= rescoreWindow }

// rescoreHits adds to the scores of hits (the best matches, best first) a proximity score, and
// sorts them again, with locs (the places of terms in each hit, readVectors) alongside: the
// share of the query's pairs of neighbouring words that an article holds next to each other,
// and whether it holds the whole query as a phrase (proximityScore), as a share of the best
// score.
func rescoreHits(p *plan, hits bsearch.DocumentMatchCollection, terms []string, locs [][]termLoc) {
	if len(hits) < 2 {
		return
	}
	positions := phrasePositions(p)
	slotsOf := make([][]int, len(terms)) // term → the phrase positions it stands at
	index := make(map[string]int, len(terms))
	for i, t := range terms {
		index[t] = i
	}
	for k, ts := range positions {
		for _, t := range ts {
			if i, ok := index[t]; ok {
				slotsOf[i] = append(slotsOf[i], k)
			}
		}
	}
	top := hits[0].Score                   // Bleve's scores have no fixed scale: the bonus is a share of the best
	at := make([][]uint64, len(positions)) // slot → positions, of one hit at a time
	for i, h := range hits {
		for k := range at {
			at[k] = at[k][:0]
		}
		for _, l := range locs[i] {
			for _, k := range slotsOf[l.term] {
				at[k] = append(at[k], positionKey(l))
			}
		}
		h.Score += proxScale * top * proximityScore(p, at)
	}
	order := make([]int, len(hits))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(hits[b].Score, hits[a].Score) })
	sortedHits, sortedLocs := make(bsearch.DocumentMatchCollection, len(hits)), make([][]termLoc, len(hits))
	for j, i := range order {
		sortedHits[j], sortedLocs[j] = hits[i], locs[i]
	}
	copy(hits, sortedHits)
	copy(locs, sortedLocs)
}

// positionKey numbers a term's position in the composite field so that positions are next to
// each other only inside one field value: _all holds every text field, each counting its
// positions from 1, and keywords and headings are lists of separate values.
func positionKey(l termLoc) uint64 {
	return uint64(l.field)<<56 | uint64(l.elem)<<40 | uint64(l.pos)
}

// proximityScore scores one article's positions of the query's words (at[slot]) from 0 to
// bigramBoost+phraseBoost: the share of the query's pairs of neighbouring words that it holds
// together, weighted by the words' inverse document frequency, and whether it holds the whole
// query as a phrase; repeats count, saturated.
func proximityScore(p *plan, at [][]uint64) float64 {
	var words []int
	for i, s := range p.slots {
		if s != nil {
			words = append(words, i)
			slices.Sort(at[i])
		}
	}
	got, all := 0.0, 0.0
	for k := 0; k+1 < len(words); k++ {
		i, j := words[k], words[k+1]
		if p.slots[i].common && p.slots[j].common {
			continue // two common words together say little
		}
		w := (idf(p, i) + idf(p, j)) / 2
		all += w
		got += w * saturate(follows(at[i], at[j], uint64(j-i)))
	}
	score := 0.0
	if all > 0 {
		score = bigramBoost * got / all
	}
	phrase := 0
	for _, start := range at[words[0]] {
		ok := true
		for _, w := range words[1:] {
			if _, found := slices.BinarySearch(at[w], start+uint64(w-words[0])); !found {
				ok = false
				break
			}
		}
		if ok {
			phrase++
		}
	}
	return score + phraseBoost*saturate(phrase)
}

// follows counts the positions in a followed, gap positions later, by one in b.
func follows(a, b []uint64, gap uint64) int {
	n := 0
	for _, x := range a {
		if _, ok := slices.BinarySearch(b, x+gap); ok {
			n++
		}
	}
	return n
}

// saturate maps a count to [0, 1): one occurrence is half the way.
func saturate(n int) float64 { return float64(n) / (float64(n) + 1) }

// idf is the BM25 inverse document frequency of the main term of slot i.
func idf(p *plan, i int) float64 {
	n, df := float64(p.docs), float64(p.slots[i].df)
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}
