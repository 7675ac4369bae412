package main

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"briefbot"
	"briefbot/bot"
	"briefbot/feed"
)

// metrics counts what the bot and the fetcher do. It implements
// bot.Observer, and wraps the Fetcher, so neither adapter imports a metrics
// library.
type metrics struct {
	sends       *prometheus.CounterVec
	sendErrors  *prometheus.CounterVec
	rateLimited prometheus.Counter
	sendLatency prometheus.Histogram
	updates     *prometheus.CounterVec
	fetches     *prometheus.CounterVec
	fetchTime   prometheus.Histogram
	reloads     *prometheus.CounterVec
	lockHold    prometheus.Histogram
	lockMax     atomic.Int64 // nanoseconds, the longest hold so far
	lockMaxG    prometheus.GaugeFunc
	held        *prometheus.CounterVec
	storage     *storageHealth
}

var _ bot.Observer = (*metrics)(nil)

func newMetrics(logger *slog.Logger) *metrics {
	m := &metrics{
		sends: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_sends_total", Help: "Ledger messages Telegram accepted, by chat type.",
		}, []string{"chat_type"}),
		sendErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_send_errors_total", Help: "Failed ledger sends, by error kind.",
		}, []string{"kind"}),
		rateLimited: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "briefbot_send_rate_limited_total", Help: "Sends Telegram answered with 429 Too Many Requests.",
		}),
		sendLatency: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "briefbot_send_duration_seconds", Help: "Duration of accepted sendMessage calls.",
			Buckets: []float64{.05, .1, .2, .3, .5, .75, 1, 2, 5, 10},
		}),
		updates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_updates_total", Help: "Incoming Telegram updates, by kind.",
		}, []string{"kind"}),
		fetches: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_fetches_total", Help: "Feed fetches, by result.",
		}, []string{"result"}),
		fetchTime: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "briefbot_fetch_duration_seconds", Help: "Duration of feed fetches, parsing included.",
			Buckets: []float64{.1, .25, .5, 1, 2, 5, 10, 20, 30},
		}),
		reloads: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_config_reloads_total", Help: "Config reloads, by result (applied, rejected).",
		}, []string{"result"}),
		lockHold: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name: "briefbot_pipeline_lock_hold_seconds", Help: "How long each hold of the pipeline lock (cluster saves, publish) lasted.",
			Buckets: []float64{.001, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 10},
		}),
		held: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "briefbot_stories_held_total", Help: "New stories stored but not pushed because one fetch made more than fetch.max_new_stories, by feed.",
		}, []string{"feed"}),
		storage: newStorageHealth(logger),
	}
	m.lockMaxG = prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "briefbot_pipeline_lock_hold_max_seconds", Help: "The longest hold of the pipeline lock since start.",
	}, func() float64 { return time.Duration(m.lockMax.Load()).Seconds() })
	return m
}

func (m *metrics) collectors() []prometheus.Collector {
	return append([]prometheus.Collector{m.sends, m.sendErrors, m.rateLimited, m.sendLatency, m.updates, m.fetches,
		m.fetchTime, m.reloads, m.lockHold, m.lockMaxG, m.held}, m.storage.collectors()...)
}

// lockHeld records one hold of the pipeline lock.
func (m *metrics) lockHeld(d time.Duration) {
	m.lockHold.Observe(d.Seconds())
	for old := m.lockMax.Load(); int64(d) > old && !m.lockMax.CompareAndSwap(old, int64(d)); old = m.lockMax.Load() {
	}
}

// Sent implements bot.Observer.
func (m *metrics) Sent(chatType briefbot.ChatType, latency time.Duration) {
	m.sends.WithLabelValues(string(chatType)).Inc()
	m.sendLatency.Observe(latency.Seconds())
}

// SendError implements bot.Observer.
func (m *metrics) SendError(kind briefbot.SendErrorKind) {
	m.sendErrors.WithLabelValues(sendErrorKind(kind)).Inc()
	if kind == briefbot.SendRateLimited {
		m.rateLimited.Inc()
	}
}

// Update implements bot.Observer.
func (m *metrics) Update(kind string) { m.updates.WithLabelValues(kind).Inc() }

func (m *metrics) reloaded(ok bool) {
	if ok {
		m.reloads.WithLabelValues("applied").Inc()
	} else {
		m.reloads.WithLabelValues("rejected").Inc()
	}
}

func sendErrorKind(k briefbot.SendErrorKind) string {
	switch k {
	case briefbot.SendTransient:
		return "transient"
	case briefbot.SendRateLimited:
		return "rate_limited"
	case briefbot.SendChatGone:
		return "chat_gone"
	case briefbot.SendMigrated:
		return "migrated"
	case briefbot.SendBadMarkup:
		return "bad_markup"
	case briefbot.SendTooLong:
		return "too_long"
	case briefbot.SendPermanent:
		return "permanent"
	}
	return "unknown"
}

// countingFetcher is a Fetcher that counts and times the fetches of the one
// it wraps.
type countingFetcher struct {
	next briefbot.Fetcher
	m    *metrics
}

// Fetch implements briefbot.Fetcher.
func (c countingFetcher) Fetch(ctx context.Context, req briefbot.FetchRequest) (*briefbot.FetchResult, error) {
	start := time.Now()
	res, err := c.next.Fetch(ctx, req)
	c.m.fetchTime.Observe(time.Since(start).Seconds())
	c.m.fetches.WithLabelValues(fetchResult(res, err)).Inc()
	return res, err
}

func fetchResult(res *briefbot.FetchResult, err error) string {
	var fe *briefbot.FetchError
	switch {
	case err == nil && res != nil && res.NotModified:
		return "not_modified"
	case err == nil:
		return "ok"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, feed.ErrNotFeed):
		return "not_feed"
	case errors.Is(err, feed.ErrTooLarge):
		return "too_large"
	case errors.Is(err, feed.ErrPrivateAddress):
		return "private_address"
	case errors.As(err, &fe) && fe.StatusCode >= 500:
		return "http_5xx"
	case errors.As(err, &fe) && fe.StatusCode >= 400:
		return "http_4xx"
	}
	return "error"
}
