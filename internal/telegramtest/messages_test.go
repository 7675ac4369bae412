package telegramtest

import (
	"context"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestSendMessageRecorded(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	m := tgbotapi.NewMessage(-1001, `🌏 <b>東京</b> &amp; <a href="https://www3.nhk.or.jp/news/">NHK</a>`)
	m.ParseMode = tgbotapi.ModeHTML
	m.DisableWebPagePreview = true
	got, err := bot.Send(m)
	if err != nil {
		t.Fatal(err)
	}
	if got.MessageID != 1 || got.Chat.ID != -1001 || got.From.ID != bot.Self.ID || got.Text != "🌏 東京 & NHK" {
		t.Fatalf("result %+v", got)
	}
	// Entity offsets are UTF-16: the emoji is a surrogate pair.
	if len(got.Entities) != 2 || got.Entities[0].Type != "bold" || got.Entities[0].Offset != 3 || got.Entities[0].Length != 2 ||
		got.Entities[1].Type != "text_link" || got.Entities[1].URL != "https://www3.nhk.or.jp/news/" || got.Entities[1].Offset != 8 {
		t.Fatalf("entities %+v", got.Entities)
	}
	second, err := send(bot, -1001, "plain <not a tag> & text", "")
	if err != nil || second.MessageID != 2 || second.Text != "plain <not a tag> & text" {
		t.Fatalf("plain: %+v %v", second, err)
	}
	msgs := s.Messages(-1001)
	if len(msgs) != 2 || msgs[0].Text != m.Text || msgs[0].ParseMode != "HTML" || !msgs[0].DisableWebPagePreview || msgs[1].DisableWebPagePreview {
		t.Fatalf("messages %+v", msgs)
	}
	if st := s.Stats(); st.Sent != 2 || st.ByMethod["sendMessage"] != 2 {
		t.Fatalf("stats %+v", st)
	}
}

func TestSendMessageThreadIDFromParams(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	_, err := bot.MakeRequest("sendMessage", tgbotapi.Params{
		"chat_id": "-100200", "text": "topic post", "message_thread_id": "17",
		"link_preview_options": `{"is_disabled":true}`,
	})
	if err != nil {
		t.Fatal(err)
	}
	msgs := s.Messages(-100200)
	if len(msgs) != 1 || msgs[0].ThreadID != 17 || !msgs[0].DisableWebPagePreview {
		t.Fatalf("messages %+v", msgs)
	}
}

func TestSendMessageRejectsHostileHTML(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	tests := []struct {
		name, text, want string
	}{
		{"script", "Hello world <script>alert(1)</script>", `Bad Request: can't parse entities: Unsupported start tag "script" at byte offset 12`},
		{"unclosed b", "<b>bold", `Bad Request: can't parse entities: Can't find end tag corresponding to start tag "b"`},
		{"bad nesting", "<b><i>x</b></i>", `Bad Request: can't parse entities: Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`},
		{"stray end", "x</b>", `Bad Request: can't parse entities: Unexpected end tag at byte offset 1`},
		{"unknown entity", "R&D &nbsp;", `Bad Request: can't parse entities: Unsupported HTML entity "&nbsp;" at byte offset 4`},
		{"raw less-than", "price <100 yen", `Bad Request: can't parse entities: Unsupported start tag "100" at byte offset 6`},
		{"br", "a<br/>b", `Bad Request: can't parse entities: Unsupported start tag "br/" at byte offset 1`},
		{"unclosed start", "a <b", `Bad Request: can't parse entities: Unclosed start tag at byte offset 2`},
		{"span class", `<span class="x">a</span>`, `Bad Request: can't parse entities: Tag "span" must have class "tg-spoiler" at byte offset 0`},
		{"empty", "<b> </b>", "Bad Request: message text is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := send(bot, 10, tc.text, tgbotapi.ModeHTML)
			if e := apiErr(t, err); e.Code != 400 || e.Message != tc.want {
				t.Fatalf("got %d %q\nwant %q", e.Code, e.Message, tc.want)
			}
		})
	}
	if n := len(s.Messages(10)); n != 0 {
		t.Fatalf("%d rejected messages recorded", n)
	}
	if st := s.Stats(); st.RejectedOther != len(tests) {
		t.Fatalf("stats %+v", st)
	}
}

