package site

import (
	"sort"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"persiankb/kb"
)

// List sizes on the pages.
const (
	recentLimit  = 6 // home page "recently updated": one screen on a phone
	relatedLimit = 5 // article page "related articles": more is noise
)

// recentArticles returns the public articles with a known update date, newest first; articles
// updated on the same instant are in Persian alphabetical order of title.
func recentArticles(lib *kb.Library, n int) []*kb.Article {
	var as []*kb.Article
	for _, a := range lib.Articles {
		if a.Public() && !a.Updated.IsZero() {
			as = append(as, a)
		}
	}
	col := collate.New(language.Persian)
	sort.SliceStable(as, func(i, j int) bool {
		if !as[i].Updated.Equal(as[j].Updated) {
			return as[i].Updated.After(as[j].Updated)
		}
		return col.CompareString(as[i].Title, as[j].Title) < 0
	})
	return as[:min(n, len(as))]
}

// relatedArticles returns up to n other public articles that share tags or the category with a:
// each shared tag counts two, the same category one; ties keep the library's display order.
func relatedArticles(lib *kb.Library, a *kb.Article, n int) []*kb.Article {
	tags := make(map[string]bool, len(a.Tags))
	for _, t := range a.Tags {
		tags[t] = true
	}
	type scored struct {
		a     *kb.Article
		score int
	}
	var cands []scored
	for _, b := range lib.Articles {
		if b == a || b.Slug == a.Slug || !b.Public() {
			continue
		}
		score := 0
		if a.Category != "" && b.Category == a.Category {
			score++
		}
		for _, t := range b.Tags {
			if tags[t] {
				score += 2
			}
		}
		if score > 0 {
			cands = append(cands, scored{b, score})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool { return cands[i].score > cands[j].score })
	out := make([]*kb.Article, 0, min(n, len(cands)))
	for _, c := range cands[:min(n, len(cands))] {
		out = append(out, c.a)
	}
	return out
}

// categoryCard is a category as listed on the home page.
type categoryCard struct {
	*kb.Category
	Count int // public articles
}

// categoryCards lists the categories that have public articles, in display order.
func categoryCards(lib *kb.Library) []categoryCard {
	var cards []categoryCard
	for _, c := range lib.Categories {
		if c.Slug == "" || len(c.Articles) == 0 {
			continue
		}
		cards = append(cards, categoryCard{Category: c, Count: len(c.Articles)})
	}
	return cards
}
