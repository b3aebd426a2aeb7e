package main

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var support = []string{"../../search/testdata/support/queries.jsonl", "../../search/testdata/support/messages.jsonl"}

func TestParseConfig(t *testing.T) {
	tests := []struct {
		args []string
		ok   bool
	}{
		{nil, true},
		{[]string{"--sizes", "1_000,10000"}, true},
		{[]string{"--sizes", "0"}, false},
		{[]string{"--sizes", "ten"}, false},
		{[]string{"--sizes", ""}, false},
		{[]string{"--analyzers", ""}, false},
		{[]string{"--latency-clients", "0"}, false},
		{[]string{"--duration", "0s"}, false},
		{[]string{"--repeat", "100"}, false},
		{[]string{"extra"}, false},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			_, err := parseConfig(tt.args, &bytes.Buffer{})
			if (err == nil) != tt.ok {
				t.Errorf("parseConfig(%q) = %v, want ok=%v", tt.args, err, tt.ok)
			}
		})
	}
}

func TestStatusKB(t *testing.T) {
	status := "Name:\tkb\nVmHWM:\t  123456 kB\nVmRSS:\t   2048 kB\n"
	if got := statusKB(status, "VmHWM:"); got != 123456 {
		t.Errorf("VmHWM = %d", got)
	}
	if got := statusKB(status, "VmSwap:"); got != 0 {
		t.Errorf("missing key = %d, want 0", got)
	}
}

func TestStatCPU(t *testing.T) {
	stat := "4242 (kb serve) S 1 2 3 4 5 6 7 8 9 10 150 25 0 0 20 0 12 0 100 1000 50"
	got, err := statCPU(stat)
	if err != nil || got != 175*clockTick {
		t.Errorf("statCPU = %v, %v; want %v", got, err, 175*clockTick)
	}
	if _, err := statCPU("garbage"); err == nil {
		t.Error("statCPU accepted a malformed line")
	}
}

// TestRunSmall builds kb and runs the whole benchmark on a small help center.
func TestRunSmall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds kb")
	}
	bin := filepath.Join(t.TempDir(), "kb")
	if out, err := exec.Command("go", "build", "-o", bin, "../kb").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	var out, errb bytes.Buffer
	args := []string{"--kb", bin, "--sizes", "40", "--duration", "300ms", "--warmup", "0s",
		"--content", "../../content", "--support", strings.Join(support, ","), "--generated-queries", "20"}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, args, &out, &errb); err != nil {
		t.Fatalf("run: %v\n%s", err, errb.String())
	}
	for _, want := range []string{"| 40 | persian |", "| 40 | fa_stock |", "1.00×", "load at end"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "| 40 | persian |") && !strings.HasSuffix(strings.TrimSpace(rowOf(out.String(), "| 40 | persian |")), "| 0 |") {
		t.Errorf("failed requests:\n%s", out.String())
	}
}

// rowOf is the line of report that starts with prefix.
func rowOf(report, prefix string) string {
	for line := range strings.Lines(report) {
		if strings.HasPrefix(line, prefix) {
			return line
		}
	}
	return ""
}
