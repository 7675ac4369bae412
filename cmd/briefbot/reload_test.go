package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"briefbot"
	"briefbot/config"
	"briefbot/internal/telegramtest"
)

// adminConfig is a console-mode config with one feed; extra is appended to
// the feeds list (more entries) and tail after it (more top-level keys).
func adminConfig(feedURL string, allowPrivate bool, extraFeeds, tail string) string {
	return fmt.Sprintf(`# test config
database:
  path: bot.db
timezone: Asia/Tokyo
http:
  listen: ""
topics:
  - {name: world, title: 国際, hashtag: 国際}
  - {name: economy, title: 経済}
feeds:
  # the test server
  - name: test
    url: %s
    topics: [world]
    schedule: "0 0 1 1 *"
%s
fetch:
  allow_private_addresses: %v
digest:
  settle: 0s
%s`, feedURL, extraFeeds, allowPrivate, tail)
}

// newTestApp wires a console-mode app on the config text, without running
// it, and closes it when the test ends.
func newTestApp(t *testing.T, cfgText string) (*app, string, *syncBuffer) {
	t.Helper()
	t.Setenv(config.TokenEnv, "")
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(cfgText), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := loadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	a, err := newApp(context.Background(), cfg, newLogger(cfg.Log, cfg.Telegram.Token, logs), io.Discard)
	if err != nil {
		t.Fatalf("newApp: %v", err)
	}
	t.Cleanup(func() {
		a.bg.wait()
		a.store.Close()
	})
	return a, path, logs
}

func jobNames(a *app) []string {
	var names []string
	for _, j := range a.sched.FeedJobs() {
		names = append(names, j.Feed)
	}
	return names
}

