package bot_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"briefbot"
	"briefbot/bot"
	"briefbot/db"
	"briefbot/internal/telegramtest"
)

// TestPlainMessagesAndGroups: a plain message gets a hint in a private
// chat only; in a group the bot answers its own commands, bare or
// addressed to it, and nothing else.
func TestPlainMessagesAndGroups(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, nil))
	const user, group = 2300, -2301
	srv.UserMessage(user, user, "hello bot")
	if m := waitMessages(t, srv, user, 1)[0]; !contains(m.Text, "I answer commands") {
		t.Errorf("private plain message: %q", m.Text)
	}
	srv.AddChat(group, "supergroup", "talk")
	for _, text := range []string{"hello all", "/help@other_bot", "/weather", "/weather@briefbot_test_bot"} {
		srv.UserMessage(group, user, text)
	}
	srv.UserMessage(group, user, "/help@briefbot_test_bot")
	srv.UserMessage(group, user, "/today")
	ms := waitMessages(t, srv, group, 2)
	if !contains(ms[0].Text, "/subscribe") || !contains(ms[1].Text, "📰") {
		t.Errorf("group answers: %q, %q", ms[0].Text, ms[1].Text)
	}
	srv.UserMessage(user, user, "/help") // handled after the group's updates
	waitMessages(t, srv, user, 2)
	if n := len(srv.Messages(group)); n != 2 {
		t.Errorf("%d messages in the group, want 2: %v", n, srv.Messages(group))
	}
}

// TestGroupMemberReadOnly: a member sees the group's settings and topics
// without buttons; an admin gets the buttons.
func TestGroupMemberReadOnly(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, nil))
	const group, member, admin = -2400, 24, 25
	srv.AddChat(group, "supergroup", "news")
	srv.SetChatMemberStatus(group, admin, "administrator")
	srv.UserMessage(group, admin, "/subscribe world")
	srv.UserMessage(group, member, "/settings")
	srv.UserMessage(group, member, "/subscribe")
	srv.UserMessage(group, admin, "/settings")
	srv.UserMessage(group, admin, "/subscribe")
	ms := waitMessages(t, srv, group, 5)
	for i, want := range []string{"⚙️", "Your topics: <b>国際</b>"} {
		m := ms[1+i]
		if !contains(m.Text, want) || !contains(m.Text, "Only the group's admins can change") || len(m.ReplyMarkup) != 0 {
			t.Errorf("member's view %d: %q, markup %s", i, m.Text, m.ReplyMarkup)
		}
	}
	for i, m := range ms[3:] {
		if len(keyboardData(t, m)) == 0 || contains(m.Text, "Only the group's admins") {
			t.Errorf("admin's view %d without buttons: %q", i, m.Text)
		}
	}
}

