package config

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func checkSchedule(spec string) error {
	if strings.Count(spec, " ") == 4 || strings.HasPrefix(spec, "@every ") {
		return nil
	}
	return fmt.Errorf("invalid schedule %q: expected 5 fields", spec)
}

const good = `
telegram:
  token: ${BOT_TOKEN}
  api_url: http://127.0.0.1:8081
database:
  path: data/briefbot.db
timezone: Asia/Tokyo
admins: ["${ADMIN_ID}"]
topics:
  - {name: world, title: 国際, hashtag: 国際}
  - name: russia
    title: ロシア
feeds:
  - name: sample
    url: testdata/sample.xml
    topics: [world, russia]
    language: ja
    backlog: all
  - name: remote
    url: https://d1021.hatenadiary.jp/feed
    topics: [world]
    schedule: "@every 10m"
    backlog: 2h
    outlet: NHK
fetch:
  max_bytes: 1MiB
  timeout: 5s
digest: {window: 24h, settle: 0s}
`

func TestParseGood(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "testdata"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "testdata", "sample.xml"), []byte("<rss/>"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "config.yaml")
	cfg, err := Parse([]byte(good), file, Options{LookupEnv: env(map[string]string{"BOT_TOKEN": "123:abc", "ADMIN_ID": "42"}), CheckSchedule: checkSchedule})
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	tests := []struct {
		name      string
		got, want any
	}{
		{"token from ${ENV}", cfg.Telegram.Token, "123:abc"},
		{"admin from ${ENV} decodes as int", cfg.Admins[0], int64(42)},
		{"db path relative to config", cfg.Database.Path, filepath.Join(dir, "data", "briefbot.db")},
		{"feed path relative to config", cfg.Feeds[0].URL, filepath.Join(dir, "testdata", "sample.xml")},
		{"http url untouched", cfg.Feeds[1].URL, "https://d1021.hatenadiary.jp/feed"},
		{"default schedule", cfg.Feeds[0].Schedule, DefaultSchedule},
		{"default language", cfg.Feeds[1].Language, "auto"},
		{"hashtag defaults to title", cfg.Topics[1].Hashtag, "ロシア"},
		{"max_bytes unit", int64(cfg.Fetch.MaxBytes), int64(1 << 20)},
		{"timeout", cfg.Fetch.Timeout.D(), 5 * time.Second},
		{"settle zero allowed", cfg.Digest.Settle.D(), time.Duration(0)},
		{"default per_host kept", cfg.Fetch.PerHost, 2},
		{"location", cfg.Location.String(), "Asia/Tokyo"},
		{"backlog all", cfg.DomainFeeds()[0].BacklogAll, true},
		{"backlog 2h", cfg.DomainFeeds()[1].Backlog, 2 * time.Hour},
		{"outlet", cfg.DomainFeeds()[1].Outlet, "NHK"},
		{"no outlet: the feed names its entries", cfg.DomainFeeds()[0].Outlet, ""},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestTokenFromEnvironment(t *testing.T) {
	cfg, err := Parse([]byte("timezone: UTC\n"), "/x/config.yaml", Options{LookupEnv: env(map[string]string{TokenEnv: "9:zz"})})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Telegram.Token != "9:zz" {
		t.Fatalf("token = %q, want it from %s", cfg.Telegram.Token, TokenEnv)
	}
	out, err := Marshal(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(out), "9:zz") {
		t.Fatalf("Marshal leaked the token:\n%s", out)
	}
}

func TestParseErrorsNameLineAndField(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []string // each must appear in the error text
	}{
		{"unknown key with suggestion", "telegram:\n  tokn: x\n", []string{"config.yaml:2: telegram.tokn: unknown key \"tokn\" (did you mean \"token\"?)"}},
		{"bad timezone", "timezone: Mars/Olympus\n", []string{"config.yaml:1: timezone: unknown time zone"}},
		{"bad duration", "fetch:\n  timeout: soon\n", []string{"config.yaml:2: fetch.timeout: invalid duration \"soon\""}},
		{"wrong type", "fetch:\n  per_host: many\n", []string{"config.yaml:2: fetch.per_host: wrong type"}},
		{"yaml syntax", "telegram: [\n", []string{"config.yaml:"}},
		{"feed mistakes, all reported", `topics:
  - {name: World}
feeds:
  - name: a
    url: ftp://example.com/feed
    topics: [nope]
    language: de
    schedule: every hour
  - name: a
    url: https://example.com/feed
    topics: [World]
`, []string{
			"config.yaml:2: topics[0].name: must be 1-32 characters",
			"config.yaml:5: feeds[0].url: neither an http(s) URL nor a readable file",
			"config.yaml:6: feeds[0].topics[0]: unknown topic \"nope\"",
			"config.yaml:7: feeds[0].language: must be ja, en, ru or auto",
			"config.yaml:8: feeds[0].schedule: invalid schedule",
			"config.yaml:9: feeds[1].name: duplicate feed name \"a\"",
		}},
		{"outlet mistakes", `topics: [{name: w}]
feeds:
  - {name: a, url: https://example.com/a, topics: [w], outlet: ""}
  - {name: b, url: https://example.com/b, topics: [w], outlet: "NHK\tWorld"}
  - name: c
    url: https://example.com/c
    topics: [w]
    outlet: ` + strings.Repeat("長", 65) + `
  - {name: d, url: https://example.com/d, topics: [w], outlet: "${EMPTY}"}
`, []string{
			"config.yaml:3: feeds[0].outlet: must not be empty",
			"config.yaml:4: feeds[1].outlet: must not hold control characters",
			"config.yaml:8: feeds[2].outlet: at most 64 characters, got 65",
			"config.yaml:9: feeds[3].outlet: must not be empty",
		}},
		{"instance check beyond Telegram's longest poll", "telegram:\n  instance_check: 2m\n", []string{"config.yaml:2: telegram.instance_check: must be between 0s (no check) and 50s"}},
		{"rate above Telegram without paid broadcast", "delivery:\n  global_per_second: 100\n", []string{"config.yaml:2: delivery.global_per_second: Telegram allows about 30"}},
		{"channel id sign", "topics: [{name: w}]\nchannels:\n  - chat_id: 5\n    topics: [w]\n", []string{"config.yaml:3: channels[0].chat_id: must be the channel's negative id (-100...) or its public \"@name\", got 5"}},
		{"channel names of the wrong form", `topics: [{name: w}]
channels:
  - chat_id: "@"
    topics: [w]
  - {chat_id: abc, topics: [w]}
  - {chat_id: "https://t.me/my_news_channel", topics: [w]}
  - {chat_id: my_news_channel, topics: [w]}
  - {chat_id: "@my-news", topics: [w]}
  - {chat_id: "", topics: [w]}
`, []string{
			`config.yaml:3: channels[0].chat_id: must be the channel's negative id (-100...) or its public "@name" (5-32 letters, digits and _ after the @), got "@"`,
			`config.yaml:5: channels[1].chat_id: must be the channel's negative id (-100...) or its public "@name" (5-32 letters, digits and _ after the @), got "abc"`,
			`config.yaml:6: channels[2].chat_id: must be the channel's negative id (-100...) or its public "@name" (5-32 letters, digits and _ after the @), got "https://t.me/my_news_channel" (did you mean "@my_news_channel"?)`,
			`config.yaml:7: channels[3].chat_id: must be the channel's negative id (-100...) or its public "@name" (5-32 letters, digits and _ after the @), got "my_news_channel" (did you mean "@my_news_channel"?)`,
			`config.yaml:8: channels[4].chat_id: must be the channel's negative id`,
			`config.yaml:9: channels[5].chat_id: must be the channel's negative id (-100...) or its public "@name", got 0`,
		}},
		{"channel language", "topics: [{name: w}]\nchannels:\n  - chat_id: -1001\n    topics: [w]\n    language: auto\n", []string{"config.yaml:5: channels[0].language: must be ja, en or ru"}},
		{"fetch memory below one body", "fetch:\n  max_bytes: 16MiB\n  max_total_bytes: 8MiB\n", []string{"config.yaml:3: fetch.max_total_bytes: must be at least fetch.max_bytes"}},
		{"fetch limits must be positive", "fetch:\n  max_parallel: 0\n  max_new_stories: -1\n", []string{
			"config.yaml:2: fetch.max_parallel: must be greater than zero",
			"config.yaml:3: fetch.max_new_stories: must be greater than zero",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse([]byte(tt.yaml), "/etc/briefbot/config.yaml", Options{LookupEnv: env(map[string]string{"EMPTY": ""}), CheckSchedule: checkSchedule})
			if err == nil {
				t.Fatal("Parse succeeded, want errors")
			}
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("error %T is not config.Errors: %v", err, err)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not contain %q; got:\n%v", w, err)
				}
			}
		})
	}
}

