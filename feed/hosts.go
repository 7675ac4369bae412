package feed

import (
	"context"
	"sync"
)

// hostLimiter bounds concurrent requests per host, so many feeds on one
// server (every blog of a hosting service) never hit it all at once.
type hostLimiter struct {
	limit int
	mu    sync.Mutex
	slots map[string]*hostSlot
}

type hostSlot struct {
	sem  chan struct{}
	refs int // holders and waiters; the entry goes when it drops to zero
}

func newHostLimiter(limit int) *hostLimiter {
	return &hostLimiter{limit: limit, slots: make(map[string]*hostSlot)}
}

// acquire waits for a slot on host and returns its release, or ctx's error.
func (l *hostLimiter) acquire(ctx context.Context, host string) (func(), error) {
	l.mu.Lock()
	s := l.slots[host]
	if s == nil {
		s = &hostSlot{sem: make(chan struct{}, l.limit)}
		l.slots[host] = s
	}
	s.refs++
	l.mu.Unlock()

	select {
	case s.sem <- struct{}{}:
		var once sync.Once
		return func() {
			once.Do(func() {
				<-s.sem
				l.unref(host, s)
			})
		}, nil
	case <-ctx.Done():
		l.unref(host, s)
		return nil, ctx.Err()
	}
}

func (l *hostLimiter) unref(host string, s *hostSlot) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if s.refs--; s.refs == 0 {
		delete(l.slots, host)
	}
}
