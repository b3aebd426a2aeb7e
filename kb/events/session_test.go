package events

import (
	"math"
	"net/http"
	"strings"
	"testing"
	"time"

	"persiankb/kb/store"
)

func TestSessionID(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		id := NewSessionID()
		if !ValidSessionID(id) || seen[id] {
			t.Fatalf("NewSessionID() = %q: invalid or repeated", id)
		}
		seen[id] = true
	}
	tests := []struct {
		in   string
		want bool
	}{
		{"ABCDEFGHIJKLMNOPQRSTUVWXYZ", true},
		{"23456723456723456723456723", true},
		{"abcdefghijklmnopqrstuvwxyz", false}, // lower case
		{"ABCDEFGHIJKLMNOPQRSTUVWXY1", false}, // 1 is not base32
		{"ABCDEFGHIJKLMNOPQRSTUVWXY", false},  // too short
		{"ABCDEFGHIJKLMNOPQRSTUVWXYZA", false},
		{"", false},
		{"ABCDEFGHIJKLMNOPQRSTUVWX\u00c9", false},
	}
	for _, tc := range tests {
		if got := ValidSessionID(tc.in); got != tc.want {
			t.Errorf("ValidSessionID(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
}

func TestDoNotTrack(t *testing.T) {
	tests := []struct {
		name    string
		headers map[string]string
		want    bool
	}{
		{"none", nil, false},
		{"DNT 1", map[string]string{"DNT": "1"}, true},
		{"DNT 0", map[string]string{"DNT": "0"}, false},
		{"GPC", map[string]string{"Sec-GPC": "1"}, true},
		{"GPC with spaces", map[string]string{"Sec-Gpc": " 1 "}, true},
		{"GPC other value", map[string]string{"Sec-GPC": "yes"}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range tc.headers {
				h.Set(k, v)
			}
			if got := DoNotTrack(h); got != tc.want {
				t.Errorf("DoNotTrack(%v) = %v, want %v", h, got, tc.want)
			}
		})
	}
}

func TestHoldout(t *testing.T) {
	for _, bad := range []float64{-0.1, 0.51, math.NaN(), math.Inf(1)} {
		if _, err := NewHoldout(bad); err == nil {
			t.Errorf("NewHoldout(%v) accepted", bad)
		}
	}
	const sessions = 20000
	ids := make([]string, sessions)
	for i := range ids {
		ids[i] = NewSessionID()
	}
	tests := []struct {
		fraction float64
		low, hi  int // a 6-sigma band around fraction*sessions: fails by chance about never
	}{
		{0, 0, 0},
		{0.05, 812, 1188},
		{0.5, 9576, 10424},
	}
	for _, tc := range tests {
		h, err := NewHoldout(tc.fraction)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, id := range ids {
			if h.Contains(id) {
				n++
				if !h.Contains(id) {
					t.Fatalf("assignment of %s changed", id)
				}
			}
		}
		if n < tc.low || n > tc.hi {
			t.Errorf("fraction %v: %d of %d sessions held out, want %d..%d", tc.fraction, n, sessions, tc.low, tc.hi)
		}
		if h.Contains("") {
			t.Errorf("fraction %v: a Do-Not-Track visit is held out", tc.fraction)
		}
	}
	// Nested: a session held out at 5% is held out at 50% too (raising the fraction only adds).
	small, _ := NewHoldout(0.05)
	big, _ := NewHoldout(0.5)
	for _, id := range ids {
		if small.Contains(id) && !big.Contains(id) {
			t.Fatalf("%s held out at 5%% but not at 50%%", id)
		}
	}
}

func TestNewVisit(t *testing.T) {
	all, _ := NewHoldout(MaxHoldout)
	valid := NewSessionID()
	dnt := http.Header{"Dnt": {"1"}}
	tests := []struct {
		name        string
		h           http.Header
		cookie      string
		wantSession string // "new" for a fresh ID
		wantNew     bool
	}{
		{"no cookie", http.Header{}, "", "new", true},
		{"valid cookie continues", http.Header{}, valid, valid, false},
		{"forged cookie replaced", http.Header{}, "<script>", "new", true},
		{"Do-Not-Track ignores the cookie", dnt, valid, "", false},
		{"Do-Not-Track without cookie", dnt, "", "", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v, isNew := NewVisit(tc.h, tc.cookie, all)
			switch {
			case isNew != tc.wantNew:
				t.Errorf("isNew = %v, want %v", isNew, tc.wantNew)
			case tc.wantSession == "new" && (!ValidSessionID(v.SessionID) || v.SessionID == tc.cookie):
				t.Errorf("session %q, want a new one", v.SessionID)
			case tc.wantSession != "new" && v.SessionID != tc.wantSession:
				t.Errorf("session %q, want %q", v.SessionID, tc.wantSession)
			case v.Holdout != all.Contains(v.SessionID):
				t.Errorf("Holdout = %v for %q", v.Holdout, v.SessionID)
			}
		})
	}
}

func TestVisitEvents(t *testing.T) {
	v := Visit{SessionID: NewSessionID(), Holdout: true}
	at := time.Date(2025, 3, 21, 10, 0, 0, 0, time.UTC)
	long := strings.Repeat("ب", MaxQueryRunes+10)
	tests := []struct {
		name string
		got  store.Event
		want store.Event
	}{
		{"search", v.Search(at, " كيف پول؟ ", 3),
			store.Event{Type: store.EventSearch, Query: "كيف پول؟", NormQuery: "کیف پول", ResultCount: 3}},
		{"long query clipped", v.Search(at, long, 0),
			store.Event{Type: store.EventSearch, Query: long[:2*MaxQueryRunes], NormQuery: long[:2*100]}},
		{"result click", v.ResultClick(at, "رمز‌عبور", "reset", 2),
			store.Event{Type: store.EventResultClick, NormQuery: "رمز عبور", Slug: "reset", Rank: 2}},
		{"view", v.ArticleView(at, "refund", store.SourceSuggestion),
			store.Event{Type: store.EventArticleView, Slug: "refund", Source: store.SourceSuggestion}},
		{"helpful yes", v.Helpful(at, "refund", true, ""), store.Event{Type: store.EventHelpful, Slug: "refund", Value: "yes"}},
		{"helpful no, reason", v.Helpful(at, "refund", false, "قدیمی\xff است"),
			store.Event{Type: store.EventHelpful, Slug: "refund", Value: "no", Reason: "قدیمی است"}},
		{"suggest shown", v.SuggestShown(at, "پرداخت ناموفق", 4),
			store.Event{Type: store.EventSuggestShown, NormQuery: "پرداخت ناموفق", ResultCount: 4}},
		{"suggest click", v.SuggestClick(at, "refund", 1), store.Event{Type: store.EventSuggestClick, Slug: "refund", Rank: 1}},
		{"solved", v.SuggestSolved(at, "refund"), store.Event{Type: store.EventSuggestSolved, Slug: "refund"}},
		{"form started", v.FormStarted(at), store.Event{Type: store.EventFormStarted}},
		{"form submitted", v.FormSubmitted(at), store.Event{Type: store.EventFormSubmitted}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.want.OccurredAt, tc.want.SessionID, tc.want.Holdout = at, v.SessionID, true
			if tc.got != tc.want {
				t.Errorf("\n got %+v\nwant %+v", tc.got, tc.want)
			}
		})
	}
}
