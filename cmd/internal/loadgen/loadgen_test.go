package loadgen

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestScheduleTouch checks that the touch adds words to the article (a whitespace-only change
// is not re-indexed) and that the original bytes come back afterwards.
func TestScheduleTouch(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.md")
	orig := "---\ntitle: الف\n---\n\nمتن.\n"
	if err := os.WriteFile(path, []byte(orig), 0o644); err != nil {
		t.Fatal(err)
	}
	var at atomic.Int64
	restore, err := scheduleTouch(context.Background(), path, 0, time.Now(), &at)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for at.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	b, _ := os.ReadFile(path)
	added, ok := strings.CutPrefix(string(b), orig)
	if at.Load() == 0 || !ok || strings.TrimSpace(added) == "" {
		t.Fatalf("touched file %q: want the original followed by words", b)
	}
	restore()
	if b, _ := os.ReadFile(path); string(b) != orig {
		t.Errorf("restored file %q, want %q", b, orig)
	}
}

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
