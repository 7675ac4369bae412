package bot_test

import (
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"briefbot"
	"briefbot/bot"
	"briefbot/db"
	"briefbot/internal/telegramtest"
	"briefbot/internal/tgtext"
)

type env struct {
	d    *db.DB
	path string
	srv  *telegramtest.Server
	b    *bot.Bot
}

func newEnv(t *testing.T, fake telegramtest.Options) *env {
	t.Helper()
	d, path := openDB(t)
	srv := newFake(t, fake)
	return &env{d: d, path: path, srv: srv, b: newBot(t, srv.URL(), d, nil)}
}

// chat registers a chat on both sides, subscribed to world.
func (e *env) chat(t testing.TB, id int64, typ briefbot.ChatType, thread int) {
	t.Helper()
	e.chatTopic(t, id, typ, thread, "world")
}

func (e *env) chatTopic(t testing.TB, id int64, typ briefbot.ChatType, thread int, topic string) {
	t.Helper()
	ctx := context.Background()
	e.srv.AddChat(id, string(typ), fmt.Sprintf("chat %d", id))
	if err := e.d.UpsertChat(ctx, &briefbot.Chat{ID: id, Type: typ, Title: "t", Active: true}); err != nil {
		t.Fatal(err)
	}
	if err := e.d.Subscribe(ctx, &briefbot.Subscription{ChatID: id, Topic: topic, ThreadID: thread, Mode: briefbot.ModeInstant}); err != nil {
		t.Fatal(err)
	}
}

var briefSeq int

// enqueue stores a brief and fans it out to the world subscribers.
func (e *env) enqueue(t testing.TB, html string) *briefbot.Brief {
	t.Helper()
	return e.enqueueTopic(t, html, "world")
}

func (e *env) enqueueTopic(t testing.TB, html, topic string) *briefbot.Brief {
	t.Helper()
	briefSeq++
	br := seedBrief(t, e.d, fmt.Sprintf("見出し%d", briefSeq), html, "本文", time.Now().Add(time.Duration(briefSeq)*time.Second), topic)
	if _, err := e.d.EnqueueStory(context.Background(), br.StoryID); err != nil {
		t.Fatal(err)
	}
	return br
}

func fastOptions() bot.DispatcherOptions {
	return bot.DispatcherOptions{
		GlobalPerSecond:  1000,
		PrivatePerSecond: 1000,
		GroupPerMinute:   60000,
		RetryBase:        20 * time.Millisecond,
		RetryMax:         200 * time.Millisecond,
		PollInterval:     20 * time.Millisecond,
		SendTimeout:      2 * time.Second,
	}
}

// dispatch runs a Dispatcher until the ledger has nothing left to do.
func (e *env) dispatch(t *testing.T, opts bot.DispatcherOptions) briefbot.DeliveryStats {
	t.Helper()
	stop := startDispatcher(t, e.d, e.d, e.b, opts)
	defer stop()
	return waitSettled(t, e.d)
}

func startDispatcher(t *testing.T, store briefbot.DeliveryStore, chats briefbot.ChatStore, s briefbot.Sender, opts bot.DispatcherOptions) (stop func()) {
	t.Helper()
	disp := bot.NewDispatcher(store, chats, s, opts)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- disp.Run(ctx) }()
	disp.Notify()
	return func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("dispatcher Run = %v", err)
			}
		case <-time.After(20 * time.Second):
			t.Error("dispatcher did not stop")
		}
	}
}

func waitSettled(t *testing.T, d *db.DB) briefbot.DeliveryStats {
	t.Helper()
	var st briefbot.DeliveryStats
	eventually(t, "ledger settled", func() bool {
		var err error
		st, err = d.DeliveryStats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		return st[briefbot.DeliveryPending]+st[briefbot.DeliverySending]+st[briefbot.DeliveryFailed] == 0
	})
	return st
}

