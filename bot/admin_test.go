package bot_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"briefbot"
	"briefbot/bot"
	"briefbot/internal/tgtext"
)

var adminNow = time.Date(2026, 3, 14, 12, 0, 0, 0, tokyo)

func TestAdminCommandsRefusedToOthers(t *testing.T) {
	e := newAdminEnv(t, adminNow)
	for _, cmd := range []string{"/feeds", "/stats", "/reload", "/addfeed https://example.com/feed world", "/delfeed d1021"} {
		m := e.say(t, 2, cmd)
		if !contains(m.Text, "Unknown command") {
			t.Errorf("%s from a non-admin: reply %q, want the unknown-command answer", cmd, m.Text)
		}
	}
	help := e.say(t, 2, "/help")
	for _, w := range []string{"feeds", "reload", "addfeed", "admin"} {
		if contains(strings.ToLower(help.Text), w) {
			t.Errorf("help for a non-admin mentions %q: %q", w, help.Text)
		}
	}
	if c := e.admin.Calls(); len(c) != 0 {
		t.Errorf("Admin called for a non-admin: %v", c)
	}
	// An admin's command in a group is not answered there either.
	const group = -1009
	e.srv.AddChat(group, "supergroup", "ops")
	e.srv.UserMessage(group, adminID, "/stats")
	e.say(t, adminID, "/help") // handled after the group's update
	if c := e.admin.Calls(); len(c) != 0 {
		t.Errorf("Admin called from a group: %v", c)
	}
}

func TestAdminCommandMenus(t *testing.T) {
	e := newAdminEnv(t, adminNow)
	eventually(t, "scoped setMyCommands", func() bool { return len(e.cap.of("setMyCommands")) >= 8 })
	menus := map[string]string{} // scope + language → commands
	for _, f := range e.cap.of("setMyCommands") {
		switch f["scope"] {
		case "", "null":
			if contains(f["commands"], "feeds") {
				t.Errorf("default menu lists admin commands: %s", f["commands"])
			}
			menus["default/"+f["language_code"]] = f["commands"]
		case `{"type":"chat","chat_id":1}`:
			if !contains(f["commands"], `"feeds"`) || !contains(f["commands"], `"subscribe"`) {
				t.Errorf("admin menu = %s", f["commands"])
			}
			menus["admin/"+f["language_code"]] = f["commands"]
		default:
			t.Errorf("unexpected scope %s", f["scope"])
		}
	}
	// A menu per language the bot speaks, and the English one for every
	// other language.
	for _, scope := range []string{"default", "admin"} {
		for lang, word := range map[string]string{"": "Subscribe to a topic", "en": "Subscribe to a topic",
			"ja": "トピックを購読", "ru": "Подписаться на тему"} {
			if m, ok := menus[scope+"/"+lang]; !ok || !contains(m, word) {
				t.Errorf("%s menu in %q: %s, want %q", scope, lang, m, word)
			}
		}
	}
	if len(menus) != 8 {
		t.Errorf("%d menus, want 8: %v", len(menus), menus)
	}
}

