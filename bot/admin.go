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
}

// Admin is what admin commands need from the daemon; cmd/briefbot implements it.
type Admin interface {
	Feeds(ctx context.Context) ([]FeedStatus, error)
	Stats(ctx context.Context) (*AdminStats, error)
	// Reload re-reads the config file and applies it; a *config error* is returned
	// as an error whose text lists file:line: field: message lines (shown to the admin verbatim, escaped).
	Reload(ctx context.Context) error
	// AddFeed validates rawURL (http(s) only; loopback/private addresses refused unless allowed),
	// fetches it once to take its title as the (unique) name, appends it to the config file
	// keeping comments and order, and reloads. Returns the new feed's name.
	AddFeed(ctx context.Context, rawURL, topic string) (string, error)
	// DelFeed removes the feed from the config file (comments kept) and reloads.
	DelFeed(ctx context.Context, name string) error
	// ResumeFeed un-pauses a paused feed and fetches it now.
	ResumeFeed(ctx context.Context, name string) error
}
