package eval

import (
	"fmt"
	"io"
	"text/tabwriter"
)

// SearchFunc returns the IDs of the top results for a query, best first.
type SearchFunc func(query string) ([]string, error)

// System is one search setup under test.
type System struct {
	Name   string
	Search SearchFunc
}

// Row is the metrics of one system on one variant of the query set.
type Row struct {
	System  string
	Variant string
	Metrics Metrics // means
}

// Run measures every system on every variant of the queries.
func Run(queries []Query, variants []Variant, systems []System) []Row {
	var rows []Row
	for _, v := range variants {
		for _, s := range systems {
			var m Metrics
			for _, q := range queries {
				ranked, err := s.Search(v.Apply(q.ID, q.Query))
				if err != nil {
					m.Errors++
					ranked = nil
				}
				m.Add(q, ranked)
			}
			rows = append(rows, Row{System: s.Name, Variant: v.Name, Metrics: m.Mean()})
		}
	}
	return rows
}

// find returns the row of a system and variant.
func find(rows []Row, system, variant string) (Row, bool) {
	for _, r := range rows {
		if r.System == system && r.Variant == variant {
			return r, true
		}
	}
	return Row{}, false
}

// WriteTable prints the rows, each variant's loss against the same system's clean MRR,
// and, for every system after the first, its MRR as a ratio of the first (baseline) system's.
func WriteTable(w io.Writer, rows []Row, systems []string) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "variant\tsystem\tMRR@10\tR@1\tR@10\tnDCG@10\tvs clean\tvs "+systems[0]+"\terrors\t")
	for _, r := range rows {
		m := r.Metrics
		loss := "-"
		if c, ok := find(rows, r.System, "clean"); ok && c.Metrics.MRR > 0 && r.Variant != "clean" {
			loss = fmt.Sprintf("%+.1f%%", 100*(m.MRR/c.Metrics.MRR-1))
		}
		ratio := "-"
		if b, ok := find(rows, systems[0], r.Variant); ok && r.System != systems[0] && b.Metrics.MRR > 0 {
			ratio = fmt.Sprintf("%.3fx", m.MRR/b.Metrics.MRR)
		}
		fmt.Fprintf(tw, "%s\t%s\t%.4f\t%.4f\t%.4f\t%.4f\t%s\t%s\t%d\t\n",
			r.Variant, r.System, m.MRR, m.R1, m.R10, m.NDCG, loss, ratio, m.Errors)
	}
	return tw.Flush()
}
