package stats

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"persiankb/kb/store"
	"persiankb/kb/store/storetest"
)

// BenchmarkDashboard measures the dashboard's queries on a real SQLite file holding
// KB_BENCH_EVENTS synthetic events (default 1,000,000; the target is under 200 ms per
// query at 1 million, and the brief asks for 10 million: KB_BENCH_EVENTS=10000000) spread over
// KB_BENCH_DAYS days (default 90), rolled up by the Roller first. Setup and roll-up times are logged
// (-v). BenchmarkDashboardPage (page_bench_test.go) measures the whole page on the same data.
func BenchmarkDashboard(b *testing.B) { benchDashboard(b, openStore(b)) }

// BenchmarkDashboardPostgres is BenchmarkDashboard on PostgreSQL (KB_TEST_POSTGRES_URL, in a
// schema of its own dropped afterwards); it skips without a server.
func BenchmarkDashboardPostgres(b *testing.B) {
	s, err := store.OpenPostgres(context.Background(), storetest.PostgresSchema(b))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	benchDashboard(b, s)
}

// benchStore is what the dashboard benchmarks need of a store.
type benchStore interface {
	InsertEvents(ctx context.Context, events []store.Event) error
	RollerStore
	Source
}

func benchDashboard(b *testing.B, s benchStore) {
	ctx := context.Background()
	total, days := envInt(b, "KB_BENCH_EVENTS", 1_000_000), envInt(b, "KB_BENCH_DAYS", 90)
	g, r := seedBench(b, s, total, days)
	last := DayOf(g.end.Add(-time.Hour), tehran)
	month := Range{last.AddDays(-29), last}
	all := Range{last.AddDays(1 - days), last}
	queries := []struct {
		name string
		fn   func() (int, error)
	}{
		{"Days/30d", func() (int, error) {
			d, err := s.Days(ctx, month.First.String(), month.Last.String())
			return len(d), err
		}},
		{"ArticleTotals/30d", func() (int, error) {
			a, err := s.ArticleTotals(ctx, month.First.String(), month.Last.String())
			return len(a), err
		}},
		{"QueryTotals/searches/30d", queryTotals(ctx, s, month, store.BySearches)},
		{"QueryTotals/zero/30d", queryTotals(ctx, s, month, store.ByZeroResults)},
		{"QueryTotals/noclick/30d", queryTotals(ctx, s, month, store.ByNoClick)},
		{"QueryTotals/searches/all", queryTotals(ctx, s, all, store.BySearches)},
		{"Compute/30d", compute(ctx, s, month)},
		{"Compute/all", compute(ctx, s, all)},
	}
	for _, q := range queries {
		b.Run(q.name, func(b *testing.B) {
			rows, cpu0 := 0, cpuTime()
			for b.Loop() {
				var err error
				if rows, err = q.fn(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(rows), "rows")
			b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/op")
		})
	}
	// The live day rolled up again, as the Roller does every few minutes: read whole from its
	// scan window (as every pass did before live days were kept in memory), and kept in memory
	// with five minutes of new traffic added between passes.
	now := last.Start(tehran).Add(12 * time.Hour) // noon of the last day, which is still live
	b.Run("RollUpDay/live-full", func(b *testing.B) {
		var cpu time.Duration
		for b.Loop() {
			delete(r.live, last)
			cpu0 := cpuTime()
			if err := r.rollDay(ctx, last, now, 0); err != nil {
				b.Fatal(err)
			}
			cpu += cpuTime() - cpu0
		}
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	})
	b.Run("RollUpDay/live-incremental", func(b *testing.B) {
		perPass := total / days / 288 // five minutes of traffic
		var cpu time.Duration
		added := 0
		for b.Loop() {
			b.StopTimer()
			var evs []store.Event
			for len(evs) < perPass {
				evs = append(evs, g.session(now.Add(time.Duration(g.rng.Int64N(int64(5*time.Minute)))))...)
			}
			now = now.Add(5 * time.Minute)
			if err := s.InsertEvents(ctx, evs); err != nil {
				b.Fatal(err)
			}
			added += len(evs)
			b.StartTimer()
			cpu0 := cpuTime()
			if err := r.rollDay(ctx, last, now, 0); err != nil {
				b.Fatal(err)
			}
			cpu += cpuTime() - cpu0
		}
		b.ReportMetric(float64(added)/float64(b.N), "new-events/op")
		b.ReportMetric(float64(cpu.Microseconds())/1000/float64(b.N), "cpu-ms/op")
	})
}

// seedBench fills s with about total synthetic events over days days and rolls them up,
// logging how long both took.
func seedBench(b *testing.B, s benchStore, total, days int) (*generator, *Roller) {
	ctx := context.Background()
	g := newGenerator(days)
	start, cpu0 := time.Now(), cpuTime()
	n, err := g.insert(ctx, s, total)
	if err != nil {
		b.Fatal(err)
	}
	inserted, insertCPU := time.Since(start), cpuTime()-cpu0
	r, err := NewRoller(s, RollerConfig{Location: tehran})
	if err != nil {
		b.Fatal(err)
	}
	start, cpu0 = time.Now(), cpuTime()
	res, err := r.RollUp(ctx, g.end.Add(Horizon+time.Hour))
	if err != nil {
		b.Fatal(err)
	}
	rolled, rollCPU := time.Since(start), cpuTime()-cpu0
	b.Logf("%d events over %d days inserted in %v (%v CPU); rolled up %d days in %v (%v CPU, %.0f events per CPU second)",
		n, days, inserted.Round(time.Second), insertCPU.Round(time.Second), len(res.Days), rolled.Round(time.Second),
		rollCPU.Round(time.Second), float64(n)/rollCPU.Seconds())
	return g, r
}

// SeedBenchStore is seedBench for the benchmarks of other packages (package stats_test): a real
// SQLite file with about total events over days days, rolled up in BenchZone, and the last
// day with events.
func SeedBenchStore(b *testing.B, total, days int) (*store.SQLite, Day) {
	s := openStore(b)
	g, _ := seedBench(b, s, total, days)
	return s, DayOf(g.end.Add(-time.Hour), tehran)
}

// BenchZone is the zone of SeedBenchStore's days.
var BenchZone = tehran

// EnvInt is envInt for other packages' benchmarks.
func EnvInt(b *testing.B, name string, def int) int { return envInt(b, name, def) }

func queryTotals(ctx context.Context, s Source, rng Range, order store.QueryOrder) func() (int, error) {
	return func() (int, error) {
		q, err := s.QueryTotals(ctx, rng.First.String(), rng.Last.String(), order, DefaultTopN)
		return len(q), err
	}
}

func compute(ctx context.Context, s Source, rng Range) func() (int, error) {
	return func() (int, error) {
		rep, err := Compute(ctx, s, rng, DefaultTopN)
		return len(rep.Series), err
	}
}

func envInt(b *testing.B, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		b.Fatalf("%s=%q: want a positive number", name, v)
	}
	return n
}