// rows returns the ledger rows of a brief, by chat.
func rows(t *testing.T, d *db.DB, briefID int64) map[int64]*briefbot.Delivery {
	t.Helper()
	rs, err := d.SQL().Query(`SELECT id FROM deliveries WHERE brief_id = ?`, briefID)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for rs.Next() {
		var id int64
		if err := rs.Scan(&id); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	rs.Close()
	out := map[int64]*briefbot.Delivery{}
	for _, id := range ids {
		r, err := d.Delivery(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		out[r.ChatID] = r
	}
	return out
}

func TestDispatchFanOut(t *testing.T) {
	e := newEnv(t, telegramtest.Options{})
	var ids []int64
	for i := range 40 {
		ids = append(ids, int64(10_000+i))
		e.chat(t, ids[i], briefbot.ChatPrivate, 0)
	}
	for i := range 10 {
		id := int64(-100_000 - i)
		ids = append(ids, id)
		e.chat(t, id, briefbot.ChatSupergroup, 0)
	}
	e.chat(t, -200, briefbot.ChatSupergroup, 7) // a forum topic
	ids = append(ids, -200)
	br := e.enqueue(t, "<b>【見出し】</b>\n\n🔸 事実。\n\n📰 <a href=\"https://www3.nhk.or.jp/\">NHK</a>")

	st := e.dispatch(t, fastOptions())
	if st[briefbot.DeliverySent] != len(ids) || st[briefbot.DeliveryDead] != 0 {
		t.Errorf("stats = %v, want %d sent", st, len(ids))
	}
	for _, id := range ids {
		ms := e.srv.Messages(id)
		if len(ms) != 1 || ms[0].Text != br.HTML || ms[0].ParseMode != "HTML" || !ms[0].DisableWebPagePreview {
			t.Fatalf("chat %d got %+v, want the brief once", id, ms)
		}
	}
	if ms := e.srv.Messages(-200); ms[0].ThreadID != 7 {
		t.Errorf("thread id = %d, want 7", ms[0].ThreadID)
	}
	for chat, r := range rows(t, e.d, br.ID) {
		if r.State != briefbot.DeliverySent || r.MessageID != e.srv.Messages(chat)[0].MessageID {
			t.Errorf("row %+v", r)
		}
	}
}

func TestDispatchChatGone(t *testing.T) {
	for _, f := range []telegramtest.Failure{telegramtest.FailBlocked, telegramtest.FailDeactivated,
		telegramtest.FailKicked, telegramtest.FailChatNotFound} {
		t.Run(f.String(), func(t *testing.T) {
			e := newEnv(t, telegramtest.Options{})
			e.chat(t, 1, briefbot.ChatPrivate, 0)
			e.chat(t, 2, briefbot.ChatPrivate, 0)
			e.srv.SetFailure(1, f)
			b1 := e.enqueue(t, "<b>一</b>")
			b2 := e.enqueue(t, "<b>二</b>")
			st := e.dispatch(t, fastOptions())
			if st[briefbot.DeliveryDead] != 2 || st[briefbot.DeliverySent] != 2 {
				t.Errorf("stats = %v, want 2 dead and 2 sent", st)
			}
			if chatActive(t, e.d, 1) {
				t.Error("chat 1 still active")
			}
			for _, b := range []*briefbot.Brief{b1, b2} {
				if r := rows(t, e.d, b.ID)[1]; r.State != briefbot.DeliveryDead || r.LastError == "" {
					t.Errorf("row of chat 1 = %+v", r)
				}
			}
			if len(e.srv.Messages(1)) != 0 || len(e.srv.Messages(2)) != 2 {
				t.Errorf("messages: chat 1 %d, chat 2 %d", len(e.srv.Messages(1)), len(e.srv.Messages(2)))
			}
			// Later briefs are not even queued for it.
			e.enqueue(t, "<b>三</b>")
			if st, _ := e.d.DeliveryStats(context.Background()); st[briefbot.DeliveryPending] != 1 {
				t.Errorf("after deactivation, pending = %d, want 1 (chat 2 only)", st[briefbot.DeliveryPending])
			}
		})
	}
}

func TestDispatchMigrated(t *testing.T) {
	e := newEnv(t, telegramtest.Options{})
	const oldID, newID = -300, -1000000000300
	e.chat(t, oldID, briefbot.ChatGroup, 0)
	e.srv.SetMigrateTarget(oldID, newID)
	br := e.enqueue(t, "<b>移行</b>")

	st := e.dispatch(t, fastOptions())
	if st[briefbot.DeliverySent] != 1 {
		t.Fatalf("stats = %v", st)
	}
	ms := e.srv.Messages(newID)
	if len(ms) != 1 || ms[0].Text != "<b>移行</b>" {
		t.Fatalf("new chat got %+v", ms)
	}
	r := rows(t, e.d, br.ID)[newID]
	if r == nil || r.State != briefbot.DeliverySent || r.MessageID != ms[0].MessageID {
		t.Errorf("row = %+v", r)
	}
	if chatActive(t, e.d, oldID) || !chatActive(t, e.d, newID) || !hasSub(t, e.d, newID, "world") {
		t.Error("chat not migrated with its subscription")
	}
}

func TestDispatchBadMarkup(t *testing.T) {
	e := newEnv(t, telegramtest.Options{})
	e.chat(t, 1, briefbot.ChatPrivate, 0)
	// <span> without the spoiler class is refused by Telegram.
	br := e.enqueue(t, `<b>強調</b> <span>AT&amp;T</span> <a href="https://x.example/a">記事</a>`)
	st := e.dispatch(t, fastOptions())
	if st[briefbot.DeliverySent] != 1 {
		t.Fatalf("stats = %v", st)
	}
	ms := e.srv.Messages(1)
	want := "強調 AT&T 記事 (https://x.example/a)"
	if len(ms) != 1 || ms[0].Text != want || ms[0].ParseMode != "" {
		t.Errorf("got %+v, want plain %q", ms, want)
	}
	if r := rows(t, e.d, br.ID)[1]; r.MessageID != ms[0].MessageID {
		t.Errorf("row = %+v", r)
	}
}

func TestDispatchTooLong(t *testing.T) {
	e := newEnv(t, telegramtest.Options{})
	e.chat(t, 1, briefbot.ChatPrivate, 0)
	var sb strings.Builder
	sb.WriteString("<b>【長い記事】</b>\n\n")
	for i := range 400 {
		fmt.Fprintf(&sb, "🔸 これは十分に長い文の例%d番です。\n", i)
	}
	sb.WriteString("<blockquote>引用の")
	sb.WriteString(strings.Repeat("とても長い", 100))
	sb.WriteString("。</blockquote>")
	br := e.enqueue(t, sb.String())

	st := e.dispatch(t, fastOptions())
	if st[briefbot.DeliverySent] != 1 {
		t.Fatalf("stats = %v", st)
	}
	ms := e.srv.Messages(1)
	if len(ms) < 2 {
		t.Fatalf("%d messages, want the brief in parts", len(ms))
	}
	for i, m := range ms {
		if n := utf8.RuneCountInString(tgtext.PlainText(m.Text)); n > 4096 {
			t.Errorf("part %d has %d characters", i, n)
		}
	}
	if !strings.HasPrefix(ms[0].Text, "<b>【長い記事】</b>") || !strings.Contains(ms[len(ms)-1].Text, "。</blockquote>") {
		t.Errorf("parts out of order")
	}
	if r := rows(t, e.d, br.ID)[1]; r.MessageID != ms[0].MessageID {
		t.Errorf("row message id %d, want the first part's %d", r.MessageID, ms[0].MessageID)
	}
}

func TestDispatchRetries(t *testing.T) {
	cases := []struct {
		name     string
		fail     telegramtest.Failure
		n        int
		attempts int
	}{
		{"429 waits retry_after", telegramtest.FailTooManyRequests, 1, 1}, // a wait, not an attempt
		{"500 retried", telegramtest.FailServerError, 2, 3},
		{"502 html page retried", telegramtest.FailBadGateway, 2, 3},
		{"timeout retried", telegramtest.FailTimeout, 1, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, telegramtest.Options{})
			e.chat(t, 1, briefbot.ChatPrivate, 0)
			e.chat(t, 2, briefbot.ChatPrivate, 0)
			e.srv.FailNext(1, c.fail, c.n)
			br := e.enqueue(t, "<b>再送</b>")
			opts := fastOptions()
			opts.SendTimeout = 300 * time.Millisecond
			st := e.dispatch(t, opts)
			if st[briefbot.DeliverySent] != 2 {
				t.Fatalf("stats = %v", st)
			}
			if n := len(e.srv.Messages(1)); n != 1 {
				t.Errorf("chat 1 got %d messages", n)
			}
			r := rows(t, e.d, br.ID)[1]
			if r.Attempts != c.attempts || r.LastError != "" {
				t.Errorf("row = %+v, want %d attempts", r, c.attempts)
			}
			if c.fail == telegramtest.FailTooManyRequests && e.srv.Stats().Rejected429 != 1 {
				t.Errorf("429s = %d", e.srv.Stats().Rejected429)
			}
		})
	}
}

