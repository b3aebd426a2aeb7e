package stats

import (
	"math"
	"testing"
)

// Reference values from Newcombe, "Interval estimation for the difference between independent
// proportions: comparison of eleven methods", Statistics in Medicine 17 (1998), Table II
// (method 10), and "Two-sided confidence intervals for the single proportion", same volume,
// Table I (Wilson score method, no continuity correction).
func TestWilson(t *testing.T) {
	tests := []struct {
		x, n      int64
		low, high float64
		ok        bool
	}{
		{81, 263, 0.2553, 0.3662, true},
		{15, 148, 0.0624, 0.1605, true},
		{0, 20, 0, 0.1611, true},
		{1, 29, 0.0061, 0.1718, true},
		{0, 0, 0, 0, false},
		{3, 2, 0, 0, false},
	}
	for _, tc := range tests {
		low, high, ok := Wilson(tc.x, tc.n)
		if ok != tc.ok || math.Abs(low-tc.low) > 5e-5 || math.Abs(high-tc.high) > 5e-5 {
			t.Errorf("Wilson(%d, %d) = %.4f, %.4f, %v; want %.4f, %.4f, %v", tc.x, tc.n, low, high, ok, tc.low, tc.high, tc.ok)
		}
	}
}

func TestDiffInterval(t *testing.T) {
	tests := []struct {
		x1, n1, x2, n2 int64
		want           Interval
	}{
		{56, 70, 48, 80, Interval{0.2, 0.0524, 0.3339, true}},
		{9, 10, 3, 10, Interval{0.6, 0.1705, 0.8090, true}},
		{5, 56, 0, 29, Interval{0.0893, -0.0381, 0.1926, true}},
		{0, 10, 0, 20, Interval{0, -0.1611, 0.2775, true}},
		{3, 10, 0, 0, Interval{}},
	}
	for _, tc := range tests {
		got := DiffInterval(tc.x1, tc.n1, tc.x2, tc.n2)
		w := tc.want
		if got.OK != w.OK || math.Abs(got.Estimate-w.Estimate) > 5e-5 || math.Abs(got.Low-w.Low) > 5e-5 || math.Abs(got.High-w.High) > 5e-5 {
			t.Errorf("DiffInterval(%d/%d - %d/%d) = %+v, want %+v", tc.x1, tc.n1, tc.x2, tc.n2, got, w)
		}
	}
}
