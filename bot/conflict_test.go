package bot_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"briefbot/bot"
	"briefbot/internal/telegramtest"
)

// fastConflicts keeps the fake's pacing of 409s (3 s, as Telegram's) out of
// the tests' running time.
var fastConflicts = telegramtest.Options{ConflictPause: 10 * time.Millisecond}

// TestCheckSingleInstanceRefusesWhileAnotherPolls is the restore case: the
// old instance still polls when a copy starts on another machine. The copy's
// check is refused with ErrConflict, and the old one goes on answering.
func TestCheckSingleInstanceRefusesWhileAnotherPolls(t *testing.T) {
	srv := newFake(t, fastConflicts)
	oldDB, _ := openDB(t)
	runBot(t, newBot(t, srv.URL(), oldDB, nil))
	newDB, _ := openDB(t)
	restored := newBot(t, srv.URL(), newDB, nil)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := restored.CheckSingleInstance(ctx, 20*time.Second)
	if !errors.Is(err, bot.ErrConflict) {
		t.Fatalf("CheckSingleInstance = %v, want ErrConflict", err)
	}
	if msg := err.Error(); !strings.Contains(msg, "terminated by other getUpdates request") || !strings.Contains(msg, "stop it") {
		t.Errorf("error %q should quote Telegram and say what to do", msg)
	}
	srv.UserMessage(7, 7, "/help")
	waitMessages(t, srv, 7, 1)
}

// TestCheckSingleInstanceAlone passes when nobody else polls, even with
// updates waiting, and confirms none of them.
func TestCheckSingleInstanceAlone(t *testing.T) {
	srv := newFake(t, fastConflicts)
	d, _ := openDB(t)
	b := newBot(t, srv.URL(), d, nil)
	srv.UserMessage(5, 5, "/start")
	if err := b.CheckSingleInstance(context.Background(), time.Second); err != nil {
		t.Fatalf("CheckSingleInstance = %v, want nil", err)
	}
	if n := srv.PendingUpdates(); n != 1 {
		t.Errorf("pending updates after the check = %d, want 1 (the check confirms nothing)", n)
	}
}

// TestCheckSingleInstanceWithWebhookSet passes at once: Telegram refuses
// getUpdates while a webhook is set, which says nothing about instances.
func TestCheckSingleInstanceWithWebhookSet(t *testing.T) {
	srv := newFake(t, fastConflicts)
	d, _ := openDB(t)
	b := newBot(t, srv.URL(), d, nil)
	api, err := tgbotapi.NewBotAPIWithClient(token, srv.Endpoint(), &http.Client{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := api.MakeRequest("setWebhook", tgbotapi.Params{"url": "https://example.com/hook"}); err != nil {
		t.Fatal(err)
	}
	if err := b.CheckSingleInstance(context.Background(), 20*time.Second); err != nil {
		t.Fatalf("CheckSingleInstance = %v, want nil", err)
	}
}

// TestRunStopsWhenAnotherKeepsPolling: a second poller that does not check
// (an older version, another program) keeps ending this bot's long polls;
// once that has gone on for ConflictConfirm, Run returns ErrConflict instead
// of fighting over updates for ever.
func TestRunStopsWhenAnotherKeepsPolling(t *testing.T) {
	srv := newFake(t, fastConflicts)
	d, _ := openDB(t)
	b := newBot(t, srv.URL(), d, func(o *bot.Options) { o.ConflictConfirm = 300 * time.Millisecond })

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	other, err := tgbotapi.NewBotAPIWithClient(token, srv.Endpoint(), &http.Client{Timeout: 60 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	rival := make(chan struct{})
	go func() {
		defer close(rival)
		for ctx.Err() == nil {
			_, _ = other.GetUpdates(tgbotapi.UpdateConfig{Timeout: 1})
		}
	}()
	err = b.Run(ctx)
	cancel()
	<-rival
	if !errors.Is(err, bot.ErrConflict) {
		t.Fatalf("Run = %v, want ErrConflict", err)
	}
	if !strings.Contains(err.Error(), "run one instance per token") {
		t.Errorf("error %q should say what to do", err)
	}
}
