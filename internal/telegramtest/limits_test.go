package telegramtest

import (
	"fmt"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// limited starts a server with flood limits on a fake clock.
func limited(t *testing.T, opts Options) (*Server, *tgbotapi.BotAPI, *fakeClock) {
	t.Helper()
	clock := newClock()
	opts.EnforceLimits = true
	opts.Now = clock.Now
	s := newServer(t, opts)
	return s, newBot(t, s), clock
}

func want429(t *testing.T, err error, retryAfter int) {
	t.Helper()
	e := apiErr(t, err)
	if e.Code != 429 || e.RetryAfter != retryAfter || e.Message != fmt.Sprintf("Too Many Requests: retry after %d", retryAfter) {
		t.Fatalf("got %d %q retry_after=%d, want 429 retry after %d", e.Code, e.Message, e.RetryAfter, retryAfter)
	}
}

func TestGlobalLimit(t *testing.T) {
	s, bot, clock := limited(t, Options{})
	// 30 private chats, one message each, within the same second.
	for i := range 30 {
		if _, err := send(bot, int64(1000+i), "x", ""); err != nil {
			t.Fatalf("send %d: %v", i+1, err)
		}
		clock.Advance(10 * time.Millisecond)
	}
	_, err := send(bot, 2000, "x", "")
	want429(t, err, 1)
	// The first send leaves the window exactly 1 s after it was made.
	clock.Advance(700 * time.Millisecond)
	if _, err := send(bot, 2000, "x", ""); err != nil {
		t.Fatalf("after the window moved: %v", err)
	}
	if st := s.Stats(); st.Sent != 31 || st.Rejected429 != 1 {
		t.Fatalf("stats %+v", st)
	}
}

func TestGlobalLimitConfigurable(t *testing.T) {
	_, bot, _ := limited(t, Options{GlobalPerSecond: 2})
	for i := range 2 {
		if _, err := send(bot, int64(i+1), "x", ""); err != nil {
			t.Fatal(err)
		}
	}
	_, err := send(bot, 3, "x", "")
	want429(t, err, 1)
}

func TestGroupLimit(t *testing.T) {
	_, bot, clock := limited(t, Options{})
	const group = -1001234
	for i := range 20 {
		if _, err := send(bot, group, "x", ""); err != nil {
			t.Fatalf("send %d: %v", i+1, err)
		}
		clock.Advance(2 * time.Second)
	}
	// 40 s after the first send: it leaves the 60 s window in 20 s.
	_, err := send(bot, group, "x", "")
	want429(t, err, 20)
	// Other chats are not held back by this group.
	if _, err := send(bot, -1005678, "x", ""); err != nil {
		t.Fatal(err)
	}
	clock.Advance(20 * time.Second)
	if _, err := send(bot, group, "x", ""); err != nil {
		t.Fatalf("after 60 s: %v", err)
	}
}

func TestPrivateBurstThenLimit(t *testing.T) {
	_, bot, clock := limited(t, Options{})
	for i := range privateBurst {
		if _, err := send(bot, 55, "x", ""); err != nil {
			t.Fatalf("burst send %d: %v", i+1, err)
		}
	}
	_, err := send(bot, 55, "x", "")
	want429(t, err, 1)
	clock.Advance(400 * time.Millisecond)
	_, err = send(bot, 55, "x", "")
	want429(t, err, 1)
	clock.Advance(600 * time.Millisecond)
	if _, err := send(bot, 55, "x", ""); err != nil {
		t.Fatalf("after 1 s: %v", err)
	}
	// Steady 1/s is accepted indefinitely.
	for i := range 10 {
		clock.Advance(time.Second)
		if _, err := send(bot, 55, "x", ""); err != nil {
			t.Fatalf("steady send %d: %v", i+1, err)
		}
	}
}

func TestPrivateSlowRateRetryAfter(t *testing.T) {
	_, bot, _ := limited(t, Options{PrivatePerSecond: 0.25})
	for range privateBurst {
		if _, err := send(bot, 56, "x", ""); err != nil {
			t.Fatal(err)
		}
	}
	_, err := send(bot, 56, "x", "")
	want429(t, err, 4)
}

func TestLimitsOffByDefault(t *testing.T) {
	s := newServer(t, Options{Now: newClock().Now})
	bot := newBot(t, s)
	for i := range 50 {
		if _, err := send(bot, -100999, "x", ""); err != nil {
			t.Fatalf("send %d: %v", i+1, err)
		}
	}
}

// TestEditsCountAgainstLimits: editMessageText spends the same budgets as
// sendMessage, per chat and overall, and is answered 429 when over them.
func TestEditsCountAgainstLimits(t *testing.T) {
	edit := func(bot *tgbotapi.BotAPI, chatID int64, msgID int, text string) error {
		_, err := bot.Send(tgbotapi.NewEditMessageText(chatID, msgID, text))
		return err
	}
	t.Run("private", func(t *testing.T) {
		s, bot, clock := limited(t, Options{})
		m, err := send(bot, 57, "v0", "")
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i < privateBurst; i++ {
			if err := edit(bot, 57, m.MessageID, fmt.Sprint("v", i)); err != nil {
				t.Fatalf("edit %d within the burst: %v", i, err)
			}
		}
		want429(t, edit(bot, 57, m.MessageID, "over"), 1)
		_, err = send(bot, 57, "new", "")
		want429(t, err, 1)
		clock.Advance(time.Second)
		if err := edit(bot, 57, m.MessageID, "after a second"); err != nil {
			t.Fatalf("edit after a second: %v", err)
		}
		if st := s.Stats(); st.Sent != 1 || st.Edited != privateBurst || st.Rejected429 != 2 {
			t.Errorf("stats %+v, want 1 sent, %d edited, 2 × 429", st, privateBurst)
		}
	})
	t.Run("group", func(t *testing.T) {
		_, bot, clock := limited(t, Options{GroupPerMinute: 3})
		m, err := send(bot, -1009, "v0", "")
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i < 3; i++ {
			if err := edit(bot, -1009, m.MessageID, fmt.Sprint("v", i)); err != nil {
				t.Fatalf("edit %d: %v", i, err)
			}
			clock.Advance(10 * time.Second)
		}
		// The send 20 s ago leaves the minute's window in 40 s.
		want429(t, edit(bot, -1009, m.MessageID, "over"), 40)
	})
	t.Run("global", func(t *testing.T) {
		_, bot, _ := limited(t, Options{GlobalPerSecond: 2})
		m, err := send(bot, 58, "v0", "")
		if err != nil {
			t.Fatal(err)
		}
		if err := edit(bot, 58, m.MessageID, "v1"); err != nil {
			t.Fatal(err)
		}
		_, err = send(bot, 59, "other chat", "")
		want429(t, err, 1)
	})
	t.Run("not modified is not counted", func(t *testing.T) {
		_, bot, _ := limited(t, Options{GlobalPerSecond: 2})
		m, err := send(bot, 60, "same", "")
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			if e := apiErr(t, edit(bot, 60, m.MessageID, "same")); e.Code != 400 {
				t.Fatalf("unchanged edit: %d %q, want 400 not modified", e.Code, e.Message)
			}
		}
		if _, err := send(bot, 61, "second of two", ""); err != nil {
			t.Fatalf("an unchanged edit spent the budget: %v", err)
		}
	})
}
