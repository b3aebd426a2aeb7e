package main

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"syscall"

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

// listenAll opens the main address and, with --metrics-addr, the metrics address, before the
// content is loaded: a start that cannot bind every address fails whole, at once, with exit
// code 2 (the address is a setting to change). The main listener's handler is left for the
// caller to set once the site is built.
func listenAll(c serveConfig, reg *prometheus.Registry) ([]listener, error) {
	ln, err := listen("addr", c.Addr)
	if err != nil {
		return nil, err
	}
	out := []listener{{ln: ln}}
	if reg == nil || c.Ops.MetricsAddr == "" {
		return out, nil
	}
	mln, err := listen("metrics-addr", c.Ops.MetricsAddr)
	if err != nil {
		ln.Close()
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError}))
	return append(out, listener{ln: mln, h: mux}), nil
}

// listen opens addr, the value of the flag --name, explaining a failure in terms of that flag.
func listen(name, addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	switch {
	case err == nil:
		return ln, nil
	case errors.Is(err, syscall.EADDRINUSE):
		return nil, usagef("--%s %s is already in use (another kb serve?): stop that process or choose another address with --%s or %s",
			name, addr, name, envName(name))
	default:
		return nil, usagef("cannot listen on --%s %s: %v", name, addr, err)
	}
}

// closeAll closes the listeners (errors ignored: closing one already shut down is harmless).
func closeAll(ls []listener) {
	for _, l := range ls {
		l.ln.Close()
	}
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
