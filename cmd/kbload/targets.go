package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	"net/url"
	"os"
	"strings"

	"persiankb/cmd/internal/loadgen"
)

// readTexts reads the "query" or "message" field of every JSONL line.
func readTexts(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var v struct{ Query, Message string }
		if err := json.Unmarshal([]byte(line), &v); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		if t := strings.TrimSpace(v.Query + v.Message); t != "" {
			out = append(out, t)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no queries", path)
	}
	return out, nil
}

// buildTargets mixes the three search routes customers hit: the JSON search API, the results
// page, and the ticket form's live suggestions (typing: growing prefixes of the text).
func buildTargets(base string, texts []string) []loadgen.Target {
	base = strings.TrimRight(base, "/")
	var ts []loadgen.Target
	for _, t := range texts {
		q := url.QueryEscape(t)
		ts = append(ts,
			loadgen.Target{Route: "/api/search", URL: base + "/api/search?q=" + q},
			loadgen.Target{Route: "/search", URL: base + "/search?q=" + q},
		)
		r := []rune(t)
		if len(r) > 6 {
			ts = append(ts, loadgen.Target{Route: "/api/suggest", URL: base + "/api/suggest?q=" + url.QueryEscape(string(r[:len(r)*2/3]))})
		}
		ts = append(ts, loadgen.Target{Route: "/api/suggest", URL: base + "/api/suggest?q=" + q})
	}
	return ts
}

// checkLocal refuses any target that is not on this machine's loopback.
func checkLocal(base string) error {
	u, err := url.Parse(base)
	if err != nil || u.Host == "" {
		return fmt.Errorf("bad --url %q", base)
	}
	host := u.Hostname()
	if host == "localhost" {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("--url %q: kbload only targets loopback addresses (127.0.0.0/8, ::1, localhost)", base)
}
