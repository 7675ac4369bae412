package telegramtest

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

func TestFailures(t *testing.T) {
	tests := []struct {
		f          Failure
		chatID     int64
		code       int
		desc       string
		retryAfter int
		migrateTo  int64
		persistent bool
	}{
		{FailBlocked, 11, 403, "Forbidden: bot was blocked by the user", 0, 0, true},
		{FailDeactivated, 12, 403, "Forbidden: user is deactivated", 0, 0, true},
		{FailKicked, -13, 403, "Forbidden: bot was kicked from the group chat", 0, 0, true},
		{FailChatNotFound, 14, 400, "Bad Request: chat not found", 0, 0, true},
		{FailNotStarted, 18, 403, "Forbidden: bot can't initiate conversation with a user", 0, 0, true},
		{FailMigrated, -15, 400, "Bad Request: group chat was upgraded to a supergroup chat", 0, -1000000000015, true},
		{FailTooManyRequests, 16, 429, "Too Many Requests: retry after 7", 7, 0, false},
		{FailServerError, 17, 500, "Internal Server Error", 0, 0, false},
	}
	s := newServer(t, Options{})
	bot := newBot(t, s)
	s.SetRetryAfter(7)
	for _, tc := range tests {
		t.Run(tc.f.String(), func(t *testing.T) {
			if tc.persistent {
				s.SetFailure(tc.chatID, tc.f)
			} else {
				s.FailNext(tc.chatID, tc.f, 1)
			}
			for range 2 {
				_, err := send(bot, tc.chatID, "x", "")
				e := apiErr(t, err)
				if e.Code != tc.code || e.Message != tc.desc || e.RetryAfter != tc.retryAfter || e.MigrateToChatID != tc.migrateTo {
					t.Fatalf("got %+v", e)
				}
				if !tc.persistent {
					break
				}
			}
			_, err := send(bot, tc.chatID, "x", "")
			if tc.persistent {
				apiErr(t, err)
				s.SetFailure(tc.chatID, FailNone)
				_, err = send(bot, tc.chatID, "x", "")
			}
			if err != nil {
				t.Fatalf("after the failure: %v", err)
			}
		})
	}
}

func TestSetMigrateTarget(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	s.SetMigrateTarget(-500, -1009999)
	_, err := send(bot, -500, "x", "")
	if e := apiErr(t, err); e.MigrateToChatID != -1009999 {
		t.Fatalf("got %+v", e)
	}
	if _, err := send(bot, -1009999, "x", ""); err != nil {
		t.Fatal(err)
	}
}

func TestFailBadGateway(t *testing.T) {
	s := newServer(t, Options{})
	bot := newBot(t, s)
	s.FailNext(18, FailBadGateway, 1)
	_, err := send(bot, 18, "x", "")
	var syn *json.SyntaxError
	var te *tgbotapi.Error
	if !errors.As(err, &syn) || errors.As(err, &te) {
		t.Fatalf("want a JSON syntax error, got %T %v", err, err)
	}
	if _, err := send(bot, 18, "x", ""); err != nil {
		t.Fatal(err)
	}
	if st := s.Stats(); st.RejectedOther != 1 || st.Sent != 1 {
		t.Fatalf("stats %+v", st)
	}
}

func TestFailTimeoutHoldsUntilClientGivesUp(t *testing.T) {
	s := newServer(t, Options{})
	ctx, cancel := context.WithCancel(context.Background())
	client := &http.Client{Transport: ctxTransport{ctx}}
	bot, err := tgbotapi.NewBotAPIWithClient(s.Token(), s.Endpoint(), client)
	if err != nil {
		t.Fatal(err)
	}
	s.FailNext(19, FailTimeout, 1)
	errc := make(chan error, 1)
	go func() {
		_, err := send(bot, 19, "x", "")
		errc <- err
	}()
	waitFor(t, s, func() bool {
		c := s.st.chats[19]
		return c != nil && len(c.failNext) == 0
	})
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
	if msgs := s.Messages(19); len(msgs) != 0 {
		t.Fatalf("timed-out send recorded: %+v", msgs)
	}
}

// ctxTransport binds every request to ctx, as a client's own deadline would.
type ctxTransport struct{ ctx context.Context }

func (c ctxTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	return http.DefaultTransport.RoundTrip(r.WithContext(c.ctx))
}

func TestParseFailure(t *testing.T) {
	for f := FailNone; f <= FailTimeout; f++ {
		got, err := ParseFailure(f.String())
		if err != nil || got != f {
			t.Fatalf("%v: got %v %v", f, got, err)
		}
	}
	if _, err := ParseFailure("meteor"); err == nil {
		t.Fatal("unknown failure parsed")
	}
}
