package search

import (
	"slices"
	"testing"
)

func TestPlanWordWeights(t *testing.T) {
	ix := openLibrary(t, testLibrary(testArticles(), "weights"), DefaultAnalyzer)
	v, err := ix.newVocab(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer v.close()
	tests := []struct {
		name, query string
		want        []float64 // per word, in order (stop words have no slot)
	}{
		{"question word and light verb quieter", "چرا رمز عوض نمی‌شود", []float64{weakWordWeight, 1, 1, weakWordWeight}},
		{"modal quieter", "نمی‌توانم رمز عبور را عوض کنم", []float64{weakWordWeight, 1, 1, 1, weakWordWeight}},
		{"courtesy quieter", "لطفا فاکتور", []float64{weakWordWeight, 1}},
		{"only weak words keep their weight", "چرا نمی‌شود", []float64{1, 1}},
		{"no weak word", "لغو سفارش", []float64{1, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := ix.plan(v, tt.query, planOptions{})
			if err != nil {
				t.Fatal(err)
			}
			all := p.wordWeights()
			var got []float64
			for i, s := range p.slots {
				if s != nil {
					got = append(got, all[i])
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("wordWeights(%q) = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
}
