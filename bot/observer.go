package bot

import (
	"time"

	"briefbot"
)

// Observer receives the events worth counting. It keeps bot/ free of any
// metrics library: cmd/briefbot implements it with Prometheus. Methods are
// called from many goroutines and must not block.
type Observer interface {
	// Sent reports a ledger message Telegram accepted; latency is the
	// duration of the sendMessage call.
	Sent(chatType briefbot.ChatType, latency time.Duration)
	// SendError reports a failed ledger send by its kind.
	SendError(kind briefbot.SendErrorKind)
	// Update reports one incoming update: "message", "channel_post",
	// "callback_query", "my_chat_member", "other" or "undecodable".
	Update(kind string)
}

type nopObserver struct{}

func (nopObserver) Sent(briefbot.ChatType, time.Duration) {}
func (nopObserver) SendError(briefbot.SendErrorKind)      {}
func (nopObserver) Update(string)                         {}

// updateKind names an update for Observer.Update.
func updateKind(u *update) string {
	switch {
	case u.Message != nil:
		return "message"
	case u.ChannelPost != nil:
		return "channel_post"
	case u.CallbackQuery != nil:
		return "callback_query"
	case u.MyChatMember != nil:
		return "my_chat_member"
	}
	return "other"
}
