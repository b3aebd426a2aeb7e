package search

import (
	"container/heap"
	"encoding/binary"
	"slices"

	"github.com/blevesearch/bleve/v2"
	bsearch "github.com/blevesearch/bleve/v2/search"
	index "github.com/blevesearch/bleve_index_api"
)

// shares are the coordination factors of a disjunction of n clauses, by clauses matched:
// k / n, as Bleve divides.
func shares(n int) []float64 {
	out := make([]float64, n+1)
	for k := range out {
		out[k] = float64(k) / float64(n)
	}
	return out
}

type scoredDoc struct {
	doc   uint32
	score float64
}

// scoredDocs is a min-heap of the best documents so far: the worst on top.
type scoredDocs []scoredDoc

func (h scoredDocs) Len() int      { return len(h) }
func (h scoredDocs) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h scoredDocs) Less(i, j int) bool { // i is worse than j
	return h[i].score < h[j].score || h[i].score == h[j].score && h[i].doc > h[j].doc
}
func (h *scoredDocs) Push(x any) { *h = append(*h, x.(scoredDoc)) }
func (h *scoredDocs) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// offer keeps d if it is among the k best so far. Documents come in index order, so a later
// one with an equal score ranks below.
func (h *scoredDocs) offer(d scoredDoc, k int) {
	switch {
	case k <= 0:
	case len(*h) < k:
		heap.Push(h, d)
	case d.score > (*h)[0].score:
		(*h)[0] = d
		heap.Fix(h, 0)
	}
}

// result turns the kept documents into Bleve's hits, best first.
func (h scoredDocs) result(rd index.IndexReader, ids *docIDs, total int) (*bleve.SearchResult, error) {
	slices.SortFunc(h, func(a, b scoredDoc) int {
		if a.score != b.score {
			if a.score > b.score {
				return -1
			}
			return 1
		}
		return int(a.doc) - int(b.doc)
	})
	br := &bleve.SearchResult{Total: uint64(total), Hits: make(bsearch.DocumentMatchCollection, 0, len(h))}
	dms, idBytes := make([]bsearch.DocumentMatch, len(h)), make([]byte, 0, 8*len(h)) // one allocation each
	for i, d := range h {
		idBytes = binary.BigEndian.AppendUint64(idBytes, uint64(d.doc))
		id := index.IndexInternalID(idBytes[len(idBytes)-8 : len(idBytes) : len(idBytes)])
		ext, err := ids.of(rd, d.doc, id)
		if err != nil {
			return nil, err
		}
		dms[i] = bsearch.DocumentMatch{ID: ext, IndexInternalID: id, Score: d.score, HitNumber: uint64(i)}
		br.Hits = append(br.Hits, &dms[i])
		br.MaxScore = max(br.MaxScore, d.score)
	}
	return br, nil
}
