package search

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	index "github.com/blevesearch/bleve_index_api"
)

// vocab answers questions about the index's vocabulary (the terms of the composite _all
// field) for query planning: is a term known, how many articles have it, which known terms are
// near a misspelled one or start with an unfinished one. It reads one index snapshot; document
// frequencies are cached in the Index, whose content never changes.
type vocab struct {
	ctx   context.Context
	r     index.IndexReader
	cache *termCache[uint64]
	near  *termCache[[]candidate]
	docs  uint64 // articles in the index
	// recount: the dictionaries may hold terms of deleted documents, with counts that include
	// them (Index.deletions); a dictionary's counts must be checked against the postings.
	recount bool
}

// newVocab opens a reader on the index; close it after use.
func (ix *Index) newVocab(ctx context.Context) (*vocab, error) {
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search: vocabulary: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("search: vocabulary: %w", err)
	}
	if s, ok := r.(*scorch.IndexSnapshot); r == nil || (ok && s == nil) {
		return nil, fmt.Errorf("search: vocabulary: %w", bleve.ErrorIndexClosed) // scorch's reader of a closed index
	}
	n, err := r.DocCount()
	if err != nil {
		_ = r.Close()
		return nil, fmt.Errorf("search: vocabulary: %w", err)
	}
	return &vocab{ctx: ctx, r: r, cache: ix.df, near: ix.near, docs: n, recount: ix.deletions}, nil
}

func (v *vocab) close() { _ = v.r.Close() }

// docFreq is the number of articles that contain term in any text field.
func (v *vocab) docFreq(term string) (uint64, error) {
	if n, ok := v.cache.get(term); ok {
		return n, nil
	}
	tfr, err := v.r.TermFieldReader(v.ctx, []byte(term), compositeAllName, false, false, false)
	if err != nil {
		return 0, fmt.Errorf("search: vocabulary: term %q: %w", term, err)
	}
	n := tfr.Count()
	_ = tfr.Close()
	v.cache.put(term, n)
	return n, nil
}

// known reports whether some article contains term.
func (v *vocab) known(term string) (bool, error) {
	n, err := v.docFreq(term)
	return n > 0, err
}

// candidate is a known term proposed in place of, or beside, a query term.
type candidate struct {
	term     string
	distance float64 // edit distance from the query term (see editDistance); 0 for completions
	df       uint64  // articles that contain it
}

// Limits of candidate generation. They bound the work of one query whatever the vocabulary.
const (
	// maxDictScan bounds the dictionary entries read for one fuzzy or prefix lookup: enough
	// for every neighbour of a real word, while a one-letter prefix cannot walk the whole index.
	maxDictScan = 2000
)

// maxAutomatonEdits is the largest edit distance of Bleve's Levenshtein automata.
const maxAutomatonEdits = 2

// fuzzy returns the known terms within maxEdits edits of term (term itself excluded), closest
// first and, at the same distance, most frequent first; at most limit of them. Edits are
// counted as in editDistance. Bleve's Levenshtein automaton counts a swap of two letters as two
// edits, so with one edit allowed the swaps are looked up one by one (a word has few), which
// costs far less than walking the dictionary with a two-edit automaton.
func (v *vocab) fuzzy(term string, maxEdits, limit int) ([]candidate, error) {
	return v.nearCached(fmt.Sprintf("%d %d %s", maxEdits, limit, term), func() ([]candidate, error) {
		return v.walkFuzzy(term, maxEdits, limit, nil)
	})
}

// nearCached returns the candidates kept under key, or finds and keeps them: building an
// automaton or looking many spellings up costs more than a cache lookup.
func (v *vocab) nearCached(key string, find func() ([]candidate, error)) ([]candidate, error) {
	if cs, ok := v.near.get(key); ok {
		return cs, nil
	}
	cs, err := find()
	if err != nil {
		return nil, err
	}
	cs = slices.Clip(cs) // shared by later queries: an append must copy
	v.near.put(key, cs)
	return cs, nil
}

// walkFuzzy walks the dictionary with a Levenshtein automaton; keep, when not nil, chooses
// among the terms it finds (swaps, looked up apart, are always kept).
func (v *vocab) walkFuzzy(term string, maxEdits, limit int, keep func(term string, c candidate) bool) ([]candidate, error) {
	fr, ok := v.r.(index.IndexReaderFuzzy)
	if !ok || maxEdits <= 0 {
		return nil, nil
	}
	fd, err := fr.FieldDictFuzzy(compositeAllName, term, min(maxEdits, maxAutomatonEdits), "")
	if err != nil {
		return nil, fmt.Errorf("search: vocabulary: near %q: %w", term, err)
	}
	defer fd.Close()
	var out []candidate
	for range maxDictScan {
		e, err := fd.Next()
		if err != nil {
			return nil, fmt.Errorf("search: vocabulary: near %q: %w", term, err)
		}
		if e == nil {
			break
		}
		c := candidate{term: e.Term, distance: editDistance(term, e.Term)}
		if c.distance > 0 && c.distance <= float64(maxEdits) && (keep == nil || keep(term, c)) {
			out = append(out, c)
		}
	}
	if maxEdits == 1 {
		swaps, err := v.knownSwaps(term)
		if err != nil {
			return nil, err
		}
		out = append(out, swaps...)
	}
	return v.rank(out, limit)
}

