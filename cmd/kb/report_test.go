package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"persiankb/kb/events"
	"persiankb/kb/stats"
	"persiankb/kb/store"
	"persiankb/search/persian"
)

func TestReportRange(t *testing.T) {
	now := time.Date(2025, 3, 21, 22, 0, 0, 0, time.UTC) // already March 22 in Tehran
	tests := []struct {
		name    string
		args    []string
		env     map[string]string
		want    string
		wantErr string
	}{
		{name: "default: last 30 days in Tehran", want: "2025-02-21..2025-03-22"},
		{name: "since 7d", args: []string{"--since", "7d"}, want: "2025-03-16..2025-03-22"},
		{name: "UTC from the environment", env: map[string]string{"KB_TZ": "UTC"}, args: []string{"--since", "1"}, want: "2025-03-21..2025-03-21"},
		{name: "from and to", args: []string{"--from", "2025-01-01", "--to", "2025-01-31"}, want: "2025-01-01..2025-01-31"},
		{name: "from until today", args: []string{"--from", "2025-03-20"}, want: "2025-03-20..2025-03-22"},
		{name: "bad since", args: []string{"--since", "month"}, wantErr: "--since"},
		{name: "zero days", args: []string{"--since", "0d"}, wantErr: "--since"},
		{name: "bad day", args: []string{"--from", "2025-02-30"}, wantErr: "--from"},
		{name: "reversed", args: []string{"--from", "2025-03-10", "--to", "2025-03-01"}, wantErr: "first before last"},
		{name: "bad zone", args: []string{"--tz", "Mars/Olympus"}, wantErr: "--tz"},
		{name: "bad top", args: []string{"--top", "0"}, wantErr: "--top"},
		{name: "stray argument", args: []string{"30d"}, wantErr: "unexpected argument"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env, _, _ := testEnv(tc.env)
			c, err := parseReportConfig(env, tc.args)
			var rng stats.Range
			if err == nil {
				rng, err = c.reportRange(now)
			}
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tc.wantErr)
				}
				return
			}
			if err != nil || rng.String() != tc.want {
				t.Errorf("range = %v, %v; want %s", rng, err, tc.want)
			}
		})
	}
}

// TestRunReport records a few visits through the Recorder into a real store and prints the
// report of the last 7 days.
func TestRunReport(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := store.OpenSQLite(ctx, filepath.Join(dir, defaultStoreFile))
	if err != nil {
		t.Fatal(err)
	}
	rec := events.NewRecorder(s, events.Config{})
	at := time.Now().UTC().Truncate(24 * time.Hour).Add(-38 * time.Hour) // 10:00 UTC two days ago
	v := events.Visit{SessionID: events.NewSessionID()}
	w := events.Visit{SessionID: events.NewSessionID()}
	for _, e := range []store.Event{
		v.FormStarted(at), v.SuggestShown(at.Add(time.Minute), "پرداخت ناموفق", 3),
		v.SuggestSolved(at.Add(2*time.Minute), "failed-payment"),
		v.Search(at.Add(3*time.Minute), "كد تخفيف", 0),
		events.Visit{}.FormSubmitted(at.Add(time.Hour)), // Do-Not-Track ticket
		w.Search(at, "ارسال سفارش", 4), w.Search(at.Add(time.Minute), "ارسال سفارش", 4),
		w.ResultClick(at.Add(2*time.Minute), "ارسال سفارش", "shipping", 1), // one of the two searches clicked
	} {
		rec.Record(e)
	}
	if err := rec.Close(ctx); err != nil {
		t.Fatal(err)
	}
	s.Close()

	tests := []struct {
		name    string
		args    []string
		want    []string
		wantErr string
	}{
		{"figures", []string{"--data", dir, "--since", "7d", "--tz", "UTC"}, []string{
			"(7 days, UTC)", "tickets submitted  1", "self-service score  2.0", "deflection rate  100.0%  1 of 1",
			"zero-result rate  33.3%", "Do-Not-Track/GPC): 1 of 8", "Content gaps: searches without results",
			"Content gaps: searches with results but no click", "no click  CTR  query", "2  0  2  1  1  50.0%  ارسال سفارش",
			"کد تخفیف", "Articles credited with deflections", "failed-payment",
		}, ""},
		{"empty range", []string{"--data", dir, "--from", "2020-01-01", "--to", "2020-01-31", "--no-rollup"},
			[]string{"No events recorded in this range."}, ""},
		{"no store", []string{"--data", filepath.Join(dir, "missing")}, nil, "no store at"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env, out, _ := testEnv(nil)
			err := runReport(ctx, env, tc.args)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			text := squeeze(out.String())
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("report lacks %q:\n%s", w, out)
				}
			}
		})
	}
}

// squeeze collapses runs of spaces, so assertions do not depend on column widths.
func squeeze(s string) string { return manySpaces.ReplaceAllString(s, "  ") }

var manySpaces = regexp.MustCompile(` {2,}`)

// TestQueryGroupingFollowsSearch checks, on the search analyzer's own normalization cases, that
// the metrics group together every two queries that search treats as the same text:
// stats.NormalizeQuery(persian.Normalize(q)) == stats.NormalizeQuery(q). It lives here because
// kb/stats may not import search.
func TestQueryGroupingFollowsSearch(t *testing.T) {
	for _, q := range groupingCases {
		if a, b := stats.NormalizeQuery(persian.Normalize(q)), stats.NormalizeQuery(q); a != b {
			t.Errorf("%q: grouped as %q after the search normalization, %q before", q, a, b)
		}
	}
}

func FuzzQueryGroupingFollowsSearch(f *testing.F) {
	for _, q := range groupingCases {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, q string) {
		if a, b := stats.NormalizeQuery(persian.Normalize(q)), stats.NormalizeQuery(q); a != b {
			t.Errorf("%q: grouped as %q after the search normalization, %q before", q, a, b)
		}
	})
}

var groupingCases = []string{
	"كيف پول", "مدرسة", "خانۀ من", "آدرس أمن إيران", "مَـــحصول", "اعضاء", "اجزاء‌ها", "رئال", "ری\u0654ال",
	"ه\u0654", "ا\u0653", "سفارش ۱۲۳ و ٤٥", "می\u200cخواهم", "ب\u200c1", "\u200cالف", "می\u200c\u200cروم",
	"\u200fرمز\u200b عبور\u202c", "Refund IPHONE", "ＲＥＦＵＮＤ ﻻ", "ﷺ", "پرداخت؟!", "e-mail 1.5", "ab\xffc",
	"İstanbul", "ǅ", "ب\u200c.ب", "اء\u200cب", "!ء\u200cب",
}

// TestRunReportPending checks that a session still in its 30-minute window is reported in each
// window it is in (shown suggestions, ticket form), not summed into two sessions.
func TestRunReportPending(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := store.OpenSQLite(ctx, filepath.Join(dir, defaultStoreFile))
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	v := events.Visit{SessionID: events.NewSessionID()}
	if err := s.InsertEvents(ctx, []store.Event{v.FormStarted(now.Add(-5 * time.Minute)),
		v.SuggestShown(now.Add(-4*time.Minute), "پولم برنگشته", 3)}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	env, out, _ := testEnv(nil)
	if err := runReport(ctx, env, []string{"--data", dir, "--since", "2d", "--tz", "UTC"}); err != nil {
		t.Fatal(err)
	}
	want := "still in their 30-minute window  1 shown suggestions, 1 ticket-form sessions  not counted yet"
	if !strings.Contains(squeeze(out.String()), want) {
		t.Errorf("report lacks %q:\n%s", want, out)
	}
}
