package bot

import (
	"context"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// stopData prefixes the buttons of /stop: "stop:forget" deletes everything
// stored about the chat, "stop:keep" keeps the unsubscribed chat.
const stopData = "stop"

// cmdStop unsubscribes the chat from everything at once, then asks whether
// to delete what is stored about it.
func (b *Bot) cmdStop(ctx context.Context, m *tgbotapi.Message) error {
	st := b.chatSettings()
	if st == nil {
		return b.reply(ctx, m.Chat.ID, "/stop is not available.", nil)
	}
	if ok, err := b.mayManage(ctx, m.Chat, m.From); err != nil || !ok {
		if err != nil {
			b.log.Warn("check chat admin", "chat_id", m.Chat.ID, "err", err)
		}
		return b.reply(ctx, m.Chat.ID, "Only the group's admins can stop the bot here.", nil)
	}
	n, err := st.UnsubscribeAll(ctx, m.Chat.ID)
	if err != nil {
		return fmt.Errorf("stop %d: %w", m.Chat.ID, err)
	}
	text := "🛑 Unsubscribed from everything: no more briefs."
	if n == 0 {
		text = "🛑 You have no subscriptions: no briefs will come."
	}
	text += "\n\nDelete everything stored about this chat (settings and the history of what was sent)?"
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData("🗑 Delete everything", stopData+":forget"),
		tgbotapi.NewInlineKeyboardButtonData("Keep", stopData+":keep"),
	))
	return b.reply(ctx, m.Chat.ID, text, &kb)
}

// stopCallback answers the /stop question and returns the callback answer.
func (b *Bot) stopCallback(ctx context.Context, q *tgbotapi.CallbackQuery, rest string) (string, error) {
	chat := q.Message.Chat
	st := b.chatSettings()
	if st == nil {
		return "", nil
	}
	if ok, err := b.mayManage(ctx, chat, q.From); err != nil || !ok {
		return "Only the group's admins can decide this.", err
	}
	switch rest {
	case "forget":
		if err := st.ForgetChat(ctx, chat.ID); err != nil {
			return "", fmt.Errorf("forget chat %d: %w", chat.ID, err)
		}
		b.log.Info("chat forgotten", "chat_id", chat.ID)
		return "Deleted.", b.edit(ctx, chat.ID, q.Message.MessageID,
			"🗑 Deleted everything stored about this chat. /start to begin again.", nil)
	case "keep":
		return "Kept.", b.edit(ctx, chat.ID, q.Message.MessageID,
			"🛑 Unsubscribed; your settings are kept. /subscribe to get briefs again.", nil)
	}
	return "", nil
}
