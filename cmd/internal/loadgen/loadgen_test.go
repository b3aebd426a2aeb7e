package loadgen

import (
	"testing"
	"time"
)

func TestPercentile(t *testing.T) {
	lat := []time.Duration{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}
	for i := range lat {
		lat[i] *= time.Millisecond
	}
	tests := []struct {
		p    int
		want time.Duration
	}{{50, 5 * time.Millisecond}, {90, 9 * time.Millisecond}, {99, 10 * time.Millisecond}, {100, 10 * time.Millisecond}}
	for _, tt := range tests {
		if got := Pct(lat, tt.p); got != tt.want {
			t.Errorf("Pct(%d) = %v, want %v", tt.p, got, tt.want)
		}
	}
	if Pct(nil, 50) != 0 {
		t.Error("empty percentiles must be 0")
	}
}
