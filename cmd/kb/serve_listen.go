package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// listener is one address kb serve answers on and what it serves there.
type listener struct {
	ln net.Listener
	h  http.Handler
}

// newRegistry is the private Prometheus registry of kb serve, with the Go runtime, process and
// build metrics; nil with --no-prometheus.
func newRegistry(c opsConfig) *prometheus.Registry {
	if c.NoPrometheus {
		return nil
	}
	reg := prometheus.NewRegistry()
	reg.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name:        "kb_build_info",
			Help:        "Always 1; the labels say which build of kb is running.",
			ConstLabels: prometheus.Labels{"version": version, "goversion": runtime.Version()},
		}, func() float64 { return 1 }),
	)
	return reg
}

// listenAll opens the main address and, with --metrics-addr, the metrics address, before
// anything is served: a start that cannot bind every address fails whole.
func listenAll(c serveConfig, h http.Handler, reg *prometheus.Registry) ([]listener, error) {
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return nil, fmt.Errorf("listen on --addr: %w", err)
	}
	out := []listener{{ln: ln, h: h}}
	if reg == nil || c.Ops.MetricsAddr == "" {
		return out, nil
	}
	mln, err := net.Listen("tcp", c.Ops.MetricsAddr)
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("listen on --metrics-addr: %w", err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError}))
	return append(out, listener{ln: mln, h: mux}), nil
}

// serveAll serves every listener until ctx is cancelled or one of them fails, then shuts them
// all down gracefully and returns the first error.
func serveAll(ctx context.Context, ls []listener, logger *slog.Logger) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, len(ls))
	for _, l := range ls {
		go func() {
			err := serveHTTP(ctx, l.ln, l.h, logger)
			cancel() // one server down takes the others down with it
			errc <- err
		}()
	}
	var errs []error
	for range ls {
		if err := <-errc; err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
