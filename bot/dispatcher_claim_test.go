package bot_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"briefbot"
	"briefbot/internal/telegramtest"
)

// countingStore counts what the dispatcher claims and releases.
type countingStore struct {
	briefbot.DeliveryStore
	mu       sync.Mutex
	claimed  map[int64]int // row id → times claimed
	released int
}

func (s *countingStore) Claim(ctx context.Context, req briefbot.ClaimRequest) ([]*briefbot.Delivery, error) {
	rows, err := s.DeliveryStore.Claim(ctx, req)
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range rows {
		s.claimed[r.ID]++
	}
	return rows, err
}

func (s *countingStore) Release(ctx context.Context, id int64, next time.Time) error {
	s.mu.Lock()
	s.released++
	s.mu.Unlock()
	return s.DeliveryStore.Release(ctx, id, next)
}

// TestDispatchClaimsOnlyDueRows: a chat with more briefs than its pacing
// lets through at once gets them one by one, in order, each row claimed
// once and none released back.
func TestDispatchClaimsOnlyDueRows(t *testing.T) {
	e := newEnv(t, telegramtest.Options{})
	e.chat(t, 1, briefbot.ChatPrivate, 0)
	e.chat(t, -1, briefbot.ChatSupergroup, 0)
	const briefs = 6
	for i := range briefs {
		e.enqueue(t, fmt.Sprintf("<b>%d</b>", i))
	}
	cs := &countingStore{DeliveryStore: e.d, claimed: map[int64]int{}}
	opts := fastOptions()
	opts.PrivatePerSecond, opts.GroupPerMinute = 20, 1200 // 50 ms apart, after a burst of 2 for the private chat
	stop := startDispatcher(t, cs, e.d, e.b, opts)
	st := waitSettled(t, e.d)
	stop()
	if st[briefbot.DeliverySent] != 2*briefs {
		t.Fatalf("stats = %v", st)
	}
	for _, chat := range []int64{1, -1} {
		ms := e.srv.Messages(chat)
		for i, m := range ms {
			if want := fmt.Sprintf("<b>%d</b>", i); m.Text != want {
				t.Errorf("chat %d message %d = %q, want %q: out of order", chat, i, m.Text, want)
			}
		}
	}
	cs.mu.Lock()
	defer cs.mu.Unlock()
	if len(cs.claimed) != 2*briefs || cs.released != 0 {
		t.Errorf("%d rows claimed, %d releases; want %d rows, 0 releases", len(cs.claimed), cs.released, 2*briefs)
	}
	for id, n := range cs.claimed {
		if n != 1 {
			t.Errorf("row %d claimed %d times", id, n)
		}
	}
}

// deactivatingSender accepts every message, but while the one to chat
// blocked is on the wire the chat is deactivated, as a my_chat_member
// update saying the user blocked the bot would do.
type deactivatingSender struct {
	briefbot.Sender
	chats   briefbot.ChatStore
	blocked int64
	once    sync.Once
}

func (s *deactivatingSender) Send(ctx context.Context, m briefbot.OutMessage) (int, error) {
	if m.ChatID == s.blocked {
		s.once.Do(func() {
			if err := s.chats.DeactivateChat(ctx, m.ChatID, "Forbidden: bot was blocked by the user"); err != nil {
				panic(err)
			}
		})
	}
	return s.Sender.Send(ctx, m)
}

// TestDispatchSentWhileDeactivated: the mark rule through the dispatcher. A
// message Telegram accepted is recorded as sent although its chat was
// deactivated while it was on the wire; the chat's other rows are dead and
// never sent.
func TestDispatchSentWhileDeactivated(t *testing.T) {
	e := newEnv(t, telegramtest.Options{})
	e.chat(t, 1, briefbot.ChatPrivate, 0)
	e.chat(t, 2, briefbot.ChatPrivate, 0)
	first := e.enqueue(t, "<b>一</b>")
	second := e.enqueue(t, "<b>二</b>")
	s := &deactivatingSender{Sender: e.b, chats: e.d, blocked: 1}
	stop := startDispatcher(t, e.d, e.d, s, fastOptions())
	st := waitSettled(t, e.d)
	stop()
	if r := rows(t, e.d, first.ID)[1]; r.State != briefbot.DeliverySent || r.MessageID != e.srv.Messages(1)[0].MessageID {
		t.Errorf("row on the wire during the deactivation = %+v, want sent with its message id", r)
	}
	if r := rows(t, e.d, second.ID)[1]; r.State != briefbot.DeliveryDead {
		t.Errorf("later row of the deactivated chat = %+v, want dead", r)
	}
	if n := len(e.srv.Messages(1)); n != 1 {
		t.Errorf("deactivated chat got %d messages, want 1", n)
	}
	if st[briefbot.DeliverySent] != 3 || st[briefbot.DeliveryDead] != 1 {
		t.Errorf("stats = %v, want 3 sent and 1 dead", st)
	}
}
