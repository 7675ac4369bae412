package telegramtest

import (
	"context"
	"errors"
	"net/http"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// newServer starts a server closed at the end of the test.
func newServer(t *testing.T, opts Options) *Server {
	t.Helper()
	s := New(opts)
	t.Cleanup(s.Close)
	return s
}

// newBot connects the real tgbotapi client (which calls getMe).
func newBot(t testing.TB, s *Server) *tgbotapi.BotAPI {
	t.Helper()
	bot, err := tgbotapi.NewBotAPIWithClient(s.Token(), s.Endpoint(), &http.Client{Timeout: 20 * time.Second})
	if err != nil {
		t.Fatalf("NewBotAPIWithClient: %v", err)
	}
	return bot
}

// apiErr asserts err is a *tgbotapi.Error and returns it.
func apiErr(t *testing.T, err error) *tgbotapi.Error {
	t.Helper()
	var e *tgbotapi.Error
	if !errors.As(err, &e) {
		t.Fatalf("error %v (%T) is not a *tgbotapi.Error", err, err)
	}
	return e
}

// fakeClock is a settable Options.Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 11, 26, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// waitFor blocks until cond (run under s.mu) holds, woken by state changes.
func waitFor(t *testing.T, s *Server, cond func() bool) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if _, err := s.wait(ctx, func() ([]Message, bool) { return nil, cond() }, "condition"); err != nil {
		t.Fatal(err)
	}
}

func send(bot *tgbotapi.BotAPI, chatID int64, text, mode string) (tgbotapi.Message, error) {
	m := tgbotapi.NewMessage(chatID, text)
	m.ParseMode = mode
	return bot.Send(m)
}

func newBotB(b *testing.B, s *Server) *tgbotapi.BotAPI { return newBot(b, s) }
