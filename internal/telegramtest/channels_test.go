package telegramtest

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// rawUpdates fetches the queued updates as JSON objects, without
// confirming them.
func rawUpdates(t *testing.T, bot *tgbotapi.BotAPI) []map[string]json.RawMessage {
	t.Helper()
	resp, err := bot.MakeRequest("getUpdates", tgbotapi.Params{"timeout": "0"})
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]json.RawMessage
	if err := json.Unmarshal(resp.Result, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestChannelPostAndDelete(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	const channel = -1001234
	s.AddChat(channel, "channel", "News")
	id := s.ChannelPost(channel, "/subscribe@briefbot_test_bot world")
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 0})
	if err != nil || len(ups) != 1 || ups[0].UpdateID != id {
		t.Fatalf("updates %+v, %v", ups, err)
	}
	p := ups[0].ChannelPost
	if p == nil || p.Chat.Type != "channel" || p.SenderChat == nil || p.SenderChat.ID != channel || p.From != nil ||
		p.Command() != "subscribe" || p.CommandArguments() != "world" {
		t.Fatalf("channel post %+v", p)
	}
	del := tgbotapi.NewDeleteMessage(channel, p.MessageID)
	if _, err := bot.Request(del); err == nil || apiErr(t, err).Message != "Bad Request: message can't be deleted" {
		t.Errorf("delete without being an admin: %v", err)
	}
	if s.PostDeleted(channel, p.MessageID) {
		t.Error("deleted without rights")
	}
	s.SetChatMemberStatus(channel, s.BotID(), "administrator")
	if _, err := bot.Request(del); err != nil {
		t.Fatalf("delete as admin: %v", err)
	}
	if !s.PostDeleted(channel, p.MessageID) {
		t.Error("PostDeleted false after deleteMessage")
	}
	if _, err := bot.Request(del); err == nil || apiErr(t, err).Message != "Bad Request: message to delete not found" {
		t.Errorf("second delete: %v", err)
	}
}

func TestForwardedPost(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	const user, channel = 77, -1005
	s.AddChat(channel, "channel", "News")
	s.ForwardedPost(user, user, channel, 42, "a post", false)
	s.ForwardedPost(user, user, channel, 43, "an older client", true)
	raws := rawUpdates(t, bot)
	if len(raws) != 2 {
		t.Fatalf("%d updates", len(raws))
	}
	var m struct {
		Chat          struct{ ID int64 } `json:"chat"`
		ForwardOrigin *struct {
			Type      string `json:"type"`
			MessageID int    `json:"message_id"`
			Chat      struct {
				ID   int64  `json:"id"`
				Type string `json:"type"`
			} `json:"chat"`
		} `json:"forward_origin"`
		ForwardFromChat *struct{ ID int64 } `json:"forward_from_chat"`
	}
	if err := json.Unmarshal(raws[0]["message"], &m); err != nil {
		t.Fatal(err)
	}
	if o := m.ForwardOrigin; o == nil || o.Type != "channel" || o.Chat.ID != channel || o.Chat.Type != "channel" ||
		o.MessageID != 42 || m.ForwardFromChat != nil || m.Chat.ID != user {
		t.Errorf("forward_origin message %s", raws[0]["message"])
	}
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 0})
	if err != nil || len(ups) != 2 {
		t.Fatalf("updates %d, %v", len(ups), err)
	}
	if f := ups[1].Message.ForwardFromChat; f == nil || f.ID != channel || ups[1].Message.ForwardFromMessageID != 43 {
		t.Errorf("legacy forward %+v", ups[1].Message)
	}
}

func TestChatAdministratorsAndUserLanguage(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	const channel = -1006
	s.SetChatMemberStatus(channel, 9, "administrator")
	s.SetChatMemberStatus(channel, 3, "creator")
	s.SetChatMemberStatus(channel, 5, "member")
	s.SetChatMemberStatus(channel, s.BotID(), "administrator")
	s.SetUserLanguage(3, "ru")
	admins, err := bot.GetChatAdministrators(tgbotapi.ChatAdministratorsConfig{ChatConfig: tgbotapi.ChatConfig{ChatID: channel}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range admins {
		got = append(got, a.Status+":"+a.User.LanguageCode)
	}
	if len(admins) != 3 || admins[0].User.ID != 3 || !admins[2].User.IsBot ||
		!slices.Equal(got, []string{"creator:ru", "administrator:", "administrator:"}) {
		t.Errorf("administrators %v", got)
	}
	s.SetUserLanguage(8, "ja-JP")
	s.UserMessage(8, 8, "hello")
	ups, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 0})
	if err != nil || len(ups) != 1 || ups[0].Message.From.LanguageCode != "ja-JP" {
		t.Fatalf("message from a user with a language: %+v %v", ups, err)
	}
}

func TestMenusByScopeAndLanguage(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	set := func(scope *tgbotapi.BotCommandScope, lang, desc string) error {
		p := tgbotapi.Params{"language_code": lang}
		if err := p.AddInterface("commands", []tgbotapi.BotCommand{{Command: "help", Description: desc}}); err != nil {
			t.Fatal(err)
		}
		if err := p.AddInterface("scope", scope); err != nil {
			t.Fatal(err)
		}
		_, err := bot.MakeRequest("setMyCommands", p)
		return err
	}
	admin := tgbotapi.NewBotCommandScopeChat(7)
	for _, c := range []struct {
		scope      *tgbotapi.BotCommandScope
		lang, desc string
	}{{nil, "", "Help"}, {nil, "ja", "使い方"}, {&admin, "", "Admin help"}, {&admin, "ru", "Справка админа"}} {
		if err := set(c.scope, c.lang, c.desc); err != nil {
			t.Fatalf("setMyCommands %s: %v", c.desc, err)
		}
	}
	for _, c := range []struct {
		chat int64
		lang string
		want string
	}{
		{0, "", "Help"}, {0, "ja", "使い方"}, {0, "de", "Help"}, {5, "ja", "使い方"},
		{7, "ru", "Справка админа"}, {7, "ja", "Admin help"}, {7, "", "Admin help"},
	} {
		if m := s.Menu(c.chat, c.lang); len(m) != 1 || m[0].Description != c.want {
			t.Errorf("Menu(%d, %q) = %+v, want %q", c.chat, c.lang, m, c.want)
		}
	}
	if got := s.Commands(); len(got) != 1 || got[0].Description != "Help" {
		t.Errorf("Commands() = %+v", got)
	}
	// A user who never started the bot has no private chat to scope to.
	s.SetFailure(8, FailNotStarted)
	missing := tgbotapi.NewBotCommandScopeChat(8)
	if err := set(&missing, "", "x"); err == nil || apiErr(t, err).Message != "Bad Request: chat not found" {
		t.Errorf("menu of a user who never started the bot: %v", err)
	}
	if err := set(nil, "Japanese", "x"); err == nil || !strings.Contains(err.Error(), "language code") {
		t.Errorf("a bad language code: %v", err)
	}
}

func TestDisableNotificationRecorded(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	m := tgbotapi.NewMessage(5, "quiet")
	m.DisableNotification = true
	if _, err := bot.Send(m); err != nil {
		t.Fatal(err)
	}
	if _, err := send(bot, 5, "loud", ""); err != nil {
		t.Fatal(err)
	}
	got := s.Messages(5)
	if len(got) != 2 || !got[0].DisableNotification || got[1].DisableNotification {
		t.Errorf("messages %+v", got)
	}
}
