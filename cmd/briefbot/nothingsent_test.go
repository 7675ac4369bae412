package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
	"briefbot/internal/telegramtest"
)

// TestRunOnceSaysWhyNothingWasSent: a -once round that sends nothing says
// why, on stdout in console mode and in the log in Telegram mode, and exits 0.
func TestRunOnceSaysWhyNothingWasSent(t *testing.T) {
	const token = "123456:QUIET-TOKEN"
	tg := telegramtest.New(telegramtest.Options{Token: token})
	t.Cleanup(tg.Close)
	for _, tc := range []struct {
		name     string
		telegram bool
		settle   string
		age      time.Duration // of the feed's one item
		want     []string      // in the first run's explanation
	}{
		{"settling", false, "10m", time.Minute, []string{"1 new story waits digest.settle (10m) for more sources"}},
		{"before the backlog", false, "0s", 48 * time.Hour, []string{"1 new post, but nothing to send: published before the backlog"}},
		{"no subscriber", true, "0s", time.Minute, []string{"no chat is subscribed to any topic yet"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			feeds := newFeedServer(t)
			feeds.add("item-1", "停戦協議が再開", "<p>ウクライナとロシアの停戦協議が20日、イスタンブールで再開されました。</p>", time.Now().Add(-tc.age))
			tok := ""
			if tc.telegram {
				tok = token
			}
			dir := t.TempDir()
			path := filepath.Join(dir, "config.yaml")
			cfg := fmt.Sprintf(`
telegram: {token: %q, api_url: %s, instance_check: 0s}
database: {path: bot.db}
http: {listen: ""}
topics: [{name: world}]
feeds: [{name: test, url: %s, topics: [world], language: ja}]
fetch: {allow_private_addresses: true}
digest: {settle: %s}
`, tok, tg.URL(), feeds.srv.URL, tc.settle)
			if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
				t.Fatal(err)
			}
			t.Setenv("TELEGRAM_BOT_TOKEN", "")
			said := func() string {
				t.Helper()
				var out, errOut syncBuffer
				if code := run(context.Background(), []string{"run", "-once", "-config", path}, &out, &errOut); code != 0 {
					t.Fatalf("run -once exited %d: %s", code, errOut.String())
				}
				if strings.Contains(out.String(), "──── brief #") {
					t.Fatalf("a brief was sent:\n%s", out.String())
				}
				if tc.telegram {
					return errOut.String()
				}
				return out.String()
			}
			first := said()
			for _, w := range append(tc.want, "nothing sent") {
				if !strings.Contains(first, w) {
					t.Errorf("first run lacks %q:\n%s", w, first)
				}
			}
			// A second run fetches the same feed: nothing new (and a story
			// still settling still says so).
			second := said()
			if !strings.Contains(second, "nothing new: every item of the feeds was already seen by an earlier run (ledger in "+filepath.Join(dir, "bot.db")) {
				t.Errorf("second run does not say nothing was new:\n%s", second)
			}
			if settling := strings.Contains(first, "digest.settle"); strings.Contains(second, "digest.settle") != settling {
				t.Errorf("second run: the settling story is said %v, want %v:\n%s", !settling, settling, second)
			}
		})
	}
}

// TestRunOnceNamesFeedsNotFetched: a feed paused after failing is named, so
// a quiet round is not mistaken for a quiet feed.
func TestRunOnceNamesFeedsNotFetched(t *testing.T) {
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "down for maintenance", http.StatusServiceUnavailable)
	}))
	t.Cleanup(broken.Close)
	path := writeFile(t, fmt.Sprintf(`
database: {path: bot.db}
http: {listen: ""}
topics: [{name: world}]
feeds: [{name: broken, url: %s, topics: [world]}]
fetch: {allow_private_addresses: true, fail_pause_after: 1}
`, broken.URL))
	t.Setenv("TELEGRAM_BOT_TOKEN", "")
	var out, errOut syncBuffer
	if code := run(context.Background(), []string{"run", "-once", "-config", path}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "fetch broken") {
		t.Fatalf("first run: exit %d, stderr %s; want the feed's failure", code, errOut.String())
	}
	out = syncBuffer{}
	if code := run(context.Background(), []string{"run", "-once", "-config", path}, &out, &errOut); code != 0 {
		t.Fatalf("second run exited %d: %s", code, errOut.String())
	}
	if want := "nothing sent: feeds not fetched this round: broken (paused after 1 failed fetch; /feeds or a reload resumes it); the feeds fetched had nothing new"; !strings.Contains(out.String(), want) {
		t.Errorf("second run says %q, want %q", out.String(), want)
	}
}

// TestRunOnceNamesFailedSends: a round whose only send failed says so, and
// that a later run retries it.
func TestRunOnceNamesFailedSends(t *testing.T) {
	const token = "123456:FAILING-TOKEN"
	tg := telegramtest.New(telegramtest.Options{Token: token})
	t.Cleanup(tg.Close)
	const chat = int64(1001)
	tg.SetFailure(chat, telegramtest.FailServerError)
	feeds := newFeedServer(t)
	feeds.add("item-1", "停戦協議が再開", "<p>ウクライナとロシアの停戦協議が20日、イスタンブールで再開されました。</p>", time.Now().Add(-time.Minute))
	path := writeConfig(t, tg.URL(), feeds.srv.URL, token)
	d, err := db.Open(context.Background(), filepath.Join(filepath.Dir(path), "bot.db"), quietDB())
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := d.UpsertChat(ctx, &briefbot.Chat{ID: chat, Type: briefbot.ChatPrivate, Active: true}); err != nil {
		t.Fatal(err)
	}
	if err := d.Subscribe(ctx, &briefbot.Subscription{ChatID: chat, Topic: "world", Mode: briefbot.ModeInstant}); err != nil {
		t.Fatal(err)
	}
	d.Close()
	var out, errOut syncBuffer
	if code := run(ctx, []string{"run", "-once", "-config", path}, &out, &errOut); code != 0 {
		t.Fatalf("run -once exited %d: %s", code, errOut.String())
	}
	if !strings.Contains(errOut.String(), "1 send failed (see the log); a later run tries again") {
		t.Errorf("the log does not say the send failed:\n%s", errOut.String())
	}
}
