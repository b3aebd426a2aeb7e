// Package eval measures search relevance: relevance sets, query variants and ranking metrics.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strings"
)

// Cutoff is the rank depth of every metric: a customer rarely looks past the first page of ten.
const Cutoff = 10

// maxLine bounds one JSONL line; PQuAD paragraphs are a few KB, articles under a few hundred KB.
const maxLine = 4 << 20

// Doc is one document of a relevance set.
type Doc struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

// Query is one query with its relevant document IDs. Grades, when present, give graded
// relevance (2 answers the query, 1 partly relevant); otherwise every relevant doc has grade 1.
type Query struct {
	ID       string         `json:"id"`
	Query    string         `json:"query"`
	Relevant []string       `json:"relevant"`
	Grades   map[string]int `json:"grades,omitempty"`
}

// grade is the relevance grade of doc id for q (0 when not relevant).
func (q Query) grade(id string) int {
	if g, ok := q.Grades[id]; ok {
		return g
	}
	for _, r := range q.Relevant {
		if r == id {
			return 1
		}
	}
	return 0
}

// ReadJSONL decodes one JSON value per non-empty line, reporting errors with their line number.
func ReadJSONL[T any](r io.Reader, name string) ([]T, error) {
	var out []T
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxLine)
	line := 0
	for sc.Scan() {
		line++
		b := strings.TrimSpace(sc.Text())
		if b == "" {
			continue
		}
		var v T
		if err := json.Unmarshal([]byte(b), &v); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s:%d: %w", name, line+1, err)
	}
	return out, nil
}

// Metrics are mean ranking metrics over a set of queries, all at depth Cutoff.
type Metrics struct {
	N      int     // queries measured
	MRR    float64 // mean reciprocal rank of the first relevant result
	R1     float64 // share of queries whose first result is relevant
	R10    float64 // mean share of relevant docs found in the top Cutoff
	NDCG   float64 // normalized discounted cumulative gain (graded)
	Errors int     // queries whose search failed (counted as zero)
}

// Add accumulates one query's ranked result IDs.
func (m *Metrics) Add(q Query, ranked []string) {
	m.N++
	if len(ranked) > Cutoff {
		ranked = ranked[:Cutoff]
	}
	var dcg float64
	found := 0
	for i, id := range ranked {
		g := q.grade(id)
		if g == 0 {
			continue
		}
		if found == 0 {
			m.MRR += 1 / float64(i+1)
			if i == 0 {
				m.R1++
			}
		}
		found++
		dcg += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i+2))
	}
	if len(q.Relevant) > 0 {
		m.R10 += float64(found) / float64(len(q.Relevant))
	}
	if ideal := idealDCG(q); ideal > 0 {
		m.NDCG += dcg / ideal
	}
}

// idealDCG is the DCG of the best possible ranking for q.
func idealDCG(q Query) float64 {
	grades := make([]int, 0, len(q.Relevant))
	for _, id := range q.Relevant {
		grades = append(grades, q.grade(id))
	}
	// Highest grades first; few relevant docs per query, so insertion sort is plenty.
	for i := 1; i < len(grades); i++ {
		for j := i; j > 0 && grades[j] > grades[j-1]; j-- {
			grades[j], grades[j-1] = grades[j-1], grades[j]
		}
	}
	var dcg float64
	for i, g := range grades {
		if i >= Cutoff {
			break
		}
		dcg += (math.Pow(2, float64(g)) - 1) / math.Log2(float64(i+2))
	}
	return dcg
}

// Mean returns the metrics divided by the number of queries.
func (m Metrics) Mean() Metrics {
	if m.N == 0 {
		return m
	}
	n := float64(m.N)
	return Metrics{N: m.N, MRR: m.MRR / n, R1: m.R1 / n, R10: m.R10 / n, NDCG: m.NDCG / n, Errors: m.Errors}
}
