package bot

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"briefbot/internal/telegramtest"
)

// replyBot is a Bot on a fake Bot API whose replies are paced at test
// speed and retried after 10 ms; its log goes to the returned buffer.
func replyBot(t *testing.T) (*Bot, *telegramtest.Server, *LogBuffer) {
	t.Helper()
	srv := telegramtest.New(telegramtest.Options{Token: "TEST:TOKEN"})
	t.Cleanup(srv.Close)
	var logs LogBuffer
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	b, err := New(ctx, Options{Token: "TEST:TOKEN", APIURL: srv.URL(),
		Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))}, Stores{})
	if err != nil {
		t.Fatal(err)
	}
	b.pace.setLimits(paceLimits{GlobalPerSecond: 1000, PrivatePerSecond: 1000, GroupPerMinute: 60000})
	b.replies.retryBase = 10 * time.Millisecond
	return b, srv, &logs
}

// flushed waits until the bot's replies are sent or dropped.
func flushed(t *testing.T, b *Bot) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	b.replies.flush(ctx)
	if ctx.Err() != nil {
		t.Fatal("replies still queued after 30 s")
	}
}

func texts(ms []telegramtest.Message) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Text)
	}
	return out
}

// TestRepliesRetriedInOrder: a 429 and two 5xx answers delay a chat's
// replies but lose none, and they arrive in the order they were queued.
// An edit rides the same queue; an edit to the same text is no error.
func TestRepliesRetriedInOrder(t *testing.T) {
	b, srv, logs := replyBot(t)
	ctx := context.Background()
	srv.FailNext(100, telegramtest.FailTooManyRequests, 1)
	srv.FailNext(100, telegramtest.FailServerError, 1)
	srv.FailNext(100, telegramtest.FailBadGateway, 1)
	for _, text := range []string{"one", "two", "three"} {
		if err := b.reply(ctx, 100, text, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.reply(ctx, 101, "other chat", nil); err != nil {
		t.Fatal(err)
	}
	flushed(t, b)
	ms := srv.Messages(100)
	if got := strings.Join(texts(ms), " "); got != "one two three" {
		t.Fatalf("chat 100 got %q, want one two three", got)
	}
	if got := srv.Messages(101); len(got) != 1 {
		t.Errorf("chat 101 got %d messages, want 1", len(got))
	}
	if st := srv.Stats(); st.Rejected429 != 1 || st.Sent != 4 {
		t.Errorf("stats %+v, want 4 sent after one 429", st)
	}

	for range 2 {
		if err := b.edit(ctx, 100, ms[0].MessageID, "uno", nil); err != nil {
			t.Fatal(err)
		}
	}
	flushed(t, b)
	if got := srv.Messages(100)[0]; got.Text != "uno" || got.Edited != 1 {
		t.Errorf("edited message %+v", got)
	}
	if strings.Contains(logs.String(), "reply dropped") {
		t.Errorf("a reply was dropped:\n%s", logs)
	}
}

// TestReplyDroppedAfterItsMinute: a reply that cannot go within its time
// is dropped and logged with its chat, never with its text.
func TestReplyDroppedAfterItsMinute(t *testing.T) {
	b, srv, logs := replyBot(t)
	b.replies.maxAge = 300 * time.Millisecond
	srv.SetFailure(102, telegramtest.FailServerError)
	if err := b.reply(context.Background(), 102, "<b>secret</b> words", nil); err != nil {
		t.Fatal(err)
	}
	flushed(t, b)
	log := logs.String()
	if !strings.Contains(log, `msg="reply dropped" chat_id=102 method=sendMessage`) || !strings.Contains(log, "waited a minute") {
		t.Errorf("no drop logged:\n%s", log)
	}
	if strings.Contains(log, "secret") {
		t.Errorf("the reply's text is in the log:\n%s", log)
	}
	if n := srv.Stats().ByMethod["sendMessage"]; n < 2 {
		t.Errorf("%d attempts, want retries before the drop", n)
	}
}

// TestFlushGivesUpAtItsDeadline: flush sends what it can before its
// deadline, then drops the rest with a log line each; the queue goes on
// taking replies afterwards.
func TestFlushGivesUpAtItsDeadline(t *testing.T) {
	b, srv, logs := replyBot(t)
	ctx := context.Background()
	srv.SetFailure(103, telegramtest.FailServerError)
	for _, chat := range []int64{103, 103, 104} {
		if err := b.reply(ctx, chat, "x", nil); err != nil {
			t.Fatal(err)
		}
	}
	fctx, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	b.replies.flush(fctx)
	if got := srv.Messages(104); len(got) != 1 {
		t.Errorf("the healthy chat got %d replies by the flush, want 1", len(got))
	}
	if n := strings.Count(logs.String(), `msg="reply dropped" chat_id=103`); n != 2 {
		t.Errorf("%d drops of chat 103 logged, want 2:\n%s", n, logs)
	}
	if !strings.Contains(logs.String(), "reason=\"shutting down\"") {
		t.Errorf("the drops do not say why:\n%s", logs)
	}
	if err := b.reply(ctx, 104, "after", nil); err != nil {
		t.Fatal(err)
	}
	flushed(t, b)
	if got := srv.Messages(104); len(got) != 2 {
		t.Errorf("after the flush: %d replies, want 2", len(got))
	}
}

// TestRankPutsABusyChatFirst: a chat with many replies waiting ranks by
// the time its last one must start, so that its pacing starts at once.
func TestRankPutsABusyChatFirst(t *testing.T) {
	q := newReplyQueue(newPacer(defaultPaceLimits), nil, slog.New(slog.DiscardHandler))
	t0 := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	at := func(ms ...int) []*reply {
		var rs []*reply
		for _, m := range ms {
			rs = append(rs, &reply{queued: t0.Add(time.Duration(m) * time.Millisecond)})
		}
		return rs
	}
	tests := []struct {
		name    string
		chat    int64
		waiting []*reply
		want    time.Duration
	}{
		{"one reply", 1, at(500), 500 * time.Millisecond},
		{"replies a second apart", 1, at(0, 1000, 2000), 0},
		{"ten at once to a user", 1, at(100, 110, 120, 130, 140, 150, 160, 170, 180, 190), 190*time.Millisecond - 9*time.Second},
		{"two at once to a group", -1, at(0, 10), 10*time.Millisecond - time.Minute/20*21/20},
	}
	for _, tt := range tests {
		if got := q.rank(tt.chat, tt.waiting).Sub(t0); got != tt.want {
			t.Errorf("%s: rank %s, want %s", tt.name, got, tt.want)
		}
	}
}

// TestReplyFollowsTelegram: a reply to a group that became a supergroup
// goes to the supergroup; one whose markup Telegram refuses goes as plain
// text; one to a chat that blocked the bot is dropped and logged.
func TestReplyFollowsTelegram(t *testing.T) {
	b, srv, logs := replyBot(t)
	ctx := context.Background()
	srv.SetMigrateTarget(-105, -1000000000105)
	srv.SetFailure(106, telegramtest.FailBlocked)
	for _, r := range []struct {
		chat int64
		text string
	}{{-105, "to the group"}, {107, "<b>unclosed"}, {106, "blocked"}} {
		if err := b.reply(ctx, r.chat, r.text, nil); err != nil {
			t.Fatal(err)
		}
	}
	flushed(t, b)
	if got := texts(srv.Messages(-1000000000105)); len(got) != 1 || got[0] != "to the group" {
		t.Errorf("the supergroup got %q", got)
	}
	if got := srv.Messages(107); len(got) != 1 || got[0].Text != "unclosed" || got[0].ParseMode != "" {
		t.Errorf("bad markup: got %+v, want its plain text", got)
	}
	if !strings.Contains(logs.String(), `msg="reply dropped" chat_id=106`) {
		t.Errorf("the reply to a chat that blocked the bot was not logged as dropped:\n%s", logs)
	}
}