func TestAdminFeeds(t *testing.T) {
	e := newAdminEnv(t, adminNow)
	long := strings.Repeat("長い名前", 6) // 72 bytes: too long for callback data
	e.admin.feeds = []bot.FeedStatus{
		{Name: "d1021", URL: "https://d1021.hatenadiary.jp/feed", Topics: []string{"world"}, Schedule: "*/15 * * * *",
			LastFetchAt: adminNow.Add(-5 * time.Minute), LastSuccessAt: adminNow.Add(-5 * time.Minute),
			NextRun: adminNow.Add(10 * time.Minute), Items: 120},
		{Name: "Sputnik <jp>", URL: "https://example.com/rss?a=1&b=2", Topics: []string{"world", "economy"},
			Schedule: "@every 10m", LastFetchAt: adminNow.Add(-26 * time.Hour), Items: 3, Failures: 10,
			LastError: "status 503: <html>busy</html>", Paused: true},
		{Name: long, URL: "https://example.org/feed", Paused: true, Failures: 10, LastError: "timeout"},
	}
	m := e.say(t, adminID, "/feeds")
	for _, w := range []string{
		"<b>d1021</b>", "5m ago (12:00)"[:6], "in 10m (12:10)", "items: 120",
		"⏸ <b>Sputnik &lt;jp&gt;</b>", "a=1&amp;b=2", "status 503: &lt;html&gt;busy&lt;/html&gt;",
		"2026-03-13 10:00", "next run: paused", "Feeds</b> — 3 (⏸ 2 paused)",
	} {
		if !contains(m.Text, w) {
			t.Errorf("/feeds lacks %q:\n%s", w, m.Text)
		}
	}
	data := keyboardData(t, m)
	if len(data) != 2 || data[0] != "fr:Sputnik <jp>" || !strings.HasPrefix(data[1], "fq:") {
		t.Fatalf("retry buttons = %q", data)
	}
	for _, d := range data {
		if len(d) > 64 {
			t.Errorf("callback data %q is %d bytes", d, len(d))
		}
	}

	e.srv.CallbackQuery(adminID, adminID, m.MessageID, data[0])
	eventually(t, "edited after resume", func() bool { return e.srv.Messages(adminID)[0].Edited == 1 })
	edited := e.srv.Messages(adminID)[0]
	if contains(edited.Text, "⏸ <b>Sputnik") || !contains(edited.Text, "(⏸ 1 paused)") {
		t.Errorf("after resume:\n%s", edited.Text)
	}
	if got := keyboardData(t, edited); len(got) != 1 || !strings.HasPrefix(got[0], "fq:") {
		t.Errorf("buttons after resume = %q", got)
	}
	e.srv.CallbackQuery(adminID, adminID, m.MessageID, data[1])
	eventually(t, "second resume", func() bool { return len(e.srv.CallbackAnswers()) == 2 })
	e.admin.mu.Lock()
	resumed := slices.Clone(e.admin.resumed)
	e.admin.mu.Unlock()
	if !slices.Equal(resumed, []string{"Sputnik <jp>", long}) {
		t.Errorf("resumed = %q", resumed)
	}

	// A non-admin pressing a forged button resumes nothing.
	e.srv.CallbackQuery(2, 2, 1, "fr:d1021")
	eventually(t, "third answer", func() bool { return len(e.srv.CallbackAnswers()) == 3 })
	e.admin.mu.Lock()
	n := len(e.admin.resumed)
	e.admin.mu.Unlock()
	if n != 2 {
		t.Errorf("a non-admin's press resumed a feed")
	}
}

func TestAdminFeedsPaged(t *testing.T) {
	e := newAdminEnv(t, adminNow)
	name := func(i int) string {
		return "feed" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + string(rune('a'+i/26))
	}
	for i := range 60 {
		e.admin.feeds = append(e.admin.feeds, bot.FeedStatus{
			Name: name(i),
			URL:  "https://example.com/" + strings.Repeat("long/", 20), Topics: []string{"world"},
			Failures: 2, LastError: strings.Repeat("error text ", 20), Paused: i%3 == 0,
		})
	}
	e.srv.UserMessage(adminID, adminID, "/feeds")
	eventually(t, "pages", func() bool {
		ms := e.srv.Messages(adminID)
		return len(ms) > 1 && contains(ms[len(ms)-1].Text, "<b>"+name(59)+"</b>")
	})
	buttons := 0
	for _, m := range e.srv.Messages(adminID) {
		if n := tgtext.VisibleLen(m.Text); n > tgtext.MaxLen {
			t.Errorf("page of %d characters", n)
		}
		buttons += len(keyboardData(t, m))
	}
	if buttons != 20 {
		t.Errorf("%d retry buttons over all pages, want 20", buttons)
	}
}

