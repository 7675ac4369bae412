package bot_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"briefbot"
	"briefbot/bot"
	"briefbot/db"
	"briefbot/internal/telegramtest"
)

func settingsOf(t *testing.T, d *db.DB, chatID int64) *briefbot.ChatSettings {
	t.Helper()
	s, err := d.ChatSettings(context.Background(), chatID)
	if err != nil {
		t.Fatalf("chat settings %d: %v", chatID, err)
	}
	return s
}

func TestSettingsButtons(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, nil))
	const chat = 1200
	srv.UserMessage(chat, chat, "/subscribe world")
	waitMessages(t, srv, chat, 1)

	srv.UserMessage(chat, chat, "/settings")
	m := waitMessages(t, srv, chat, 2)[1]
	if !contains(m.Text, "instant") || !contains(m.Text, "Asia/Tokyo</b> (default)") || !contains(m.Text, "Quiet hours: <b>none") {
		t.Fatalf("settings view: %q", m.Text)
	}
	data := keyboardData(t, m)
	for _, want := range []string{"cfg:mode:edition", "cfg:tz:Europe/Moscow", "cfg:tz:", "cfg:q:23:00-07:00", "cfg:q:none"} {
		if !slices.Contains(data, want) {
			t.Errorf("keyboard lacks %q: %v", want, data)
		}
	}
	for _, dt := range data {
		if len(dt) > 64 {
			t.Errorf("callback data %q over 64 bytes", dt)
		}
	}

	presses := []struct {
		data  string
		check func(s *briefbot.ChatSettings) bool
		text  string
	}{
		{"cfg:mode:edition", func(s *briefbot.ChatSettings) bool { return s.Mode == briefbot.ModeEdition }, "<b>editions</b>"},
		{"cfg:tz:Europe/Moscow", func(s *briefbot.ChatSettings) bool { return s.Timezone == "Europe/Moscow" }, "Time zone: <b>Europe/Moscow</b>"},
		{"cfg:q:23:00-07:00", func(s *briefbot.ChatSettings) bool { return s.Quiet.String() == "23:00–07:00" }, "Quiet hours: <b>23:00–07:00"},
		{"cfg:tz:", func(s *briefbot.ChatSettings) bool { return s.Timezone == "" }, "(default)"},
		{"cfg:q:none", func(s *briefbot.ChatSettings) bool { return s.Quiet.None() }, "Quiet hours: <b>none"},
		{"cfg:mode:instant", func(s *briefbot.ChatSettings) bool { return s.Mode == briefbot.ModeInstant }, "<b>instant</b>"},
	}
	for i, p := range presses {
		srv.CallbackQuery(chat, chat, m.MessageID, p.data)
		eventually(t, p.data+" answered", func() bool { return len(srv.CallbackAnswers()) == i+1 })
		if s := settingsOf(t, d, chat); !p.check(s) {
			t.Errorf("after %s: settings %+v", p.data, s)
		}
		eventually(t, p.data+" redrawn", func() bool {
			got := srv.Messages(chat)[1]
			return got.Edited == i+1 && contains(got.Text, p.text)
		})
	}
	if len(srv.Messages(chat)) != 2 {
		t.Errorf("buttons sent new messages: %d", len(srv.Messages(chat)))
	}
	// The mode applies to the chat's subscriptions, and to new ones.
	srv.CallbackQuery(chat, chat, m.MessageID, "cfg:mode:edition")
	eventually(t, "edition again", func() bool { return len(srv.CallbackAnswers()) == len(presses)+1 })
	srv.UserMessage(chat, chat, "/subscribe economy")
	waitMessages(t, srv, chat, 3)
	subs, _ := d.Subscriptions(context.Background(), chat)
	if len(subs) != 2 || subs[0].Mode != briefbot.ModeEdition || subs[1].Mode != briefbot.ModeEdition {
		t.Errorf("subscriptions after edition mode: %+v %+v", subs[0], subs[len(subs)-1])
	}
}

