package stats

import (
	"cmp"
	"slices"

	"persiankb/kb/store"
)

// rankArticles fills the article tables of the report.
func (rep *Report) rankArticles(rows []store.ArticleRow, topN int) {
	all := make([]ArticleStat, 0, len(rows))
	var ranked, deflecting []ArticleStat
	for _, row := range rows {
		a := ArticleStat{ArticleRow: row, Helpful: Ratio{row.HelpfulYes, row.HelpfulYes + row.HelpfulNo}}
		a.Ranked = a.Helpful.Den >= MinVotes
		all = append(all, a)
		if a.Ranked {
			ranked = append(ranked, a)
		}
		if a.Deflections() > 0 {
			deflecting = append(deflecting, a)
		}
	}
	slices.SortStableFunc(all, func(a, b ArticleStat) int {
		return cmp.Or(cmp.Compare(b.Views, a.Views), cmp.Compare(a.Slug, b.Slug))
	})
	slices.SortStableFunc(deflecting, func(a, b ArticleStat) int {
		return cmp.Or(cmp.Compare(b.Deflections(), a.Deflections()), cmp.Compare(a.Slug, b.Slug))
	})
	rep.Articles = all
	rep.TopDeflecting = head(deflecting, topN)
	rep.MostHelpful = head(sortedByHelpful(ranked, true), topN)
	rep.LeastHelpful = head(sortedByHelpful(ranked, false), topN)
}

// sortedByHelpful sorts a copy of articles by helpful ratio (compared exactly, as
// cross-multiplied counts), highest first when desc, then by most votes, then by slug.
func sortedByHelpful(articles []ArticleStat, desc bool) []ArticleStat {
	out := slices.Clone(articles)
	slices.SortStableFunc(out, func(a, b ArticleStat) int {
		c := cmp.Compare(a.Helpful.Num*b.Helpful.Den, b.Helpful.Num*a.Helpful.Den)
		if desc {
			c = -c
		}
		return cmp.Or(c, cmp.Compare(b.Helpful.Den, a.Helpful.Den), cmp.Compare(a.Slug, b.Slug))
	})
	return out
}

func head[T any](s []T, n int) []T {
	if len(s) > n {
		return s[:n:n]
	}
	return s
}
