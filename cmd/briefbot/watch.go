package main

import (
	"context"
	"sync"
	"time"

	"briefbot/feed"
	"briefbot/scheduler"
)

// watch follows what can stop everyone's news once the rooms are wired: the
// database's writes (storageHealth: /healthz, metrics, the admins) and how
// long the pipeline lock is held (metrics, and a warning past
// scheduler.MaxLockHold).
func (a *app) watch() {
	a.store.ObserveWrites(a.metrics.storage.observe)
	a.metrics.storage.setNotify(a.tellAdmins)
	if a.health != nil {
		a.health.storage = a.metrics.storage
	}
	a.pipe.ObserveLockHolds(func(held time.Duration) {
		a.metrics.lockHeld(held)
		if held > scheduler.MaxLockHold {
			a.log.Warn("pipeline lock held long: every feed's briefs waited", "held", held.Round(time.Millisecond),
				"longest", a.pipe.LongestLockHold().Round(time.Millisecond))
		}
	})
}

// notice is a message to the admins: a catalogue id and its arguments,
// rendered in each admin's language.
type notice struct {
	id string
	kv []any
}

// tellAdmins sends n to the admins; in console mode there is nobody to
// tell, and the log has it.
func (a *app) tellAdmins(ctx context.Context, n notice) {
	if a.tg != nil {
		a.tg.NotifyAdminsT(ctx, n.id, n.kv...)
	}
}

// floodNotices is the pipeline's OnFlood: every fetch that made more new
// stories than fetch.max_new_stories, or was cut at the fetcher's entry
// limit, is logged and counted; tell is called once per feed while the
// daemon runs, not at every fetch.
func (a *app) floodNotices(tell func(ctx context.Context, n notice)) func(scheduler.Flood) {
	var mu sync.Mutex
	told := map[string]bool{}
	return func(f scheduler.Flood) {
		a.metrics.held.WithLabelValues(f.Feed).Add(float64(f.Held))
		a.log.Warn("feed flooded: stories held back", "feed", f.Feed, "pushed", f.Pushed, "held", f.Held,
			"truncated", f.Truncated, "max_new_stories", a.cfg.Fetch.MaxNewStories)
		mu.Lock()
		first := !told[f.Feed]
		told[f.Feed] = true
		mu.Unlock()
		if first {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			tell(ctx, floodNotice(f, a.cfg.Fetch.MaxNewStories))
		}
	}
}

// floodNotice tells of one flood; Entries is 0 when the feed was read whole.
func floodNotice(f scheduler.Flood, max int) notice {
	entries := 0
	if f.Truncated {
		entries = feed.DefaultMaxEntries
	}
	return notice{"notify.flood", []any{"Feed", f.Feed, "Total", f.Pushed + f.Held, "Pushed", f.Pushed, "Held", f.Held,
		"Max", max, "Entries", entries}}
}

// The dispatcher's per-chat pace (bot's defaults: 1 message/s to a user,
// 20/min with 5% headroom to a group or channel), which the ledger spaces
// one feed's rows for a chat by, so other feeds' briefs go out between them.
const (
	fairPrivate = time.Second
	fairGroup   = 3150 * time.Millisecond
)
