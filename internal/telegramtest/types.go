package telegramtest

import (
	"encoding/json"
	"fmt"
	"time"
)

// Message is a message the bot sent and the server accepted.
type Message struct {
	MessageID int    `json:"message_id"`
	ChatID    int64  `json:"chat_id"`
	ThreadID  int    `json:"message_thread_id,omitempty"`
	Text      string `json:"text"` // as sent, markup included; after edits the current text
	ParseMode string `json:"parse_mode,omitempty"`
	// DisableWebPagePreview records disable_web_page_preview (or
	// link_preview_options.is_disabled).
	DisableWebPagePreview bool `json:"disable_web_page_preview,omitempty"`
	// DisableNotification records disable_notification: the message came
	// without a sound.
	DisableNotification bool            `json:"disable_notification,omitempty"`
	ReplyMarkup         json.RawMessage `json:"reply_markup,omitempty"`
	Edited              int             `json:"edited,omitempty"` // times edited
	At                  time.Time       `json:"at"`               // when accepted, by Options.Now
}

// BotCommand is one entry of setMyCommands.
type BotCommand struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// Stats counts what the server saw.
type Stats struct {
	Requests      int            `json:"requests"`       // every Bot API request
	Sent          int            `json:"sent"`           // sendMessage accepted
	Edited        int            `json:"edited"`         // editMessageText accepted
	Rejected429   int            `json:"rejected_429"`   // answered 429
	RejectedOther int            `json:"rejected_other"` // any other error answer
	ByMethod      map[string]int `json:"by_method"`      // requests per method name
}

// Failure is an error a chat answers with on demand.
type Failure int

// Failure kinds, with Telegram's codes and descriptions.
const (
	FailNone            Failure = iota
	FailBlocked                 // 403 "Forbidden: bot was blocked by the user"
	FailDeactivated             // 403 "Forbidden: user is deactivated"
	FailKicked                  // 403 "Forbidden: bot was kicked from the group chat"
	FailChatNotFound            // 400 "Bad Request: chat not found"
	FailMigrated                // 400 "Bad Request: group chat was upgraded to a supergroup chat" + migrate_to_chat_id
	FailTooManyRequests         // 429 "Too Many Requests: retry after N" + retry_after
	FailServerError             // 500 "Internal Server Error"
	FailBadGateway              // 502 with an HTML body
	FailTimeout                 // the request hangs until the client gives up
	FailNotStarted              // 403 "Forbidden: bot can't initiate conversation with a user"
)

var failureNames = [...]string{
	FailNone:            "none",
	FailBlocked:         "blocked",
	FailDeactivated:     "deactivated",
	FailKicked:          "kicked",
	FailChatNotFound:    "chat_not_found",
	FailMigrated:        "migrated",
	FailTooManyRequests: "too_many_requests",
	FailServerError:     "server_error",
	FailBadGateway:      "bad_gateway",
	FailTimeout:         "timeout",
	FailNotStarted:      "not_started",
}

// String is the failure's name as the control endpoint takes it.
func (f Failure) String() string {
	if f >= 0 && int(f) < len(failureNames) {
		return failureNames[f]
	}
	return fmt.Sprintf("Failure(%d)", int(f))
}

// ParseFailure parses a name such as "blocked" or "too_many_requests".
func ParseFailure(name string) (Failure, error) {
	for i, n := range failureNames {
		if n == name {
			return Failure(i), nil
		}
	}
	return FailNone, fmt.Errorf("unknown failure %q", name)
}

// Telegram's JSON objects, trimmed to what bots read.

type user struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name"`
	Username     string `json:"username,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
}

type chatJSON struct {
	ID        int64  `json:"id"`
	Type      string `json:"type"`
	Title     string `json:"title,omitempty"`
	Username  string `json:"username,omitempty"`
	FirstName string `json:"first_name,omitempty"`
}

type entityJSON struct {
	Type     string `json:"type"`
	Offset   int    `json:"offset"`
	Length   int    `json:"length"`
	URL      string `json:"url,omitempty"`
	Language string `json:"language,omitempty"`
	EmojiID  string `json:"custom_emoji_id,omitempty"`
}

type messageJSON struct {
	MessageID   int             `json:"message_id"`
	ThreadID    int             `json:"message_thread_id,omitempty"`
	From        *user           `json:"from,omitempty"`
	SenderChat  *chatJSON       `json:"sender_chat,omitempty"`
	Chat        chatJSON        `json:"chat"`
	Date        int64           `json:"date"`
	EditDate    int64           `json:"edit_date,omitempty"`
	Text        string          `json:"text"`
	Entities    []entityJSON    `json:"entities,omitempty"`
	ReplyMarkup json.RawMessage `json:"reply_markup,omitempty"`
	// A forwarded post: forward_origin since Bot API 7.0, the older
	// forward_from_chat and forward_from_message_id before it.
	ForwardOrigin        *originJSON `json:"forward_origin,omitempty"`
	ForwardFromChat      *chatJSON   `json:"forward_from_chat,omitempty"`
	ForwardFromMessageID int         `json:"forward_from_message_id,omitempty"`
	ForwardDate          int64       `json:"forward_date,omitempty"`
}

// originJSON is a MessageOriginChannel.
type originJSON struct {
	Type      string   `json:"type"`
	Date      int64    `json:"date"`
	Chat      chatJSON `json:"chat"`
	MessageID int      `json:"message_id"`
}

type callbackJSON struct {
	ID           string       `json:"id"`
	From         user         `json:"from"`
	Message      *messageJSON `json:"message,omitempty"`
	ChatInstance string       `json:"chat_instance"`
	Data         string       `json:"data,omitempty"`
}

type chatMemberJSON struct {
	User   user   `json:"user"`
	Status string `json:"status"`
}

type chatMemberUpdatedJSON struct {
	Chat          chatJSON       `json:"chat"`
	From          user           `json:"from"`
	Date          int64          `json:"date"`
	OldChatMember chatMemberJSON `json:"old_chat_member"`
	NewChatMember chatMemberJSON `json:"new_chat_member"`
}

type updateJSON struct {
	UpdateID      int                    `json:"update_id"`
	Message       *messageJSON           `json:"message,omitempty"`
	ChannelPost   *messageJSON           `json:"channel_post,omitempty"`
	CallbackQuery *callbackJSON          `json:"callback_query,omitempty"`
	MyChatMember  *chatMemberUpdatedJSON `json:"my_chat_member,omitempty"`
}
