package briefbot

import "time"

// Defaults of the settings that both the config file and an adapter know.
// config.Default fills the file's omitted keys with them, and each adapter
// applies the same constant to a zero option, so a program that wires an
// adapter without a config file behaves as the daemon does. Each is
// documented with its key in config.example.yaml.
const (
	// DefaultAPIURL is Telegram's Bot API (telegram.api_url).
	DefaultAPIURL = "https://api.telegram.org"

	// DefaultFetchTimeout bounds one fetch, connect included (fetch.timeout).
	DefaultFetchTimeout = 30 * time.Second
	// DefaultFetchMaxBytes caps a response, after gzip (fetch.max_bytes).
	DefaultFetchMaxBytes = 16 << 20
	// DefaultFetchPerHost bounds concurrent requests to one host
	// (fetch.per_host).
	DefaultFetchPerHost = 2
	// DefaultFetchMaxParallel bounds the feeds fetched, parsed and stored
	// at once (fetch.max_parallel).
	DefaultFetchMaxParallel = 16
	// DefaultFetchMaxTotalBytes bounds the large bodies (over 1 MiB) held
	// at once, each counted at fetch.max_bytes (fetch.max_total_bytes).
	DefaultFetchMaxTotalBytes = 32 << 20
	// DefaultMaxNewStories is how many new stories one fetch may push; the
	// rest are stored and searchable (fetch.max_new_stories).
	DefaultMaxNewStories = 50
	// DefaultBacklog is how far back a new feed's first fetch delivers
	// (fetch.backlog).
	DefaultBacklog = 6 * time.Hour
	// DefaultFailPauseAfter is how many consecutive failed fetches pause a
	// feed (fetch.fail_pause_after).
	DefaultFailPauseAfter = 10

	// DefaultWindow is how far apart two reports of one story may be
	// (digest.window).
	DefaultWindow = 36 * time.Hour
	// DefaultSettle is how long a new story waits for more sources before
	// its brief goes out (digest.settle; 0 sends at once).
	DefaultSettle = 10 * time.Minute

	// DefaultGlobalPerSecond is Telegram's overall ceiling without paid
	// broadcasts (delivery.global_per_second).
	DefaultGlobalPerSecond = 30
	// DefaultMaxAttempts is how often a message may fail before it is given
	// up (delivery.max_attempts).
	DefaultMaxAttempts = 8
	// DefaultEditions is when edition-mode chats get their digest, a cron
	// spec in the chat's time zone (delivery.editions).
	DefaultEditions = "0 7,12,19 * * *"

	// DefaultSearchPerUserPerMinute limits /search per user
	// (search.per_user_per_minute).
	DefaultSearchPerUserPerMinute = 10

	// DefaultRetention is how long posts are kept (retention.posts).
	DefaultRetention = 720 * time.Hour
)
