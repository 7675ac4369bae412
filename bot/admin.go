package bot

import (
	"context"
	"time"

	"briefbot"
)

// FeedStatus is one line of /feeds.
type FeedStatus struct {
	Name, URL     string
	Topics        []string
	Schedule      string
	LastFetchAt   time.Time
	LastSuccessAt time.Time
	NextRun       time.Time
	Items         int
	Failures      int
	LastError     string
	Paused        bool
}

// AdminStats is the body of /stats.
type AdminStats struct {
	Chats, ActiveChats, Subscriptions int
	Deliveries                        briefbot.DeliveryStats // by state, all time
	SentLast24h                       int
	BriefsLast24h                     int
	Subscribers                       int     // chats subscribed to anything (active)
	GlobalPerSecond                   float64 // configured rate: one brief reaches every subscriber in ≈ Subscribers/rate

	// Why briefs wait: stories waiting out digest.settle (Settle) before
	// their first brief goes out, the first at SettleNext; messages held by
	// their chats' quiet hours; messages waiting to be retried after a
	// failure or Telegram's flood control, the first at RetryNext; paused
	// chats.
	Settling    int
	Settle      time.Duration
	SettleNext  time.Time
	QuietHeld   int
	Retrying    int
	RetryNext   time.Time
	PausedChats int
}

// Admin is what admin commands need from the daemon; cmd/briefbot implements it.
type Admin interface {
	Feeds(ctx context.Context) ([]FeedStatus, error)
	Stats(ctx context.Context) (*AdminStats, error)
	// Reload re-reads the config file and applies it; a *config error* is returned
	// as an error whose text lists file:line: field: message lines (shown to the admin verbatim, escaped).
	Reload(ctx context.Context) error
	// AddFeed validates rawURL (http(s) only; loopback/private addresses refused unless
	// fetch.allow_private_addresses), fetches it once, appends it to the config file under
	// topic (a configured topic's name) keeping comments and order, and reloads. The feed is
	// named name, or when name is "" after its own title (made unique). Returns the name.
	AddFeed(ctx context.Context, rawURL, topic, name string) (string, error)
	// DelFeed removes the feed from the config file (comments kept) and reloads.
	DelFeed(ctx context.Context, name string) error
	// ResumeFeed un-pauses a paused feed and fetches it now.
	ResumeFeed(ctx context.Context, name string) error
}
