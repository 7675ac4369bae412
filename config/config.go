// Package config loads briefbot's YAML configuration: defaults first, then the
// file, then ${ENV} expansion per value (after parsing, so every line number
// stays true), then validation that names the file, line and field of every
// mistake. It also converts the result into the domain's Feed and Topic types.
package config

import (
	"time"

	"briefbot"
)

// Config is the whole configuration file.
type Config struct {
	Telegram Telegram `yaml:"telegram"`
	Database Database `yaml:"database"`
	Timezone string   `yaml:"timezone"`
	// DefaultLanguage is the language the bot speaks in a chat that has
	// none: chats from before languages existed, groups no admin gave one.
	DefaultLanguage string    `yaml:"default_language"`
	HTTP            HTTP      `yaml:"http"`
	Log             Log       `yaml:"log"`
	Admins          []int64   `yaml:"admins"`
	Topics          []Topic   `yaml:"topics"`
	Feeds           []Feed    `yaml:"feeds"`
	Channels        []Channel `yaml:"channels"`
	Fetch           Fetch     `yaml:"fetch"`
	Digest          Digest    `yaml:"digest"`
	Delivery        Delivery  `yaml:"delivery"`
	Search          Search    `yaml:"search"`
	Retention       Retention `yaml:"retention"`

	// File is the absolute path the config was read from ("" for defaults);
	// relative paths in it were resolved against its folder.
	File string `yaml:"-"`
	// Location is Timezone loaded.
	Location *time.Location `yaml:"-"`
	// lines maps each field of the file to its line (see Warn).
	lines map[string]int
}

// Telegram configures the Bot API client.
type Telegram struct {
	Token        string  `yaml:"token"`
	APIURL       string  `yaml:"api_url"`
	Webhook      Webhook `yaml:"webhook"`
	LinkPreviews bool    `yaml:"link_previews"`
	// InstanceCheck is how long the bot listens at start-up, before it sends
	// anything, for another instance polling with the same token; 0 skips.
	InstanceCheck Duration `yaml:"instance_check"`
}

// Webhook configures webhook mode; an empty Listen means long polling.
type Webhook struct {
	Listen      string `yaml:"listen"`
	PublicURL   string `yaml:"public_url"`
	SecretToken string `yaml:"secret_token"`
}

// Database configures the SQLite file.
type Database struct {
	Path string `yaml:"path"`
}

// HTTP configures the health and metrics listener; empty Listen disables it.
type HTTP struct {
	Listen string `yaml:"listen"`
}

// Log configures log/slog output.
type Log struct {
	Format string `yaml:"format"` // text | json
	Level  string `yaml:"level"`  // debug | info | warn | error
}

// Topic is a subject chats subscribe to.
type Topic struct {
	Name    string     `yaml:"name"`
	Title   TopicTitle `yaml:"title"`
	Hashtag string     `yaml:"hashtag"`
	Include []string   `yaml:"include"`
	Exclude []string   `yaml:"exclude"`
}

// Feed is one configured feed.
type Feed struct {
	Name     string   `yaml:"name"`
	URL      string   `yaml:"url"`
	Topics   []string `yaml:"topics"`
	Language string   `yaml:"language"`
	Schedule string   `yaml:"schedule"`
	Urgent   bool     `yaml:"urgent"`
	Include  []string `yaml:"include"`
	Exclude  []string `yaml:"exclude"`
	// Backlog is a duration, or "all" to deliver everything on the first
	// fetch; empty takes fetch.backlog.
	Backlog string `yaml:"backlog"`
	// Outlet names the outlet of the feed's own entries where nothing in an
	// entry does (its <source>, an outlet byline, a dateline, a known
	// host); empty: the feed's own title names them. Never used for blocks
	// an aggregator post quotes.
	Outlet string `yaml:"outlet"`
}

// Channel is a Telegram channel the bot posts to. Its chat_id is either the
// numeric id (-100...) or the channel's public "@name".
type Channel struct {
	// ChatID is the numeric id: as written, or resolved from Username by
	// the daemon at start and reload (0 until then, or when unresolvable).
	ChatID int64 `yaml:"chat_id"`
	// Username is the public "@name" chat_id gave instead of a number, with
	// its "@"; empty for a numeric chat_id.
	Username string   `yaml:"-"`
	Topics   []string `yaml:"topics"`
	Mode     string   `yaml:"mode"`
	// Language is the language its briefs are in (ja, en, ru); empty
	// gives each story in its main language.
	Language string `yaml:"language"`
}

// Fetch configures the feed fetcher.
type Fetch struct {
	UserAgentContact      string   `yaml:"user_agent_contact"`
	MaxBytes              ByteSize `yaml:"max_bytes"`
	Timeout               Duration `yaml:"timeout"`
	PerHost               int      `yaml:"per_host"`
	Backlog               Duration `yaml:"backlog"`
	FailPauseAfter        int      `yaml:"fail_pause_after"`
	AllowPrivateAddresses bool     `yaml:"allow_private_addresses"`
	MaxParallel           int      `yaml:"max_parallel"`
	MaxTotalBytes         ByteSize `yaml:"max_total_bytes"`
	MaxNewStories         int      `yaml:"max_new_stories"`
}

// Digest configures story clustering.
type Digest struct {
	Window Duration `yaml:"window"`
	Settle Duration `yaml:"settle"`
}

// Delivery configures the sender.
type Delivery struct {
	GlobalPerSecond float64 `yaml:"global_per_second"`
	PaidBroadcast   bool    `yaml:"paid_broadcast"`
	MaxAttempts     int     `yaml:"max_attempts"`
	Editions        string  `yaml:"editions"`
}

// Search configures /search.
type Search struct {
	PerUserPerMinute int `yaml:"per_user_per_minute"`
}

// Retention configures pruning.
type Retention struct {
	Posts Duration `yaml:"posts"`
}

// Default returns the configuration used for every key the file omits.
func Default() *Config {
	return &Config{
		Telegram: Telegram{APIURL: briefbot.DefaultAPIURL, InstanceCheck: Duration(5 * time.Second)},
		Database: Database{Path: "briefbot.db"},
		Timezone: "Asia/Tokyo",

		DefaultLanguage: briefbot.DefaultInterfaceLanguage,
		HTTP:            HTTP{Listen: "127.0.0.1:9090"},
		Log:             Log{Format: "text", Level: "info"},
		Fetch: Fetch{
			MaxBytes:       briefbot.DefaultFetchMaxBytes,
			Timeout:        Duration(briefbot.DefaultFetchTimeout),
			PerHost:        briefbot.DefaultFetchPerHost,
			Backlog:        Duration(briefbot.DefaultBacklog),
			FailPauseAfter: briefbot.DefaultFailPauseAfter,
			MaxParallel:    briefbot.DefaultFetchMaxParallel,
			MaxTotalBytes:  briefbot.DefaultFetchMaxTotalBytes,
			MaxNewStories:  briefbot.DefaultMaxNewStories,
		},
		Digest: Digest{Window: Duration(briefbot.DefaultWindow), Settle: Duration(briefbot.DefaultSettle)},
		Delivery: Delivery{
			GlobalPerSecond: briefbot.DefaultGlobalPerSecond,
			MaxAttempts:     briefbot.DefaultMaxAttempts,
			Editions:        briefbot.DefaultEditions,
		},
		Search:    Search{PerUserPerMinute: briefbot.DefaultSearchPerUserPerMinute},
		Retention: Retention{Posts: Duration(briefbot.DefaultRetention)},
	}
}

// Feed defaults applied per entry.
const (
	DefaultSchedule = "*/15 * * * *"
	DefaultLanguage = "auto"
)