func TestMessageLengthBoundary(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	ja := strings.Repeat("日", maxMessageRunes)
	tests := []struct {
		name, text, mode string
		ok               bool
	}{
		{"4096 runes plain", ja, "", true},
		{"4097 runes plain", ja + "本", "", false},
		{"4096 runes in tags", "<b>" + ja[:len(ja)-3] + "</b><i>本</i>", tgbotapi.ModeHTML, true},
		{"entity counts once", ja[:len(ja)-3] + "&amp;", tgbotapi.ModeHTML, true},
		{"4097 with entity", ja + "&lt;", tgbotapi.ModeHTML, false},
		{"emoji is one char", strings.Repeat("🌏", maxMessageRunes), "", true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := send(bot, 20, tc.text, tc.mode)
			if tc.ok {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if e := apiErr(t, err); e.Code != 400 || e.Message != "Bad Request: message is too long" {
				t.Fatalf("got %d %q", e.Code, e.Message)
			}
		})
	}
}

func TestEditMessageText(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	sent, err := send(bot, 30, "<b>v1</b>", tgbotapi.ModeHTML)
	if err != nil {
		t.Fatal(err)
	}
	edit := tgbotapi.NewEditMessageText(30, sent.MessageID, "<b>v2</b>")
	edit.ParseMode = tgbotapi.ModeHTML
	got, err := bot.Send(edit)
	if err != nil || got.Text != "v2" || got.EditDate == 0 {
		t.Fatalf("edit: %+v %v", got, err)
	}
	// Same parsed text and entities, different markup spelling: not modified.
	edit.Text = "<strong>v2</strong>"
	_, err = bot.Send(edit)
	if e := apiErr(t, err); e.Code != 400 || !strings.HasPrefix(e.Message, "Bad Request: message is not modified: ") {
		t.Fatalf("got %d %q", e.Code, e.Message)
	}
	_, err = bot.Send(tgbotapi.NewEditMessageText(30, 99, "x"))
	if e := apiErr(t, err); e.Message != "Bad Request: message to edit not found" {
		t.Fatalf("got %q", e.Message)
	}
	msgs := s.Messages(30)
	if len(msgs) != 1 || msgs[0].Text != "<b>v2</b>" || msgs[0].Edited != 1 {
		t.Fatalf("messages %+v", msgs)
	}
	if _, err := bot.Request(tgbotapi.NewDeleteMessage(30, sent.MessageID)); err != nil {
		t.Fatal(err)
	}
	if len(s.Messages(30)) != 0 || s.Counts()[30] != 1 {
		t.Fatalf("after delete: %+v counts %v", s.Messages(30), s.Counts())
	}
}

func TestMessageIDsIncreasePerChat(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	for i, chatID := range []int64{1, 2, 1, 2, 1} {
		m, err := send(bot, chatID, "x", "")
		if err != nil {
			t.Fatal(err)
		}
		if want := i/2 + 1; m.MessageID != want {
			t.Fatalf("send %d to %d: id %d, want %d", i, chatID, m.MessageID, want)
		}
	}
	if all := s.AllMessages(); len(all) != 5 || all[1].ChatID != 2 {
		t.Fatalf("all %+v", all)
	}
}

func TestWaitMessages(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	go func() {
		for range 3 {
			send(bot, 7, "x", "")
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	msgs, err := s.WaitMessages(ctx, 7, 3)
	if err != nil || len(msgs) != 3 {
		t.Fatalf("got %d, %v", len(msgs), err)
	}
	short, cancel2 := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel2()
	if _, err := s.WaitMessages(short, 7, 4); err == nil {
		t.Fatal("wait for a fourth message succeeded")
	}
}

func TestCommands(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	cfg := tgbotapi.NewSetMyCommands(
		tgbotapi.BotCommand{Command: "today", Description: "今日のニュース"},
		tgbotapi.BotCommand{Command: "search", Description: "検索"},
	)
	if _, err := bot.Request(cfg); err != nil {
		t.Fatal(err)
	}
	got := s.Commands()
	if len(got) != 2 || got[0].Command != "today" || got[1].Description != "検索" {
		t.Fatalf("commands %+v", got)
	}
	cmds, err := bot.GetMyCommands()
	if err != nil || len(cmds) != 2 {
		t.Fatalf("getMyCommands %+v %v", cmds, err)
	}
}
