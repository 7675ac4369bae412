package scheduler

import (
	"sync"
	"sync/atomic"
	"time"
)

// MaxLockHold is the longest the pipeline lock should be held at a time:
// every feed's briefs wait while it is. Clustering runs outside the lock
// and saves inside it in batches of clusterBatch items to stay below it.
const MaxLockHold = 500 * time.Millisecond

// storyLock is the pipeline lock. It serialises the writes of stories
// (cluster saves) with Publish, so two feeds reporting one event never each
// start a story; it times every hold; and it counts the cluster saves, so
// that clustering can read and compute outside the lock and, once it holds
// it, tell whether any story changed meanwhile.
type storyLock struct {
	mu      sync.Mutex
	since   time.Time // when the holder took it; guarded by mu
	saves   atomic.Uint64
	longest atomic.Int64 // nanoseconds
	observe atomic.Pointer[func(held time.Duration)]
}

// Lock takes the lock.
func (l *storyLock) Lock() {
	l.mu.Lock()
	l.since = time.Now()
}

// Unlock releases it and records how long it was held.
func (l *storyLock) Unlock() {
	held := time.Since(l.since)
	l.mu.Unlock()
	for {
		old := l.longest.Load()
		if int64(held) <= old || l.longest.CompareAndSwap(old, int64(held)) {
			break
		}
	}
	if fn := l.observe.Load(); fn != nil {
		(*fn)(held)
	}
}

// saved records a cluster save; the caller holds the lock.
func (l *storyLock) saved() { l.saves.Add(1) }

// version is the count of cluster saves so far.
func (l *storyLock) version() uint64 { return l.saves.Load() }

// LongestLockHold is the longest the pipeline lock was held since the
// Pipeline was made.
func (p *Pipeline) LongestLockHold() time.Duration { return time.Duration(p.mu.longest.Load()) }

// ObserveLockHolds calls fn after every release of the pipeline lock with
// how long it was held (the daemon's metrics and slow-hold log); fn must
// not block. A later call replaces fn.
func (p *Pipeline) ObserveLockHolds(fn func(held time.Duration)) { p.mu.observe.Store(&fn) }
