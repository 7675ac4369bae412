package telegramtest_test

import (
	"context"
	"fmt"
	"net/http"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"briefbot/internal/telegramtest"
)

// A test points the real client at the fake and reads back what arrived.
func Example() {
	srv := telegramtest.New(telegramtest.Options{})
	defer srv.Close()

	bot, err := tgbotapi.NewBotAPIWithClient(srv.Token(), srv.URL()+"/bot%s/%s", &http.Client{Timeout: 10 * time.Second})
	if err != nil {
		fmt.Println(err)
		return
	}
	srv.UserMessage(42, 42, "/start")
	ups, _ := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: 1})
	fmt.Println(ups[0].Message.Command())

	reply := tgbotapi.NewMessage(42, "<b>ようこそ</b>")
	reply.ParseMode = tgbotapi.ModeHTML
	if _, err := bot.Send(reply); err != nil {
		fmt.Println(err)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	msgs, _ := srv.WaitMessages(ctx, 42, 1)
	fmt.Println(msgs[0].Text)

	srv.SetFailure(42, telegramtest.FailBlocked)
	_, err = bot.Send(tgbotapi.NewMessage(42, "again"))
	fmt.Println(err)
	// Output:
	// start
	// <b>ようこそ</b>
	// Forbidden: bot was blocked by the user
}