// TestStopThenNewBrief: once /stop is confirmed no send starts for the
// chat: what was unsent is dead ("stopped"), a brief the dispatcher had
// already claimed is refused, and a new story makes no row. Undo within
// 24 hours brings the topics back, and new briefs come again, nothing
// missed meanwhile.
func TestStopThenNewBrief(t *testing.T) {
	e := newEnv(t, telegramtest.Options{})
	const chat, other = 2500, 2501
	e.chat(t, chat, briefbot.ChatPrivate, 0)
	e.chat(t, other, briefbot.ChatPrivate, 0)
	ctx := context.Background()
	runBot(t, e.b)
	e.enqueue(t, "<b>一</b>")
	// The dispatcher claims the row, then waits for its slot...
	rows, err := e.d.Claim(ctx, briefbot.ClaimRequest{Now: time.Now(), Limit: 10})
	if err != nil || len(rows) != 2 {
		t.Fatalf("claim = %d rows, %v", len(rows), err)
	}
	e.srv.UserMessage(chat, chat, "/stop")
	q := waitMessages(t, e.srv, chat, 1)[0]
	e.srv.CallbackQuery(chat, chat, q.MessageID, "stop:yes")
	eventually(t, "stop confirmed", func() bool { return contains(e.srv.Messages(chat)[0].Text, "Stopped") })
	// ...and sends it after the stop: refused.
	for _, r := range rows {
		id, err := e.b.Send(ctx, briefbot.OutMessage{ChatID: r.ChatID, Text: r.HTML, HTML: true})
		if r.ChatID == chat {
			var se *briefbot.SendError
			if !asSendError(err, &se) || se.Kind != briefbot.SendPermanent {
				t.Errorf("send to the stopped chat: %v", err)
			}
			continue
		}
		if err != nil {
			t.Errorf("send to the other chat: %v", err)
		} else if err := e.d.MarkSent(ctx, r.ID, id, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	var state, reason string
	if err := e.d.SQL().QueryRow(`SELECT state, last_error FROM deliveries WHERE chat_id = ?`, chat).Scan(&state, &reason); err != nil ||
		state != "dead" || reason != "stopped" {
		t.Errorf("the stopped chat's row: %s %q, %v", state, reason, err)
	}
	e.enqueue(t, "<b>二</b>")
	e.dispatch(t, fastOptions())
	if n := len(e.srv.Messages(chat)); n != 1 {
		t.Errorf("%d messages to the stopped chat, want only the question: %v", n, e.srv.Messages(chat))
	}
	if n := len(e.srv.Messages(other)); n != 2 {
		t.Errorf("%d messages to the other chat, want 2", n)
	}

	e.srv.CallbackQuery(chat, chat, q.MessageID, "stop:undo")
	eventually(t, "undone", func() bool { return contains(e.srv.Messages(chat)[0].Text, "Restored") })
	if !hasSub(t, e.d, chat, "world") {
		t.Fatal("undo did not restore the subscription")
	}
	e.enqueue(t, "<b>三</b>")
	e.dispatch(t, fastOptions())
	ms := waitMessages(t, e.srv, chat, 2)
	if len(ms) != 2 || !contains(ms[1].Text, "三") {
		t.Errorf("after undo: %v, want the third brief only", ms)
	}
	// A second undo has nothing left to restore.
	e.srv.CallbackQuery(chat, chat, q.MessageID, "stop:undo")
	eventually(t, "late undo", func() bool { return contains(e.srv.Messages(chat)[0].Text, "too late to undo") })
}

func asSendError(err error, se **briefbot.SendError) bool {
	e, ok := err.(*briefbot.SendError)
	*se = e
	return ok
}

// TestPauseAndResume: /pause sends nothing until /resume, which sends
// nothing missed.
func TestPauseAndResume(t *testing.T) {
	e := newEnv(t, telegramtest.Options{})
	const chat = 2600
	e.chat(t, chat, briefbot.ChatPrivate, 0)
	runBot(t, e.b)
	e.srv.UserMessage(chat, chat, "/pause")
	if m := waitMessages(t, e.srv, chat, 1)[0]; !contains(m.Text, "Paused") {
		t.Fatalf("/pause: %q", m.Text)
	}
	e.enqueue(t, "<b>一</b>")
	e.srv.UserMessage(chat, chat, "/pause")
	if m := waitMessages(t, e.srv, chat, 2)[1]; !contains(m.Text, "Already paused") {
		t.Errorf("second /pause: %q", m.Text)
	}
	e.srv.UserMessage(chat, chat, "/resume")
	if m := waitMessages(t, e.srv, chat, 3)[2]; !contains(m.Text, "Resumed") {
		t.Fatalf("/resume: %q", m.Text)
	}
	e.enqueue(t, "<b>二</b>")
	e.dispatch(t, fastOptions())
	ms := waitMessages(t, e.srv, chat, 4)
	if len(ms) != 4 || !contains(ms[3].Text, "二") {
		t.Errorf("after /resume: %d messages, last %q; want the second brief only", len(ms), ms[len(ms)-1].Text)
	}
}

// TestQuietHoursEndedEarlyAndSilent: quiet hours removed in /settings
// release what they held at once; a chat that asks for silence gets its
// brief during them, without a sound.
func TestQuietHoursEndedEarlyAndSilent(t *testing.T) {
	// 02:00 in Moscow, quiet 23:00–07:00 there; the clock runs on from it.
	start, at := time.Now(), time.Date(2026, 11, 21, 2, 0, 0, 0, mustZone("Europe/Moscow"))
	now := func() time.Time { return at.Add(time.Since(start)) }
	d, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "briefbot.db"),
		db.Options{NoLock: true, Logger: slog.New(slog.DiscardHandler), Now: now, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	srv := newFake(t, telegramtest.Options{})
	e := &env{d: d, srv: srv, b: newBot(t, srv.URL(), d, func(o *bot.Options) { o.Now = now })}
	const early, silent = 2700, 2701
	ctx := context.Background()
	for _, id := range []int64{early, silent} {
		e.chat(t, id, briefbot.ChatPrivate, 0)
		if err := d.SetChatTimezone(ctx, id, "Europe/Moscow"); err != nil {
			t.Fatal(err)
		}
		if err := d.SetQuietHours(ctx, id, briefbot.QuietHours{Start: "23:00", End: "07:00"}); err != nil {
			t.Fatal(err)
		}
	}
	runBot(t, e.b)
	opts := fastOptions()
	opts.Now = now
	stop := startDispatcher(t, d, d, e.b, opts)
	defer stop()
	e.enqueue(t, "<b>停戦</b>")
	eventually(t, "rows held", func() bool {
		var n int
		return d.SQL().QueryRow(`SELECT count(*) FROM deliveries WHERE state = 'pending' AND next_attempt_at > ?`,
			now().UnixMicro()).Scan(&n) == nil && n == 2
	})
	srv.UserMessage(early, early, "/settings quiet none")
	srv.UserMessage(silent, silent, "/settings quiet silent")
	for _, id := range []int64{early, silent} {
		ms := waitMessages(t, srv, id, 2) // the reply and the brief, in either order
		var brief *telegramtest.Message
		for i := range ms {
			if contains(ms[i].Text, "停戦") {
				brief = &ms[i]
			}
		}
		if brief == nil {
			t.Fatalf("chat %d: no brief among %v", id, ms)
		}
		if brief.DisableNotification != (id == silent) {
			t.Errorf("chat %d: brief sent with disable_notification %v", id, brief.DisableNotification)
		}
	}
}

// TestLinkPreviewsPerChat: a chat's choice overrides telegram.link_previews
// for its briefs.
func TestLinkPreviewsPerChat(t *testing.T) {
	e := newEnv(t, telegramtest.Options{})
	const on, def = 2800, 2801
	e.chat(t, on, briefbot.ChatPrivate, 0)
	e.chat(t, def, briefbot.ChatPrivate, 0)
	runBot(t, e.b)
	e.srv.UserMessage(on, on, "/settings previews on")
	if m := waitMessages(t, e.srv, on, 1)[0]; !contains(m.Text, "Link previews: <b>on</b>") {
		t.Errorf("/settings previews on: %q", m.Text)
	}
	e.enqueue(t, `<a href="https://example.com/a">記事</a>`)
	e.dispatch(t, fastOptions())
	if m := waitMessages(t, e.srv, on, 2)[1]; m.DisableWebPagePreview {
		t.Error("previews on: the brief hid them")
	}
	if m := waitMessages(t, e.srv, def, 1)[0]; !m.DisableWebPagePreview {
		t.Error("default (off): the brief showed them")
	}
}

// TestSettingsShowEditionTimesAndZones: /settings lists edition times in
// the chat's zone, and takes a zone in any case.
func TestSettingsShowEditionTimesAndZones(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, func(o *bot.Options) {
		o.EditionTimes = func(loc *time.Location) []string { return []string{"07:00", "12:00", loc.String()} }
	}))
	const chat = 2900
	srv.UserMessage(chat, chat, "/settings tz europe/moscow")
	m := waitMessages(t, srv, chat, 1)[0]
	if !contains(m.Text, "Time zone: Europe/Moscow.") || !contains(m.Text, "07:00, 12:00, Europe/Moscow") {
		t.Errorf("/settings tz europe/moscow: %q", m.Text)
	}
	if s := settingsOf(t, d, chat); s.Timezone != "Europe/Moscow" {
		t.Errorf("zone stored %q", s.Timezone)
	}
	srv.UserMessage(chat, chat, "/settings mode edition")
	if m := waitMessages(t, srv, chat, 2)[1]; !contains(m.Text, "<b>editions</b> at 07:00, 12:00, Europe/Moscow (Europe/Moscow)") {
		t.Errorf("edition mode: %q", m.Text)
	}
}

