package bot_test

import (
	"context"
	"slices"
	"testing"

	"briefbot"
	"briefbot/bot"
	"briefbot/internal/telegramtest"
)

// titledTopics have a title per language, as topics[].title may give them.
var titledTopics = []briefbot.Topic{
	{Name: "world", Title: "国際", Titles: map[string]string{"ja": "国際", "en": "World", "ru": "Мир"}, Hashtag: "国際"},
	{Name: "economy", Title: "経済", Titles: map[string]string{"ja": "経済", "en": "Economy", "ru": "Экономика"}, Hashtag: "経済"},
}

// TestUsersHearTheirLanguage: a private chat takes its user's Telegram
// language at /start (ja, ru, en; any other language gives English), and
// every answer after comes in it, topic titles included; a chat from
// before languages hears default_language until it chooses.
func TestUsersHearTheirLanguage(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, func(o *bot.Options) {
		o.Topics = titledTopics
		o.DefaultLanguage = "ja"
	}))
	for _, u := range []struct {
		id               int64
		code, lang       string
		welcome, subbed  string
		unsubscribedNote string
	}{
		{2001, "ja", "ja", "ようこそ", "✅ <b>国際</b>を購読しました。", "<b>経済</b>は購読していません"},
		{2002, "ru-RU", "ru", "Добро пожаловать", "✅ Вы подписались на тему <b>Мир</b>.", "Вы не подписаны на тему <b>Экономика</b>"},
		{2003, "en-GB", "en", "Welcome", "✅ Subscribed to <b>World</b>.", "You are not subscribed to <b>Economy</b>"},
		{2004, "de", "en", "Welcome", "✅ Subscribed to <b>World</b>.", "You are not subscribed to <b>Economy</b>"},
	} {
		srv.SetUserLanguage(u.id, u.code)
		srv.UserMessage(u.id, u.id, "/start")
		srv.UserMessage(u.id, u.id, "/subscribe world")
		srv.UserMessage(u.id, u.id, "/unsubscribe economy")
		ms := waitMessages(t, srv, u.id, 3)
		for i, want := range []string{u.welcome, u.subbed, u.unsubscribedNote} {
			if !contains(ms[i].Text, want) {
				t.Errorf("%s user, message %d: %q, want %q in it", u.code, i, ms[i].Text, want)
			}
		}
		if s := settingsOf(t, d, u.id); s.Language != u.lang {
			t.Errorf("%s user: chat language %q, want %q", u.code, s.Language, u.lang)
		}
	}

	// A chat stored before languages existed: default_language, until it
	// chooses; its briefs stay in each story's main language.
	const old = 2010
	ctx := context.Background()
	if err := d.UpsertChat(ctx, &briefbot.Chat{ID: old, Type: briefbot.ChatPrivate, Active: true}); err != nil {
		t.Fatal(err)
	}
	srv.SetUserLanguage(old, "ru")
	srv.UserMessage(old, old, "/help")
	if m := waitMessages(t, srv, old, 1)[0]; !contains(m.Text, "ニュース1件につき") {
		t.Errorf("an old chat's /help: %q, want Japanese", m.Text)
	}
	if s := settingsOf(t, d, old); s.Language != "" {
		t.Errorf("/help set the language of an old chat: %q", s.Language)
	}
	srv.UserMessage(old, old, "/settings lang English")
	if m := waitMessages(t, srv, old, 2)[1]; !contains(m.Text, "Language: English") || !contains(m.Text, "⚙️ <b>Settings</b>") {
		t.Errorf("after choosing English: %q", m.Text)
	}
	srv.UserMessage(old, old, "/settings")
	view := waitMessages(t, srv, old, 3)[2]
	srv.CallbackQuery(old, old, view.MessageID, "cfg:lang:ru")
	eventually(t, "language button", func() bool { return contains(srv.Messages(old)[2].Text, "Язык: <b>Русский</b>") })
	if s := settingsOf(t, d, old); s.Language != "ru" {
		t.Errorf("language after the button: %q", s.Language)
	}
}

// TestTopicsByAnyTitle: a topic is found by its name or any of its titles,
// in any case and width.
func TestTopicsByAnyTitle(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, func(o *bot.Options) { o.Topics = titledTopics }))
	const chat = 2100
	steps := []struct {
		cmd, want string
		subs      []string
	}{
		{"/subscribe 国際", "Subscribed to <b>World</b>", []string{"world"}},
		{"/unsubscribe WORLD", "Unsubscribed from <b>World</b>", nil},
		{"/subscribe ｗｏｒｌｄ", "Subscribed to <b>World</b>", []string{"world"}},
		{"/subscribe Экономика", "Subscribed to <b>Economy</b>", []string{"economy", "world"}},
		{"/subscribe economy", "already subscribed to <b>Economy</b>", []string{"economy", "world"}},
		{"/unsubscribe ЭКОНОМИКА", "Unsubscribed from <b>Economy</b>", []string{"world"}},
		{"/unsubscribe 経済", "You are not subscribed to <b>Economy</b>: nothing changed", []string{"world"}},
		{"/subscribe sports", "Unknown topic <b>sports</b>", []string{"world"}},
	}
	for i, s := range steps {
		srv.UserMessage(chat, chat, s.cmd)
		m := waitMessages(t, srv, chat, i+1)[i]
		if !contains(m.Text, s.want) {
			t.Errorf("%s: %q, want %q", s.cmd, m.Text, s.want)
		}
		var got []string
		subs, _ := d.Subscriptions(context.Background(), chat)
		for _, sub := range subs {
			got = append(got, sub.Topic)
		}
		if !slices.Equal(got, s.subs) {
			t.Errorf("after %s: subscriptions %v, want %v", s.cmd, got, s.subs)
		}
	}
	srv.UserMessage(chat, chat, "/today мир")
	if m := waitMessages(t, srv, chat, len(steps)+1)[len(steps)]; !contains(m.Text, "· World") {
		t.Errorf("/today by a Russian title: %q", m.Text)
	}
}

// TestGroupTakesItsAdminsLanguage: a group without a language takes that
// of the admin who subscribes it.
func TestGroupTakesItsAdminsLanguage(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, func(o *bot.Options) { o.Topics = titledTopics }))
	const group, admin = -2200, 22
	srv.AddChat(group, "supergroup", "ニュース")
	srv.SetChatMemberStatus(group, admin, "administrator")
	srv.SetUserLanguage(admin, "ja")
	srv.UserMessage(group, admin, "/subscribe world")
	if m := waitMessages(t, srv, group, 1)[0]; m.Text != "✅ <b>国際</b>を購読しました。" {
		t.Errorf("group subscribed by a Japanese admin: %q", m.Text)
	}
	if s := settingsOf(t, d, group); s.Language != "ja" {
		t.Errorf("group language %q", s.Language)
	}
}
