package search

import (
	"bytes"
	"context"
	"fmt"
	"slices"

	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// termLoc is one place of one query term in a hit: the term is its index in the terms read.
type termLoc struct {
	hit  int32 // the hit's index, while readVectors gathers the places
	term int32
	place
}

// place is where a term stands in an article's composite _all field: the field it came from
// (fieldCode), the field value's index in a list field (keywords, headings; positionKey keeps
// 16 bits of it), the position in that value and the byte offsets. Articles are far below 4 GB.
type place struct {
	field      uint8
	elem       uint16
	pos        uint32
	start, end uint32
}

// placeOf is the place of a term vector.
func placeOf(v *index.TermFieldVector) place {
	pl := place{field: fieldCode(v.Field), pos: uint32(v.Pos), start: uint32(v.Start), end: uint32(v.End)}
	if len(v.ArrayPositions) > 0 {
		pl.elem = uint16(v.ArrayPositions[0])
	}
	return pl
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
// say no hit has the term: moving a reader forward walks its list posting by posting. A term
// in many articles has its places kept instead (commonPlaces).
func (ix *Index) readVectors(ctx context.Context, terms []string, hits bsearch.DocumentMatchCollection, buf *placeBuf) ([][]termLoc, error) {
	if len(hits) == 0 {
		return nil, nil
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
	n, err := r.DocCount()
	if err != nil {
		return nil, fmt.Errorf("search: term vectors: %w", err)
	}
	with := make([]int, 0, len(hits))
	all := buf.all[:0]
	var d index.TermFieldDoc // reused: its vectors are copied out
	for k, t := range terms {
		sp, _ := ix.postings.get(r, postingKey{compositeAllName, t})
		with = hitsWith(sp, hits, order, with[:0])
		if len(with) == 0 {
			continue
		}
		tp, err := ix.commonPlaces(ctx, r, t, sp, n)
		if err != nil {
			return nil, fmt.Errorf("search: term vectors: %w", err)
		}
		if tp != nil {
			all = tp.appendHits(all, hits, with, int32(k))
			continue
		}
		tfr, err := r.TermFieldReader(ctx, []byte(t), compositeAllName, true, false, true)
		if err != nil {
			return nil, fmt.Errorf("search: term vectors: %w", err)
		}
		err = eachPosting(tfr, hits, with, &d, func(i int, d *index.TermFieldDoc) {
			for _, v := range d.Vectors {
				all = append(all, termLoc{hit: int32(i), term: int32(k), place: placeOf(v)})
			}
		})
		_ = tfr.Close()
		if err != nil {
			return nil, fmt.Errorf("search: term vectors: %w", err)
		}
	}
	buf.all = all
	return buf.byHit(len(hits)), nil
}

// placeBuf holds the places of one search (readVectors), reused through Index.bufs: a first
// page gathers a few hundred.
type placeBuf struct {
	all, sorted []termLoc
}

// byHit splits the places gathered term after term (b.all) into one slice per hit, keeping
// their order.
func (b *placeBuf) byHit(hits int) [][]termLoc {
	all := b.all
	at := make([]int, hits+1) // where each hit's places start in sorted
	for _, l := range all {
		at[l.hit+1]++
	}
	for i := 1; i <= hits; i++ {
		at[i] += at[i-1]
	}
	if cap(b.sorted) < len(all) {
		b.sorted = make([]termLoc, len(all), cap(all))
	}
	sorted := b.sorted[:len(all)]
	next := slices.Clone(at[:hits])
	for _, l := range all {
		sorted[next[l.hit]] = l
		next[l.hit]++
	}
	locs := make([][]termLoc, hits)
	for i := range locs {
		locs[i] = sorted[at[i]:at[i+1]:at[i+1]]
	}
	return locs
}

// hitsWith appends to dst the indexes of hits, from order (index order), that may have a term
// in _all: those its kept postings list sp names, or all of them when none is kept (sp nil).
func hitsWith(sp *scoredPostings, hits bsearch.DocumentMatchCollection, order, dst []int) []int {
	if sp == nil {
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
// which snippets mark, and in its headings, which sections are matched by, as Bleve's flat
// FieldTermLocations (eachPlace reads them).
func setSnippetLocations(hits bsearch.DocumentMatchCollection, terms []string, locs [][]termLoc) {
	for i, h := range hits {
		n := 0
		for _, l := range locs[i] {
			if locField(l.field) != "" {
				n++
			}
		}
		h.Locations, h.FieldTermLocations = nil, make([]bsearch.FieldTermLocation, 0, n)
		for _, l := range locs[i] {
			field := locField(l.field)
			if field == "" {
				continue
			}
			loc := bsearch.Location{Pos: uint64(l.pos), Start: uint64(l.start), End: uint64(l.end)}
			if l.field == codeHeadings {
				loc.ArrayPositions = []uint64{uint64(l.elem)}
			}
			h.FieldTermLocations = append(h.FieldTermLocations, bsearch.FieldTermLocation{Field: field, Term: terms[l.term], Location: loc})
		}
	}
}

// locField names the fields whose places a hit keeps; "" for the others.
func locField(code uint8) string {
	switch code {
	case codeBody:
		return fieldBody
	case codeSummary:
		return fieldSummary
	case codeHeadings:
		return fieldHeadings
	}
	return ""
}