func TestAdminStats(t *testing.T) {
	e := newAdminEnv(t, adminNow)
	e.admin.stats = &bot.AdminStats{
		Chats: 10, ActiveChats: 8, Subscriptions: 12,
		Deliveries: briefbot.DeliveryStats{briefbot.DeliveryPending: 1, briefbot.DeliverySent: 100,
			briefbot.DeliveryFailed: 2, briefbot.DeliveryDead: 3},
		SentLast24h: 50, BriefsLast24h: 5, Subscribers: 3000, GlobalPerSecond: 30,
	}
	m := e.say(t, adminID, "/stats")
	for _, w := range []string{
		"chats: 10 (active 8) · subscriptions: 12",
		"pending 1 · sent 100 · failed 2 · dead 3",
		"last 24 h: 50 sent · 5 briefs",
		"one brief reaches all 3000 subscribers in about 1m40s at 30 msg/s",
	} {
		if !contains(m.Text, w) {
			t.Errorf("/stats lacks %q:\n%s", w, m.Text)
		}
	}
	e.admin.mu.Lock()
	e.admin.stats = &bot.AdminStats{Subscribers: 5, GlobalPerSecond: 1000}
	e.admin.mu.Unlock()
	if m := e.say(t, adminID, "/stats"); !contains(m.Text, "in under a second at 1000 msg/s") || contains(m.Text, "&lt;") {
		t.Errorf("/stats with paid broadcast:\n%s", m.Text)
	}
}

func TestAdminHelp(t *testing.T) {
	e := newAdminEnv(t, adminNow)
	if m := e.say(t, adminID, "/help"); !contains(m.Text, "/addfeed <i>URL</i>") || !contains(m.Text, "/subscribe") {
		t.Errorf("admin help = %q", m.Text)
	}
}

func TestAdminReload(t *testing.T) {
	e := newAdminEnv(t, adminNow)
	if m := e.say(t, adminID, "/reload"); m.Text != "✅ config reloaded" {
		t.Errorf("good reload: %q", m.Text)
	}
	e.admin.mu.Lock()
	e.admin.reloadErr = briefbot.Errorf(briefbot.EINVALID,
		"config.yaml:12: feeds[0].url: scheme must be http(s) <ftp>\nconfig.yaml:20: topics[1].name: duplicate & unsafe")
	e.admin.mu.Unlock()
	m := e.say(t, adminID, "/reload")
	want := "<pre>config.yaml:12: feeds[0].url: scheme must be http(s) &lt;ftp&gt;\nconfig.yaml:20: topics[1].name: duplicate &amp; unsafe</pre>"
	if !contains(m.Text, "reload failed") || !contains(m.Text, want) {
		t.Errorf("bad reload: %q", m.Text)
	}
	// An internal error's text stays in the log.
	e.admin.mu.Lock()
	e.admin.reloadErr = context.DeadlineExceeded
	e.admin.mu.Unlock()
	if m := e.say(t, adminID, "/reload"); contains(m.Text, "deadline") || !contains(m.Text, "internal error") {
		t.Errorf("internal reload error shown as %q", m.Text)
	}
}

