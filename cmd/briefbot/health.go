package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"briefbot"
)

// opsStore is what the health and metrics endpoints read.
type opsStore interface {
	Ping(ctx context.Context) error
	briefbot.FeedStore
	DeliveryStats(ctx context.Context) (briefbot.DeliveryStats, error)
}

// healthServer serves /healthz and /metrics on http.listen.
type healthServer struct {
	srv     *http.Server
	log     *slog.Logger
	store   opsStore
	storage *storageHealth // nil: writes are not followed
}

// newHealthServer serves /metrics from its own registry: the runtime, the
// ledger read at scrape time, and the extra collectors (send and fetch
// counters).
func newHealthServer(addr string, store opsStore, logger *slog.Logger, extra ...prometheus.Collector) *healthServer {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}), &ledgerCollector{store: store})
	reg.MustRegister(extra...)
	mux := http.NewServeMux()
	h := &healthServer{log: logger, store: store}
	mux.HandleFunc("GET /healthz", h.healthz)
	mux.Handle("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	h.srv = &http.Server{Addr: addr, Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	return h
}

func (h *healthServer) start() error {
	ln, err := net.Listen("tcp", h.srv.Addr)
	if err != nil {
		return fmt.Errorf("http listen %s: %w", h.srv.Addr, err)
	}
	h.log.Info("serving /healthz and /metrics", "addr", ln.Addr().String())
	go func() {
		if err := h.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			h.log.Error("http server", "err", err)
		}
	}()
	return nil
}

func (h *healthServer) stop() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = h.srv.Shutdown(ctx)
}

// healthz answers 200 when the database answers and accepts writes, 503
// with the reason otherwise ("storage": "disk full", "read-only", …, and
// since when); it reports the age of the newest successful fetch so a
// monitor can alert on a stalled fetcher.
func (h *healthServer) healthz(w http.ResponseWriter, r *http.Request) {
	body := map[string]any{"status": "ok"}
	code := http.StatusOK
	if h.storage != nil {
		if ok, reason, since := h.storage.status(); !ok {
			code, body["status"], body["storage"] = http.StatusServiceUnavailable, "error", reason
			body["storage_failing_since"] = since.UTC().Format(time.RFC3339)
		}
	}
	if err := h.store.Ping(r.Context()); err != nil {
		code, body["status"], body["db"] = http.StatusServiceUnavailable, "error", err.Error()
	} else if states, err := h.store.ListFeedStates(r.Context()); err == nil {
		var last time.Time
		for _, st := range states {
			if st.LastSuccessAt.After(last) {
				last = st.LastSuccessAt
			}
		}
		if !last.IsZero() {
			body["last_fetch_age_seconds"] = int(time.Since(last).Seconds())
		}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_ = json.NewEncoder(w).Encode(body)
}

var (
	deliveriesDesc = prometheus.NewDesc("briefbot_deliveries", "Delivery ledger rows by state.", []string{"state"}, nil)
	feedFailDesc   = prometheus.NewDesc("briefbot_feed_consecutive_failures", "Consecutive fetch failures per feed.", []string{"feed"}, nil)
	feedItemsDesc  = prometheus.NewDesc("briefbot_feed_posts", "Posts stored per feed.", []string{"feed"}, nil)
	feedAgeDesc    = prometheus.NewDesc("briefbot_feed_last_success_timestamp_seconds", "Time of the last successful fetch per feed.", []string{"feed"}, nil)
)

// ledgerCollector reads the ledger and feed states at scrape time, so the
// adapters need no metric plumbing and the figures are never stale.
type ledgerCollector struct{ store opsStore }

func (c *ledgerCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- deliveriesDesc
	ch <- feedFailDesc
	ch <- feedItemsDesc
	ch <- feedAgeDesc
}

func (c *ledgerCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if st, err := c.store.DeliveryStats(ctx); err == nil {
		for _, s := range []briefbot.DeliveryState{briefbot.DeliveryPending, briefbot.DeliverySending, briefbot.DeliverySent, briefbot.DeliveryFailed, briefbot.DeliveryDead} {
			ch <- prometheus.MustNewConstMetric(deliveriesDesc, prometheus.GaugeValue, float64(st[s]), string(s))
		}
	}
	if states, err := c.store.ListFeedStates(ctx); err == nil {
		for _, s := range states {
			ch <- prometheus.MustNewConstMetric(feedFailDesc, prometheus.GaugeValue, float64(s.Failures), s.Name)
			ch <- prometheus.MustNewConstMetric(feedItemsDesc, prometheus.GaugeValue, float64(s.Items), s.Name)
			if !s.LastSuccessAt.IsZero() {
				ch <- prometheus.MustNewConstMetric(feedAgeDesc, prometheus.GaugeValue, float64(s.LastSuccessAt.Unix()), s.Name)
			}
		}
	}
}
