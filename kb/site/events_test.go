package site

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"persiankb/kb/events"
	"persiankb/kb/stats"
	"persiankb/kb/store"
)

// memEvents keeps the recorded events in memory.
type memEvents struct {
	mu  sync.Mutex
	got []store.Event
}

func (m *memEvents) Record(e store.Event) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.got = append(m.got, e)
}

// take returns the events recorded since the last call.
func (m *memEvents) take() []store.Event {
	m.mu.Lock()
	defer m.mu.Unlock()
	got := m.got
	m.got = nil
	return got
}

// newEventsEnv is the ticket test server recording events in memory with the given holdout.
func newEventsEnv(t *testing.T, holdout float64) (*ticketEnv, *memEvents) {
	t.Helper()
	h, err := events.NewHoldout(holdout)
	if err != nil {
		t.Fatal(err)
	}
	rec := &memEvents{}
	e := newTicketEnv(t, func(c *Config) { c.Events, c.Holdout = rec, h })
	return e, rec
}

const refundQuery = "بازگشت وجه"

// wantEvent is what a test checks of a recorded event; empty fields are not checked.
type wantEvent struct {
	Type, NormQuery, Slug, Source, Value, Reason string
	Rank, MinResults                             int
}

func checkEvents(t *testing.T, got []store.Event, want []wantEvent, session string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("recorded %d events %+v, want %d %+v", len(got), got, len(want), want)
	}
	for i, w := range want {
		g := got[i]
		ok := g.Type == w.Type && (w.NormQuery == "" || g.NormQuery == w.NormQuery) &&
			(w.Slug == "" || g.Slug == w.Slug) && (w.Source == "" || g.Source == w.Source) &&
			(w.Value == "" || g.Value == w.Value) && g.Reason == w.Reason && g.Rank == w.Rank &&
			g.ResultCount >= w.MinResults && g.SessionID == session && !g.OccurredAt.IsZero()
		if !ok {
			t.Errorf("event %d = %+v, want %+v in session %q", i, g, w, session)
		}
	}
}

