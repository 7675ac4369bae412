package bot

import (
	"context"
	"sync"
	"time"

	"briefbot"
)

// SettingsReader reads a chat's settings; *db.DB implements it.
type SettingsReader interface {
	ChatSettings(ctx context.Context, chatID int64) (*briefbot.ChatSettings, error)
}

// defaultSettingsTTL bounds how long a /settings change may take to reach
// the dispatcher, against one settings read per claimed row.
const defaultSettingsTTL = 30 * time.Second

// quietCache remembers chats' quiet hours and zones for a short while.
type quietCache struct {
	src SettingsReader
	def *time.Location
	ttl time.Duration

	mu      sync.Mutex
	entries map[int64]quietEntry
}

type quietEntry struct {
	q       briefbot.QuietHours
	loc     *time.Location
	fetched time.Time
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
	return &quietCache{src: src, def: def, ttl: ttl, entries: map[int64]quietEntry{}}
}

// until reports whether the chat is in its quiet hours at now and, if so,
// when they end. A chat whose settings cannot be read is not held: a brief
// sent during quiet hours is better than one lost to a settings error.
func (c *quietCache) until(ctx context.Context, chatID int64, now time.Time) (time.Time, bool) {
	if c == nil {
		return time.Time{}, false
	}
	c.mu.Lock()
	e, ok := c.entries[chatID]
	c.mu.Unlock()
	if !ok || now.Sub(e.fetched) >= c.ttl || now.Before(e.fetched) {
		e = quietEntry{loc: c.def, fetched: now}
		if s, err := c.src.ChatSettings(ctx, chatID); err == nil {
			e.q, e.loc = s.Quiet, s.Location(c.def)
		}
		c.mu.Lock()
		if len(c.entries) > 100_000 {
			clear(c.entries) // a crude bound; entries are cheap to refetch
		}
		c.entries[chatID] = e
		c.mu.Unlock()
	}
	return e.q.Until(now, e.loc)
}
