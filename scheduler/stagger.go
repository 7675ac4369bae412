package scheduler

import (
	"context"
	"hash/fnv"
	"time"

	"github.com/robfig/cron/v3"
)

// maxStagger caps how long a feed's start is delayed after its tick.
const maxStagger = 5 * time.Minute

// stagger spreads the start times of feeds that share a schedule: each feed
// waits a fixed, name-derived share of up to half its interval (at most
// maxStagger) after every tick. Sites see requests spread out instead of a
// burst on the minute, and the same feed always starts at the same offset, so
// its fetches stay evenly spaced.
func stagger(name string, sched cron.Schedule, loc *time.Location) time.Duration {
	a := sched.Next(time.Now().In(loc))
	if a.IsZero() {
		return 0
	}
	b := sched.Next(a)
	spread := min(b.Sub(a)/2, maxStagger)
	if spread <= 0 {
		return 0
	}
	h := fnv.New64a()
	h.Write([]byte(name))
	return time.Duration(h.Sum64() % uint64(spread))
}

// sleepCtx waits d, or returns false early when ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
