package bot_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"briefbot"
	"briefbot/bot"
	"briefbot/internal/telegramtest"
	"briefbot/internal/tgtext"
)

func TestStartAndHelp(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	b := newBot(t, srv.URL(), d, nil)
	if b.Username() != "briefbot_test_bot" {
		t.Errorf("Username() = %q", b.Username())
	}
	runBot(t, b)

	srv.UserMessage(100, 100, "/start")
	ms := waitMessages(t, srv, 100, 1)
	if !contains(ms[0].Text, "Welcome") || !contains(ms[0].Text, "国際") || ms[0].ParseMode != "HTML" || !ms[0].DisableWebPagePreview {
		t.Errorf("welcome = %+v", ms[0])
	}
	if !chatActive(t, d, 100) {
		t.Error("chat 100 not stored as active after /start")
	}
	eventually(t, "setMyCommands", func() bool { return len(srv.Commands()) > 0 })

	srv.UserMessage(100, 100, "/nonsense")
	ms = waitMessages(t, srv, 100, 2)
	if !contains(ms[1].Text, "Unknown command") {
		t.Errorf("unknown command reply = %q", ms[1].Text)
	}

	// Deep link: /start world subscribes.
	srv.UserMessage(101, 101, "/start world")
	ms = waitMessages(t, srv, 101, 1)
	if !contains(ms[0].Text, "subscribed to <b>国際</b>") || !hasSub(t, d, 101, "world") {
		t.Errorf("deep link: reply %q, subscribed %v", ms[0].Text, hasSub(t, d, 101, "world"))
	}
}

func TestSubscribeByArgument(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, nil))

	srv.UserMessage(200, 200, "/subscribe world")
	ms := waitMessages(t, srv, 200, 1)
	if !contains(ms[0].Text, "Subscribed") || !hasSub(t, d, 200, "world") {
		t.Fatalf("subscribe: %q, subscribed %v", ms[0].Text, hasSub(t, d, 200, "world"))
	}
	srv.UserMessage(200, 200, "/subscribe nosuch<b>")
	ms = waitMessages(t, srv, 200, 2)
	if !contains(ms[1].Text, "Unknown topic <b>nosuch&lt;b&gt;</b>") {
		t.Errorf("unknown topic reply = %q", ms[1].Text)
	}
	srv.UserMessage(200, 200, "/unsubscribe world")
	ms = waitMessages(t, srv, 200, 3)
	if !contains(ms[2].Text, "Unsubscribed") || hasSub(t, d, 200, "world") {
		t.Errorf("unsubscribe: %q, subscribed %v", ms[2].Text, hasSub(t, d, 200, "world"))
	}
}

func TestSubscribeByKeyboard(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, nil))

	srv.UserMessage(300, 300, "/subscribe")
	ms := waitMessages(t, srv, 300, 1)
	data := keyboardData(t, ms[0])
	if strings.Join(data, ",") != "sub:world,sub:economy" {
		t.Fatalf("keyboard = %v", data)
	}
	srv.CallbackQuery(300, 300, ms[0].MessageID, "sub:world")
	eventually(t, "callback answered", func() bool { return len(srv.CallbackAnswers()) == 1 })
	if !hasSub(t, d, 300, "world") {
		t.Fatal("not subscribed after tapping sub:world")
	}
	eventually(t, "keyboard edited", func() bool {
		m := srv.Messages(300)[0]
		return m.Edited == 1 && contains(m.Text, "Your topics: <b>国際</b>")
	})
	if got := keyboardData(t, srv.Messages(300)[0]); strings.Join(got, ",") != "unsub:world,sub:economy" {
		t.Errorf("edited keyboard = %v", got)
	}

	// /unsubscribe without a topic shows the same toggles; tapping one unsubscribes.
	srv.UserMessage(300, 300, "/unsubscribe")
	ms = waitMessages(t, srv, 300, 2)
	srv.CallbackQuery(300, 300, ms[1].MessageID, "unsub:world")
	eventually(t, "second callback answered", func() bool { return len(srv.CallbackAnswers()) == 2 })
	if hasSub(t, d, 300, "world") {
		t.Error("still subscribed after tapping unsub:world")
	}
}

