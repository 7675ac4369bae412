package bot

import (
	"context"
	"fmt"
	"sync"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// cmdPause answers /pause and /resume.
func (b *Bot) cmdPause(ctx context.Context, m *tgbotapi.Message, r reader, pause bool) error {
	if b.chatSettings() == nil {
		return b.reply(ctx, m.Chat.ID, r.T("settings.unavailable"), nil)
	}
	if ok, err := b.mayManage(ctx, m.Chat, m.From); err != nil || !ok {
		b.logAdminCheck(m.Chat.ID, err)
		return b.reply(ctx, m.Chat.ID, r.T("settings.admins_only"), nil)
	}
	if err := b.ensureChat(ctx, m.Chat); err != nil {
		return err
	}
	if r.set != nil && r.set.Paused == pause {
		if pause {
			return b.reply(ctx, m.Chat.ID, r.T("pause.already"), nil)
		}
		return b.reply(ctx, m.Chat.ID, r.T("resume.not_paused"), nil)
	}
	text, err := b.setPaused(ctx, r, m.Chat.ID, pause)
	if err != nil {
		return err
	}
	return b.reply(ctx, m.Chat.ID, text, nil)
}

// setPaused pauses or resumes the chat and says what that means. A paused
// chat is halted at once: a brief claimed before the pause is not sent.
func (b *Bot) setPaused(ctx context.Context, r reader, chatID int64, pause bool) (string, error) {
	if err := b.chatSettings().SetPaused(ctx, chatID, pause, b.opts.Now()); err != nil {
		return "", fmt.Errorf("set paused %d: %w", chatID, err)
	}
	if pause {
		b.halt(chatID)
		return r.T("pause.done"), nil
	}
	b.unhalt(chatID)
	return r.T("resume.done"), nil
}

// halts are the chats that must get no ledger message from now on: stopped
// or paused while the process runs. The ledger already holds nothing for
// them, but a row the dispatcher claimed just before waits in memory for
// its pacing slot; Send refuses it.
type halts struct{ m sync.Map }

// halt stops ledger sends to the chat.
func (b *Bot) halt(chatID int64) { b.halted.m.Store(chatID, struct{}{}) }

// unhalt lets ledger sends to the chat go out again: it subscribed,
// resumed or undid its stop.
func (b *Bot) unhalt(chatID int64) { b.halted.m.Delete(chatID) }

// isHalted reports whether ledger sends to the chat are refused.
func (b *Bot) isHalted(chatID int64) bool {
	_, ok := b.halted.m.Load(chatID)
	return ok
}