func TestSettingsTyped(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, nil))
	const chat = 1300
	tests := []struct {
		cmd, reply string
		check      func(s *briefbot.ChatSettings) bool
	}{
		{"/settings tz America/Los_Angeles", "Time zone: America/Los_Angeles", func(s *briefbot.ChatSettings) bool { return s.Timezone == "America/Los_Angeles" }},
		{"/settings tz Not/AZone", "Unknown time zone", func(s *briefbot.ChatSettings) bool { return s.Timezone == "America/Los_Angeles" }},
		{"/settings quiet 1:30-6:00", "Quiet hours: 01:30–06:00", func(s *briefbot.ChatSettings) bool { return s.Quiet.Start == "01:30" }},
		{"/settings quiet 25:00-7:00", "Quiet hours look like", func(s *briefbot.ChatSettings) bool { return s.Quiet.Start == "01:30" }},
		{"/settings mode edition", "editions", func(s *briefbot.ChatSettings) bool { return s.Mode == briefbot.ModeEdition }},
	}
	for i, tt := range tests {
		srv.UserMessage(chat, chat, tt.cmd)
		m := waitMessages(t, srv, chat, i+1)[i]
		if !contains(m.Text, tt.reply) {
			t.Errorf("%s: reply %q, want %q", tt.cmd, m.Text, tt.reply)
		}
		if s := settingsOf(t, d, chat); !tt.check(s) {
			t.Errorf("%s: settings %+v", tt.cmd, s)
		}
	}
}

func TestSettingsGroupNonAdmin(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	c, url := wrapFake(t, srv)
	runBot(t, newBot(t, url, d, nil))
	const group = -1400
	srv.AddChat(group, "supergroup", "news fans")
	srv.SetChatMemberStatus(group, 8, "administrator")

	srv.UserMessage(group, 7, "/settings quiet 23:00-07:00") // a plain member
	if m := waitMessages(t, srv, group, 1)[0]; !contains(m.Text, "Only the group's admins") {
		t.Fatalf("member typed change: %q", m.Text)
	}
	srv.UserMessage(group, 7, "/settings") // anyone may look
	view := waitMessages(t, srv, group, 2)[1]
	srv.CallbackQuery(group, 7, view.MessageID, "cfg:mode:edition")
	eventually(t, "member press answered", func() bool { return len(srv.CallbackAnswers()) == 1 })
	if a := c.of("answerCallbackQuery"); len(a) != 1 || !contains(a[0]["text"], "Only the group's admins") {
		t.Errorf("member press answer %v", a)
	}
	srv.UserMessage(group, 7, "/stop")
	if m := waitMessages(t, srv, group, 3)[2]; !contains(m.Text, "Only the group's admins") {
		t.Errorf("member /stop: %q", m.Text)
	}
	if s := settingsOf(t, d, group); s.Mode != briefbot.ModeInstant || !s.Quiet.None() {
		t.Fatalf("a member changed settings: %+v", s)
	}
	srv.CallbackQuery(group, 8, view.MessageID, "cfg:mode:edition")
	eventually(t, "admin press answered", func() bool { return len(srv.CallbackAnswers()) == 2 })
	if s := settingsOf(t, d, group); s.Mode != briefbot.ModeEdition {
		t.Errorf("admin press ignored: %+v", s)
	}
}

