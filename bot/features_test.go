package bot_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"briefbot"
	"briefbot/bot"
	"briefbot/internal/telegramtest"
)

func TestPaidBroadcast(t *testing.T) {
	for _, paid := range []bool{false, true} {
		t.Run(fmt.Sprint(paid), func(t *testing.T) {
			d, _ := openDB(t)
			srv := newFake(t, telegramtest.Options{})
			c, url := wrapFake(t, srv)
			b := newBot(t, url, d, func(o *bot.Options) { o.PaidBroadcast = paid })
			if _, err := b.Send(context.Background(), briefbot.OutMessage{ChatID: 700, Text: "<b>hi</b>", HTML: true}); err != nil {
				t.Fatalf("Send: %v", err)
			}
			f := c.of("sendMessage")
			if len(f) != 1 {
				t.Fatalf("%d sendMessage requests", len(f))
			}
			got, ok := f[0]["allow_paid_broadcast"]
			if paid && got != "true" || !paid && ok {
				t.Errorf("allow_paid_broadcast = %q (present %v), paid %v", got, ok, paid)
			}
		})
	}
}

func TestSetConfigSwapsTopics(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	b := newBot(t, srv.URL(), d, nil)
	runBot(t, b)

	srv.UserMessage(800, 800, "/subscribe science")
	if m := waitMessages(t, srv, 800, 1)[0]; !contains(m.Text, "Unknown topic") {
		t.Fatalf("before reload: %q", m.Text)
	}
	b.SetConfig(append(slices.Clone(topics), briefbot.Topic{Name: "science", Title: "科学", Hashtag: "科学"}), nil)
	srv.UserMessage(800, 800, "/subscribe science")
	if m := waitMessages(t, srv, 800, 2)[1]; !contains(m.Text, "Subscribed to <b>科学</b>") {
		t.Errorf("after reload: %q", m.Text)
	}
	if !hasSub(t, d, 800, "science") {
		t.Error("not subscribed to the new topic")
	}
	// Topics removed by a reload are refused again.
	b.SetConfig(topics[:1], nil)
	srv.UserMessage(800, 800, "/subscribe economy")
	if m := waitMessages(t, srv, 800, 3)[2]; !contains(m.Text, "Unknown topic") {
		t.Errorf("removed topic: %q", m.Text)
	}
}

// TestSetConfigConcurrent races reloads against handlers; CI runs it under
// -race (.ci/run), where an unguarded access fails it.
func TestSetConfigConcurrent(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	b := newBot(t, srv.URL(), d, nil)
	runBot(t, b)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := range 200 {
			b.SetConfig(topics[:1+i%2], []int64{int64(i)})
		}
	}()
	for i := range 10 {
		srv.UserMessage(int64(900+i), int64(900+i), "/subscribe world")
	}
	wg.Wait()
	for i := range 10 {
		waitMessages(t, srv, int64(900+i), 1)
	}
}

// forumMessage is a /subscribe written in a forum topic (or a reply thread
// of an ordinary supergroup when forum is false).
func forumMessage(chat, user int64, thread int, forum bool, text string) json.RawMessage {
	return json.RawMessage(fmt.Sprintf(`{"message":{"message_id":50,"message_thread_id":%d,"is_topic_message":%v,`+
		`"from":{"id":%d,"is_bot":false,"first_name":"A"},"chat":{"id":%d,"type":"supergroup","title":"forum","is_forum":%v},`+
		`"date":1767225600,"text":%q,"entities":[{"type":"bot_command","offset":0,"length":10}]}}`,
		thread, forum, user, chat, forum, text))
}

func TestSubscribeInForumTopic(t *testing.T) {
	cases := []struct {
		name       string
		chat       int64
		forum      bool
		wantThread int
	}{
		{"forum topic", -100700, true, 77},
		{"reply thread of a plain group", -100701, false, 0},
	}
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	runBot(t, newBot(t, srv.URL(), d, nil))
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			srv.AddChat(tc.chat, "supergroup", "forum")
			srv.SetChatMemberStatus(tc.chat, 42, "administrator")
			srv.RawUpdate(forumMessage(tc.chat, 42, 77, tc.forum, "/subscribe world"))
			m := waitMessages(t, srv, tc.chat, 1)[0]
			if !contains(m.Text, "Subscribed") || m.ThreadID != tc.wantThread {
				t.Errorf("reply %q in thread %d, want thread %d", m.Text, m.ThreadID, tc.wantThread)
			}
			subs, err := d.Subscriptions(context.Background(), tc.chat)
			if err != nil {
				t.Fatal(err)
			}
			if len(subs) != 1 || subs[0].ThreadID != tc.wantThread {
				t.Errorf("subscriptions = %+v, want one in thread %d", subs, tc.wantThread)
			}
		})
	}
}

// countObserver counts what the bot and the dispatcher report.
type countObserver struct {
	mu      sync.Mutex
	sent    map[briefbot.ChatType]int
	errs    map[briefbot.SendErrorKind]int
	updates map[string]int
}

func newCountObserver() *countObserver {
	return &countObserver{sent: map[briefbot.ChatType]int{}, errs: map[briefbot.SendErrorKind]int{}, updates: map[string]int{}}
}

func (o *countObserver) Sent(ct briefbot.ChatType, latency time.Duration) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if latency > 0 {
		o.sent[ct]++
	}
}

func (o *countObserver) SendError(k briefbot.SendErrorKind) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.errs[k]++
}

func (o *countObserver) Update(kind string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.updates[kind]++
}

func (o *countObserver) get(f func() int) int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return f()
}

func TestObserver(t *testing.T) {
	obs := newCountObserver()
	d, path := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	b := newBot(t, srv.URL(), d, func(o *bot.Options) { o.Observer = obs })
	e := &env{d: d, path: path, srv: srv, b: b}
	runBot(t, b)

	srv.UserMessage(1000, 1000, "/help")
	srv.RawUpdate(json.RawMessage(`{"message":{"message_id":"not a number"}}`))
	srv.CallbackQuery(1000, 1000, 1, "noop")
	eventually(t, "updates observed", func() bool {
		return obs.get(func() int { return obs.updates["message"] + obs.updates["undecodable"] + obs.updates["callback_query"] }) == 3
	})

	e.chat(t, 1001, briefbot.ChatPrivate, 0)
	e.chat(t, -1001002, briefbot.ChatSupergroup, 0)
	e.chat(t, 1003, briefbot.ChatPrivate, 0)
	srv.SetFailure(1003, telegramtest.FailBlocked)
	e.enqueue(t, "<b>速報</b>")
	opts := fastOptions()
	opts.Observer = obs
	e.dispatch(t, opts)
	if got := obs.get(func() int { return obs.sent[briefbot.ChatPrivate] }); got != 1 {
		t.Errorf("Sent(private) = %d, want 1", got)
	}
	if got := obs.get(func() int { return obs.sent[briefbot.ChatSupergroup] }); got != 1 {
		t.Errorf("Sent(supergroup) = %d, want 1", got)
	}
	if got := obs.get(func() int { return obs.errs[briefbot.SendChatGone] }); got != 1 {
		t.Errorf("SendError(chat gone) = %d, want 1", got)
	}
}
