package bot

import (
	"container/list"
	"crypto/rand"
	"encoding/base64"
	"sync"
	"time"
)

// queryCache keeps recent values (search queries, long feed names) behind
// short ids for buttons, whose callback data Telegram caps at 64 bytes. Ids
// are random and each is bound to the chat it was made for: a client can
// send any callback data, and a guessable id would read another chat's
// search. It is bounded: the least recently used value goes first.
type queryCache struct {
	mu    sync.Mutex
	max   int
	order *list.List // of *cacheEntry, most recent at the front
	byID  map[string]*list.Element
}

type cacheEntry struct {
	id    string
	owner int64 // the chat the id was given to
	value string
}

func newQueryCache(max int) *queryCache {
	return &queryCache{max: max, order: list.New(), byID: map[string]*list.Element{}}
}

// put keeps value for owner and returns its id: 11 characters of 64 random
// bits.
func (c *queryCache) put(owner int64, value string) string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	id := base64.RawURLEncoding.EncodeToString(b[:])
	c.mu.Lock()
	defer c.mu.Unlock()
	c.byID[id] = c.order.PushFront(&cacheEntry{id: id, owner: owner, value: value})
	for c.order.Len() > c.max {
		e := c.order.Back()
		c.order.Remove(e)
		delete(c.byID, e.Value.(*cacheEntry).id)
	}
	return id
}

// get returns the value behind id if it was given to owner and is still
// kept; an unknown, forgotten or foreign id is not found.
func (c *queryCache) get(owner int64, id string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.byID[id]
	if !ok || e.Value.(*cacheEntry).owner != owner {
		return "", false
	}
	c.order.MoveToFront(e)
	return e.Value.(*cacheEntry).value, true
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
