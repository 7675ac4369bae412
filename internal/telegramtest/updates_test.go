package telegramtest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestGetUpdatesOffsets(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	first := s.UserMessage(42, 42, "/start")
	second := s.UserMessage(42, 42, "hello")
	third := s.UserMessage(-100777, 42, "/today@briefbot_test_bot now")

	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Limit: 2})
	if err != nil {
		t.Fatal(err)
	}
	if len(ups) != 2 || ups[0].UpdateID != first || ups[1].UpdateID != second {
		t.Fatalf("got %+v", ups)
	}
	m := ups[0].Message
	if m.Command() != "start" || m.From.ID != 42 || m.Chat.ID != 42 || m.Chat.Type != "private" || m.Date == 0 {
		t.Fatalf("message %+v chat %+v", m, m.Chat)
	}
	if ups[1].Message.IsCommand() {
		t.Fatal("plain text decoded as a command")
	}

	// Unconfirmed updates come again.
	again, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(again) != 3 {
		t.Fatalf("again: %d updates, %v", len(again), err)
	}
	// offset confirms everything below it.
	rest, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: second + 1})
	if err != nil || len(rest) != 1 || rest[0].UpdateID != third {
		t.Fatalf("rest: %+v, %v", rest, err)
	}
	gm := rest[0].Message
	if gm.Chat.Type != "supergroup" || gm.CommandWithAt() != "today@briefbot_test_bot" || gm.CommandArguments() != "now" {
		t.Fatalf("group message %+v", gm)
	}
	if s.PendingUpdates() != 1 {
		t.Fatalf("pending = %d, want 1", s.PendingUpdates())
	}
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: third + 1}); err != nil {
		t.Fatal(err)
	}
	if s.PendingUpdates() != 0 {
		t.Fatalf("pending = %d after confirming all", s.PendingUpdates())
	}
}

func TestGetUpdatesNegativeOffsetKeepsLast(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	for range 5 {
		s.UserMessage(1, 1, "x")
	}
	last := s.UserMessage(1, 1, "last")
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: -1})
	if err != nil || len(ups) != 1 || ups[0].UpdateID != last {
		t.Fatalf("got %+v %v", ups, err)
	}
}

func TestLongPollWakesOnUpdate(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	type result struct {
		ups []tgbotapi.Update
		err error
	}
	done := make(chan result, 1)
	go func() {
		ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 50})
		done <- result{ups, err}
	}()
	waitFor(t, s, func() bool { return s.st.polling })
	id := s.UserMessage(5, 5, "/help")
	r := <-done
	if r.err != nil || len(r.ups) != 1 || r.ups[0].UpdateID != id {
		t.Fatalf("got %+v %v", r.ups, r.err)
	}
}

func TestLongPollTimesOutEmpty(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 1})
	if err != nil || len(ups) != 0 {
		t.Fatalf("got %+v %v", ups, err)
	}
}

func TestLongPollEndsWhenClientGoesAway(t *testing.T) {
	s := newServer(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.URL()+"/bot"+s.Token()+"/getUpdates",
		strings.NewReader(url.Values{"timeout": {"50"}}.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	errc := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		errc <- err
	}()
	waitFor(t, s, func() bool { return s.st.polling })
	cancel()
	if err := <-errc; err == nil {
		t.Fatal("cancelled request succeeded")
	}
	waitFor(t, s, func() bool { return !s.st.polling })
}

// TestNewerLongPollEndsTheParkedOne checks Telegram's rule for two pollers:
// the newer long poll ends the parked one with 409, and a getUpdates that
// answers at once (timeout 0) disturbs nobody.
func TestNewerLongPollEndsTheParkedOne(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	first := make(chan error, 1)
	go func() {
		_, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 50})
		first <- err
	}()
	var parked *longPoll
	waitFor(t, s, func() bool { parked = s.st.poll; return parked != nil })
	if ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); err != nil || len(ups) != 0 {
		t.Fatalf("timeout 0 beside a parked poll: %+v %v", ups, err)
	}
	type polled struct {
		ups []tgbotapi.Update
		err error
	}
	second := make(chan polled, 1)
	go func() {
		ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 50})
		second <- polled{ups, err}
	}()
	e := apiErr(t, <-first)
	if e.Code != 409 || !strings.HasPrefix(e.Message, "Conflict: terminated by other getUpdates request") {
		t.Fatalf("parked poll got %d %q", e.Code, e.Message)
	}
	waitFor(t, s, func() bool { return s.st.poll != nil && s.st.poll != parked })
	id := s.UserMessage(1, 1, "for the newer poll")
	if r := <-second; r.err != nil || len(r.ups) != 1 || r.ups[0].UpdateID != id {
		t.Fatalf("newer poll: %+v %v", r.ups, r.err)
	}
}

