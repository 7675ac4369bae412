package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"briefbot/internal/telegramtest"
)

// channelConfig is a Telegram-mode config with one admin and two channels
// named by "@name".
func channelConfig(t *testing.T, apiURL, feedURL, token, second string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	cfg := fmt.Sprintf(`
telegram: {token: %q, api_url: %s, instance_check: 0s}
database: {path: bot.db}
http: {listen: ""}
admins: [555]
topics: [{name: world, title: 国際}]
feeds:
  - {name: test, url: %s, topics: [world], language: ja, schedule: "0 0 1 1 *"}
channels:
  - {chat_id: "@known_channel", topics: [world]}
  - {chat_id: %q, topics: [world], mode: instant}
fetch: {allow_private_addresses: true}
digest: {settle: 0s}
`, token, apiURL, feedURL, second)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestChannelsByName: check-config accepts chat_id "@name"; run resolves it
// with getChat; a name Telegram does not know is skipped and reported to
// the admins, never fatal; a reload after the channel exists sets it up.
func TestChannelsByName(t *testing.T) {
	const token = "123456:CHANNEL-TOKEN"
	tg := telegramtest.New(telegramtest.Options{Token: token})
	t.Cleanup(tg.Close)
	const known, later = int64(-1001000000111), int64(-1001000000222)
	tg.AddChat(known, "channel", "Known")
	tg.SetChatUsername(known, "known_channel")
	feeds := newFeedServer(t)
	feeds.add("fresh-1", "停戦協議が再開", "<p>ウクライナとロシアの停戦協議が20日、イスタンブールで再開されました。</p>", time.Now().Add(-time.Minute))
	path := channelConfig(t, tg.URL(), feeds.srv.URL, token, "@later_channel")

	var out, errOut syncBuffer
	if code := run(context.Background(), []string{"check-config", "-config", path}, &out, &errOut); code != 0 {
		t.Fatalf("check-config exited %d: %s", code, errOut.String())
	}

	cfg, err := loadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	a, err := newApp(ctx, cfg, newLogger(cfg.Log, token, &logs), &out)
	if err != nil {
		t.Fatalf("newApp: %v", err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.run(runCtx, false) }()

	notice, err := tg.WaitMessages(ctx, 555, 1)
	if err != nil {
		t.Fatalf("no notice to the admin: %v; logs:\n%s", err, logs.String())
	}
	for _, want := range []string{"@later_channel (channels[1])", "chat not found", "/reload"} {
		if !strings.Contains(notice[0].Text, want) {
			t.Errorf("admin notice lacks %q: %q", want, notice[0].Text)
		}
	}
	if briefs, err := tg.WaitMessages(ctx, known, 1); err != nil || !strings.Contains(briefs[0].Text, "停戦協議") {
		t.Fatalf("the resolved channel got %v, %v; logs:\n%s", briefs, err, logs.String())
	}

	// The channel is made (or the bot added to it); a reload sets it up.
	tg.AddChat(later, "channel", "Later")
	tg.SetChatUsername(later, "later_channel")
	if err := a.rl.Reload(ctx); err != nil {
		t.Fatalf("reload: %v", err)
	}
	if subs, err := a.store.Subscriptions(ctx, later); err != nil || len(subs) != 1 || subs[0].Topic != "world" {
		t.Errorf("after reload the channel's subscriptions are %v, %v; want world", subs, err)
	}
	if n := len(tg.Messages(555)); n != 1 {
		t.Errorf("admin got %d notices, want 1 (the reload resolved every name)", n)
	}
	stop()
	if err := <-done; err != nil {
		t.Fatalf("run: %v", err)
	}
}