func TestGroupCommands(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, nil))
	const group = -1001
	srv.AddChat(group, "supergroup", "news fans")

	// Addressed to another bot: Message.Command() would strip the name and
	// answer it; we must not.
	srv.UserMessage(group, 7, "/help@other_bot")
	srv.UserMessage(group, 7, "/subscribe@briefbot_test_bot world") // a plain member
	ms := waitMessages(t, srv, group, 1)
	if !contains(ms[0].Text, "Only the group's admins") || hasSub(t, d, group, "world") {
		t.Fatalf("member subscribe: %q", ms[0].Text)
	}
	srv.SetChatMemberStatus(group, 8, "administrator")
	srv.UserMessage(group, 8, "/subscribe@BriefBot_Test_Bot world")
	ms = waitMessages(t, srv, group, 2)
	if !contains(ms[1].Text, "Subscribed") || !hasSub(t, d, group, "world") {
		t.Errorf("admin subscribe: %q", ms[1].Text)
	}
	srv.UserMessage(group, 7, "/help")
	ms = waitMessages(t, srv, group, 3)
	helps := 0
	for _, m := range ms {
		if contains(m.Text, "one short message per news story") {
			helps++
		}
	}
	if helps != 1 || len(srv.Messages(group)) != 3 {
		t.Errorf("%d help replies, %d messages: /help@other_bot was answered", helps, len(srv.Messages(group)))
	}
}

func TestMyChatMember(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, nil))

	srv.UserMessage(400, 400, "/subscribe world")
	waitMessages(t, srv, 400, 1)
	srv.MyChatMember(400, 400, "member", "kicked")
	eventually(t, "chat inactive", func() bool { return !chatActive(t, d, 400) })
	srv.MyChatMember(400, 400, "kicked", "member")
	eventually(t, "chat active again", func() bool { return chatActive(t, d, 400) })
	if !hasSub(t, d, 400, "world") {
		t.Error("subscription lost across block/unblock")
	}
}

func TestToday(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	now := time.Date(2026, 11, 25, 15, 0, 0, 0, tokyo)
	runBot(t, newBot(t, srv.URL(), d, func(o *bot.Options) { o.Now = func() time.Time { return now } }))

	srv.UserMessage(500, 500, "/today")
	ms := waitMessages(t, srv, 500, 1)
	if !contains(ms[0].Text, "No briefs yet") {
		t.Fatalf("empty today = %q", ms[0].Text)
	}

	// Yesterday's brief stays out; today's twelve are paged ten at a time.
	seedBrief(t, d, "昨日の話", "<b>昨日</b>", "昨日の本文", now.AddDate(0, 0, -1), "world")
	for i := range 12 {
		at := time.Date(2026, 11, 25, 1+i, 5, 0, 0, tokyo)
		seedBrief(t, d, fmt.Sprintf("見出し%02d", i), "<b>本文</b>", "本文", at, "world")
	}
	srv.UserMessage(500, 500, "/today world")
	ms = waitMessages(t, srv, 500, 2)
	page := ms[1]
	if !contains(page.Text, `12:05 <a href="https://www3.nhk.or.jp/news/html/`) || !contains(page.Text, "【見出し11】</a>") ||
		contains(page.Text, "昨日") || contains(page.Text, "見出し01") {
		t.Fatalf("today page 1 = %q", page.Text)
	}
	if i, j := strings.Index(page.Text, "見出し11"), strings.Index(page.Text, "見出し10"); i > j {
		t.Error("not newest first")
	}
	data := keyboardData(t, page)
	if len(data) != 3 || data[0] != "noop" || !strings.HasPrefix(data[2], "t:world:20261125:1") {
		t.Fatalf("pager = %v", data)
	}
	for _, s := range data {
		if len(s) > 64 {
			t.Errorf("callback data %q over 64 bytes", s)
		}
	}
	srv.CallbackQuery(500, 500, page.MessageID, data[2])
	eventually(t, "page 2", func() bool {
		m := srv.Messages(500)[1]
		return m.Edited == 1 && contains(m.Text, "見出し01") && contains(m.Text, "見出し00") && !contains(m.Text, "見出し11")
	})
}

func TestHostileHeadlineEscaped(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	now := time.Now()
	runBot(t, newBot(t, srv.URL(), d, nil))
	hostile := `<script>alert(1)</script> & AT&T "q"`
	seedBrief(t, d, hostile, "<b>x</b>", "hostile", now, "world")

	srv.UserMessage(600, 600, "/today")
	ms := waitMessages(t, srv, 600, 1) // accepted: the fake parsed the HTML
	// Whatever the spelling of the escapes, the reader sees the title as
	// written.
	want := `【<script>alert(1)</script> & AT&T "q"】`
	if !contains(tgtext.PlainText(ms[0].Text), want) {
		t.Errorf("today = %q, want it to show %q", ms[0].Text, want)
	}
	if st := srv.Stats(); st.RejectedOther != 0 {
		t.Errorf("fake rejected %d requests", st.RejectedOther)
	}
}