func TestExpandEnv(t *testing.T) {
	look := env(map[string]string{"A": "1", "EMPTY": ""})
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"${A}", "1"},
		{"x${A}y${A}", "x1y1"},
		{"${MISSING}", ""},
		{"${MISSING:-dflt}", "dflt"},
		{"${EMPTY:-dflt}", "dflt"},
		{"$A and $5", "$A and $5"},
		{"${unclosed", "${unclosed"},
	}
	for _, tt := range tests {
		if got := expandEnv(tt.in, look); got != tt.want {
			t.Errorf("expandEnv(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestExampleConfigIsValid(t *testing.T) {
	path := filepath.Join("..", "config.example.yaml")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("no %s yet", path)
	}
	if _, err := Load(path, Options{LookupEnv: env(nil), CheckSchedule: checkSchedule}); err != nil {
		t.Fatalf("config.example.yaml must load: %v", err)
	}
}

func TestChannelChatIDNumberOrName(t *testing.T) {
	yaml := `topics: [{name: w}]
channels:
  - {chat_id: -1001234567890, topics: [w]}
  - {chat_id: "@my_news_channel", topics: [w], mode: edition}
  - {chat_id: "-1009876543210", topics: [w]}
  - {chat_id: "${CHANNEL}", topics: [w]}
  - chat_id: ${CHANNEL_ID}
    topics: [w]
`
	cfg, err := Parse([]byte(yaml), "/x/config.yaml", Options{LookupEnv: env(map[string]string{"CHANNEL": "@Briefs_JA", "CHANNEL_ID": "-1005"})})
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		id   int64
		name string
		mode string
	}{
		{-1001234567890, "", "instant"},
		{0, "@my_news_channel", "edition"},
		{-1009876543210, "", "instant"},
		{0, "@Briefs_JA", "instant"},
		{-1005, "", "instant"},
	}
	if len(cfg.Channels) != len(want) {
		t.Fatalf("got %d channels, want %d", len(cfg.Channels), len(want))
	}
	for i, w := range want {
		ch := cfg.Channels[i]
		if ch.ChatID != w.id || ch.Username != w.name || ch.Mode != w.mode || len(ch.Topics) != 1 {
			t.Errorf("channels[%d] = %+v, want id %d, name %q, mode %s, one topic", i, ch, w.id, w.name, w.mode)
		}
	}
}