func TestEventsRecorded(t *testing.T) {
	e, rec := newEventsEnv(t, 0)
	fc := newClient(t, e.h, "198.51.100.60") // the ticket form: form_started
	session := fc.cookies[events.SessionCookie]
	if session == nil || !events.ValidSessionID(session.Value) || !session.HttpOnly ||
		session.SameSite != http.SameSiteLaxMode || session.MaxAge != int(events.SessionIdle.Seconds()) {
		t.Fatalf("session cookie = %+v", session)
	}
	checkEvents(t, rec.take(), []wantEvent{{Type: store.EventFormStarted}}, session.Value)
	norm := stats.NormalizeQuery(refundQuery)
	searchURL := "/search?q=" + url.QueryEscape(refundQuery)
	get := func(target, referer string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, target, nil)
		if referer != "" {
			req.Header.Set("Referer", referer)
		}
		return fc.do(req)
	}
	tests := []struct {
		name string
		run  func() *httptest.ResponseRecorder
		code int
		body string
		want []wantEvent
	}{
		{"search page", func() *httptest.ResponseRecorder { return get(searchURL, "") }, 200,
			`href="/articles/refund?ref=search&amp;rank=1"`,
			[]wantEvent{{Type: store.EventSearch, NormQuery: norm, MinResults: 1}}},
		{"search page 2 is not a new search", func() *httptest.ResponseRecorder { return get(searchURL+"&page=2", "") }, 200, "", nil},
		{"search API", func() *httptest.ResponseRecorder { return get("/api/search?q="+url.QueryEscape(refundQuery), "") }, 200, "",
			[]wantEvent{{Type: store.EventSearch, NormQuery: norm, MinResults: 1}}},
		{"zero-result search", func() *httptest.ResponseRecorder { return get("/search?q=zzzqqq", "") }, 200, "",
			[]wantEvent{{Type: store.EventSearch, NormQuery: "zzzqqq"}}},
		{"result click", func() *httptest.ResponseRecorder {
			return get("/articles/refund?ref=search&rank=2", "http://example.com"+searchURL)
		}, 200, `action="/articles/refund/helpful"`, []wantEvent{
			{Type: store.EventArticleView, Slug: "refund", Source: store.SourceSearch},
			{Type: store.EventResultClick, Slug: "refund", NormQuery: norm, Rank: 2}}},
		{"direct view", func() *httptest.ResponseRecorder { return get("/articles/refund", "") }, 200, "",
			[]wantEvent{{Type: store.EventArticleView, Slug: "refund", Source: store.SourceDirect}}},
		{"agent link", func() *httptest.ResponseRecorder { return get("/articles/refund?ref=agent", "") }, 200, "",
			[]wantEvent{{Type: store.EventArticleView, Slug: "refund", Source: store.SourceAgent}}},
		{"suggestion link", func() *httptest.ResponseRecorder { return get("/articles/refund?ref=suggestion&rank=3", "") }, 200, "",
			[]wantEvent{{Type: store.EventArticleView, Slug: "refund", Source: store.SourceSuggestion},
				{Type: store.EventSuggestClick, Slug: "refund", Rank: 3}}},
		{"helpful yes", func() *httptest.ResponseRecorder {
			return fc.postForm("/articles/refund/helpful", url.Values{"answer": {"yes"}, "reason": {"  روشن بود "}})
		}, http.StatusSeeOther, "", []wantEvent{{Type: store.EventHelpful, Slug: "refund", Value: "yes", Reason: "روشن بود"}}},
		{"thank-you state is not a view", func() *httptest.ResponseRecorder { return get("/articles/refund?voted=yes", "") }, 200,
			"از پاسخ شما سپاسگزاریم", nil},
		{"helpful no", func() *httptest.ResponseRecorder {
			return fc.postForm("/articles/refund/helpful", url.Values{"answer": {"no"}})
		}, http.StatusSeeOther, "", []wantEvent{{Type: store.EventHelpful, Slug: "refund", Value: "no"}}},
		{"helpful forged", func() *httptest.ResponseRecorder {
			return fc.postForm("/articles/refund/helpful", url.Values{"answer": {"no"}, csrfField: {"forged"}})
		}, http.StatusBadRequest, "", nil},
		{"helpful over the size limit", func() *httptest.ResponseRecorder {
			return fc.postForm("/articles/refund/helpful", url.Values{"answer": {"no"}, "reason": {strings.Repeat("x", maxHelpfulForm)}})
		}, http.StatusBadRequest, "", nil},
		{"suggestions API", func() *httptest.ResponseRecorder { return get("/api/suggest?q="+url.QueryEscape(refundQuery), "") }, 200,
			`"url":"/articles/refund?ref=suggestion\u0026rank=1"`,
			[]wantEvent{{Type: store.EventSuggestShown, NormQuery: norm, MinResults: 1}}},
		{"suggestion opened in place", func() *httptest.ResponseRecorder {
			return get("/api/articles/refund?ref=suggestion&rank=1", "")
		}, 200, "", []wantEvent{{Type: store.EventArticleView, Slug: "refund", Source: store.SourceSuggestion},
			{Type: store.EventSuggestClick, Slug: "refund", Rank: 1}}},
		{"suggestions step", func() *httptest.ResponseRecorder { return fc.post(with(validFields(), stepField, "\x00")) }, 200,
			"?ref=suggestion&amp;rank=1", []wantEvent{{Type: store.EventSuggestShown, MinResults: 1}}},
		{"solved", func() *httptest.ResponseRecorder { return get("/tickets/solved?article=refund", "") }, 200, "",
			[]wantEvent{{Type: store.EventSuggestSolved, Slug: "refund"}}},
		{"ticket submitted", func() *httptest.ResponseRecorder { return fc.post(validFields()) }, http.StatusSeeOther, "",
			[]wantEvent{{Type: store.EventFormSubmitted}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.run()
			if r.Code != tt.code || !strings.Contains(r.Body.String(), tt.body) {
				t.Fatalf("status %d, want %d; body lacks %q:\n%.2000s", r.Code, tt.code, tt.body, r.Body.String())
			}
			checkEvents(t, rec.take(), tt.want, session.Value)
		})
	}
}

// postForm posts a URL-encoded form with the client's CSRF token unless fields set one.
func (fc *formClient) postForm(target string, fields url.Values) *httptest.ResponseRecorder {
	fc.t.Helper()
	if _, ok := fields[csrfField]; !ok {
		fields.Set(csrfField, fc.token)
	}
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(fields.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return fc.do(req)
}

func TestEventsDoNotTrack(t *testing.T) {
	for _, header := range []string{"DNT", "Sec-GPC"} {
		t.Run(header, func(t *testing.T) {
			e, rec := newEventsEnv(t, 0)
			req := httptest.NewRequest(http.MethodGet, "/search?q="+url.QueryEscape(refundQuery), nil)
			req.Header.Set(header, "1")
			req.AddCookie(&http.Cookie{Name: events.SessionCookie, Value: events.NewSessionID()})
			w := httptest.NewRecorder()
			e.h.ServeHTTP(w, req)
			if c := cookieNamed(w, events.SessionCookie); c != nil {
				t.Errorf("%s visit got a session cookie %+v", header, c)
			}
			checkEvents(t, rec.take(), []wantEvent{{Type: store.EventSearch, MinResults: 1}}, "")
		})
	}
}

// TestEventsCrawlers: a crawler's or link previewer's visit records nothing and gets no session
// cookie; a browser's, on the same pages, does.
func TestEventsCrawlers(t *testing.T) {
	e, rec := newEventsEnv(t, 0)
	pages := []string{"/search?q=" + url.QueryEscape(refundQuery), "/articles/refund"}
	for _, tt := range []struct {
		name, ua string
		events   int
	}{
		{"Googlebot", "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", 0},
		{"Telegram link preview", "TelegramBot (like TwitterBot)", 0},
		{"browser", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0", len(pages)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			for _, page := range pages {
				req := httptest.NewRequest(http.MethodGet, page, nil)
				req.Header.Set("User-Agent", tt.ua)
				w := httptest.NewRecorder()
				e.h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					t.Fatalf("GET %s: %d", page, w.Code)
				}
				if c := cookieNamed(w, events.SessionCookie); (c != nil) != (tt.events > 0) {
					t.Errorf("GET %s: session cookie %+v", page, c)
				}
			}
			if got := rec.take(); len(got) != tt.events {
				t.Errorf("recorded %d events %+v, want %d", len(got), got, tt.events)
			}
		})
	}
}