func TestSearch(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, func(o *bot.Options) { o.SearchPerUserPerMinute = 3 }))
	seedBrief(t, d, "露米首脳電話会談", "<b>露米首脳電話会談</b>", "トランプ大統領はプーチン大統領と電話会談を行った。停戦について話し合った。", time.Now(), "world")

	srv.UserMessage(700, 700, "/search 停戦")
	ms := waitMessages(t, srv, 700, 1)
	if !contains(ms[0].Text, "【露米首脳電話会談】") {
		t.Fatalf("search = %q", ms[0].Text)
	}
	srv.UserMessage(700, 700, "/search 存在しない言葉")
	ms = waitMessages(t, srv, 700, 2)
	if !contains(ms[1].Text, "Nothing found") {
		t.Errorf("empty search = %q", ms[1].Text)
	}
	srv.UserMessage(700, 700, "/search 停戦")
	srv.UserMessage(700, 700, "/search 停戦")
	ms = waitMessages(t, srv, 700, 4)
	if !contains(ms[3].Text, "try again in a minute") {
		t.Errorf("fourth search in a minute = %q", ms[3].Text)
	}
}

func TestUndecodableUpdateSkipped(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, nil))

	srv.RawUpdate(json.RawMessage(`{"message":{"message_id":"not a number","chat":[1,2,3],"text":{}}}`))
	srv.UserMessage(800, 800, "/help")
	ms := waitMessages(t, srv, 800, 1)
	if !contains(ms[0].Text, "/subscribe") {
		t.Errorf("help = %q", ms[0].Text)
	}
	eventually(t, "updates confirmed", func() bool { return srv.PendingUpdates() == 0 })
}

func TestPollHonoursRetryAfter(t *testing.T) {
	d, _ := openDB(t)
	fake := telegramtest.NewHandler(telegramtest.Options{Token: token})
	var limited atomic.Int32
	front := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/getUpdates") && limited.Add(1) <= 1 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusTooManyRequests)
			fmt.Fprint(w, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}`)
			return
		}
		fake.Handler().ServeHTTP(w, r)
	}))
	defer front.Close()
	runBot(t, newBot(t, front.URL, d, nil))

	fake.UserMessage(900, 900, "/help")
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if _, err := fake.WaitMessages(ctx, 900, 1); err != nil {
		t.Fatalf("no reply after 429s: %v", err)
	}
	if limited.Load() < 2 {
		t.Errorf("getUpdates called %d times, want the 429 and a retry", limited.Load())
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	b := newBot(t, srv.URL(), d, func(o *bot.Options) { o.PollTimeout = 50 * time.Second })
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	srv.UserMessage(1000, 1000, "/help")
	waitMessages(t, srv, 1000, 1)
	cancel() // the long poll is in flight: cancel must not wait 50 s
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run = %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Run still running after cancel")
	}
}

func TestNewRejectsBadToken(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	_, err := bot.New(context.Background(), bot.Options{Token: "123:SECRET", APIURL: srv.URL()}, stores(d))
	if err == nil {
		t.Fatal("New with a wrong token succeeded")
	}
	_, err = bot.New(context.Background(), bot.Options{Token: "123:SECRET", APIURL: "http://127.0.0.1:1"}, stores(d))
	if err == nil || strings.Contains(err.Error(), "SECRET") {
		t.Errorf("New against a closed port: err = %v (must not show the token)", err)
	}
}

func TestSendErrorsHideToken(t *testing.T) {
	d, _ := openDB(t)
	srv := telegramtest.New(telegramtest.Options{Token: token})
	b := newBot(t, srv.URL(), d, nil)
	srv.Close() // connection refused from now on
	_, err := b.Send(context.Background(), briefbot.OutMessage{ChatID: 1, Text: "x"})
	var se *briefbot.SendError
	if !errors.As(err, &se) || se.Kind != briefbot.SendTransient {
		t.Fatalf("err = %#v, want a transient SendError", err)
	}
	for e := error(se); e != nil; e = errors.Unwrap(e) {
		if strings.Contains(e.Error(), token) {
			t.Fatalf("token in error chain: %v", e)
		}
	}
}

// TestTodayAtMidnightInTokyo: "today" is the calendar day in the configured
// zone, so ten minutes after midnight in Tokyo a brief from 23:55 the day
// before is yesterday's, and one from 00:05 is today's, whatever UTC says.
func TestTodayAtMidnightInTokyo(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	now := time.Date(2026, 11, 25, 0, 10, 0, 0, tokyo) // 15:10 UTC on the 24th
	runBot(t, newBot(t, srv.URL(), d, func(o *bot.Options) { o.Now = func() time.Time { return now } }))
	seedBrief(t, d, "前日深夜の速報", "<b>x</b>", "本文", time.Date(2026, 11, 24, 23, 55, 0, 0, tokyo), "world")
	seedBrief(t, d, "日付が変わって最初の記事", "<b>x</b>", "本文", time.Date(2026, 11, 25, 0, 5, 0, 0, tokyo), "world")

	srv.UserMessage(510, 510, "/today")
	ms := waitMessages(t, srv, 510, 1)
	if !contains(ms[0].Text, "日付が変わって最初の記事") || contains(ms[0].Text, "前日深夜の速報") {
		t.Errorf("today just after midnight in Tokyo = %q", ms[0].Text)
	}
}