// generator makes a plausible help-center traffic: searches over a Zipf-distributed
// vocabulary with spelling variants and a long tail of one-off queries, article views and
// votes, and ticket-form sessions with suggestions, a 5% holdout and Do-Not-Track visits.
type generator struct {
	rng        *rand.Rand
	start, end time.Time
	days       int
	vocab      []string
	queryZipf  *rand.Zipf
	slugZipf   *rand.Zipf
	sessionSeq int
}

var words = []string{"پرداخت", "بازگشت", "وجه", "سفارش", "ارسال", "پیگیری", "رمز", "عبور", "حساب", "کاربری",
	"تغییر", "آدرس", "ایمیل", "موبایل", "فاکتور", "تخفیف", "کد", "کارت", "بانک", "درگاه", "ناموفق", "لغو",
	"مرجوعی", "گارانتی", "تحویل", "هزینه", "زمان", "پشتیبانی", "تماس", "ثبت", "نام", "ورود", "خروج",
	"امنیت", "دو", "مرحله", "کیف", "پول", "شارژ", "اقساط", "چک", "رسید", "قیمت", "موجودی", "انبار",
	"کالا", "سایز", "رنگ", "نظر", "امتیاز", "اشتراک", "ویژه", "هدیه", "بن", "کارمزد", "انتقال", "برداشت"}

func newGenerator(days int) *generator {
	rng := rand.New(rand.NewPCG(1, 2))
	g := &generator{rng: rng, days: days, start: Date(2025, 1, 1).Start(tehran)}
	g.end = g.start.AddDate(0, 0, days)
	seen := map[string]bool{}
	for len(g.vocab) < 5000 {
		q := words[rng.IntN(len(words))] + " " + words[rng.IntN(len(words))]
		if rng.IntN(3) == 0 {
			q += " " + words[rng.IntN(len(words))]
		}
		if !seen[q] {
			seen[q] = true
			g.vocab = append(g.vocab, q)
		}
	}
	g.queryZipf = rand.NewZipf(rng, 1.1, 2, uint64(len(g.vocab)-1))
	g.slugZipf = rand.NewZipf(rng, 1.2, 2, 499)
	return g
}

