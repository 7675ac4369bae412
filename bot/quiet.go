package bot

import (
	"context"
	"sync"
	"time"

	"briefbot"
)

// SettingsReader lists the chats that have quiet hours; *db.DB implements it.
// The dispatcher reads the whole (small) set at once every little while
// instead of one chat's settings per message: a fan-out to 100,000 chats then
// costs one query, and memory holds only the chats that set quiet hours.
type SettingsReader interface {
	QuietChats(ctx context.Context) ([]*briefbot.ChatSettings, error)
}

// defaultSettingsTTL bounds how long a /settings change may take to reach
// the dispatcher.
const defaultSettingsTTL = 30 * time.Second

// quietCache is a snapshot of every chat's quiet hours, refreshed every ttl.
type quietCache struct {
	src SettingsReader
	def *time.Location
	ttl time.Duration

	mu      sync.Mutex
	chats   map[int64]quietEntry
	fetched time.Time
}

type quietEntry struct {
	q   briefbot.QuietHours
	loc *time.Location
}

func newQuietCache(src SettingsReader, def *time.Location, ttl time.Duration) *quietCache {
	if src == nil {
		return nil
	}
	if def == nil {
		def = time.UTC
	}
	if ttl <= 0 {
		ttl = defaultSettingsTTL
	}
	return &quietCache{src: src, def: def, ttl: ttl}
}

// until reports whether the chat is in its quiet hours at now and, if so,
// when they end. When the settings cannot be read the last snapshot stays in
// use (none at first): a brief sent during quiet hours is better than one
// held by a settings error.
func (c *quietCache) until(ctx context.Context, chatID int64, now time.Time) (time.Time, bool) {
	if c == nil {
		return time.Time{}, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.chats == nil || now.Sub(c.fetched) >= c.ttl || now.Before(c.fetched) {
		c.fetched = now
		if list, err := c.src.QuietChats(ctx); err == nil {
			m := make(map[int64]quietEntry, len(list))
			for _, s := range list {
				m[s.ChatID] = quietEntry{q: s.Quiet, loc: s.Location(c.def)}
			}
			c.chats = m
		} else if c.chats == nil {
			c.chats = map[int64]quietEntry{}
		}
	}
	e, ok := c.chats[chatID]
	if !ok {
		return time.Time{}, false
	}
	return e.q.Until(now, e.loc)
}
