package main

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"briefbot/db"
)

// recoverAfter is how long writes must go without a storage failure before
// the database counts as writable again: a disk at its last pages lets
// small writes through between failing large ones, and the admins are told
// once, not at every turn.
const recoverAfter = 30 * time.Second

// storageHealth follows what the database's writes meet (db.ObserveWrites):
// a write the storage refuses (disk full, read-only, I/O error) turns
// /healthz to 503 with the reason and tells the admins once; the first
// committed write recoverAfter after the last failure turns it back and
// tells them once more.
type storageHealth struct {
	log      *slog.Logger
	now      func() time.Time
	failures *prometheus.CounterVec
	writable prometheus.Gauge

	mu       sync.Mutex
	failing  bool
	reason   string
	since    time.Time                           // the first failure of this episode
	last     time.Time                           // the latest failure
	notify   func(ctx context.Context, n notice) // nil: log only
	pending  []notice
	draining bool
}

func newStorageHealth(logger *slog.Logger) *storageHealth {
	h := &storageHealth{
		log: logger,
		now: time.Now,
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_db_write_failures_total", Help: "Database writes the storage refused, by reason (disk_full, read_only, io_error, corrupt).",
		}, []string{"reason"}),
		writable: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "briefbot_db_writable", Help: "1 while database writes succeed, 0 from a refused write until writes succeed again.",
		}),
	}
	h.writable.Set(1)
	return h
}

func (h *storageHealth) collectors() []prometheus.Collector {
	return []prometheus.Collector{h.failures, h.writable}
}

// setNotify sets how the admins are told.
func (h *storageHealth) setNotify(fn func(ctx context.Context, n notice)) {
	h.mu.Lock()
	h.notify = fn
	h.mu.Unlock()
}

// observe is the database's write observer: it runs on the writer's turn,
// so it only records and queues.
func (h *storageHealth) observe(err error) {
	var we *db.WriteError
	if err != nil && !errors.As(err, &we) {
		return
	}
	now := h.now()
	h.mu.Lock()
	defer h.mu.Unlock()
	if we == nil {
		if !h.failing || now.Sub(h.last) < recoverAfter {
			return
		}
		h.failing = false
		h.writable.Set(1)
		h.log.Warn("database writable again", "reason", h.reason, "failing_for", now.Sub(h.since).Round(time.Second))
		h.queue(notice{"notify.storage_recovered", []any{"Duration", now.Sub(h.since).Round(time.Second).String(), "Reason", h.reason}})
		return
	}
	h.failures.WithLabelValues(metricLabel(we.Reason)).Inc()
	h.last = now
	if h.failing {
		return
	}
	h.failing, h.reason, h.since = true, we.Reason, now
	h.writable.Set(0)
	h.log.Error("database refuses writes: nothing new is stored until this is fixed", "reason", we.Reason, "err", we.Err)
	h.queue(notice{"notify.storage_failing", []any{"Reason", we.Reason, "Error", we.Err.Error()}})
}

// status is what /healthz reports: ok, or the reason writes fail and since when.
func (h *storageHealth) status() (ok bool, reason string, since time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return !h.failing, h.reason, h.since
}

// queue sends n to the admins after those queued before it, from one
// goroutine that ends when nothing is left; the caller holds mu.
func (h *storageHealth) queue(n notice) {
	if h.notify == nil {
		return
	}
	h.pending = append(h.pending, n)
	if h.draining {
		return
	}
	h.draining = true
	go func() {
		for {
			h.mu.Lock()
			if len(h.pending) == 0 {
				h.draining = false
				h.mu.Unlock()
				return
			}
			n, notify := h.pending[0], h.notify
			h.pending = h.pending[1:]
			h.mu.Unlock()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			notify(ctx, n)
			cancel()
		}
	}()
}

func metricLabel(reason string) string {
	switch reason {
	case db.ReasonDiskFull:
		return "disk_full"
	case db.ReasonReadOnly:
		return "read_only"
	case db.ReasonIO:
		return "io_error"
	case db.ReasonCorrupt:
		return "corrupt"
	}
	return "other"
}
