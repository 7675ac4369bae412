package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"briefbot"
	"briefbot/db"
)

const (
	botToken = "42:CRASH"
	topic    = "world"
)

// prepareDB creates the database with chats 1..n, private, each subscribed
// (instant) to the topic, and closes it so the bot can take the lock.
func prepareDB(ctx context.Context, path string, n int) error {
	return prepareChats(ctx, path, n, 0)
}

// prepareChats creates private chats 1..private and groups -1..-groups
// (alternately group and supergroup, as Telegram's negative ids are), each
// subscribed (instant) to the topic, and closes the database.
func prepareChats(ctx context.Context, path string, private, groups int) error {
	store, err := db.Open(ctx, path, db.Options{Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		return fmt.Errorf("prepare db: %w", err)
	}
	defer store.Close()
	ids := make([]int64, 0, private+groups)
	for id := int64(1); id <= int64(private); id++ {
		ids = append(ids, id)
	}
	for id := int64(-1); id >= -int64(groups); id-- {
		ids = append(ids, id)
	}
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return err
		}
		typ := briefbot.ChatPrivate
		switch {
		case id < 0 && id%2 != 0:
			typ = briefbot.ChatGroup
		case id < 0:
			typ = briefbot.ChatSupergroup
		}
		c := &briefbot.Chat{ID: id, Type: typ, Title: "crash" + strconv.FormatInt(id, 10), Active: true}
		if err := store.UpsertChat(ctx, c); err != nil {
			return fmt.Errorf("prepare db: chat %d: %w", id, err)
		}
		s := &briefbot.Subscription{ChatID: id, Topic: topic, Mode: briefbot.ModeInstant}
		if err := store.Subscribe(ctx, s); err != nil {
			return fmt.Errorf("prepare db: subscribe %d: %w", id, err)
		}
	}
	return store.Close()
}

// ledgerStats opens the database without the lock (the bot has exited) and
// counts ledger rows by state.
func ledgerStats(ctx context.Context, path string) (briefbot.DeliveryStats, error) {
	store, err := openStore(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("open ledger: %w", err)
	}
	defer store.Close()
	return store.DeliveryStats(ctx)
}

// writeFeed writes an RSS file with one fresh report in Japanese, so the
// first fetch makes one story and its brief fans out to every chat.
func writeFeed(path string, now time.Time) error {
	const body = `<p>ウクライナとロシアの停戦協議が25日、イスタンブールで再開されました。</p>` +
		`<p>双方は捕虜交換の規模を拡大することで合意し、次回の協議を来月開くことを確認したということです。</p>` +
		`<p>仲介したトルコの外相は「対話の継続が重要だ」と述べました。</p>`
	feed := `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel>
<title>クラッシュ試験通信</title><link>https://www3.nhk.or.jp/news/</link><description>crashtest</description>
<item>
<guid isPermaLink="false">crashtest-` + strconv.FormatInt(now.Unix(), 10) + `</guid>
<title>停戦協議がイスタンブールで再開 捕虜交換の拡大で合意</title>
<link>https://www3.nhk.or.jp/news/html/20261125/k10014700001000.html</link>
<pubDate>` + now.Format(time.RFC1123Z) + `</pubDate>
<description><![CDATA[` + body + `]]></description>
</item>
</channel></rss>
`
	return os.WriteFile(path, []byte(feed), 0o600)
}

// writeConfig writes the bot's config: the fake as Bot API, paid broadcast
// at 1000/s so the fan-out is quick, no HTTP listener, and a feed schedule
// that never fires again (each start fetches once anyway). The settle wait
// is 1ms, not 0s: cmd/briefbot passes 0s on to scheduler.PipelineOptions,
// which reads 0 as "unset" and waits the default 10 minutes.
func writeConfig(path, apiURL, dbPath, feedPath string) error {
	return writeConfigPaced(path, apiURL, dbPath, feedPath, 1000, true)
}

// writeConfigPaced is writeConfig with the delivery ceiling and paid
// broadcast chosen by the caller (the paced mode runs at Telegram's 30/s).
// The start-up instance check is off: these runs restart the bot many times
// against a fake nobody else polls, and a kill must be able to land at once.
func writeConfigPaced(path, apiURL, dbPath, feedPath string, globalPerSecond int, paid bool) error {
	return botConfig{apiURL: apiURL, dbPath: dbPath, feedPath: feedPath, perSecond: globalPerSecond,
		paid: paid, schedule: "0 0 1 1 *", instanceCheck: "0s"}.write(path)
}

// botConfig is what the harness modes vary in the bot's config.
type botConfig struct {
	apiURL, dbPath, feedPath string
	perSecond                int  // delivery.global_per_second
	paid                     bool // delivery.paid_broadcast
	schedule                 string
	instanceCheck            string // telegram.instance_check; "" keeps the default
}

func (c botConfig) write(path string) error {
	check := ""
	if c.instanceCheck != "" {
		check = "\n  instance_check: " + c.instanceCheck
	}
	cfg := fmt.Sprintf(`telegram:
  token: %q
  api_url: %s%s
database:
  path: %s
timezone: Asia/Tokyo
http:
  listen: ""
log:
  format: text
  level: info
topics:
  - {name: %s, title: 国際, hashtag: 国際}
feeds:
  - name: crash
    url: %s
    topics: [%s]
    language: ja
    schedule: %q
    backlog: all
digest:
  settle: 1ms
delivery:
  global_per_second: %d
  paid_broadcast: %t
  max_attempts: 8
`, botToken, c.apiURL, check, strconv.Quote(c.dbPath), topic, strconv.Quote(c.feedPath), topic, c.schedule, c.perSecond, c.paid)
	return os.WriteFile(path, []byte(cfg), 0o600)
}

// workFiles are the paths of one harness run.
type workFiles struct {
	dir, db, config, feed, fakeLog string
}

func newWorkFiles(dir string) workFiles {
	return workFiles{
		dir:     dir,
		db:      filepath.Join(dir, "crash.db"),
		config:  filepath.Join(dir, "config.yaml"),
		feed:    filepath.Join(dir, "feed.xml"),
		fakeLog: filepath.Join(dir, "fakebotapi.log"),
	}
}

func (w workFiles) botLog(run int, kind string) string {
	return filepath.Join(w.dir, fmt.Sprintf("briefbot-%02d-%s.log", run, kind))
}
