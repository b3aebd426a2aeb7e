package search

import (
	"context"
	"slices"
	"testing"
)

// TestCommonPlacesMatchWalk: the places of hits read through the kept places of common terms
// are exactly those walking each term's postings gives.
func TestCommonPlacesMatchWalk(t *testing.T) {
	lib, queries := synthLibrary(t, 600, 150)
	ix, err := Open(lib, Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer ix.Close()
	ctx := context.Background()
	kept := 0
	for _, q := range queries {
		p, br, _, err := ix.run(ctx, request{text: q, page: 1, limit: DefaultLimit}, planOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if br == nil || len(br.Hits) == 0 {
			continue
		}
		terms := p.terms()
		got, err := ix.readVectors(ctx, terms, br.Hits, &placeBuf{})
		if err != nil {
			t.Fatal(err)
		}
		kept = max(kept, ix.places.len())
		ix.postings.clear() // no counts: every term is walked
		ix.places.clear()
		want, err := ix.readVectors(ctx, terms, br.Hits, &placeBuf{})
		if err != nil {
			t.Fatal(err)
		}
		for i := range want {
			if !slices.Equal(got[i], want[i]) {
				t.Fatalf("%q, hit %s: places %v, walking gives %v", q, br.Hits[i].ID, got[i], want[i])
			}
		}
	}
	if kept == 0 {
		t.Fatal("no common term's places were kept: the test checks nothing")
	}
}
