package search

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// termVectors are where each query term occurs in one article: its term vectors in the
// composite _all field, each naming the field it came from, with position and byte offsets.
type termVectors map[string][]*index.TermFieldVector

// readVectors reads the term vectors of terms in the _all field of hits only. The ranking
// query runs without term locations (Bleve would decode them for every matching article);
// proximity and snippets need them for a page or a rescore window of articles. Each term's
// postings are read once, moving forward through the hits in index order, and not at all
// when the dense evaluation's postings (ix.postings) say no hit has the term: moving a
// reader forward walks its list posting by posting.
func (ix *Index) readVectors(ctx context.Context, terms []string, hits bsearch.DocumentMatchCollection) (map[*bsearch.DocumentMatch]termVectors, error) {
	out := make(map[*bsearch.DocumentMatch]termVectors, len(hits))
	if len(hits) == 0 {
		return out, nil
	}
	adv, err := ix.bleve.Advanced()
	if err != nil {
		return nil, fmt.Errorf("search: term vectors: %w", err)
	}
	r, err := adv.Reader()
	if err != nil {
		return nil, fmt.Errorf("search: term vectors: %w", err)
	}
	defer r.Close()
	sorted := slices.Clone(hits)
	slices.SortFunc(sorted, func(a, b *bsearch.DocumentMatch) int {
		return bytes.Compare(a.IndexInternalID, b.IndexInternalID)
	})
	for _, h := range sorted {
		out[h] = termVectors{}
	}
	with := make(bsearch.DocumentMatchCollection, 0, len(sorted))
	for _, t := range terms {
		with = ix.hitsWith(r, t, sorted, with[:0])
		if len(with) == 0 {
			continue
		}
		tfr, err := r.TermFieldReader(ctx, []byte(t), compositeAllName, true, false, true)
		if err != nil {
			return nil, fmt.Errorf("search: term vectors: %w", err)
		}
		err = eachPosting(tfr, with, func(i int, d *index.TermFieldDoc) {
			out[with[i]][t] = d.Vectors
		})
		_ = tfr.Close()
		if err != nil {
			return nil, fmt.Errorf("search: term vectors: %w", err)
		}
	}
	return out, nil
}

// hitsWith appends to dst the hits (in index order) that may have term t in _all: those its
// kept postings list names, or all of them when none is kept for r.
func (ix *Index) hitsWith(r index.IndexReader, t string, hits, dst bsearch.DocumentMatchCollection) bsearch.DocumentMatchCollection {
	sp, ok := ix.postings.get(r, postingKey{compositeAllName, t})
	if !ok {
		return append(dst, hits...)
	}
	for _, h := range hits {
		if d, ok := docNum(h.IndexInternalID); !ok {
			dst = append(dst, h)
		} else if _, found := slices.BinarySearch(sp.docs, d); found {
			dst = append(dst, h)
		}
	}
	return dst
}

// eachPosting calls fn with the posting of tfr's term in every one of hits (in index order)
// that has the term. The reader only ever moves forward: Bleve restarts a reader asked to go
// back, or to stay where it is, which costs as much as opening it.
func eachPosting(tfr index.TermFieldReader, hits bsearch.DocumentMatchCollection, fn func(i int, d *index.TermFieldDoc)) error {
	var d *index.TermFieldDoc // where the reader stands; nil before the first move
	for i, h := range hits {
		c := -1
		if d != nil {
			c = bytes.Compare(d.ID, h.IndexInternalID)
		}
		if c < 0 {
			var err error
			if d, err = tfr.Advance(h.IndexInternalID, nil); err != nil {
				return err
			}
			if d == nil {
				return nil // no later article has the term
			}
			c = bytes.Compare(d.ID, h.IndexInternalID)
		}
		if c == 0 {
			fn(i, d)
		} // c > 0: the reader went past this hit, which does not have the term
	}
	return nil
}

// setSnippetLocations gives each hit the locations of the query's terms in its body and
// summary, which snippets mark.
func setSnippetLocations(hits bsearch.DocumentMatchCollection, vecs map[*bsearch.DocumentMatch]termVectors) {
	for _, h := range hits {
		h.Locations = bsearch.FieldTermLocationMap{}
		n := 0
		for _, vs := range vecs[h] {
			n += len(vs)
		}
		locs := make([]bsearch.Location, 0, n) // one allocation for the hit's locations (at most)
		for term, vs := range vecs[h] {
			for _, v := range vs {
				if v.Field != fieldBody && v.Field != fieldSummary {
					continue
				}
				if h.Locations[v.Field] == nil {
					h.Locations[v.Field] = bsearch.TermLocationMap{}
				}
				locs = append(locs, bsearch.Location{Pos: v.Pos, Start: v.Start, End: v.End})
				h.Locations[v.Field][term] = append(h.Locations[v.Field][term], &locs[len(locs)-1])
			}
		}
	}
}