func TestDispatchGivesUp(t *testing.T) {
	e := newEnv(t, telegramtest.Options{})
	e.chat(t, 1, briefbot.ChatPrivate, 0)
	e.srv.FailNext(1, telegramtest.FailServerError, 100)
	br := e.enqueue(t, "<b>x</b>")
	e.enqueue(t, "") // empty text: 400, permanent
	st := e.dispatch(t, fastOptions())
	if st[briefbot.DeliveryDead] != 2 {
		t.Fatalf("stats = %v", st)
	}
	if r := rows(t, e.d, br.ID)[1]; r.Attempts != 5 || !strings.Contains(r.LastError, "500") {
		t.Errorf("row = %+v, want 5 attempts (MaxAttempts)", r)
	}
}

func TestDispatchRestartSendsNothingTwice(t *testing.T) {
	e := newEnv(t, telegramtest.Options{})
	const n = 40
	for i := range n {
		e.chat(t, int64(1+i), briefbot.ChatPrivate, 0)
	}
	e.enqueue(t, "<b>一度だけ</b>")
	opts := fastOptions()
	opts.GlobalPerSecond = 40 // slow enough to stop half-way
	stop := startDispatcher(t, e.d, e.d, e.b, opts)
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if _, err := e.srv.WaitSent(ctx, 10); err != nil {
		t.Fatal(err)
	}
	stop()
	st, _ := e.d.DeliveryStats(context.Background())
	if st[briefbot.DeliverySending] != 0 || st[briefbot.DeliverySent] == n {
		t.Fatalf("after shutdown: %v (want nothing left sending, some pending)", st)
	}
	if st[briefbot.DeliverySent] != e.srv.Stats().Sent {
		t.Errorf("ledger says %d sent, Telegram got %d", st[briefbot.DeliverySent], e.srv.Stats().Sent)
	}

	// A new dispatcher on a freshly opened database finishes the rest.
	d2, err := db.Open(context.Background(), e.path, db.Options{NoLock: true, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	defer d2.Close()
	stop = startDispatcher(t, d2, d2, e.b, fastOptions())
	st = waitSettled(t, d2)
	stop()
	if st[briefbot.DeliverySent] != n {
		t.Errorf("stats = %v", st)
	}
	for i := range n {
		if got := len(e.srv.Messages(int64(1 + i))); got != 1 {
			t.Errorf("chat %d got %d messages", 1+i, got)
		}
	}
}

// TestDispatchPacing runs against Telegram's flood limits: a chat with a
// burst of briefs is paced without a single 429 and does not hold the others
// back; the global limit holds too (BenchmarkFanOutLimited measures it).
func TestDispatchPacing(t *testing.T) {
	e := newEnv(t, telegramtest.Options{EnforceLimits: true, GlobalPerSecond: 10})
	e.chatTopic(t, 1, briefbot.ChatPrivate, 0, "world")
	e.chatTopic(t, -1, briefbot.ChatSupergroup, 0, "world")
	for i := range 20 {
		e.chatTopic(t, int64(100+i), briefbot.ChatPrivate, 0, "economy")
	}
	for range 5 {
		e.enqueueTopic(t, "<b>速報</b>", "world") // the oldest rows: all for chats 1 and -1
	}
	e.enqueueTopic(t, "<b>経済</b>", "economy")
	st := e.dispatch(t, bot.DispatcherOptions{PollInterval: 50 * time.Millisecond, GroupPerMinute: 240, GlobalPerSecond: 10})
	if st[briefbot.DeliverySent] != 5*2+20 {
		t.Errorf("stats = %v", st)
	}
	if s := e.srv.Stats(); s.Rejected429 != 0 {
		t.Errorf("%d answers were 429", s.Rejected429)
	}
	last := e.srv.Messages(1)[4].At
	for i := range 20 {
		if first := e.srv.Messages(int64(100 + i))[0].At; !first.Before(last) {
			t.Errorf("chat %d waited behind the busy chat", 100+i)
		}
	}
}

func TestDispatchConsoleUnpaced(t *testing.T) {
	d, _ := openDB(t)
	ctx := context.Background()
	if err := d.UpsertChat(ctx, &briefbot.Chat{ID: briefbot.ConsoleChatID, Type: briefbot.ChatConsole, Active: true}); err != nil {
		t.Fatal(err)
	}
	if err := d.Subscribe(ctx, &briefbot.Subscription{ChatID: briefbot.ConsoleChatID, Topic: "world", Mode: briefbot.ModeInstant}); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		br := seedBrief(t, d, fmt.Sprint("h", i), fmt.Sprint("<b>", i, "</b>"), "x", time.Now(), "world")
		if _, err := d.EnqueueStory(ctx, br.StoryID); err != nil {
			t.Fatal(err)
		}
	}
	var out recorder
	// One message per second per chat would take 5 s; the console has no limit.
	stop := startDispatcher(t, d, d, &out, bot.DispatcherOptions{PrivatePerSecond: 0.001, GroupPerMinute: 0.001, PollInterval: 20 * time.Millisecond})
	st := waitSettled(t, d)
	stop()
	if st[briefbot.DeliverySent] != 5 || out.count() != 5 {
		t.Errorf("stats %v, printed %d", st, out.count())
	}
}
