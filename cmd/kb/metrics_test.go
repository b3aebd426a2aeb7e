package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"persiankb/kb/events"
	"persiankb/kb/store"
)

func TestParseMetricsConfig(t *testing.T) {
	tests := []struct {
		name      string
		env       map[string]string
		args      []string
		wantZone  string
		wantKeep  time.Duration
		wantOff   bool
		wantHeld  bool // a session is in the holdout for sure (fraction 0.5, many sessions)
		wantError string
	}{
		{name: "defaults", wantZone: "Asia/Tehran"},
		{name: "env", env: map[string]string{"KB_TZ": "UTC", "KB_HOLDOUT": "0.5", "KB_KEEP_EVENTS": "2160h"},
			wantZone: "UTC", wantKeep: 2160 * time.Hour, wantHeld: true},
		{name: "flags", args: []string{"--tz", "Europe/Berlin", "--no-metrics"}, wantZone: "Europe/Berlin", wantOff: true},
		{name: "bad zone", args: []string{"--tz", "Mars/Base"}, wantError: `unknown --tz "Mars/Base"`},
		{name: "holdout too large", args: []string{"--holdout", "0.9"}, wantError: "holdout fraction 0.9"},
		{name: "holdout not a number", args: []string{"--holdout", "five"}, wantError: `bad --holdout "five"`},
		{name: "negative retention", args: []string{"--keep-events", "-1h"}, wantError: "bad --keep-events"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, _ := testEnv(tt.env)
			c, err := parseServeConfig(env, tt.args)
			if tt.wantError != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantError) {
					t.Fatalf("error = %v, want %q", err, tt.wantError)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			m := c.Metrics
			if m.loc.String() != tt.wantZone || m.KeepRaw != tt.wantKeep || m.Disabled != tt.wantOff {
				t.Errorf("metrics = %+v (zone %s)", m, m.loc)
			}
			held := false
			for i := range 64 {
				held = held || m.holdout.Contains(strings.Repeat("A", 25)+string(rune('A'+i%26)))
			}
			if held != tt.wantHeld {
				t.Errorf("holdout holds sessions: %v, want %v", held, tt.wantHeld)
			}
		})
	}
}

func TestMetricsFlushOnClose(t *testing.T) {
	ctx := context.Background()
	st, err := store.OpenSQLite(ctx, filepath.Join(t.TempDir(), defaultStoreFile))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	c := metricsConfig{TimeZone: "UTC", Holdout: "0"}
	if err := c.validate(); err != nil {
		t.Fatal(err)
	}
	m, err := startMetrics(ctx, c, st, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	m.recorder().Record(events.Visit{SessionID: events.NewSessionID()}.Search(at, "بازگشت وجه", 3))
	m.Close()
	var got []store.Event
	if err := st.ScanEvents(ctx, at.Add(-time.Hour), at.Add(time.Hour), func(e store.Event) error {
		got = append(got, e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Type != store.EventSearch || got[0].ResultCount != 3 {
		t.Fatalf("stored events = %+v, want the search", got)
	}
	var off *metrics
	if m.source() == nil || off.source() != nil {
		t.Error("the dashboard's source is missing, or present when metrics are disabled")
	}
	if off.recorder() != nil {
		t.Error("disabled metrics have a recorder")
	}
	off.Close() // no-op
}