// knownSwaps returns the known terms that are term with two neighbouring letters swapped.
func (v *vocab) knownSwaps(term string) ([]candidate, error) {
	r := []rune(term)
	var out []candidate
	for i := 0; i+1 < len(r); i++ {
		if r[i] == r[i+1] {
			continue
		}
		r[i], r[i+1] = r[i+1], r[i]
		t := string(r)
		r[i], r[i+1] = r[i+1], r[i]
		ok, err := v.known(t)
		if err != nil {
			return nil, err
		}
		if ok {
			out = append(out, candidate{term: t, distance: 1})
		}
	}
	return out, nil
}

// completions returns the known terms that start with prefix (prefix itself included when
// known), most frequent first; at most limit of them.
func (v *vocab) completions(prefix string, limit int) ([]candidate, error) {
	fd, err := v.r.FieldDictPrefix(compositeAllName, []byte(prefix))
	if err != nil {
		return nil, fmt.Errorf("search: vocabulary: prefix %q: %w", prefix, err)
	}
	defer fd.Close()
	var out []candidate
	for range maxDictScan {
		e, err := fd.Next()
		if err != nil {
			return nil, fmt.Errorf("search: vocabulary: prefix %q: %w", prefix, err)
		}
		if e == nil {
			break
		}
		c := candidate{term: e.Term, df: e.Count}
		if v.recount {
			if c.df, err = v.docFreq(e.Term); err != nil {
				return nil, err
			}
		} else {
			v.cache.put(e.Term, e.Count)
		}
		if c.df > 0 {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(b.df, a.df), cmp.Compare(a.term, b.term))
	})
	return out[:min(len(out), limit)], nil
}

// rank fills in the candidates' document frequencies and keeps the best limit: closest first,
// then most frequent.
func (v *vocab) rank(cs []candidate, limit int) ([]candidate, error) {
	slices.SortFunc(cs, func(a, b candidate) int { return cmp.Compare(a.distance, b.distance) })
	// Frequencies are looked up only for the closest few: enough to choose among them.
	cs = cs[:min(len(cs), limit*4)]
	for i := range cs {
		n, err := v.docFreq(cs[i].term)
		if err != nil {
			return nil, err
		}
		cs[i].df = n
	}
	// Terms of deleted documents only (see vocab.recount) are not known words.
	cs = slices.DeleteFunc(cs, func(c candidate) bool { return c.df == 0 })
	sortCandidates(cs)
	return cs[:min(len(cs), limit)], nil
}

// sortCandidates orders candidates closest first, then most frequent.
func sortCandidates(cs []candidate) {
	slices.SortFunc(cs, func(a, b candidate) int {
		return cmp.Or(cmp.Compare(a.distance, b.distance), cmp.Compare(b.df, a.df), cmp.Compare(a.term, b.term))
	})
}

// homophones are the letters Persian writes for one sound (Arabic loanwords keep their
// spelling): mixing them up (تصویه for تسویه) is a spelling mistake rather than a slip of the
// finger, and the likelier reading of a misspelt word.
var homophones = map[rune]int{
	'س': 1, 'ص': 1, 'ث': 1,
	'ز': 2, 'ذ': 2, 'ض': 2, 'ظ': 2,
	'ت': 3, 'ط': 3,
	'ه': 4, 'ح': 4,
	'ق': 5, 'غ': 5,
	'ا': 6, 'ع': 6,
}

// homophoneCost is the cost of writing one letter for its homophone, against 1 for any other edit.
const homophoneCost = 0.5

// editDistance is the Damerau-Levenshtein distance (optimal string alignment) between a and b
// in runes: a swap of two neighbouring letters, the commonest typo after a dropped letter,
// counts as one edit, where Bleve's Levenshtein automaton counts two; a homophone counts half.
func editDistance(a, b string) float64 {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]float64, len(rb)+1)
	prev := make([]float64, len(rb)+1)
	cur := make([]float64, len(rb)+1)
	for j := range prev {
		prev[j] = float64(j)
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = float64(i)
		for j := 1; j <= len(rb); j++ {
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+substitution(ra[i-1], rb[j-1]))
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

func substitution(x, y rune) float64 {
	switch {
	case x == y:
		return 0
	case homophones[x] != 0 && homophones[x] == homophones[y]:
		return homophoneCost
	}
	return 1
}

// slips returns the known terms at most limit, closest and most frequent first, that a short
// word is a slip of the finger from: the word with a letter dropped, two neighbouring letters
// swapped, or a letter written for its homophone. Other single edits of a 3-letter word reach
// too many unrelated words (رمز, رزم, مرز) to be worth a guess.
func (v *vocab) slips(term string, limit int) ([]candidate, error) {
	return v.nearCached(fmt.Sprintf("slips %d %s", limit, term), func() ([]candidate, error) {
		return v.walkFuzzy(term, 1, limit, isSlip)
	})
}

// isSlip reports whether c, one edit from word, is word with a letter dropped or written for
// its homophone.
func isSlip(word string, c candidate) bool { return c.distance < 1 || dropped(word, c.term) }

// dropped reports whether word is known with one letter left out.
func dropped(word, known string) bool {
	w, k := []rune(word), []rune(known)
	if len(k) != len(w)+1 {
		return false
	}
	i := 0
	for i < len(w) && w[i] == k[i] {
		i++
	}
	return slices.Equal(w[i:], k[i+1:])
}
