package search

import (
	"fmt"
	"slices"
)

// maxHomophoneSpellings bounds the spellings homophoneSpellings looks up for one word: a word
// has a few letters with homophones (two to four each), and a lookup costs a dictionary probe.
const maxHomophoneSpellings = 32

// homophoneGroups are the letters of each homophone group (see homophones).
var homophoneGroups = func() map[int][]rune {
	g := make(map[int][]rune)
	for r, n := range homophones {
		g[n] = append(g[n], r)
	}
	for _, rs := range g {
		slices.Sort(rs)
	}
	return g
}()

// homophoneSpellings returns the known terms that are term with some of its letters written
// as their homophones, within maxEdits (each such letter costs homophoneCost): a writer unsure
// of a loanword's spelling may miss two letters of it (مهسول → محصول), and Persian typed in Latin
// letters keeps one letter per sound (hazf → هزف → حذف), which Bleve's automaton, counting
// each as a full edit, does not reach.
func (v *vocab) homophoneSpellings(term string, maxEdits int) ([]candidate, error) {
	if maxEdits <= 0 {
		return nil, nil
	}
	return v.nearCached(fmt.Sprintf("homophones %d %s", maxEdits, term), func() ([]candidate, error) {
		var out []candidate
		for _, s := range spellings(term) {
			d := editDistance(term, s)
			if d == 0 || d > float64(maxEdits) {
				continue
			}
			ok, err := v.known(s)
			if err != nil {
				return nil, err
			}
			if ok {
				out = append(out, candidate{term: s, distance: d})
			}
		}
		return out, nil
	})
}

// spellings returns term's spellings with each homophone letter written as any of its group,
// term itself included; none when there would be more than maxHomophoneSpellings.
func spellings(term string) []string {
	rs := []rune(term)
	n := 1
	for _, r := range rs {
		if g := homophones[r]; g != 0 {
			if n *= len(homophoneGroups[g]); n > maxHomophoneSpellings {
				return nil
			}
		}
	}
	out := make([]string, 0, n)
	var walk func(i int)
	walk = func(i int) {
		for ; i < len(rs) && homophones[rs[i]] == 0; i++ {
		}
		if i == len(rs) {
			out = append(out, string(rs))
			return
		}
		orig := rs[i]
		for _, r := range homophoneGroups[homophones[orig]] {
			rs[i] = r
			walk(i + 1)
		}
		rs[i] = orig
	}
	walk(0)
	return out
}