// TestConflictsArePaced checks that a 409 answered within ConflictPause of
// the one before waits ConflictPause, as Telegram's server does: two pollers
// fighting see a conflict every few seconds, not a tight loop.
func TestConflictsArePaced(t *testing.T) {
	const pause = 300 * time.Millisecond
	s := newServer(t, Options{ConflictPause: pause})
	bot := newBot(t, s)
	poll := func() chan error {
		c := make(chan error, 1)
		go func() {
			_, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 50})
			c <- err
		}()
		return c
	}
	parkedNext := func(prev *longPoll) (next *longPoll) {
		waitFor(t, s, func() bool { next = s.st.poll; return next != nil && next != prev })
		return next
	}
	p1 := poll()
	first := parkedNext(nil)
	p2 := poll()
	if e := apiErr(t, <-p1); e.Code != 409 {
		t.Fatalf("first conflict: %d %q", e.Code, e.Message)
	}
	second := parkedNext(first)
	began := time.Now()
	p3 := poll()
	parkedNext(second)
	if e := apiErr(t, <-p2); e.Code != 409 {
		t.Fatalf("second conflict: %d %q", e.Code, e.Message)
	}
	// A lower bound only: the answer cannot come before the pause.
	if took := time.Since(began); took < pause {
		t.Errorf("second conflict answered after %s, want ≥ %s", took, pause)
	}
	s.UserMessage(1, 1, "release the last poll")
	if err := <-p3; err != nil {
		t.Fatal(err)
	}
}

func TestSetWebhookEndsTheParkedPoll(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	done := make(chan error, 1)
	go func() {
		_, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 50})
		done <- err
	}()
	waitFor(t, s, func() bool { return s.st.polling })
	if _, err := bot.MakeRequest("setWebhook", tgbotapi.Params{"url": "https://example.com/hook"}); err != nil {
		t.Fatal(err)
	}
	if e := apiErr(t, <-done); e.Code != 409 || e.Message != "Conflict: terminated by setWebhook request" {
		t.Fatalf("got %d %q", e.Code, e.Message)
	}
}

func TestGetUpdatesWhileWebhookSet(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	if _, err := bot.MakeRequest("setWebhook", tgbotapi.Params{"url": "https://example.com/hook"}); err != nil {
		t.Fatal(err)
	}
	_, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if e := apiErr(t, err); e.Code != 409 {
		t.Fatalf("got %d %q", e.Code, e.Message)
	}
	if _, err := bot.Request(tgbotapi.DeleteWebhookConfig{}); err != nil {
		t.Fatal(err)
	}
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); err != nil {
		t.Fatal(err)
	}
}

func TestCallbackQueryAndAnswer(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	m := tgbotapi.NewMessage(-1001, "<b>page 1</b>")
	m.ParseMode = tgbotapi.ModeHTML
	m.ReplyMarkup = tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("next", "today:2")))
	sent, err := bot.Send(m)
	if err != nil {
		t.Fatal(err)
	}
	if sent.ReplyMarkup == nil || len(sent.ReplyMarkup.InlineKeyboard) != 1 {
		t.Fatalf("inline keyboard not echoed: %+v", sent.ReplyMarkup)
	}
	id := s.CallbackQuery(-1001, 77, sent.MessageID, "today:2")
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 || ups[0].UpdateID != id {
		t.Fatalf("got %+v %v", ups, err)
	}
	cq := ups[0].CallbackQuery
	if cq == nil || cq.Data != "today:2" || cq.From.ID != 77 || cq.ChatInstance == "" || cq.ID == "" {
		t.Fatalf("callback %+v", cq)
	}
	if cq.Message == nil || cq.Message.MessageID != sent.MessageID || cq.Message.Chat.ID != -1001 || cq.Message.Text != "page 1" {
		t.Fatalf("callback message %+v", cq.Message)
	}
	if _, err := bot.Request(tgbotapi.NewCallback(cq.ID, "Page 2")); err != nil {
		t.Fatal(err)
	}
	if got := s.CallbackAnswers(); len(got) != 1 || got[0] != cq.ID {
		t.Fatalf("answers %v", got)
	}
	if got := s.CallbackAnswerTexts(); len(got) != 1 || got[0] != "Page 2" {
		t.Fatalf("answer texts %q", got)
	}
}

