package site

import (
	"cmp"
	"slices"
	"sort"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"persiankb/kb"
	"persiankb/kb/store"
)

// List sizes on the pages.
const (
	recentLimit  = 6 // home page "recently updated": one screen on a phone
	relatedLimit = 5 // article page "related articles": more is noise
	popularLimit = 6 // home page "popular articles": one screen on a phone, like recentLimit
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

// popularArticles returns up to n public articles, most viewed first by the views in rows (the
// metrics' article roll-ups), ties in display order. Views recorded under an old slug count for
// the article that lists it as an alias; drafts, internal articles and slugs no longer in the
// library are never listed, whatever their views. When fewer than n articles have views (no
// data yet, metrics off), the rest are the first public articles in display order (category
// order, then the articles' order in their category).
func popularArticles(lib *kb.Library, rows []store.ArticleRow, n int) []*kb.Article {
	views := map[*kb.Article]int64{}
	for _, r := range rows {
		a, ok := lib.Article(r.Slug)
		if !ok {
			if slug, renamed := lib.Redirect(r.Slug); renamed {
				a, ok = lib.Article(slug)
			}
		}
		if ok && a.Public() && r.Views > 0 {
			views[a] += r.Views
		}
	}
	order := make([]*kb.Article, 0, len(lib.Articles))
	for _, a := range lib.Articles {
		if a.Public() {
			order = append(order, a)
		}
	}
	// Stable: articles with as many views (0 for those without) keep the display order.
	slices.SortStableFunc(order, func(a, b *kb.Article) int { return cmp.Compare(views[b], views[a]) })
	return order[:min(max(n, 0), len(order))]
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