// TestChannelSubscribedByPost: an admin posts /subscribe in the channel:
// the post is deleted, nothing is posted there, and the channel's admins
// who started the bot are told in their own language.
func TestChannelSubscribedByPost(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	b := newBot(t, srv.URL(), d, func(o *bot.Options) { o.Topics = titledTopics })
	runBot(t, b)
	const channel, owner, editor, stranger = -1003000, 30, 31, 32
	srv.AddChat(channel, "channel", "Daily Brief")
	srv.SetChatMemberStatus(channel, srv.BotID(), "administrator")
	srv.SetChatMemberStatus(channel, owner, "creator")
	srv.SetChatMemberStatus(channel, editor, "administrator") // never started the bot
	srv.SetUserLanguage(owner, "ru")
	srv.UserMessage(owner, owner, "/start")
	waitMessages(t, srv, owner, 1)

	// Made an admin of the channel, the bot tells who did it what to do.
	srv.MyChatMember(channel, owner, "left", "administrator")
	if m := waitMessages(t, srv, owner, 2)[1]; !contains(m.Text, "Теперь я администратор канала <b>Daily Brief</b>") {
		t.Errorf("after being made an admin: %q", m.Text)
	}

	srv.ChannelPost(channel, "/subscribe world")
	srv.ChannelPost(channel, "an ordinary post")
	m := waitMessages(t, srv, owner, 3)[2]
	if !contains(m.Text, "Канал <b>Daily Brief</b> подписан на: Мир") {
		t.Errorf("confirmation to the owner: %q", m.Text)
	}
	if !slices.Contains(keyboardData(t, m), "ch:-1003000:s:economy") {
		t.Errorf("confirmation keyboard %v", keyboardData(t, m))
	}
	if !hasSub(t, d, channel, "world") {
		t.Fatal("channel not subscribed")
	}
	eventually(t, "command post deleted", func() bool { return srv.PostDeleted(channel, 1) })
	if srv.PostDeleted(channel, 2) {
		t.Error("an ordinary post was deleted")
	}
	if n := len(srv.Messages(channel)); n != 0 {
		t.Errorf("%d messages posted in the channel", n)
	}
	if n := len(srv.Messages(editor)) + len(srv.Messages(stranger)); n != 0 {
		t.Errorf("%d messages to users who never started the bot", n)
	}
}

