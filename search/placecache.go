package search

import (
	"context"
	"slices"

	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// Reading a hit's places walks the term's postings list up to the hit, posting by posting
// (zapx decodes each one's frequency and skips its locations): for a word in most articles
// that is most of its list, on every search that has the word. The places of such words are
// read once per index snapshot, every one of them, and kept; rarer words' walks stay short.

// minCommonPlacesShare: a term in at least this share of the articles has all its places kept
// (when they fit, see maxPlacesEntryBytes).
// At 10,000 generated articles the terms read for the scale queries in 25 % or more of the
// articles are a few dozen, which take ~10 MB, and cost most of the walking.
const minCommonPlacesShare = 0.25

// maxCachedPlaceBytes bounds the kept places: a word in 90 % of 10,000 articles takes ~600 KB
// (16 bytes a place).
const maxCachedPlaceBytes = 16 << 20

// A term's places are kept only when they would take at most maxPlacesEntryBytes, estimated at
// placeBytesPerDoc a document (8 bytes of index, 4 places of 16): a list that a few others push
// out is read whole again and again, which costs more than walking it to the hits. In a library
// of 100,000 articles no word in a quarter of them qualifies, and every term is walked.
const (
	maxPlacesEntryBytes = maxCachedPlaceBytes / 16
	placeBytesPerDoc    = 8 + 4*16
)

// termPlaces are every place of one term in _all: docs[i]'s are places[at[i]:at[i+1]].
type termPlaces struct {
	docs   []uint32 // document numbers, in index order
	at     []uint32
	places []place
}

func (tp *termPlaces) size() int { return 4*len(tp.docs) + 4*len(tp.at) + 16*len(tp.places) }

func (*termPlaces) budget() int { return maxCachedPlaceBytes }

// placeCache keeps the places of common terms.
type placeCache = snapshotCache[*termPlaces]

// commonPlaces returns every place of t in r's _all field when t is in at least
// minCommonPlacesShare of r's n articles (read and kept the first time), else nil. sp is t's
// kept postings list in _all; nil (not read by the dense evaluation) gives no count to go by.
func (ix *Index) commonPlaces(ctx context.Context, r index.IndexReader, t string, sp *scoredPostings, n uint64) (*termPlaces, error) {
	if sp == nil || float64(len(sp.docs)) < minCommonPlacesShare*float64(n) || len(sp.docs)*placeBytesPerDoc > maxPlacesEntryBytes {
		return nil, nil
	}
	key := postingKey{compositeAllName, t}
	if tp, ok := ix.places.get(r, key); ok {
		return tp, nil
	}
	tp, err := readPlaces(ctx, r, t)
	if err != nil {
		return nil, err
	}
	ix.places.put(r, key, tp)
	return tp, nil
}

// readPlaces reads every place of t in r's _all field.
func readPlaces(ctx context.Context, r index.IndexReader, t string) (*termPlaces, error) {
	tfr, err := r.TermFieldReader(ctx, []byte(t), compositeAllName, true, false, true)
	if err != nil {
		return nil, err
	}
	defer tfr.Close()
	tp := &termPlaces{at: []uint32{0}}
	var d index.TermFieldDoc
	for i := 0; ; i++ {
		if i%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		p, err := tfr.Next(d.Reset())
		if err != nil || p == nil {
			return tp, err
		}
		if n, ok := docNum(p.ID); ok {
			tp.docs = append(tp.docs, n)
			for _, v := range p.Vectors {
				tp.places = append(tp.places, placeOf(v))
			}
			tp.at = append(tp.at, uint32(len(tp.places)))
		}
	}
}

// appendHits appends to all the places of the term (index term) in the hits of which.
func (tp *termPlaces) appendHits(all []termLoc, hits bsearch.DocumentMatchCollection, which []int, term int32) []termLoc {
	for _, i := range which {
		d, ok := docNum(hits[i].IndexInternalID)
		if !ok {
			continue
		}
		if j, found := slices.BinarySearch(tp.docs, d); found {
			for _, pl := range tp.places[tp.at[j]:tp.at[j+1]] {
				all = append(all, termLoc{hit: int32(i), term: term, place: pl})
			}
		}
	}
	return all
}
