package store

import (
	"cmp"
	"context"
	"slices"
)

// Bounds of the ranking in topQueries.
const (
	// topPerDayStart is how many rows per day topQueries reads first: enough that on real
	// traffic (a Zipf-like head of queries repeated every day) the first round is exact.
	topPerDayStart = 64
	// sumsPerQuery bounds the queries summed in one statement (bound parameters).
	sumsPerQuery = 500
)

// queryTopSource is what topQueries needs of a backend.
type queryTopSource interface {
	// rolledDays lists the rolled-up days first..last.
	rolledDays(ctx context.Context, first, last string) ([]string, error)
	// dayTop returns the n queries of day with the highest order key (key > 0), highest
	// first, and the key of the next one (0 when there is none).
	dayTop(ctx context.Context, day string, order QueryOrder, n int) (queries []string, next int64, err error)
	// sumQueries sums the counters of the given queries over days first..last.
	sumQueries(ctx context.Context, first, last string, queries []string) ([]QueryRow, error)
}

// topQueries is QueryTotals without grouping every query row of the range (a threshold
// algorithm): the candidates are the top m queries of each day, summed exactly over the range;
// a query that is no day's candidate totals at most bound, the sum of each day's (m+1)-th key.
// When the limit-th candidate beats bound the ranking is exact; otherwise m grows and it
// starts over, until every row of every day is a candidate (bound 0).
func topQueries(ctx context.Context, src queryTopSource, first, last string, order QueryOrder, limit int) ([]QueryRow, error) {
	if limit <= 0 {
		return nil, nil
	}
	days, err := src.rolledDays(ctx, first, last)
	if err != nil {
		return nil, err
	}
	for m := max(limit, topPerDayStart); ; m *= 4 {
		seen := map[string]bool{}
		var candidates []string
		var bound int64
		for _, day := range days {
			queries, next, err := src.dayTop(ctx, day, order, m)
			if err != nil {
				return nil, err
			}
			bound += next
			for _, q := range queries {
				if !seen[q] {
					seen[q] = true
					candidates = append(candidates, q)
				}
			}
		}
		rows, err := sumAll(ctx, src, first, last, candidates)
		if err != nil {
			return nil, err
		}
		rows = rankQueries(rows, order, limit)
		if bound == 0 || (len(rows) == limit && order.Key(rows[limit-1].QueryCounts) > bound) {
			return rows, nil
		}
	}
}

// sumAll sums the candidates, sumsPerQuery at a time.
func sumAll(ctx context.Context, src queryTopSource, first, last string, queries []string) ([]QueryRow, error) {
	var rows []QueryRow
	for len(queries) > 0 {
		n := min(len(queries), sumsPerQuery)
		part, err := src.sumQueries(ctx, first, last, queries[:n])
		if err != nil {
			return nil, err
		}
		rows, queries = append(rows, part...), queries[n:]
	}
	return rows, nil
}

// rankQueries keeps the rows with a positive key, highest key first, ties by query, at most
// limit of them.
func rankQueries(rows []QueryRow, order QueryOrder, limit int) []QueryRow {
	rows = slices.DeleteFunc(rows, func(q QueryRow) bool { return order.Key(q.QueryCounts) <= 0 })
	slices.SortFunc(rows, func(a, b QueryRow) int {
		return cmp.Or(cmp.Compare(order.Key(b.QueryCounts), order.Key(a.QueryCounts)), cmp.Compare(a.Query, b.Query))
	})
	if len(rows) > limit {
		rows = rows[:limit]
	}
	return rows
}
