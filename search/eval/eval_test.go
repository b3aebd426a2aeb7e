package eval

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestMetricsAdd(t *testing.T) {
	tests := []struct {
		name   string
		q      Query
		ranked []string
		want   Metrics
	}{
		{"first hit", Query{Relevant: []string{"a"}}, []string{"a", "b"}, Metrics{N: 1, MRR: 1, R1: 1, R10: 1, NDCG: 1}},
		{"second hit", Query{Relevant: []string{"a"}}, []string{"b", "a"}, Metrics{N: 1, MRR: 0.5, R10: 1, NDCG: 1 / math.Log2(3)}},
		{"miss", Query{Relevant: []string{"a"}}, []string{"b", "c"}, Metrics{N: 1}},
		{"beyond cutoff", Query{Relevant: []string{"k"}}, strings.Split("a b c d e f g h i j k", " "), Metrics{N: 1}},
		{"half recall", Query{Relevant: []string{"a", "z"}}, []string{"a"}, Metrics{N: 1, MRR: 1, R1: 1, R10: 0.5,
			NDCG: 1 / (1 + 1/math.Log2(3))}},
		{"graded order", Query{Relevant: []string{"a", "b"}, Grades: map[string]int{"a": 2, "b": 1}}, []string{"b", "a"},
			Metrics{N: 1, MRR: 1, R1: 1, R10: 1, NDCG: (1 + 3/math.Log2(3)) / (3 + 1/math.Log2(3))}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m Metrics
			m.Add(tt.q, tt.ranked)
			g := m.Mean()
			if g.N != tt.want.N || !near(g.MRR, tt.want.MRR) || !near(g.R1, tt.want.R1) || !near(g.R10, tt.want.R10) || !near(g.NDCG, tt.want.NDCG) {
				t.Errorf("got %+v, want %+v", g, tt.want)
			}
		})
	}
}

func TestReadJSONL(t *testing.T) {
	qs, err := ReadJSONL[Query](strings.NewReader(`{"id":"1","query":"رمز","relevant":["a"]}`+"\n\n"+`{"id":"2","query":"x","relevant":[]}`), "q.jsonl")
	if err != nil || len(qs) != 2 || qs[0].Query != "رمز" {
		t.Fatalf("got %v, %v", qs, err)
	}
	_, err = ReadJSONL[Query](strings.NewReader("{\"id\":\"1\"}\n{bad"), "q.jsonl")
	if err == nil || !strings.HasPrefix(err.Error(), "q.jsonl:2:") {
		t.Fatalf("want q.jsonl:2 error, got %v", err)
	}
}

func TestVariants(t *testing.T) {
	q := "چطور می‌توانم رمز را تغییر دهم"
	got := map[string]string{}
	for _, v := range Variants(func(s string) string { return "L:" + s }) {
		got[v.Name] = v.Apply("q1", q)
	}
	want := map[string]string{
		"clean":          q,
		"arabic-yeh-kaf": "چطور مي‌توانم رمز را تغيير دهم",
		"zwnj-joined":    "چطور میتوانم رمز را تغییر دهم",
		"zwnj-space":     "چطور می توانم رمز را تغییر دهم",
		"wrong-layout":   "L:" + q,
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: got %q, want %q", name, got[name], w)
		}
	}
	typo := got["one-typo"]
	if typo == q || len([]rune(typo)) < len([]rune(q))-1 || len([]rune(typo)) > len([]rune(q)) {
		t.Errorf("one-typo: got %q", typo)
	}
	if again := Typo("q1", q); again != typo {
		t.Errorf("Typo not deterministic: %q vs %q", again, typo)
	}
	if short := Typo("q1", "رمز کد"); short != "رمز کد" {
		t.Errorf("short words must be left alone, got %q", short)
	}
}

func TestRunAndTable(t *testing.T) {
	qs := []Query{{ID: "1", Query: "a", Relevant: []string{"d1"}}, {ID: "2", Query: "b", Relevant: []string{"d2"}}}
	perfect := func(q string) ([]string, error) {
		if q == "a" {
			return []string{"d1"}, nil
		}
		return []string{"x", "d2"}, nil
	}
	broken := func(string) ([]string, error) { return nil, errors.New("boom") }
	rows := Run(qs, Variants(nil)[:1], []System{{"base", perfect}, {"new", broken}})
	if len(rows) != 2 || !near(rows[0].Metrics.MRR, 0.75) || rows[1].Metrics.Errors != 2 || rows[1].Metrics.MRR != 0 {
		t.Fatalf("rows: %+v", rows)
	}
	var b strings.Builder
	if err := WriteTable(&b, rows, []string{"base", "new"}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "0.7500") || !strings.Contains(b.String(), "0.000x") {
		t.Errorf("table:\n%s", b.String())
	}
}