func TestStopForget(t *testing.T) {
	e := newEnv(t, telegramtest.Options{})
	const chat, other = 1500, 1501
	e.chat(t, chat, briefbot.ChatPrivate, 0)
	e.chat(t, other, briefbot.ChatPrivate, 0)
	ctx := context.Background()
	if err := e.d.Subscribe(ctx, &briefbot.Subscription{ChatID: chat, Topic: "economy"}); err != nil {
		t.Fatal(err)
	}
	if err := e.d.SetQuietHours(ctx, chat, briefbot.QuietHours{Start: "22:00", End: "08:00"}); err != nil {
		t.Fatal(err)
	}
	e.enqueue(t, "<b>停戦</b>協議")
	e.dispatch(t, fastOptions()) // sent history for both chats
	runBot(t, e.b)

	e.srv.UserMessage(chat, chat, "/stop")
	ms := waitMessages(t, e.srv, chat, 2) // the brief, then the question
	q := ms[1]
	if !contains(q.Text, "Stop all briefs in this chat? Its 2 topics") || !slices.Equal(keyboardData(t, q), []string{"stop:yes", "stop:no"}) {
		t.Fatalf("/stop reply %q, keyboard %v", q.Text, keyboardData(t, q))
	}
	if !hasSub(t, e.d, chat, "world") {
		t.Fatal("unsubscribed before the confirmation")
	}
	e.srv.CallbackQuery(chat, chat, q.MessageID, "stop:yes")
	eventually(t, "stop answered", func() bool { return len(e.srv.CallbackAnswers()) == 1 })
	eventually(t, "question edited", func() bool { return contains(e.srv.Messages(chat)[1].Text, "Stopped") })
	if got := keyboardData(t, e.srv.Messages(chat)[1]); !slices.Equal(got, []string{"stop:undo", "stop:forget"}) {
		t.Errorf("after the stop, keyboard %v", got)
	}
	if hasSub(t, e.d, chat, "world") || hasSub(t, e.d, chat, "economy") {
		t.Fatal("still subscribed after /stop")
	}
	e.srv.CallbackQuery(chat, chat, q.MessageID, "stop:forget")
	eventually(t, "forget answered", func() bool { return len(e.srv.CallbackAnswers()) == 2 })
	eventually(t, "question edited", func() bool { return contains(e.srv.Messages(chat)[1].Text, "Deleted everything") })
	if _, err := e.d.Chat(ctx, chat); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Errorf("chat still stored: %v", err)
	}
	var n int
	if err := e.d.SQL().QueryRow(`SELECT count(*) FROM deliveries WHERE chat_id = ?`, chat).Scan(&n); err != nil || n != 0 {
		t.Errorf("deliveries left: %d, %v", n, err)
	}
	if err := e.d.SQL().QueryRow(`SELECT count(*) FROM chat_settings WHERE chat_id = ?`, chat).Scan(&n); err != nil || n != 0 {
		t.Errorf("settings left: %d, %v", n, err)
	}
	if !hasSub(t, e.d, other, "world") || !chatActive(t, e.d, other) {
		t.Error("the other chat was touched")
	}
}

// TestStopCancel: Cancel changes nothing; a question from before the
// confirmation step ("Keep") still answers.
func TestStopCancel(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, nil))
	const chat = 1600
	srv.UserMessage(chat, chat, "/subscribe world")
	waitMessages(t, srv, chat, 1)
	srv.UserMessage(chat, chat, "/stop")
	q := waitMessages(t, srv, chat, 2)[1]
	srv.CallbackQuery(chat, chat, q.MessageID, "stop:no")
	eventually(t, "cancel answered", func() bool { return len(srv.CallbackAnswers()) == 1 })
	eventually(t, "question edited", func() bool { return contains(srv.Messages(chat)[1].Text, "Nothing changed") })
	if !chatActive(t, d, chat) || !hasSub(t, d, chat, "world") {
		t.Error("cancel: want the chat subscribed as before")
	}
	srv.CallbackQuery(chat, chat, q.MessageID, "stop:keep")
	eventually(t, "keep answered", func() bool { return len(srv.CallbackAnswers()) == 2 })
	if !hasSub(t, d, chat, "world") {
		t.Error("an old Keep button unsubscribed the chat")
	}
}

// fakeClock is a settable Now for the dispatcher.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

