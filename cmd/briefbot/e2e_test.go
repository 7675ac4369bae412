package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"briefbot"
	"briefbot/internal/telegramtest"
)

// feedServer serves an RSS feed whose items a test appends to.
type feedServer struct {
	mu    sync.Mutex
	items []string
	srv   *httptest.Server
}

func newFeedServer(t *testing.T) *feedServer {
	fs := &feedServer{}
	fs.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fs.mu.Lock()
		defer fs.mu.Unlock()
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>テスト通信</title><link>https://news.example.jp/</link>`)
		for _, it := range fs.items {
			fmt.Fprint(w, it)
		}
		fmt.Fprint(w, `</channel></rss>`)
	}))
	t.Cleanup(fs.srv.Close)
	return fs
}

func (fs *feedServer) add(guid, title, body string, published time.Time) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.items = append(fs.items, fmt.Sprintf(`<item><guid>%s</guid><title>%s</title><link>https://www3.nhk.or.jp/news/html/%s.html</link><pubDate>%s</pubDate><description><![CDATA[%s]]></description></item>`,
		guid, htmlEscapeXML(title), guid, published.Format(time.RFC1123Z), body))
}

func htmlEscapeXML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

// writeConfig writes a config for a test run and returns its path.
func writeConfig(t *testing.T, apiURL, feedURL, token string) string {
	t.Helper()
	dir := t.TempDir()
	cfg := fmt.Sprintf(`
telegram:
  token: %q
  api_url: %s
  instance_check: 0s  # 5 s a start; TestSecondInstanceRefusesToStart covers it
database:
  path: bot.db
timezone: Asia/Tokyo
http:
  listen: ""
log:
  level: debug
topics:
  - {name: world, title: 国際, hashtag: 国際}
feeds:
  - name: test
    url: %s
    topics: [world]
    language: ja
    schedule: "0 0 1 1 *"
fetch:
  allow_private_addresses: true
digest:
  settle: 0s
`, token, apiURL, feedURL)
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// syncBuffer is a bytes.Buffer safe for the logger and the test to share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestEndToEnd drives the whole path: a user subscribes through the fake Bot
// API, the feed gains a post, the scheduler runs, and the chat receives
// exactly one brief, which /today lists and /search finds.
func TestEndToEnd(t *testing.T) {
	const token = "123456:E2E-SECRET-TOKEN"
	tg := telegramtest.New(telegramtest.Options{Token: token})
	t.Cleanup(tg.Close)
	feeds := newFeedServer(t)
	feeds.add("old-1", "古いニュース", "<p>これは古いニュースです。</p>", time.Now().Add(-48*time.Hour))

	cfg, err := loadConfig(writeConfig(t, tg.URL(), feeds.srv.URL, token))
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	logger := newLogger(cfg.Log, cfg.Telegram.Token, &logs)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	runCtx, stop := context.WithCancel(ctx)
	a, err := newApp(ctx, cfg, logger, io.Discard)
	if err != nil {
		t.Fatalf("newApp: %v", err)
	}
	done := make(chan error, 1)
	go func() { done <- a.run(runCtx, false) }()

	const chat, user = int64(1001), int64(1001)
	tg.AddChat(chat, "private", "tester")
	wait := func(n int) []telegramtest.Message {
		t.Helper()
		msgs, err := tg.WaitMessages(ctx, chat, n)
		if err != nil {
			t.Fatalf("waiting for %d messages: %v (got %d); logs:\n%s", n, err, len(tg.Messages(chat)), logs.String())
		}
		return msgs
	}

	tg.UserMessage(chat, user, "/start")
	if msgs := wait(1); !strings.Contains(msgs[0].Text, "国際") {
		t.Errorf("/start reply should list the topics, got %q", msgs[0].Text)
	}
	tg.UserMessage(chat, user, "/subscribe world")
	wait(2)

	// The old item came with the feed's first fetch: it is older than the
	// backlog, so it must never reach the chat.
	feeds.add("new-1", `<script>alert(1)</script> & AT&T 停戦協議が再開`,
		`<p>ウクライナとロシアの停戦協議が20日、イスタンブールで再開されました。</p><p>双方は捕虜交換の拡大で合意したということです。</p>`, time.Now().Add(-time.Minute))
	// The start-up fetch may still hold the feed (a run that finds its feed
	// busy skips it), so run again until the brief is out.
	for try := 0; len(tg.Messages(chat)) < 3; try++ {
		if try == 50 {
			t.Fatalf("no brief after %d scheduler runs; logs:\n%s", try, logs.String())
		}
		if err := a.sched.RunOnce(ctx); err != nil {
			t.Fatalf("RunOnce: %v", err)
		}
		short, cancelShort := context.WithTimeout(ctx, 500*time.Millisecond)
		_, _ = tg.WaitMessages(short, chat, 3)
		cancelShort()
	}
	brief := wait(3)[2]
	if brief.ParseMode != "HTML" || !strings.HasPrefix(brief.Text, "【") {
		t.Errorf("brief should be Telegram HTML starting with 【, got mode %q text %q", brief.ParseMode, brief.Text)
	}
	// The fetcher strips the script element from the title; what is left
	// must arrive escaped, and the fake rejects any markup Telegram would.
	if strings.Contains(brief.Text, "<script") || !strings.Contains(brief.Text, "AT&amp;T") {
		t.Errorf("hostile title must arrive cleaned and escaped, got %q", brief.Text)
	}
	if strings.Contains(brief.Text, "古いニュース") {
		t.Errorf("backlog item was delivered: %q", brief.Text)
	}

	// A second run finds nothing new and sends nothing.
	if err := a.sched.RunOnce(ctx); err != nil {
		t.Fatalf("second RunOnce: %v", err)
	}
	// The fake accepted the message before the dispatcher marked it: wait
	// for the mark (no row pending or in flight), then count.
	if err := a.waitDelivered(ctx); err != nil {
		t.Fatal(err)
	}
	st, err := a.store.DeliveryStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st[briefbot.DeliverySent] != 1 || st[briefbot.DeliveryPending] != 0 || st[briefbot.DeliverySending] != 0 {
		t.Errorf("ledger after two runs = %v, want exactly one sent row", st)
	}

	tg.UserMessage(chat, user, "/today")
	if today := wait(4)[3]; !strings.Contains(today.Text, "停戦協議") {
		t.Errorf("/today should list the brief, got %q", today.Text)
	}
	tg.UserMessage(chat, user, "/search 捕虜")
	if found := wait(5)[4]; !strings.Contains(found.Text, "停戦協議") {
		t.Errorf("/search 捕虜 should find the brief by a word of its body, got %q", found.Text)
	}

	stop()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
	if n := len(tg.Messages(chat)); n != 5 {
		t.Errorf("chat received %d messages, want 5 (start, subscribe, one brief, today, search)", n)
	}
	if strings.Contains(logs.String(), token) {
		t.Errorf("the bot token appears in the logs")
	}
}

func TestConsoleModePrintsSampleBriefs(t *testing.T) {
	dir := t.TempDir()
	example, err := os.ReadFile(filepath.Join("..", "..", "config.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(filepath.Join("..", "..", "examples", "sample-feed.xml"))
	cfgText := strings.NewReplacer(
		"url: examples/sample-feed.xml", "url: "+abs,
		`listen: "127.0.0.1:9090"`, `listen: ""`,
	).Replace(string(example))
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte(cfgText), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TELEGRAM_BOT_TOKEN", "")
	var out, errOut syncBuffer
	if code := run(context.Background(), []string{"run", "-once", "-config", path}, &out, &errOut); code != 0 {
		t.Fatalf("run -once exited %d: %s", code, errOut.String())
	}
	n := strings.Count(out.String(), "──── brief #")
	if n < 5 {
		t.Fatalf("console mode printed %d briefs, want at least 5 from the sample feed:\n%s", n, out.String())
	}
	// A second run on the same database has nothing new to send.
	var out2 syncBuffer
	if code := run(context.Background(), []string{"run", "-once", "-config", path}, &out2, &errOut); code != 0 {
		t.Fatalf("second run exited %d: %s", code, errOut.String())
	}
	if strings.Contains(out2.String(), "──── brief #") {
		t.Errorf("second run re-sent briefs:\n%s", out2.String())
	}
}

func TestCheckConfigReportsLines(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, []byte("timezone: Nowhere/Land\nfeeds:\n  - name: x\n    url: ftp://x\n    topics: [none]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"check-config", "-config", path}, &out, &errOut); code != 1 {
		t.Fatalf("check-config exited %d, want 1", code)
	}
	for _, want := range []string{path + ":1: timezone:", path + ":4: feeds[0].url:", path + ":5: feeds[0].topics[0]: unknown topic"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("check-config output lacks %q:\n%s", want, errOut.String())
		}
	}
}

func TestRedactHandler(t *testing.T) {
	var buf bytes.Buffer
	l := newLogger(configLog("json"), "999:SECRET", &buf)
	l.With("url", "https://api.telegram.org/bot999:SECRET/getMe").Error("request failed", "err", fmt.Errorf("post https://x/bot999:SECRET/sendMessage: timeout"), slog.Group("g", "k", "999:SECRET"))
	if strings.Contains(buf.String(), "999:SECRET") {
		t.Fatalf("token leaked: %s", buf.String())
	}
	if !strings.Contains(buf.String(), "[REDACTED]") {
		t.Fatalf("expected redaction marker: %s", buf.String())
	}
}
