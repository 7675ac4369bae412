package bot_test

import (
	"context"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"briefbot"
	"briefbot/bot"
	"briefbot/internal/telegramtest"
)

// busyCommands are ten commands one chat sends at once, and whether the
// answer to each carries an inline keyboard: the order of the answers is
// checked by that, whatever language they are written in.
var busyCommands = []struct {
	text     string
	keyboard bool
}{
	{"/start", false},
	{"/subscribe", true},
	{"/help", false},
	{"/settings", true},
	{"/subscribe world", false},
	{"/today", false},
	{"/unsubscribe", true},
	{"/nonsense", false},
	{"/subscribe", true},
	{"/help", false},
}

// TestReplyStorm runs Telegram's flood limits against a storm of commands
// while briefs go out: 200 chats send /start and /subscribe at once, one
// chat sends ten commands at once, and 30 chats are owed a brief. Every
// command is answered, in order per chat, every brief delivered, and
// Telegram never answers 429: replies and briefs share one pacing.
func TestReplyStorm(t *testing.T) {
	e := newEnv(t, telegramtest.Options{EnforceLimits: true})
	const subscribers = 30
	for i := range subscribers {
		e.chat(t, int64(5000+i), briefbot.ChatPrivate, 0)
	}
	e.enqueue(t, "<b>速報</b>")
	runBot(t, e.b)
	stop := startDispatcher(t, e.d, e.d, e.b, bot.DispatcherOptions{PollInterval: 50 * time.Millisecond})
	defer stop()

	const chats = 200
	for i := range chats {
		id := int64(10_000 + i)
		e.srv.UserMessage(id, id, "/start")
		e.srv.UserMessage(id, id, "/subscribe world")
	}
	const busy = 9_999
	for _, c := range busyCommands {
		e.srv.UserMessage(busy, busy, c.text)
	}

	want := 2*chats + len(busyCommands) + subscribers
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if _, err := e.srv.WaitSent(ctx, want); err != nil {
		t.Errorf("%v; 429s %d", err, e.srv.Stats().Rejected429)
	}
	counts := e.srv.Counts()
	unanswered := 0
	for i := range chats {
		unanswered += 2 - counts[int64(10_000+i)]
	}
	unanswered += len(busyCommands) - counts[busy]
	if unanswered != 0 {
		t.Errorf("%d commands unanswered", unanswered)
	}
	var keyboards, wantKeyboards []bool
	for _, m := range e.srv.Messages(busy) {
		keyboards = append(keyboards, len(m.ReplyMarkup) > 0)
	}
	for _, c := range busyCommands {
		wantKeyboards = append(wantKeyboards, c.keyboard)
	}
	if !slices.Equal(keyboards, wantKeyboards) {
		t.Errorf("the busy chat's answers carry keyboards %v, want %v (the commands' order)", keyboards, wantKeyboards)
	}
	st := waitSettled(t, e.d)
	if st[briefbot.DeliverySent] != subscribers {
		t.Errorf("briefs: %v, want %d sent", st, subscribers)
	}
	if n := e.srv.Stats().Rejected429; n != 0 {
		t.Errorf("Telegram answered 429 %d times, want 0", n)
	}
}

// TestDispatcherStopFlushesReplies: a Dispatcher sending through the Bot
// lets the Bot's queued replies out when it stops, up to ReplyFlush, and
// logs each reply it then drops.
func TestDispatcherStopFlushesReplies(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	var logs bot.LogBuffer
	b := newBot(t, srv.URL(), d, func(o *bot.Options) {
		o.Logger = slog.New(slog.NewTextHandler(&logs, nil))
	})
	runBot(t, b)
	srv.SetFailure(301, telegramtest.FailServerError)
	stop := startDispatcher(t, d, d, b, bot.DispatcherOptions{PollInterval: 20 * time.Millisecond, ReplyFlush: 300 * time.Millisecond})
	srv.UserMessage(301, 301, "/help")
	srv.UserMessage(302, 302, "/help")
	eventually(t, "both replies tried", func() bool { return srv.Stats().ByMethod["sendMessage"] >= 2 })
	stop()
	if got := srv.Messages(302); len(got) != 1 {
		t.Errorf("chat 302 got %d replies, want 1", len(got))
	}
	if log := logs.String(); !strings.Contains(log, `msg="reply dropped" chat_id=301`) || !strings.Contains(log, `reason="shutting down"`) {
		t.Errorf("the reply to the failing chat was not logged as dropped:\n%s", log)
	}
}