// TestErrorsSortedByLine: mistakes found by different passes (unknown keys,
// types, values) are listed in the order of the file's lines, and those
// about a value the file does not hold come last.
func TestErrorsSortedByLine(t *testing.T) {
	yaml := `timezone: Mars/Olympus
fetch:
  timeout: soon
  per_hots: 2
log:
  level: loud
topics: [{name: w}]
channels:
  - {chat_id: abc, topics: [nope]}
`
	_, err := Parse([]byte(yaml), "/x/config.yaml", Options{LookupEnv: env(map[string]string{TokenEnv: "12 34"})})
	got := lineFields(t, err)
	want := []string{"1 timezone", "3 fetch.timeout", "4 fetch.per_hots", "6 log.level", "9 channels[0].chat_id", "9 channels[0].topics[0]", "0 telegram.token"}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("errors in order\n got %q\nwant %q\n%v", got, want, err)
	}
}

// lineFields lists the mistakes of err, a config.Errors, as "line field".
func lineFields(t *testing.T, err error) []string {
	t.Helper()
	var es Errors
	if !errors.As(err, &es) {
		t.Fatalf("Parse: %v, want config.Errors", err)
	}
	var out []string
	for _, e := range es {
		out = append(out, fmt.Sprintf("%d %s", e.Line, e.Field))
	}
	return out
}