func TestQuietHoursHoldThenRelease(t *testing.T) {
	// 02:00 in Moscow: quiet until 07:00 Moscow = 04:00 UTC. The store and
	// the dispatcher share the clock.
	clk := &fakeClock{t: time.Date(2026, 11, 21, 2, 0, 0, 0, mustZone("Europe/Moscow"))}
	end := time.Date(2026, 11, 21, 4, 0, 0, 0, time.UTC)
	d, err := db.Open(context.Background(), filepath.Join(t.TempDir(), "briefbot.db"),
		db.Options{NoLock: true, Logger: slog.New(slog.DiscardHandler), Now: clk.Now, Location: time.UTC})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.Close() })
	srv := newFake(t, telegramtest.Options{})
	e := &env{d: d, srv: srv, b: newBot(t, srv.URL(), d, nil)}
	const quiet, loud = 1700, 1701
	e.chat(t, quiet, briefbot.ChatPrivate, 0)
	e.chat(t, loud, briefbot.ChatPrivate, 0)
	ctx := context.Background()
	if err := e.d.SetChatTimezone(ctx, quiet, "Europe/Moscow"); err != nil {
		t.Fatal(err)
	}
	if err := e.d.SetQuietHours(ctx, quiet, briefbot.QuietHours{Start: "23:00", End: "07:00"}); err != nil {
		t.Fatal(err)
	}
	e.enqueue(t, "<b>停戦</b>協議")
	opts := fastOptions()
	opts.Now = clk.Now
	stop := startDispatcher(t, e.d, e.d, e.b, opts)
	defer stop()

	waitMessages(t, e.srv, loud, 1)
	var row struct {
		state string
		next  int64
	}
	eventually(t, "quiet row held", func() bool {
		err := e.d.SQL().QueryRow(`SELECT state, next_attempt_at FROM deliveries WHERE chat_id = ?`, quiet).Scan(&row.state, &row.next)
		return err == nil && row.state == "pending" && row.next == end.UnixMicro()
	})
	if n := len(e.srv.Messages(quiet)); n != 0 {
		t.Fatalf("%d messages during quiet hours", n)
	}
	var attempts int
	if err := e.d.SQL().QueryRow(`SELECT attempts FROM deliveries WHERE chat_id = ?`, quiet).Scan(&attempts); err != nil || attempts != 0 {
		t.Errorf("attempts = %d, %v; want 0 (holding is no attempt)", attempts, err)
	}
	// Quiet hours end: the brief goes out.
	clk.Set(end.Add(time.Second))
	ms := waitMessages(t, e.srv, quiet, 1)
	if !strings.Contains(ms[0].Text, "停戦") {
		t.Errorf("released message %q", ms[0].Text)
	}
}

func TestTodayInChatTimezone(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	now := time.Date(2026, 11, 21, 3, 0, 0, 0, time.UTC) // 12:00 in Tokyo, 22:00 the day before in New York
	runBot(t, newBot(t, srv.URL(), d, func(o *bot.Options) { o.Now = func() time.Time { return now } }))
	seedBrief(t, d, "停戦協議", "<b>停戦</b>", "本文", time.Date(2026, 11, 20, 14, 0, 0, 0, time.UTC), "world")
	const chat = 1800
	srv.UserMessage(chat, chat, "/today")
	if m := waitMessages(t, srv, chat, 1)[0]; !contains(m.Text, "2026-11-21") || !contains(m.Text, "No briefs") {
		t.Errorf("default zone /today: %q", m.Text)
	}
	srv.UserMessage(chat, chat, "/settings tz America/New_York")
	waitMessages(t, srv, chat, 2)
	srv.UserMessage(chat, chat, "/today")
	if m := waitMessages(t, srv, chat, 3)[2]; !contains(m.Text, "2026-11-20") || !contains(m.Text, "09:00") {
		t.Errorf("New York /today: %q", m.Text)
	}
}

func TestEditionThroughLedger(t *testing.T) {
	e := newEnv(t, telegramtest.Options{})
	const chat = 1900
	e.chat(t, chat, briefbot.ChatPrivate, 0)
	ctx := context.Background()
	if err := e.d.SetChatMode(ctx, chat, briefbot.ModeEdition, time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	e.enqueue(t, "<b>停戦</b>協議") // edition mode: no instant row
	due := time.Now().Add(time.Second)
	briefs, err := e.d.EditionBriefs(ctx, chat, due)
	if err != nil || len(briefs) != 1 {
		t.Fatalf("edition briefs = %d, %v", len(briefs), err)
	}
	created, err := e.d.SaveEdition(ctx, chat, due, []int64{briefs[0].StoryID}, []string{"<b>🗞 07:00 edition · 1 story</b>\n【" + briefs[0].Headline + "】"})
	if err != nil || !created {
		t.Fatalf("save edition: %v %v", created, err)
	}
	st := e.dispatch(t, fastOptions())
	if st[briefbot.DeliverySent] != 1 {
		t.Errorf("stats %v, want one sent row", st)
	}
	ms := e.srv.Messages(chat)
	if len(ms) != 1 || !contains(ms[0].Text, "🗞 07:00 edition · 1 story") {
		t.Errorf("messages %v", ms)
	}
}
