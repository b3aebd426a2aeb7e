package search

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"persiankb/kb"
)

// syntheticArticles is the size of the live-preview benchmarks' library: a large help center.
const syntheticArticles = 5000

// syntheticLibrary is n articles of about 1.5 KB of Persian-looking words (a vocabulary of
// a few thousand made of common syllables, so that the term dictionaries grow as with real
// text), in 10 categories; version changes the text of article 0 only.
func syntheticLibrary(n, version int) *kb.Library {
	rng := rand.New(rand.NewPCG(1, 2))
	syllables := strings.Fields("با را نه سا مو کر تی پر دا خو گا شن فی لی زا ور می ست رد هم ان")
	vocab := make([]string, 3000)
	for i := range vocab {
		var sb strings.Builder
		for range 2 + rng.IntN(3) {
			sb.WriteString(syllables[rng.IntN(len(syllables))])
		}
		vocab[i] = sb.String()
	}
	words := func(k int) string {
		ws := make([]string, k)
		for i := range ws {
			ws[i] = vocab[rng.IntN(len(vocab))]
		}
		return strings.Join(ws, " ")
	}
	arts := make([]*kb.Article, n)
	for i := range arts {
		arts[i] = &kb.Article{
			Slug: fmt.Sprintf("article-%d", i), Category: fmt.Sprintf("cat%d", i%10),
			Title: words(4), Summary: words(15), Keywords: []string{vocab[i%len(vocab)]},
			Headings: []kb.Heading{{Level: 2, Text: words(3)}}, Text: words(250),
		}
	}
	arts[0].Text += fmt.Sprintf(" نسخهٔ %d", version)
	lib := kb.NewLibrary("synthetic", arts, nil, nil)
	lib.Hash = fmt.Sprintf("synthetic-%d-%d", n, version)
	return lib
}

// BenchmarkLiveUpdate measures what a save costs the live preview's index at 5,000 articles:
// updating the one changed article in place (Update), against building the index whole (what
// every reload did before). Run with -benchtime=1x for the build: one takes seconds.
func BenchmarkLiveUpdate(b *testing.B) {
	libs := []*kb.Library{syntheticLibrary(syntheticArticles, 0), syntheticLibrary(syntheticArticles, 1)}
	b.Run("one-article", func(b *testing.B) {
		ix, err := Open(libs[0], Options{Dir: b.TempDir(), Live: true})
		if err != nil {
			b.Fatal(err)
		}
		cpu := cpuTime()
		i := 0
		for b.Loop() {
			i++
			nx, err := ix.Update(libs[i%2])
			if err != nil {
				b.Fatal(err)
			}
			if c := nx.Changes(); c.Full || c.Indexed != 1 {
				b.Fatalf("changes %+v, want one article updated in place", c)
			}
			_ = ix.Close()
			ix = nx
		}
		reportCPU(b, cpu)
		_ = ix.Close()
	})
	b.Run("full-rebuild", func(b *testing.B) {
		cpu := cpuTime()
		for b.Loop() {
			b.StopTimer()
			dir := b.TempDir()
			b.StartTimer()
			ix, err := Open(libs[1], Options{Dir: dir, Live: true})
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			_ = ix.Close()
			b.StartTimer()
		}
		reportCPU(b, cpu)
	})
}
