package bot

import (
	"container/list"
	"strconv"
	"sync"
	"time"
)

// queryCache keeps recent search queries behind short ids for the paging
// buttons. It is bounded: the oldest query is forgotten first.
type queryCache struct {
	mu    sync.Mutex
	max   int
	next  uint64
	order *list.List // of *cacheEntry, most recent at the front
	byID  map[string]*list.Element
}

type cacheEntry struct {
	id, query string
}

func newQueryCache(max int) *queryCache {
	return &queryCache{max: max, order: list.New(), byID: map[string]*list.Element{}}
}

func (c *queryCache) put(query string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.next++
	id := strconv.FormatUint(c.next, 36)
	c.byID[id] = c.order.PushFront(&cacheEntry{id: id, query: query})
	for c.order.Len() > c.max {
		e := c.order.Back()
		c.order.Remove(e)
		delete(c.byID, e.Value.(*cacheEntry).id)
	}
	return id
}

func (c *queryCache) get(id string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byID[id]
	if !ok {
		return "", false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cacheEntry).query, true
}

// userLimiter allows n events per user in any sliding window.
type userLimiter struct {
	mu     sync.Mutex
	n      int
	window time.Duration
	seen   map[int64][]time.Time
}

func newUserLimiter(n int, window time.Duration) *userLimiter {
	return &userLimiter{n: n, window: window, seen: map[int64][]time.Time{}}
}

func (l *userLimiter) allow(user int64, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if len(l.seen) > 10000 {
		for u, ts := range l.seen {
			if len(ts) == 0 || now.Sub(ts[len(ts)-1]) >= l.window {
				delete(l.seen, u)
			}
		}
	}
	ts := l.seen[user]
	i := 0
	for i < len(ts) && now.Sub(ts[i]) >= l.window {
		i++
	}
	ts = ts[i:]
	if len(ts) >= l.n {
		l.seen[user] = ts
		return false
	}
	l.seen[user] = append(ts, now)
	return true
}