// replaceFile writes a new version of the file the way editors do: a new
// file renamed over the old one.
func replaceFile(t *testing.T, path, text string) {
	t.Helper()
	tmp := path + ".swp"
	if err := os.WriteFile(tmp, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
}

func TestReloadAppliesGoodEdit(t *testing.T) {
	feeds := newFeedServer(t)
	a, path, _ := newTestApp(t, adminConfig(feeds.srv.URL, true, "", ""))
	before := a.rl.config()

	replaceFile(t, path, adminConfig(feeds.srv.URL, true, `  - name: second
    url: `+feeds.srv.URL+`/b
    topics: [economy]
    schedule: "@every 1h"
`, ""))
	if err := a.rl.Reload(context.Background()); err != nil {
		t.Fatalf("Reload: %v", err)
	}
	if got := jobNames(a); !slices.Equal(got, []string{"second", "test"}) {
		t.Errorf("feed jobs after reload = %v, want [second test]", got)
	}
	if a.rl.config() == before || len(a.rl.config().Feeds) != 2 {
		t.Errorf("the reloader does not serve the new config")
	}
	subs, err := a.store.Subscriptions(context.Background(), briefbot.ConsoleChatID)
	if err != nil || len(subs) != 2 {
		t.Errorf("console chat subscriptions = %d (%v), want both topics", len(subs), err)
	}
}

func TestReloadRejectsBrokenEdit(t *testing.T) {
	feeds := newFeedServer(t)
	a, path, logs := newTestApp(t, adminConfig(feeds.srv.URL, true, "", ""))
	before := a.rl.config()

	broken := adminConfig(feeds.srv.URL, true, `  - name: bad
    url: https://example.com/feed
    topics: [sports]
`, "")
	replaceFile(t, path, broken)
	err := a.rl.Reload(context.Background())
	if err == nil {
		t.Fatal("Reload accepted a feed with an unknown topic")
	}
	line := strings.Count(broken[:strings.Index(broken, "topics: [sports]")], "\n") + 1
	want := fmt.Sprintf("%s:%d: feeds[1].topics[0]: unknown topic \"sports\"", path, line)
	if briefbot.ErrorCode(err) != briefbot.EINVALID || !strings.Contains(briefbot.ErrorMessage(err), want) {
		t.Errorf("error = %v (code %s), want EINVALID containing %q", err, briefbot.ErrorCode(err), want)
	}
	if a.rl.config() != before {
		t.Errorf("a rejected reload replaced the running config")
	}
	if got := jobNames(a); !slices.Equal(got, []string{"test"}) {
		t.Errorf("feed jobs after a rejected reload = %v, want [test]", got)
	}
	if !strings.Contains(logs.String(), fmt.Sprintf("%s:%d: feeds[1].topics[0]: unknown topic", path, line)) {
		t.Errorf("the log lacks the file:line error %q:\n%s", want, logs.String())
	}
}

// startWatch runs the file watch until the test ends and returns once it
// is installed; the channel receives each reload's outcome.
func startWatch(t *testing.T, a *app) <-chan bool {
	t.Helper()
	watching := make(chan struct{})
	a.rl.watching = func() { close(watching) }
	reloaded := make(chan bool, 1)
	a.rl.onResult = func(ok bool) {
		select {
		case reloaded <- ok:
		default:
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.rl.watch(ctx) }()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	<-watching
	return reloaded
}

// TestReloadOnFileChange drives the watcher: an editor-style replace of the
// file is picked up without any command.
func TestReloadOnFileChange(t *testing.T) {
	feeds := newFeedServer(t)
	a, path, _ := newTestApp(t, adminConfig(feeds.srv.URL, true, "", ""))
	reloaded := startWatch(t, a) // an edit before it returns would raise no event

	replaceFile(t, path, adminConfig(feeds.srv.URL, true, `  - name: watched
    url: `+feeds.srv.URL+`/w
    topics: [world]
`, ""))
	select {
	case ok := <-reloaded:
		if !ok {
			t.Fatal("the reload of the changed file failed")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the file change was not picked up")
	}
	if !slices.Contains(jobNames(a), "watched") {
		t.Errorf("the file change was not applied; feed jobs %v", jobNames(a))
	}
}

// TestReloadCatchesUpEditBeforeWatch: an edit saved after start-up read the
// file but before the watch was installed is applied when watching starts.
func TestReloadCatchesUpEditBeforeWatch(t *testing.T) {
	feeds := newFeedServer(t)
	a, path, _ := newTestApp(t, adminConfig(feeds.srv.URL, true, "", ""))
	replaceFile(t, path, adminConfig(feeds.srv.URL, true, `  - name: early
    url: `+feeds.srv.URL+`/e
    topics: [world]
`, ""))
	reloaded := startWatch(t, a)
	select {
	case ok := <-reloaded:
		if !ok || !slices.Contains(jobNames(a), "early") {
			t.Errorf("reload ok=%v; feed jobs %v", ok, jobNames(a))
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the edit made before the watch was never applied")
	}
}

// TestFailedReloadKeepsTokenSecret breaks the file so that the validation
// message quotes the bot token: neither the log nor the admins' notice may
// carry it.
func TestFailedReloadKeepsTokenSecret(t *testing.T) {
	const token = "777000:RELOAD-SECRET-TOKEN"
	const adminID = int64(4242)
	tg := telegramtest.New(telegramtest.Options{Token: token})
	t.Cleanup(tg.Close)
	tg.AddChat(adminID, "private", "admin")
	feeds := newFeedServer(t)

	path := writeConfig(t, tg.URL(), feeds.srv.URL, token)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	good := string(data) + fmt.Sprintf("admins: [%d]\n", adminID)
	if err := os.WriteFile(path, []byte(good), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := loadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	ctx := context.Background()
	a, err := newApp(ctx, cfg, newLogger(cfg.Log, cfg.Telegram.Token, &logs), io.Discard)
	if err != nil {
		t.Fatalf("newApp: %v", err)
	}
	t.Cleanup(func() { a.store.Close() })

	// The token pasted into the wrong key: the error quotes the value.
	replaceFile(t, path, strings.Replace(good, "log:\n  level: debug", "log:\n  level: debug\n  format: "+token, 1))
	err = a.rl.reload(ctx, triggerFile, false)
	if err == nil {
		t.Fatal("reload accepted an invalid log.format")
	}
	if strings.Contains(err.Error(), token) || strings.Contains(briefbot.ErrorMessage(err), token) {
		t.Errorf("the returned error carries the token: %v", err)
	}
	if !strings.Contains(logs.String(), "log.format") {
		t.Errorf("the rejection was not logged:\n%s", logs.String())
	}
	if strings.Contains(logs.String(), token) {
		t.Errorf("the token appears in the logs:\n%s", logs.String())
	}
	// Notices are queued like every reply: wait for it.
	wctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	msgs, _ := tg.WaitMessages(wctx, adminID, 1)
	if len(msgs) != 1 || !strings.Contains(msgs[0].Text, "log.format") {
		t.Fatalf("admin notices = %+v, want one naming log.format", msgs)
	}
	if strings.Contains(msgs[0].Text, token) {
		t.Errorf("the admin notice carries the token: %q", msgs[0].Text)
	}
}

func TestNeedsRestart(t *testing.T) {
	old := config.Default()
	old.Topics = []config.Topic{{Name: "w", Hashtag: "国際"}}
	cfg := *old
	cfg.Topics = []config.Topic{{Name: "w", Hashtag: "世界"}}
	cfg.Fetch.PerHost = 9
	cfg.Admins = []int64{1} // applied live: not listed
	got := needsRestart(old, &cfg)
	if !slices.Equal(got, []string{"fetch"}) {
		t.Errorf("needsRestart = %v, want [fetch] (hashtags and admins apply live)", got)
	}
}

func TestReloadErrorWithoutFile(t *testing.T) {
	feeds := newFeedServer(t)
	a, path, _ := newTestApp(t, adminConfig(feeds.srv.URL, true, "", ""))
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	err := a.rl.Reload(context.Background())
	if err == nil || briefbot.ErrorCode(err) != briefbot.EINVALID || !strings.Contains(briefbot.ErrorMessage(err), "cannot read") {
		t.Errorf("Reload of a missing file = %v, want an EINVALID cannot read", err)
	}
	if len(jobNames(a)) != 1 {
		t.Errorf("feed jobs changed after a failed reload")
	}
}

func TestReloadResumesPausedFeed(t *testing.T) {
	feeds := newFeedServer(t)
	a, _, _ := newTestApp(t, adminConfig(feeds.srv.URL, true, "", ""))
	ctx := context.Background()
	if err := a.store.SaveFeedState(ctx, &briefbot.FeedState{Name: "test", URL: feeds.srv.URL, Paused: true, Failures: 10, LastError: "status 500"}); err != nil {
		t.Fatal(err)
	}
	if err := a.rl.Reload(ctx); err != nil {
		t.Fatalf("Reload: %v", err)
	}
	st, err := a.store.FeedState(ctx, "test")
	if err != nil || st.Paused || st.Failures != 0 {
		t.Errorf("state after reload = %+v, %v; want the pause lifted", st, err)
	}
}
