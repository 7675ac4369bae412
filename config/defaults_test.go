package config_test

import (
	"path/filepath"
	"testing"
	"time"

	"briefbot"
	"briefbot/config"
)

// effective is what a config file means once defaults are applied: the
// values recorded below were printed from main before the defaults moved
// into the root package, so a changed default or a lost key fails here.
type effective struct {
	apiURL, dbFile, timezone, httpListen, logFormat, logLevel string
	maxBytes                                                  int64
	timeout, backlog                                          time.Duration
	perHost, failPauseAfter                                   int
	window, settle                                            time.Duration
	globalPerSecond                                           float64
	maxAttempts                                               int
	editions                                                  string
	searchPerUserPerMinute                                    int
	retention                                                 time.Duration
	feeds                                                     string // per feed: name schedule language backlog;
}

func effectiveOf(c *config.Config) effective {
	e := effective{
		apiURL: c.Telegram.APIURL, dbFile: filepath.Base(c.Database.Path), timezone: c.Timezone,
		httpListen: c.HTTP.Listen, logFormat: c.Log.Format, logLevel: c.Log.Level,
		maxBytes: int64(c.Fetch.MaxBytes), timeout: c.Fetch.Timeout.D(), backlog: c.Fetch.Backlog.D(),
		perHost: c.Fetch.PerHost, failPauseAfter: c.Fetch.FailPauseAfter,
		window: c.Digest.Window.D(), settle: c.Digest.Settle.D(),
		globalPerSecond: c.Delivery.GlobalPerSecond, maxAttempts: c.Delivery.MaxAttempts, editions: c.Delivery.Editions,
		searchPerUserPerMinute: c.Search.PerUserPerMinute, retention: c.Retention.Posts.D(),
	}
	for _, f := range c.Feeds {
		e.feeds += f.Name + " " + f.Schedule + " " + f.Language + " " + f.Backlog + ";"
	}
	return e
}

func TestEffectiveValuesUnchanged(t *testing.T) {
	base := effective{
		apiURL: "https://api.telegram.org", dbFile: "briefbot.db", timezone: "Asia/Tokyo",
		httpListen: "127.0.0.1:9090", logFormat: "text", logLevel: "info",
		maxBytes: 16777216, timeout: 30 * time.Second, backlog: 6 * time.Hour, perHost: 2, failPauseAfter: 10,
		window: 36 * time.Hour, settle: 10 * time.Minute,
		globalPerSecond: 30, maxAttempts: 8, editions: "0 7,12,19 * * *",
		searchPerUserPerMinute: 10, retention: 720 * time.Hour,
	}
	with := func(fn func(*effective)) effective {
		e := base
		fn(&e)
		return e
	}
	for _, tt := range []struct {
		file string
		want effective
	}{
		{"../config.example.yaml", with(func(e *effective) { e.feeds = "sample */15 * * * * ja all;" })},
		{"testdata/edit/block.yaml", with(func(e *effective) {
			e.timeout = 20 * time.Second
			e.feeds = "d1021 */15 * * * * ja ;reuters */30 * * * * auto ;"
		})},
		{"testdata/edit/empty.yaml", with(func(e *effective) { e.logLevel = "debug" })},
		{"testdata/edit/flow.yaml", with(func(e *effective) {
			e.window = 24 * time.Hour
			e.feeds = "a */15 * * * * auto ;b */15 * * * * auto ;"
		})},
		{"testdata/edit/nofeeds.yaml", with(func(e *effective) { e.logLevel = "debug" })},
	} {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			c, err := config.Load(tt.file, config.Options{LookupEnv: func(string) (string, bool) { return "", false }})
			if err != nil {
				t.Fatal(err)
			}
			if got := effectiveOf(c); got != tt.want {
				t.Errorf("effective values\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

// TestDefaultsAreTheRootConstants: the file's defaults and the adapters'
// zero-option defaults are one set of constants.
func TestDefaultsAreTheRootConstants(t *testing.T) {
	d := config.Default()
	for _, tt := range []struct {
		key       string
		got, want any
	}{
		{"telegram.api_url", d.Telegram.APIURL, briefbot.DefaultAPIURL},
		{"fetch.max_bytes", int64(d.Fetch.MaxBytes), int64(briefbot.DefaultFetchMaxBytes)},
		{"fetch.timeout", d.Fetch.Timeout.D(), briefbot.DefaultFetchTimeout},
		{"fetch.per_host", d.Fetch.PerHost, briefbot.DefaultFetchPerHost},
		{"fetch.backlog", d.Fetch.Backlog.D(), briefbot.DefaultBacklog},
		{"fetch.fail_pause_after", d.Fetch.FailPauseAfter, briefbot.DefaultFailPauseAfter},
		{"fetch.max_parallel", d.Fetch.MaxParallel, briefbot.DefaultFetchMaxParallel},
		{"fetch.max_total_bytes", int64(d.Fetch.MaxTotalBytes), int64(briefbot.DefaultFetchMaxTotalBytes)},
		{"fetch.max_new_stories", d.Fetch.MaxNewStories, briefbot.DefaultMaxNewStories},
		{"digest.window", d.Digest.Window.D(), briefbot.DefaultWindow},
		{"digest.settle", d.Digest.Settle.D(), briefbot.DefaultSettle},
		{"delivery.global_per_second", d.Delivery.GlobalPerSecond, float64(briefbot.DefaultGlobalPerSecond)},
		{"delivery.max_attempts", d.Delivery.MaxAttempts, briefbot.DefaultMaxAttempts},
		{"delivery.editions", d.Delivery.Editions, briefbot.DefaultEditions},
		{"search.per_user_per_minute", d.Search.PerUserPerMinute, briefbot.DefaultSearchPerUserPerMinute},
		{"retention.posts", d.Retention.Posts.D(), briefbot.DefaultRetention},
		{"default_language", d.DefaultLanguage, briefbot.DefaultInterfaceLanguage},
	} {
		if tt.got != tt.want {
			t.Errorf("%s: default %v, root constant %v", tt.key, tt.got, tt.want)
		}
	}
}
