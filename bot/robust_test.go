package bot_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"briefbot"
	"briefbot/bot"
	"briefbot/db"
	"briefbot/internal/telegramtest"
	"briefbot/internal/tgtext"
)

// TestSearchIDsBoundToChat: a search's paging buttons work in the chat that
// searched; the same callback data sent from another chat, or a made-up
// id, reads nothing and answers that the search expired.
func TestSearchIDsBoundToChat(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, nil))
	for i := range 7 {
		seedBrief(t, d, fmt.Sprintf("停戦協議%d", i), "<b>停戦</b>", "停戦について話し合った。", time.Now().Add(-time.Duration(i)*time.Minute), "world")
	}
	srv.UserMessage(800, 800, "/search 停戦")
	ms := waitMessages(t, srv, 800, 1)
	var next string
	for _, d := range keyboardData(t, ms[0]) {
		if strings.HasPrefix(d, "s:") {
			next = d
		}
	}
	if next == "" {
		t.Fatalf("no paging button in %q", ms[0].Text)
	}
	srv.UserMessage(801, 801, "/help")
	other := waitMessages(t, srv, 801, 1)
	srv.CallbackQuery(801, 801, other[0].MessageID, next)
	srv.CallbackQuery(801, 801, other[0].MessageID, "s:AAAAAAAAAAA:1")
	eventually(t, "forged callbacks answered", func() bool { return len(srv.CallbackAnswers()) == 2 })
	for _, a := range srv.CallbackAnswerTexts() {
		if !strings.Contains(a, "expired") {
			t.Errorf("forged callback answered %q, want the search expired", a)
		}
	}
	if m := srv.Messages(801)[0]; m.Edited != 0 || strings.Contains(m.Text, "停戦協議") {
		t.Errorf("another chat's message shows the search: %q", m.Text)
	}
	srv.CallbackQuery(800, 800, ms[0].MessageID, next)
	eventually(t, "page 2 shown", func() bool { return srv.Messages(800)[0].Edited == 1 })
}

// TestEchoesCapped: a 4,090-character argument echoed back still makes a
// reply within Telegram's limit, so the user gets an answer.
func TestEchoesCapped(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, nil))
	long := strings.Repeat("停", 4090)
	for i, cmd := range []string{"/subscribe ", "/unsubscribe ", "/today ", "/settings tz ", "/search "} {
		srv.UserMessage(900, 900, cmd+long)
		ms := waitMessages(t, srv, 900, i+1)
		if n := tgtext.VisibleLen(ms[i].Text); n > tgtext.MaxLen || n == 0 {
			t.Errorf("%s…: reply of %d characters", cmd, n)
		}
	}
}

// TestApologyWhenStorageRefuses: on a database that refuses writes (here
// reopened read-only), a command or a button that must save something is
// answered with an apology rather than silence.
func TestApologyWhenStorageRefuses(t *testing.T) {
	rw, path := openDB(t)
	if err := rw.UpsertChat(context.Background(), &briefbot.Chat{ID: 950, Type: briefbot.ChatPrivate, Active: true}); err != nil {
		t.Fatal(err)
	}
	ro, err := db.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), ro, nil))
	srv.UserMessage(950, 950, "/subscribe world")
	srv.UserMessage(950, 950, "/start")
	ms := waitMessages(t, srv, 950, 2)
	for _, m := range ms {
		if !strings.Contains(m.Text, "can't save that right now") {
			t.Errorf("reply %q, want the apology", m.Text)
		}
	}
	srv.CallbackQuery(950, 950, ms[0].MessageID, "sub:world")
	eventually(t, "callback answered", func() bool { return len(srv.CallbackAnswers()) == 1 })
	if a := srv.CallbackAnswerTexts()[0]; !strings.Contains(a, "can't save that right now") {
		t.Errorf("button answered %q, want the apology", a)
	}
}

// TestWebhookRefusalsLogSampled: a flood of requests without the secret
// writes one log line a minute with a count, not a line each.
func TestWebhookRefusalsLogSampled(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	var logs syncBuf
	b := newBot(t, srv.URL(), d, func(o *bot.Options) { o.Logger = slog.New(slog.NewTextHandler(&logs, nil)) })
	hook := runWebhook(t, b, "s3cret")
	for range 200 {
		resp, err := http.Post(hook, "application/json", strings.NewReader(helpUpdate(1, 500)))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("status %d, want 401", resp.StatusCode)
		}
	}
	if n := strings.Count(logs.String(), "refused for a bad secret token"); n != 1 || !strings.Contains(logs.String(), "count=1 ") {
		t.Errorf("%d log lines for 200 refused requests, want 1:\n%s", n, logs.String())
	}
}

// syncBuf is a bytes.Buffer safe for the handler's goroutines.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
