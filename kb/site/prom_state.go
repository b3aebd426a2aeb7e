package site

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"
)

// Descriptions of the metrics read at scrape time from the server's parts.
var (
	descIndexDocs = prometheus.NewDesc("kb_index_documents",
		"Articles in the search index being served.", nil, nil)
	descIndexSize = prometheus.NewDesc("kb_index_size_bytes",
		"Size on disk of the search index being served.", nil, nil)
	descEventsQueue = prometheus.NewDesc("kb_events_queue_depth",
		"Events waiting in the recorder's queue to be written to the store.", nil, nil)
	descEventsDropped = prometheus.NewDesc("kb_events_dropped_total",
		"Events refused because the recorder's queue was full or closed.", nil, nil)
	descEventsWritten = prometheus.NewDesc("kb_events_written_total",
		"Events written to the store.", nil, nil)
	descEventsFailed = prometheus.NewDesc("kb_events_failed_total",
		"Queued events given up after store write errors.", nil, nil)
	descOutbox = prometheus.NewDesc("kb_outbox_deliveries",
		"Ticket deliveries in the outbox by status: pending (not yet delivered) or failed (given up, waiting for an operator).",
		[]string{"status"}, nil)
	descScrapeErrors = prometheus.NewDesc("kb_metrics_scrape_errors",
		"Parts that could not be read during this scrape (index, outbox).", []string{"part"}, nil)
)

// stateCollector reads the index, the event recorder and the outbox at scrape time, so that the
// numbers follow reloads (Server.Swap) without bookkeeping on the request path.
type stateCollector struct{ s *Server }

// Describe implements prometheus.Collector.
func (sc *stateCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{descIndexDocs, descIndexSize, descEventsQueue, descEventsDropped,
		descEventsWritten, descEventsFailed, descOutbox, descScrapeErrors} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (sc *stateCollector) Collect(ch chan<- prometheus.Metric) {
	sc.collectIndex(ch)
	sc.collectEvents(ch)
	sc.collectOutbox(ch)
}

func (sc *stateCollector) collectIndex(ch chan<- prometheus.Metric) {
	st := sc.s.state.Load()
	if st == nil {
		return // still building: no index to describe yet
	}
	ix, ok := st.Search.(IndexStats)
	if !ok {
		return
	}
	docs, err := ix.DocCount()
	if err == nil {
		var size int64
		size, err = ix.SizeOnDisk()
		ch <- prometheus.MustNewConstMetric(descIndexDocs, prometheus.GaugeValue, float64(docs))
		if err == nil {
			ch <- prometheus.MustNewConstMetric(descIndexSize, prometheus.GaugeValue, float64(size))
		}
	}
	sc.scrapeError(ch, "index", err)
}

func (sc *stateCollector) collectEvents(ch chan<- prometheus.Metric) {
	rs, ok := sc.s.cfg.Events.(RecorderStats)
	if !ok {
		return
	}
	st := rs.Stats()
	ch <- prometheus.MustNewConstMetric(descEventsQueue, prometheus.GaugeValue, float64(st.Pending))
	ch <- prometheus.MustNewConstMetric(descEventsDropped, prometheus.CounterValue, float64(st.Dropped))
	ch <- prometheus.MustNewConstMetric(descEventsWritten, prometheus.CounterValue, float64(st.Written))
	ch <- prometheus.MustNewConstMetric(descEventsFailed, prometheus.CounterValue, float64(st.Failed))
}

func (sc *stateCollector) collectOutbox(ch chan<- prometheus.Metric) {
	ob := sc.s.cfg.Backlog
	if ob == nil {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), scrapeTimeout)
	defer cancel()
	n, err := ob.OutboxCounts(ctx)
	if err == nil {
		ch <- prometheus.MustNewConstMetric(descOutbox, prometheus.GaugeValue, float64(n.Pending), "pending")
		ch <- prometheus.MustNewConstMetric(descOutbox, prometheus.GaugeValue, float64(n.Failed), "failed")
	}
	sc.scrapeError(ch, "outbox", err)
}

// scrapeError reports whether reading part failed (1) or not (0), and logs the failure.
func (sc *stateCollector) scrapeError(ch chan<- prometheus.Metric, part string, err error) {
	v := 0.0
	if err != nil {
		v = 1
		sc.s.log.Warn("metrics: read "+part, "err", err)
	}
	ch <- prometheus.MustNewConstMetric(descScrapeErrors, prometheus.GaugeValue, v, part)
}
