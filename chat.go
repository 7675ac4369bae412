package briefbot

import (
	"context"
	"time"
)

// ChatType mirrors Telegram's chat types; it decides the pacing of sends.
type ChatType string

// Chat types.
const (
	ChatPrivate    ChatType = "private"
	ChatGroup      ChatType = "group"
	ChatSupergroup ChatType = "supergroup"
	ChatChannel    ChatType = "channel"
	ChatConsole    ChatType = "console" // the built-in stdout chat of console mode
)

// ConsoleChatID is the chat id of the built-in console chat. Telegram never
// issues 0 as a chat id.
const ConsoleChatID int64 = 0

// Chat is a Telegram chat the bot knows.
type Chat struct {
	ID    int64
	Type  ChatType
	Title string // title or username, for admins' eyes only
	// Active is false once Telegram said the bot can no longer write there
	// (blocked, kicked, deactivated, not found); /start or re-adding the bot
	// makes it active again with its subscriptions.
	Active      bool
	Timezone    string // IANA name; empty means the configured default
	CreatedAt   time.Time
	InactiveErr string
}

// ValidChatLanguage checks a language a chat may read briefs in: LangJA,
// LangEN, LangRU, or "" for each story's main language.
func ValidChatLanguage(lang string) error {
	switch lang {
	case "", LangJA, LangEN, LangRU:
		return nil
	}
	return Errorf(EINVALID, "Unknown language %q: use ja, en or ru.", lang).With("error.language", "Lang", lang)
}

// DefaultInterfaceLanguage is the language the bot speaks in a chat that
// has none set (default_language): chats made before languages existed,
// and groups and channels nobody gave one.
const DefaultInterfaceLanguage = LangJA

// LinkPreviews is a chat's choice about link previews under its briefs.
type LinkPreviews int8

// Link preview choices; the zero value follows telegram.link_previews.
const (
	PreviewsDefault LinkPreviews = iota
	PreviewsOn
	PreviewsOff
)

// Show reports whether previews are shown, def being the configured
// default.
func (p LinkPreviews) Show(def bool) bool {
	switch p {
	case PreviewsOn:
		return true
	case PreviewsOff:
		return false
	}
	return def
}

// Delivery modes of a subscription.
const (
	ModeInstant = "instant"
	ModeEdition = "edition"
)

// Subscription links a chat (and optionally a forum thread) to a topic.
type Subscription struct {
	ChatID   int64
	Topic    string
	ThreadID int
	Mode     string // ModeInstant or ModeEdition
	Created  time.Time
}

// ChatStore keeps chats.
type ChatStore interface {
	// UpsertChat creates the chat or updates its type and title, and makes it
	// active again.
	UpsertChat(ctx context.Context, c *Chat) error
	Chat(ctx context.Context, id int64) (*Chat, error) // ENOTFOUND when absent
	// DeactivateChat marks the chat inactive and its unsent deliveries dead,
	// a row in flight included: if Telegram accepts that one after all,
	// MarkSent records it as sent (the mark rule on DeliveryStore).
	DeactivateChat(ctx context.Context, id int64, reason string) error
	// MigrateChat moves a group that became a supergroup to its new id,
	// keeping subscriptions and moving unsent deliveries.
	MigrateChat(ctx context.Context, from, to int64) error
}

// SubscriptionStore keeps subscriptions.
type SubscriptionStore interface {
	Subscribe(ctx context.Context, s *Subscription) error // idempotent
	Unsubscribe(ctx context.Context, chatID int64, topic string) error
	Subscriptions(ctx context.Context, chatID int64) ([]*Subscription, error)
}
