package site

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"persiankb/kb/events"
	"persiankb/kb/store"
)

// Prometheus metrics of the site. They go into the registry of Config.Metrics (never the global
// default registry), so that tests and several servers in one process do not share counters.

// metricsPath is where the metrics are served on the main router (Config.MetricsRoute).
const metricsPath = "/metrics"

// Search kinds, the "kind" label of kb_search_duration_seconds.
const (
	searchKindSearch  = "search"
	searchKindSuggest = "suggest"
)

// Histogram buckets, in seconds. Pages render in about a millisecond and searches take a few
// (BENCHMARKS.md); the buckets are dense there and reach the write timeout for the slow tail.
var (
	requestBuckets = []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60}
	searchBuckets  = []float64{.0002, .0005, .001, .002, .005, .01, .025, .05, .1, .25, .5, 1}
	// waitBuckets: most searches start at once (a wait of zero); under a burst they wait up to
	// searchQueueTimeout.
	waitBuckets = []float64{.0001, .001, .005, .01, .025, .05, .1, .25, .5, 1, 2, 5}
)

// scrapeTimeout bounds the store query a scrape makes (the outbox counts): a slow database must
// not make the scrape hang past Prometheus's own timeout (10 s by default).
const scrapeTimeout = 2 * time.Second

// IndexStats is what the metrics read of the current index; *search.Index satisfies it.
type IndexStats interface {
	DocCount() (uint64, error)
	SizeOnDisk() (int64, error)
}

// RecorderStats is what the metrics read of the event recorder; *events.Recorder satisfies it.
type RecorderStats interface {
	Stats() events.Stats
}

// OutboxBacklog counts the ticket deliveries per status; *store.SQLite and *store.Postgres
// satisfy it.
type OutboxBacklog interface {
	OutboxCounts(ctx context.Context) (store.OutboxCounts, error)
}

// siteMetrics are the site's instruments; a nil *siteMetrics observes nothing.
type siteMetrics struct {
	requests *prometheus.HistogramVec // route, method, code class
	searches *prometheus.HistogramVec // kind
	waits    *prometheus.HistogramVec // outcome: admitted, timeout, canceled (admit.go)
	gatherer prometheus.Gatherer
}

// newSiteMetrics registers the site's metrics in reg; nil reg means no metrics.
func newSiteMetrics(reg *prometheus.Registry, s *Server) (*siteMetrics, error) {
	if reg == nil {
		return nil, nil
	}
	m := &siteMetrics{
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "kb_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route template (not the raw URL), method and status class.",
			Buckets: requestBuckets,
		}, []string{"route", "method", "code"}),
		searches: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "kb_search_duration_seconds",
			Help:    "Time of the search call itself (index query, no rendering), by kind: search or suggest.",
			Buckets: searchBuckets,
		}, []string{"kind"}),
		waits: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "kb_search_queue_wait_seconds",
			Help: "Time a search or suggestion waited for its turn (admission control), by outcome: " +
				"admitted, timeout (answered 503) or canceled (the client went away).",
			Buckets: waitBuckets,
		}, []string{"outcome"}),
		gatherer: reg,
	}
	for _, c := range []prometheus.Collector{m.requests, m.searches, m.waits, &stateCollector{s: s}, admitCollector(s.admit)} {
		if err := reg.Register(c); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// observeRequest records one answered request.
func (m *siteMetrics) observeRequest(route, method string, status int, d time.Duration) {
	if m == nil {
		return
	}
	m.requests.WithLabelValues(routeLabel(route), methodLabel(method), statusClass(status)).Observe(d.Seconds())
}

// observeSearch records one search call of the given kind that started at start.
func (m *siteMetrics) observeSearch(kind string, start time.Time) {
	if m == nil {
		return
	}
	m.searches.WithLabelValues(kind).Observe(time.Since(start).Seconds())
}

// observeAdmission records the wait, started at start, of one search for its turn.
func (m *siteMetrics) observeAdmission(outcome admitOutcome, start time.Time) {
	if m == nil {
		return
	}
	m.waits.WithLabelValues(string(outcome)).Observe(time.Since(start).Seconds())
}

// admitCollector reports the admission queue's depth and the searches running, read at scrape.
func admitCollector(a *admitter) prometheus.Collector {
	return prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "kb_search_queue_depth",
		Help: "Searches and suggestions waiting for their turn (admission control) now.",
	}, func() float64 { waiting, _ := a.depth(); return float64(waiting) })
}

// handler serves the registry in the Prometheus text format.
func (m *siteMetrics) handler() gin.HandlerFunc {
	h := promhttp.HandlerFor(m.gatherer, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
	return func(c *gin.Context) {
		c.Header("Cache-Control", "no-store")
		h.ServeHTTP(c.Writer, c.Request)
	}
}

// routeLabel is the route template (Gin's FullPath); requests matching no route share one label,
// so that scanners probing random URLs cannot grow the series without bound.
func routeLabel(fullPath string) string {
	if fullPath == "" {
		return "unmatched"
	}
	return fullPath
}

// methodLabel keeps the method label bounded: any method the site does not serve is "other".
func methodLabel(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodOptions:
		return m
	}
	return "other"
}

// statusClass is "2xx", "3xx", "4xx" or "5xx".
func statusClass(status int) string {
	if status < 100 || status > 599 {
		return "other"
	}
	return strconv.Itoa(status/100) + "xx"
}