func TestAdminAddAndDeleteFeed(t *testing.T) {
	e := newAdminEnv(t, adminNow)
	e.admin.feeds = []bot.FeedStatus{{Name: "d1021"}}
	cases := []struct {
		cmd, want string
	}{
		{"/addfeed", "Usage: /addfeed"},
		{"/addfeed https://example.com/feed", "Which topic is https://example.com/feed for?"},
		{"/addfeed https://example.com/feed nosuch", "Unknown topic <b>nosuch</b>"},
		{"/addfeed https://example.com/feed World", "✅ added <b>Example &lt;News&gt;</b>"},
		{"/delfeed", "Usage: /delfeed"},
		{"/delfeed nosuch", `❌ No feed named "nosuch".`},
		{"/delfeed d1021", "✅ deleted <b>d1021</b>"},
	}
	for _, c := range cases {
		if m := e.say(t, adminID, c.cmd); !contains(m.Text, c.want) {
			t.Errorf("%s: reply %q, want %q", c.cmd, m.Text, c.want)
		}
	}
	// A name of the admin's choosing; no topic: a button per topic.
	if m := e.say(t, adminID, "/addfeed https://example.org/rss 経済 econ-daily"); !contains(m.Text, "✅ added <b>econ-daily</b> under 経済") {
		t.Errorf("/addfeed with a name: %q", m.Text)
	}
	q := e.say(t, adminID, "/addfeed https://example.net/feed")
	data := keyboardData(t, q)
	if len(data) != 2 || !strings.HasPrefix(data[1], "af:") || !strings.HasSuffix(data[1], ":economy") {
		t.Fatalf("topic buttons %v", data)
	}
	n := len(e.srv.Messages(adminID))
	e.srv.CallbackQuery(adminID, adminID, q.MessageID, data[1])
	if m := waitMessages(t, e.srv, adminID, n+1)[n]; !contains(m.Text, "✅ added") {
		t.Errorf("after the topic button: %q", m.Text)
	}
	e.admin.mu.Lock()
	defer e.admin.mu.Unlock()
	want := [][2]string{{"https://example.com/feed", "world"}, {"https://example.org/rss", "economy"}, {"https://example.net/feed", "economy"}}
	if !slices.Equal(e.admin.added, want) {
		t.Errorf("AddFeed calls = %q", e.admin.added)
	}
	if !slices.Equal(e.admin.deleted, []string{"d1021"}) {
		t.Errorf("DelFeed calls = %q", e.admin.deleted)
	}
}

func TestAddFeedRefused(t *testing.T) {
	e := newAdminEnv(t, adminNow)
	e.admin.addErr = briefbot.Errorf(briefbot.EINVALID, "Address 127.0.0.1 is private.")
	m := e.say(t, adminID, "/addfeed http://127.0.0.1/feed world")
	if m.Text != "❌ Address 127.0.0.1 is private." {
		t.Errorf("refused add: %q", m.Text)
	}
}

// TestNotifyAdminsInTheirLanguage: a catalogue notice reaches each admin
// in their chat's language.
func TestNotifyAdminsInTheirLanguage(t *testing.T) {
	e := newAdminEnv(t, adminNow)
	e.b.SetConfig(topics, []int64{adminID, 3})
	e.srv.SetUserLanguage(3, "ru")
	e.srv.UserMessage(3, 3, "/start")
	waitMessages(t, e.srv, 3, 1)
	e.b.NotifyAdminsT(context.Background(), "notify.feed_paused", "Name", "d1021", "Failures", 10, "Error", "status <503>")
	if m := waitMessages(t, e.srv, adminID, 1)[0]; !contains(m.Text, "Feed <b>d1021</b> is paused after 10 failed") ||
		!contains(m.Text, "status &lt;503&gt;") {
		t.Errorf("notice in English: %q", m.Text)
	}
	if m := waitMessages(t, e.srv, 3, 2)[1]; !contains(m.Text, "Лента <b>d1021</b> остановлена после 10") {
		t.Errorf("notice in Russian: %q", m.Text)
	}
}

func TestNotifyAdmins(t *testing.T) {
	e := newAdminEnv(t, adminNow)
	e.b.SetConfig(topics, []int64{adminID, 3})
	e.b.NotifyAdminsT(context.Background(), "notify.feed_paused", "Name", "<d1021>", "Failures", 10, "Error", "timeout")
	for _, id := range []int64{adminID, 3} {
		m := waitMessages(t, e.srv, id, 1)[0]
		if !contains(m.Text, "&lt;d1021&gt;") || !contains(m.Text, "10") {
			t.Errorf("notice to %d = %q", id, m.Text)
		}
	}
}