// TestChannelSubscribedByForward: an admin forwards a channel's post to
// the bot (forward_origin, or the older forward_from_chat) and gets the
// channel's topics; anyone else is refused, as is a channel the bot is no
// admin of.
func TestChannelSubscribedByForward(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, func(o *bot.Options) { o.Topics = titledTopics }))
	const channel, bare, admin, reader = -1003100, -1003101, 33, 34
	srv.AddChat(channel, "channel", "Брифы")
	srv.AddChat(bare, "channel", "No bot here")
	srv.SetChatMemberStatus(channel, srv.BotID(), "administrator")
	srv.SetChatMemberStatus(channel, admin, "administrator")
	srv.SetUserLanguage(admin, "ja")

	srv.ForwardedPost(reader, reader, channel, 7, "post", false)
	if m := waitMessages(t, srv, reader, 1)[0]; !contains(m.Text, "Only an admin of <b>Брифы</b>") {
		t.Errorf("a reader's forward: %q", m.Text)
	}
	srv.ForwardedPost(admin, admin, bare, 7, "post", false)
	if m := waitMessages(t, srv, admin, 1)[0]; !contains(m.Text, "管理者になっていません") {
		t.Errorf("a channel without the bot: %q", m.Text)
	}
	srv.ForwardedPost(admin, admin, channel, 8, "post", true) // an older client's forward
	view := waitMessages(t, srv, admin, 2)[1]
	if !contains(view.Text, "📢 <b>Брифы</b>") || !slices.Contains(keyboardData(t, view), "ch:-1003100:s:world") {
		t.Fatalf("channel keyboard: %q %v", view.Text, keyboardData(t, view))
	}
	srv.CallbackQuery(admin, admin, view.MessageID, "ch:-1003100:s:world")
	eventually(t, "subscribed by button", func() bool { return hasSub(t, d, channel, "world") })
	eventually(t, "keyboard redrawn", func() bool { return contains(srv.Messages(admin)[1].Text, "トピック：<b>国際</b>") })
	if s := settingsOf(t, d, channel); s.Language != "ja" {
		t.Errorf("channel language %q, want its admin's", s.Language)
	}
	// A reader pressing the same button changes nothing.
	srv.CallbackQuery(reader, reader, view.MessageID, "ch:-1003100:s:economy")
	eventually(t, "reader's press answered", func() bool { return len(srv.CallbackAnswers()) == 2 })
	if hasSub(t, d, channel, "economy") {
		t.Error("a reader subscribed the channel")
	}
}

// TestUnreachableAdminNamed: an admin who never started the bot is named
// in /feeds once an alert or their menu failed to reach them.
func TestUnreachableAdminNamed(t *testing.T) {
	e := newAdminEnv(t, adminNow)
	e.srv.SetFailure(404, telegramtest.FailNotStarted)
	e.b.SetConfig(topics, []int64{adminID, 404})
	e.b.NotifyAdminsT(context.Background(), "notify.feed_paused", "Name", "d1021", "Failures", 10, "Error", "timeout")
	waitMessages(t, e.srv, adminID, 1)
	m := e.say(t, adminID, "/feeds")
	if !contains(m.Text, "admin 404 has not started the bot: alerts cannot reach them") {
		t.Errorf("/feeds: %q", m.Text)
	}
	// Once they write to the bot, the mark goes.
	e.srv.SetFailure(404, telegramtest.FailNone)
	e.srv.UserMessage(404, 404, "/start")
	waitMessages(t, e.srv, 404, 1)
	if m := e.say(t, adminID, "/feeds"); contains(m.Text, "404") {
		t.Errorf("/feeds after they started: %q", m.Text)
	}
}
