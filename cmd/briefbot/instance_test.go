package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"briefbot/internal/telegramtest"
)

// TestSecondInstanceRefusesToStart is the restore case end to end: one
// daemon polls; a second one with the same token and its own database (as on
// another machine) exits with status 1 before it sends anything and says
// why, while the first goes on answering.
func TestSecondInstanceRefusesToStart(t *testing.T) {
	const token = "123456:TWO-INSTANCES"
	tg := telegramtest.New(telegramtest.Options{Token: token, ConflictPause: 10 * time.Millisecond})
	t.Cleanup(tg.Close)
	feeds := newFeedServer(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()

	cfg, err := loadConfig(writeConfig(t, tg.URL(), feeds.srv.URL, token))
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	first, err := newApp(ctx, cfg, newLogger(cfg.Log, token, &logs), io.Discard)
	if err != nil {
		t.Fatalf("newApp: %v", err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- first.run(runCtx, false) }()
	answers := func(chat int64) {
		t.Helper()
		tg.UserMessage(chat, chat, "/help")
		if _, err := tg.WaitMessages(ctx, chat, 1); err != nil {
			t.Fatalf("first instance did not answer chat %d: %v; logs:\n%s", chat, err, logs.String())
		}
	}
	answers(1)

	sentBefore := tg.Stats().Sent
	second := writeConfig(t, tg.URL(), feeds.srv.URL, token)
	b, err := os.ReadFile(second)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(second, []byte(strings.Replace(string(b), "instance_check: 0s", "instance_check: 5s", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	var stderr syncBuffer
	code := run(ctx, []string{"run", "-config", second}, io.Discard, &stderr)
	if code != 1 {
		t.Fatalf("second instance exit status %d, want 1; stderr:\n%s", code, stderr.String())
	}
	for _, want := range []string{"refusing to start: another instance is using this bot token", "terminated by other getUpdates request", "stop it", "restore it again"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("second instance's log lacks %q:\n%s", want, stderr.String())
		}
	}
	if sent := tg.Stats().Sent; sent != sentBefore {
		t.Errorf("the second instance sent %d messages", sent-sentBefore)
	}
	mark := filepath.Join(filepath.Dir(second), "bot.db.conflict")
	if _, err := os.Stat(mark); err != nil {
		t.Fatalf("no conflict mark after a refused start: %v", err)
	}

	// Started again (a supervisor's restart), it refuses at once from the
	// mark, without polling: the running instance is not disturbed again.
	polls := tg.Stats().ByMethod["getUpdates"]
	stderr = syncBuffer{}
	if code := run(ctx, []string{"run", "-config", second}, io.Discard, &stderr); code != 1 || !strings.Contains(stderr.String(), "restore the database again") {
		t.Fatalf("restart with the mark: status %d, want 1 and the way out; stderr:\n%s", code, stderr.String())
	}
	if n := tg.Stats().ByMethod["getUpdates"] - polls; n != 0 {
		t.Errorf("the restart with the mark polled %d times", n)
	}

	answers(2)
	stop()
	if err := <-done; err != nil {
		t.Errorf("first instance: %v", err)
	}
}