func TestMyChatMember(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	s.MyChatMember(42, 42, "member", "kicked")
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(ups) != 1 {
		t.Fatalf("got %+v %v", ups, err)
	}
	u := ups[0].MyChatMember
	if u == nil || u.Chat.ID != 42 || u.From.ID != 42 || u.Date == 0 ||
		u.OldChatMember.Status != "member" || u.NewChatMember.Status != "kicked" ||
		u.NewChatMember.User == nil || u.NewChatMember.User.ID != bot.Self.ID {
		t.Fatalf("my_chat_member %+v", u)
	}
}

func TestRawUpdateUndecodable(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	bad := s.RawUpdate(json.RawMessage(`{"message":"not an object"}`))
	good := s.UserMessage(1, 1, "hi")
	// tgbotapi fails the whole batch on one bad update...
	if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); err == nil {
		t.Fatal("batch with an undecodable update decoded")
	}
	// ...so a poll loop skips it by offset; the raw update carries its id.
	resp, err := bot.MakeRequest("getUpdates", tgbotapi.Params{"limit": "1"})
	if err != nil {
		t.Fatal(err)
	}
	var raw []struct {
		UpdateID int `json:"update_id"`
	}
	if err := json.Unmarshal(resp.Result, &raw); err != nil || len(raw) != 1 || raw[0].UpdateID != bad {
		t.Fatalf("raw %s: %v", resp.Result, err)
	}
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Offset: bad + 1})
	if err != nil || len(ups) != 1 || ups[0].UpdateID != good {
		t.Fatalf("got %+v %v", ups, err)
	}
}

func TestGetChatMember(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	s.SetChatMemberStatus(-1005, 9, "administrator")
	for _, tc := range []struct {
		user int64
		want string
	}{{9, "administrator"}, {10, "member"}} {
		m, err := bot.GetChatMember(tgbotapi.GetChatMemberConfig{ChatConfigWithUser: tgbotapi.ChatConfigWithUser{ChatID: -1005, UserID: tc.user}})
		if err != nil || m.Status != tc.want || m.User.ID != tc.user {
			t.Fatalf("user %d: %+v %v", tc.user, m, err)
		}
	}
	s.AddChat(-1006, "channel", "News")
	c, err := bot.GetChat(tgbotapi.ChatInfoConfig{ChatConfig: tgbotapi.ChatConfig{ChatID: -1006}})
	if err != nil || c.Type != "channel" || c.Title != "News" {
		t.Fatalf("chat %+v %v", c, err)
	}
}

// TestGetChatByUsername: a public chat is found by "@name" in any case; an
// unknown name, or a private chat's, is "chat not found" as on Telegram.
func TestGetChatByUsername(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	s.AddChat(-1007, "channel", "News")
	s.SetChatUsername(-1007, "@My_News")
	s.AddChat(42, "private", "Ann")
	s.SetChatUsername(42, "ann_private")
	c, err := bot.GetChat(tgbotapi.ChatInfoConfig{ChatConfig: tgbotapi.ChatConfig{SuperGroupUsername: "@my_news"}})
	if err != nil || c.ID != -1007 || c.Type != "channel" || c.UserName != "My_News" {
		t.Fatalf("@my_news: %+v %v", c, err)
	}
	for _, name := range []string{"@nobody_here", "@ann_private", "@"} {
		_, err := bot.GetChat(tgbotapi.ChatInfoConfig{ChatConfig: tgbotapi.ChatConfig{SuperGroupUsername: name}})
		if e := apiErr(t, err); e.Code != 400 || e.Message != "Bad Request: chat not found" {
			t.Errorf("%s: %+v, want 400 chat not found", name, e)
		}
	}
}
