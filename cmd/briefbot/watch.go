package main

import (
	"context"
	"fmt"
	"strings"
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

// tellAdmins sends text to the admins; in console mode there is nobody to
// tell, and the log has it.
func (a *app) tellAdmins(ctx context.Context, text string) {
	if a.tg != nil {
		a.tg.NotifyAdmins(ctx, text)
	}
}

// floodNotices is the pipeline's OnFlood: every fetch that made more new
// stories than fetch.max_new_stories, or was cut at the fetcher's entry
// limit, is logged and counted; tell is called once per feed while the
// daemon runs, not at every fetch.
func (a *app) floodNotices(tell func(ctx context.Context, text string)) func(scheduler.Flood) {
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
			tell(ctx, floodText(f, a.cfg.Fetch.MaxNewStories))
		}
	}
}

func floodText(f scheduler.Flood, max int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "📚 Feed %s brought more at once than usual.", f.Feed)
	if f.Held > 0 {
		fmt.Fprintf(&b, "\nOne fetch made %d new stories: the first %d were sent, the other %d are stored and searchable but not sent (fetch.max_new_stories: %d).",
			f.Pushed+f.Held, f.Pushed, f.Held, max)
	}
	if f.Truncated {
		fmt.Fprintf(&b, "\nIt lists more than %d entries; the later ones are not read.", feed.DefaultMaxEntries)
	}
	b.WriteString("\nYou are told once per feed until the next restart; the log has every fetch.")
	return b.String()
}

// The dispatcher's per-chat pace (bot's defaults: 1 message/s to a user,
// 20/min with 5% headroom to a group or channel), which the ledger spaces
// one feed's rows for a chat by, so other feeds' briefs go out between them.
const (
	fairPrivate = time.Second
	fairGroup   = 3150 * time.Millisecond
)
