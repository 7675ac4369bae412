package bot

import (
	"context"
	"encoding/json"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// ResolveChat finds the id of the public channel or group called name
// ("@name") with getChat. Telegram answers "Bad Request: chat not found" for
// a name it does not know (a person's username included); that error comes
// back as a *tgbotapi.Error, so a caller can tell a wrong name from a
// network failure.
func (b *Bot) ResolveChat(ctx context.Context, name string) (int64, error) {
	resp, err := b.call(ctx, b.sendClient, "getChat", tgbotapi.Params{"chat_id": name})
	if err != nil {
		return 0, fmt.Errorf("getChat %s: %w", name, err)
	}
	var c struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal(resp.Result, &c); err != nil || c.ID == 0 {
		return 0, fmt.Errorf("getChat %s: unreadable answer %.100s", name, resp.Result)
	}
	return c.ID, nil
}
