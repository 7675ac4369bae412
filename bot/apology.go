package bot

import (
	"context"

	"briefbot"
)

// unavailable reports whether a handler failed because a service is briefly
// unavailable: the database refusing a write (a full disk, a read-only
// file) gives code EUNAVAILABLE. The user is then told so (the catalogue's
// error.cannot_save, answer.cannot_save for a button) instead of nothing.
func unavailable(err error) bool { return briefbot.ErrorCode(err) == briefbot.EUNAVAILABLE }

// apologize replies to a command whose handling failed that way; a button
// press is answered in handleCallback instead.
func (b *Bot) apologize(ctx context.Context, u *update, err error) {
	m := u.Message
	if !unavailable(err) || m == nil || m.Chat == nil || !m.IsCommand() {
		return
	}
	r := b.readerOf(ctx, m.Chat.ID, m.From)
	if rerr := b.reply(ctx, m.Chat.ID, r.T("error.cannot_save"), nil); rerr != nil {
		b.log.Warn("apologize", "chat_id", m.Chat.ID, "err", rerr)
	}
}