// TestEventsAPISessions: an API request without the session cookie (an integration) is recorded
// without a session and gets no cookie; with the cookie a page set, it is in that session; a
// page without a cookie starts one.
func TestEventsAPISessions(t *testing.T) {
	e, rec := newEventsEnv(t, 0)
	session := events.NewSessionID()
	apiURL := "/api/search?q=" + url.QueryEscape(refundQuery)
	for _, tt := range []struct {
		name, path, cookie string
		newSession         bool // a new session is started (cookie set, event in it)
	}{
		{"API without a cookie", apiURL, "", false},
		{"API with the page's cookie", apiURL, session, false},
		{"page without a cookie", "/search?q=" + url.QueryEscape(refundQuery), "", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, tt.path, nil)
			if tt.cookie != "" {
				req.AddCookie(&http.Cookie{Name: events.SessionCookie, Value: tt.cookie})
			}
			w := httptest.NewRecorder()
			e.h.ServeHTTP(w, req)
			set := cookieNamed(w, events.SessionCookie)
			got := rec.take()
			if w.Code != http.StatusOK || len(got) != 1 {
				t.Fatalf("status %d, events %+v: want 200 and one search", w.Code, got)
			}
			want := tt.cookie
			if tt.newSession {
				if set == nil || !events.ValidSessionID(set.Value) {
					t.Fatalf("no new session cookie: %+v", set)
				}
				want = set.Value
			} else if set != nil && tt.cookie == "" {
				t.Errorf("session cookie set: %+v", set)
			}
			if got[0].SessionID != want {
				t.Errorf("event in session %q, want %q", got[0].SessionID, want)
			}
		})
	}
}

func TestEventsHoldoutAndWidget(t *testing.T) {
	e, rec := newEventsEnv(t, events.MaxHoldout)
	h, _ := events.NewHoldout(events.MaxHoldout)
	var held string
	for held == "" || !h.Contains(held) {
		held = events.NewSessionID()
	}
	suggestURL := "/api/suggest?q=" + url.QueryEscape(refundQuery)
	tests := []struct {
		name, origin, session string
		wantHits              bool
		want                  []wantEvent
	}{
		{"holdout gets no suggestions", "", held, false, nil},
		{"widget on another site records nothing", "https://shop.example.com", "", true, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, suggestURL, nil)
			if tt.origin != "" {
				req.Header.Set("Origin", tt.origin)
			}
			if tt.session != "" {
				req.AddCookie(&http.Cookie{Name: events.SessionCookie, Value: tt.session})
			}
			w := httptest.NewRecorder()
			e.h.ServeHTTP(w, req)
			hasHits := strings.Contains(w.Body.String(), `"slug":"refund"`)
			if w.Code != 200 || hasHits != tt.wantHits {
				t.Fatalf("status %d, hits %v, want %v: %s", w.Code, hasHits, tt.wantHits, w.Body.String())
			}
			checkEvents(t, rec.take(), tt.want, tt.session)
		})
	}
}

// TestHelpfulRateLimit: a client may answer "was this helpful" helpfulBurst times at once, then
// gets the 429 page and records nothing; another client is not affected.
func TestHelpfulRateLimit(t *testing.T) {
	e, rec := newEventsEnv(t, 0)
	fc := newClient(t, e.h, "203.0.113.40")
	rec.take()
	vote := url.Values{"answer": {"no"}}
	for i := range helpfulBurst {
		if w := fc.postForm("/articles/refund/helpful", vote); w.Code != http.StatusSeeOther {
			t.Fatalf("vote %d: status %d", i+1, w.Code)
		}
	}
	if got := len(rec.take()); got != helpfulBurst {
		t.Fatalf("%d votes recorded, want %d", got, helpfulBurst)
	}
	w := fc.postForm("/articles/refund/helpful", vote)
	if w.Code != http.StatusTooManyRequests {
		t.Fatalf("vote %d: status %d, want 429", helpfulBurst+1, w.Code)
	}
	if ra := w.Header().Get("Retry-After"); ra != "30" {
		t.Errorf("Retry-After = %q, want 30", ra)
	}
	assertContains(t, w.Body.String(), []string{escapeText(msgHelpfulRateLimited(30)), `lang="fa"`}, nil)
	if got := rec.take(); len(got) != 0 {
		t.Errorf("the limited vote was recorded: %+v", got)
	}
	other := newClient(t, e.h, "203.0.113.41")
	if w := other.postForm("/articles/refund/helpful", url.Values{"answer": {"yes"}}); w.Code != http.StatusSeeOther {
		t.Errorf("another client: status %d", w.Code)
	}
}
