package telegramtest

import (
	"net/http"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestGetMe(t *testing.T) {
	s := newServer(t, Options{Token: "123456:ABC", BotUsername: "news_bot"})
	bot := newBot(t, s)
	if bot.Self.ID != 123456 || !bot.Self.IsBot || bot.Self.UserName != "news_bot" {
		t.Fatalf("Self = %+v", bot.Self)
	}
	if got := s.Stats().ByMethod["getMe"]; got != 1 {
		t.Fatalf("getMe count = %d, want 1", got)
	}
}

func TestWrongTokenUnauthorized(t *testing.T) {
	s := newServer(t, Options{})
	_, err := tgbotapi.NewBotAPIWithClient("999:WRONG", s.Endpoint(), &http.Client{Timeout: 5 * time.Second})
	if e := apiErr(t, err); e.Code != 401 || e.Message != "Unauthorized" {
		t.Fatalf("got %d %q", e.Code, e.Message)
	}
}

func TestUnknownMethodNotFound(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	_, err := bot.MakeRequest("sendTelepathy", nil)
	if e := apiErr(t, err); e.Code != 404 || e.Message != "Not Found" {
		t.Fatalf("got %d %q", e.Code, e.Message)
	}
}

func TestMethodNamesCaseInsensitive(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	if _, err := bot.MakeRequest("GETME", nil); err != nil {
		t.Fatal(err)
	}
	if got := s.Stats().ByMethod["getMe"]; got != 2 {
		t.Fatalf("getMe count = %d, want 2", got)
	}
}
