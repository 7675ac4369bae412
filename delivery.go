package briefbot

import (
	"context"
	"fmt"
	"time"
)

// DeliveryState is the state of one (chat, story) row of the ledger:
// pending → sending → sent | failed (retried at NextAttemptAt) | dead.
type DeliveryState string

// Ledger states.
const (
	DeliveryPending DeliveryState = "pending"
	DeliverySending DeliveryState = "sending"
	DeliverySent    DeliveryState = "sent"
	DeliveryFailed  DeliveryState = "failed"
	DeliveryDead    DeliveryState = "dead"
)

// Delivery is one ledger row, joined with what sending it needs.
type Delivery struct {
	ID       int64
	ChatID   int64
	ChatType ChatType
	ThreadID int
	StoryID  int64 // 0 for an edition page
	// BriefID is the brief Claim chose: the story's in the chat's language,
	// else its main one.
	BriefID int64
	HTML    string // that brief's current HTML, filled by Claim
	// Silent is set by Claim on a row of a chat in its quiet hours that
	// asked for silent messages rather than held ones.
	Silent bool
	// LinkPreviews is the chat's choice, filled by Claim.
	LinkPreviews  LinkPreviews
	State         DeliveryState
	Attempts      int
	NextAttemptAt time.Time
	LastError     string
	MessageID     int
	SentAt        time.Time
	CreatedAt     time.Time
}

// DeliveryStats counts ledger rows by state.
type DeliveryStats map[DeliveryState]int

// ClaimRequest asks the ledger for rows to send now.
type ClaimRequest struct {
	Now   time.Time
	Limit int
	// NotDue are chats that must get nothing now: their pacing slot is
	// later, or one of their rows is still in flight. Their rows are left
	// as they are, neither claimed nor moved.
	NotDue []int64
}

// DeliveryStore is the durable ledger.
//
// The mark rule: Telegram's answer is the truth. MarkSent records a send
// Telegram accepted whatever became of the row meanwhile (a chat
// deactivated or stopped while the message was on the wire still got it);
// only a row already sent keeps its first record, and a deleted row stays
// deleted. Every other mark (MarkFailed, MarkDead, Release) applies to a
// row still in sending and leaves any other row alone, so that it never
// undoes what happened meanwhile. Marks made by several goroutines at once
// may be committed together; each call returns once its own mark is
// durable.
type DeliveryStore interface {
	// EnqueueStory fans a story out to every active chat subscribed
	// (instant mode) to any of its topics, once per chat, and marks the story
	// enqueued, all in one transaction. A story already enqueued adds
	// nothing, and a chat that already has the story (a row for it, or an
	// edition that listed it) gets nothing: one row per (chat, story).
	EnqueueStory(ctx context.Context, storyID int64) (int, error)
	// Claim moves up to Limit due rows (pending, or failed whose
	// NextAttemptAt ≤ Now) to sending and returns them in due order
	// (NextAttemptAt, then id): at most one per chat, none of a chat in
	// NotDue. A row whose chat is in its quiet hours is not claimed: it is
	// made due when they end, unless the chat asked for silent messages
	// then: such a row is claimed with Silent set. Fewer than Limit rows
	// means no more are due.
	// A story's text is chosen now, not at enqueue: its brief in the chat's
	// language (else its main one), as last re-rendered.
	Claim(ctx context.Context, req ClaimRequest) ([]*Delivery, error)
	// MarkSent records a send Telegram accepted (see the mark rule).
	MarkSent(ctx context.Context, id int64, messageID int, at time.Time) error
	// MarkFailed records an attempt that may be retried at next; a row whose
	// attempts reach the maximum becomes dead instead.
	MarkFailed(ctx context.Context, id int64, errText string, next time.Time) error
	MarkDead(ctx context.Context, id int64, errText string) error
	// Release returns a claimed row to pending without counting an attempt
	// (shutdown, or a wait imposed by Telegram's retry_after).
	Release(ctx context.Context, id int64, next time.Time) error
	// RecoverSending returns rows left in sending by a crash to pending. It is
	// called once at start-up, before any Claim.
	RecoverSending(ctx context.Context) (int, error)
	DeliveryStats(ctx context.Context) (DeliveryStats, error)
}

// OutMessage is one message to send.
type OutMessage struct {
	ChatID   int64
	ThreadID int
	Text     string
	HTML     bool // Text is Telegram HTML; false sends it as plain text
	// Silent sends without a notification sound (disable_notification).
	Silent bool
	// LinkPreviews is the chat's choice; the default follows the bot's
	// configuration.
	LinkPreviews LinkPreviews
}

// Sender sends one message and returns Telegram's message_id. Errors it
// returns are *SendError when the cause is known.
type Sender interface {
	Send(ctx context.Context, m OutMessage) (messageID int, err error)
}

// SendErrorKind classifies a failed send by what the ledger must do next.
type SendErrorKind int

// Send error kinds.
const (
	SendTransient   SendErrorKind = iota // 5xx, timeout, connection: back off and retry
	SendRateLimited                      // 429: wait RetryAfter, then retry
	SendChatGone                         // blocked, kicked, deactivated, chat not found
	SendMigrated                         // group upgraded: resend to MigrateTo
	SendBadMarkup                        // can't parse entities: resend as plain text
	SendTooLong                          // message is too long: split and resend
	SendPermanent                        // any other 4xx: dead
)

// SendError is a classified send failure.
type SendError struct {
	Kind        SendErrorKind
	Code        int // Telegram error_code or HTTP status, 0 for network errors
	Description string
	RetryAfter  time.Duration
	MigrateTo   int64
	Err         error
}

// Error implements error.
func (e *SendError) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("send: %d %s: %v", e.Code, e.Description, e.Err)
	}
	return fmt.Sprintf("send: %d %s", e.Code, e.Description)
}

// Unwrap returns the underlying error.
func (e *SendError) Unwrap() error { return e.Err }
