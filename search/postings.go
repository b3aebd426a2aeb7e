package search

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// termLoc is one place of one query term in an article's composite _all field: the term (its
// index in the terms read), the field it came from (fieldCode), the field value's index in a
// list field (keywords, headings), the position in that value and the byte offsets.
type termLoc struct {
	term       int
	field      uint8
	elem       uint64
	pos        uint64
	start, end uint64
}

// Field codes of termLoc: the text fields of _all, 0 for any other.
const (
	codeTitle uint8 = iota + 1
	codeSummary
	codeKeywords
	codeHeadings
	codeBody
)

// fieldCode is the termLoc code of a field name.
func fieldCode(name string) uint8 {
	switch name {
	case fieldTitle:
		return codeTitle
	case fieldSummary:
		return codeSummary
	case fieldKeywords:
		return codeKeywords
	case fieldHeadings:
		return codeHeadings
	case fieldBody:
		return codeBody
	}
	return 0
}

// readVectors reads where terms occur in the _all field of hits only, by hit (locs[i] are the
// places in hits[i], term after term). The ranking query runs without term locations (Bleve
// would decode them for every matching article); proximity and snippets need them for a page
// or a rescore window of articles. Each term's postings are read once, moving forward through
// the hits in index order, and not at all when the dense evaluation's postings (ix.postings)
// say no hit has the term: moving a reader forward walks its list posting by posting.
func (ix *Index) readVectors(ctx context.Context, terms []string, hits bsearch.DocumentMatchCollection) ([][]termLoc, error) {
	locs := make([][]termLoc, len(hits))
	if len(hits) == 0 {
		return locs, nil
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
	order := make([]int, len(hits)) // hits' indexes in index order
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return bytes.Compare(hits[a].IndexInternalID, hits[b].IndexInternalID) })
	with := make([]int, 0, len(hits))
	var d index.TermFieldDoc // reused: its vectors are copied out
	for k, t := range terms {
		with = ix.hitsWith(r, t, hits, order, with[:0])
		if len(with) == 0 {
			continue
		}
		tfr, err := r.TermFieldReader(ctx, []byte(t), compositeAllName, true, false, true)
		if err != nil {
			return nil, fmt.Errorf("search: term vectors: %w", err)
		}
		err = eachPosting(tfr, hits, with, &d, func(i int, d *index.TermFieldDoc) {
			for _, v := range d.Vectors {
				l := termLoc{term: k, field: fieldCode(v.Field), pos: v.Pos, start: v.Start, end: v.End}
				if len(v.ArrayPositions) > 0 {
					l.elem = v.ArrayPositions[0]
				}
				locs[i] = append(locs[i], l)
			}
		})
		_ = tfr.Close()
		if err != nil {
			return nil, fmt.Errorf("search: term vectors: %w", err)
		}
	}
	return locs, nil
}

// hitsWith appends to dst the indexes of hits, from order (index order), that may have term t
// in _all: those its kept postings list names, or all of them when none is kept for r.
func (ix *Index) hitsWith(r index.IndexReader, t string, hits bsearch.DocumentMatchCollection, order, dst []int) []int {
	sp, ok := ix.postings.get(r, postingKey{compositeAllName, t})
	if !ok {
		return append(dst, order...)
	}
	for _, i := range order {
		if d, ok := docNum(hits[i].IndexInternalID); !ok {
			dst = append(dst, i)
		} else if _, found := slices.BinarySearch(sp.docs, d); found {
			dst = append(dst, i)
		}
	}
	return dst
}

// eachPosting calls fn with the posting of tfr's term in every hit of which (indexes of hits,
// in index order) that has the term, read into d. The reader only ever moves forward: Bleve
// restarts a reader asked to go back, or to stay where it is, which costs as much as opening it.
func eachPosting(tfr index.TermFieldReader, hits bsearch.DocumentMatchCollection, which []int, d *index.TermFieldDoc, fn func(i int, d *index.TermFieldDoc)) error {
	var at index.IndexInternalID // where the reader stands; nil before the first move
	for _, i := range which {
		id := hits[i].IndexInternalID
		c := -1
		if at != nil {
			c = bytes.Compare(at, id)
		}
		if c < 0 {
			next, err := tfr.Advance(id, d.Reset())
			if err != nil {
				return err
			}
			if next == nil {
				return nil // no later article has the term
			}
			at = append(at[:0], next.ID...)
			c = bytes.Compare(at, id)
		}
		if c == 0 {
			fn(i, d)
		} // c > 0: the reader went past this hit, which does not have the term
	}
	return nil
}

// setSnippetLocations gives each hit the places of the query's terms in its body and summary,
// which snippets mark, as Bleve's flat FieldTermLocations (hitSpans reads them).
func setSnippetLocations(hits bsearch.DocumentMatchCollection, terms []string, locs [][]termLoc) {
	for i, h := range hits {
		n := 0
		for _, l := range locs[i] {
			if l.field == codeBody || l.field == codeSummary {
				n++
			}
		}
		h.Locations, h.FieldTermLocations = nil, make([]bsearch.FieldTermLocation, 0, n)
		for _, l := range locs[i] {
			field := fieldBody
			switch l.field {
			case codeBody:
			case codeSummary:
				field = fieldSummary
			default:
				continue
			}
			h.FieldTermLocations = append(h.FieldTermLocations, bsearch.FieldTermLocation{
				Field: field, Term: terms[l.term],
				Location: bsearch.Location{Pos: l.pos, Start: l.start, End: l.end},
			})
		}
	}
}
