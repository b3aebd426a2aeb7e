package search

import (
	"fmt"
	"slices"
	"testing"

	index "github.com/blevesearch/bleve_index_api"
)

// fakeSnapshot stands for an index snapshot: the cache only compares them.
type fakeSnapshot struct {
	index.IndexReader
	n int
}

func TestPostingCache(t *testing.T) {
	s1, s2 := &fakeSnapshot{n: 1}, &fakeSnapshot{n: 2}
	list := func(n int) *scoredPostings {
		docs, scores := make([]uint32, n), make([]float64, n)
		for i := range docs {
			docs[i], scores[i] = uint32(i), float64(i%3)
		}
		return newScoredPostings(uint64(n), docs, scores)
	}
	entry := list(100).size() + len("body") + len("t0") + cacheEntryOverhead
	c := &postingCache{limit: 3 * entry}
	for i := range 3 {
		c.put(s1, postingKey{"body", fmt.Sprint("t", i)}, list(100))
	}
	tests := []struct {
		name string
		do   func()
		want []string // kept keys, of body:t0..t4, under s1
	}{
		{"three fit", func() {}, []string{"t0", "t1", "t2"}},
		{"a fourth drops the least recently used", func() {
			c.get(s1, postingKey{"body", "t0"})
			c.put(s1, postingKey{"body", "t3"}, list(100))
		}, []string{"t0", "t2", "t3"}},
		{"a list over the limit is not kept", func() { c.put(s1, postingKey{"body", "t4"}, list(10_000)) },
			[]string{"t0", "t2", "t3"}},
		{"another snapshot starts over", func() { c.put(s2, postingKey{"body", "t4"}, list(1)) }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.do()
			var got []string
			for i := range 5 {
				if _, ok := c.get(s1, postingKey{"body", fmt.Sprint("t", i)}); ok {
					got = append(got, fmt.Sprint("t", i))
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("kept %v, want %v", got, tt.want)
			}
			if c.bytes > 3*entry {
				t.Errorf("%d bytes kept, limit %d", c.bytes, 3*entry)
			}
		})
	}
}

func TestScoredPostingsSharesScores(t *testing.T) {
	docs := []uint32{1, 4, 9, 12}
	tests := []struct {
		name   string
		scores []float64
		shared bool
	}{
		{"few distinct scores are shared", []float64{0.5, 0.25, 0.5, 0.5}, true},
		{"all distinct are kept as they are", []float64{0.1, 0.2, 0.3, 0.4}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sp := newScoredPostings(4, docs, slices.Clone(tt.scores))
			if shared := sp.which != nil; shared != tt.shared {
				t.Errorf("shared = %v, want %v", shared, tt.shared)
			}
			sum, cnt := make([]float64, 13), make([]uint16, 13)
			matched := sp.addTo(2, sum, cnt, nil, nil)
			for k, d := range docs {
				if got := sp.score(k); got != tt.scores[k] || sum[d] != 2*tt.scores[k] || cnt[d] != 1 {
					t.Errorf("posting %d: score %v, addTo %v (count %d), want %v", k, got, sum[d], cnt[d], tt.scores[k])
				}
			}
			if !slices.Equal(matched, docs) {
				t.Errorf("matched %v, want %v", matched, docs)
			}
			selected := make([]uint16, 13)
			selected[4], selected[12] = 1, 3
			sum, cnt = make([]float64, 13), make([]uint16, 13)
			if got := sp.addTo(2, sum, cnt, nil, selected); !slices.Equal(got, []uint32{4, 12}) {
				t.Errorf("addTo selected matched %v, want [4 12]", got)
			}
			if sum[1] != 0 || sum[4] != 2*tt.scores[1] || cnt[12] != 1 {
				t.Errorf("addTo selected: sums %v, counts %v", sum, cnt)
			}
		})
	}
}
