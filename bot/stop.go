package bot

import (
	"context"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"briefbot"
)

// stopData prefixes the buttons of /stop: "stop:yes" confirms, "stop:no"
// cancels, "stop:undo" restores what the stop removed (for 24 hours),
// "stop:forget" deletes everything stored about the chat, "stop:keep"
// (messages from before the confirmation step) keeps it.
const stopData = "stop"

// cmdStop asks to confirm: nothing changes before the button is pressed.
func (b *Bot) cmdStop(ctx context.Context, m *tgbotapi.Message, r reader) error {
	if b.chatSettings() == nil {
		return b.reply(ctx, m.Chat.ID, r.T("stop.unavailable"), nil)
	}
	if ok, err := b.mayManage(ctx, m.Chat, m.From); err != nil || !ok {
		b.logAdminCheck(m.Chat.ID, err)
		return b.reply(ctx, m.Chat.ID, r.T("stop.admins_only"), nil)
	}
	have, err := b.subscribedTo(ctx, m.Chat.ID)
	if err != nil {
		return err
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(r.P("button.stop_confirm"), stopData+":yes"),
		tgbotapi.NewInlineKeyboardButtonData(r.P("button.cancel"), stopData+":no"),
	))
	return b.reply(ctx, m.Chat.ID, r.T("stop.confirm", "Count", len(have)), &kb)
}

// stopCallback answers the buttons of /stop and returns the callback
// answer. Once the stop is confirmed no send starts for the chat: its
// unsent messages are dead in the store, and the one the dispatcher may
// hold in memory is refused by Send.
func (b *Bot) stopCallback(ctx context.Context, q *tgbotapi.CallbackQuery, r reader, rest string) (string, error) {
	chat := q.Message.Chat
	st := b.chatSettings()
	if st == nil {
		return "", nil
	}
	if ok, err := b.mayManage(ctx, chat, q.From); err != nil || !ok {
		return r.P("answer.admins_only"), err
	}
	edit := func(answer, text string, kb *tgbotapi.InlineKeyboardMarkup) (string, error) {
		return answer, b.edit(ctx, chat.ID, q.Message.MessageID, text, kb)
	}
	now := b.opts.Now()
	switch rest {
	case "yes":
		if _, err := st.StopChat(ctx, chat.ID, now); err != nil && briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
			return "", fmt.Errorf("stop %d: %w", chat.ID, err)
		}
		b.halt(chat.ID)
		b.log.Info("chat stopped", "chat_id", chat.ID)
		kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
			tgbotapi.NewInlineKeyboardButtonData(r.P("button.undo"), stopData+":undo"),
			tgbotapi.NewInlineKeyboardButtonData(r.P("button.forget"), stopData+":forget"),
		))
		return edit(r.P("answer.stopped"), r.T("stop.done"), &kb)
	case "no":
		return edit("", r.T("stop.cancelled"), nil)
	case "undo":
		if err := st.UndoStop(ctx, chat.ID, now); err != nil {
			if briefbot.ErrorCode(err) == briefbot.ENOTFOUND {
				return edit(r.P("answer.undo_late"), r.T("stop.undo_late"), nil)
			}
			return "", fmt.Errorf("undo stop %d: %w", chat.ID, err)
		}
		b.unhalt(chat.ID)
		b.log.Info("chat stop undone", "chat_id", chat.ID)
		return edit(r.P("answer.restored"), r.T("stop.restored"), nil)
	case "forget":
		if err := st.ForgetChat(ctx, chat.ID); err != nil {
			return "", fmt.Errorf("forget chat %d: %w", chat.ID, err)
		}
		b.halt(chat.ID)
		b.log.Info("chat forgotten", "chat_id", chat.ID)
		return edit(r.P("answer.deleted"), r.T("stop.forgotten"), nil)
	case "keep":
		return edit(r.P("answer.kept"), r.T("stop.kept"), nil)
	}
	return "", nil
}