// insert stores about total events, day by day, in batches of one transaction each.
func (g *generator) insert(ctx context.Context, s benchStore, total int) (int, error) {
	const batchSize = 5000
	perDay := total / g.days
	n := 0
	var batch []store.Event
	for d := range g.days {
		dayStart := g.start.AddDate(0, 0, d)
		for dayEvents := 0; dayEvents < perDay; {
			evs := g.session(dayStart.Add(time.Duration(g.rng.Int64N(int64(24 * time.Hour)))))
			dayEvents += len(evs)
			batch = append(batch, evs...)
			if len(batch) >= batchSize {
				if err := s.InsertEvents(ctx, batch); err != nil {
					return n, err
				}
				n, batch = n+len(batch), batch[:0]
			}
		}
	}
	if err := s.InsertEvents(ctx, batch); err != nil {
		return n, err
	}
	return n + len(batch), nil
}

func (g *generator) query() string {
	q := g.vocab[g.queryZipf.Uint64()]
	switch g.rng.IntN(20) {
	case 0: // Arabic keyboard: groups with the Persian spelling
		return strings.ReplaceAll(q, "ی", "ي")
	case 1, 2: // a one-off query: the long tail
		return q + " " + strconv.Itoa(g.rng.IntN(100000))
	}
	return q
}

func (g *generator) slug() string { return "article-" + strconv.FormatUint(g.slugZipf.Uint64(), 10) }

// session is the events of one visit starting at t.
func (g *generator) session(t time.Time) []store.Event {
	g.sessionSeq++
	sid := fmt.Sprintf("S%025d", g.sessionSeq)
	if g.rng.IntN(20) == 0 {
		sid = "" // Do-Not-Track
	}
	var evs []store.Event
	add := func(e store.Event) {
		t = t.Add(time.Duration(5+g.rng.IntN(90)) * time.Second)
		e.OccurredAt, e.SessionID = t, sid
		evs = append(evs, e)
	}
	switch k := g.rng.IntN(100); {
	case k < 55:
		g.searchVisit(add)
	case k < 78:
		for range 1 + g.rng.IntN(2) {
			add(store.Event{Type: store.EventArticleView, Slug: g.slug(), Source: store.SourceDirect})
		}
		if g.rng.IntN(8) == 0 {
			add(store.Event{Type: store.EventHelpful, Slug: g.slug(), Value: "yes"})
		}
	default:
		g.formVisit(sid, add)
	}
	return evs
}

func (g *generator) searchVisit(add func(store.Event)) {
	for range 1 + g.rng.IntN(3) {
		q := g.query()
		results := 1 + g.rng.IntN(10)
		if g.rng.IntN(12) == 0 {
			results = 0
		}
		add(store.Event{Type: store.EventSearch, Query: q, NormQuery: NormalizeQuery(q), ResultCount: results})
		if results > 0 && g.rng.IntN(10) < 6 {
			slug := g.slug()
			add(store.Event{Type: store.EventResultClick, NormQuery: NormalizeQuery(q), Slug: slug, Rank: 1 + g.rng.IntN(results)})
			add(store.Event{Type: store.EventArticleView, Slug: slug, Source: store.SourceSearch})
			if g.rng.IntN(6) == 0 {
				v := "yes"
				if g.rng.IntN(4) == 0 {
					v = "no"
				}
				add(store.Event{Type: store.EventHelpful, Slug: slug, Value: v})
			}
		}
	}
}

func (g *generator) formVisit(sid string, add func(store.Event)) {
	holdout := sid != "" && g.rng.IntN(20) == 0
	add(store.Event{Type: store.EventFormStarted, Holdout: holdout})
	submitP := 55
	if !holdout {
		submitP = 45
		for range 1 + g.rng.IntN(3) {
			add(store.Event{Type: store.EventSuggestShown, NormQuery: NormalizeQuery(g.query()), ResultCount: 3, Holdout: holdout})
		}
		if g.rng.IntN(10) < 4 {
			slug := g.slug()
			add(store.Event{Type: store.EventSuggestClick, Slug: slug, Rank: 1})
			add(store.Event{Type: store.EventArticleView, Slug: slug, Source: store.SourceSuggestion})
			if g.rng.IntN(4) == 0 {
				add(store.Event{Type: store.EventSuggestSolved, Slug: slug})
				return
			}
		}
	}
	if g.rng.IntN(100) < submitP {
		add(store.Event{Type: store.EventFormSubmitted, Holdout: holdout})
	}
}

// BenchmarkRollUpDay measures the roll-up computation alone, in memory: one day of the traffic
// of 10 million events over 90 days (about 111,000 events).
func BenchmarkRollUpDay(b *testing.B) {
	g := newGenerator(1)
	var events []store.Event
	for len(events) < 111_000 {
		events = append(events, g.session(g.start.Add(time.Duration(g.rng.Int64N(int64(24*time.Hour)))))...)
	}
	slices.SortStableFunc(events, compareEvents)
	day := DayOf(g.start, tehran)
	b.ResetTimer()
	for b.Loop() {
		RollUpDay(day, tehran, events, g.end.Add(Horizon))
	}
	b.ReportMetric(float64(len(events))*float64(b.N)/b.Elapsed().Seconds(), "events/s")
}
