package db

import (
	"context"
	"fmt"
	"time"
)

// ChatCounts answers the chat figures of /stats: all chats, active ones,
// subscriptions of active chats, and active chats subscribed to anything
// (how many messages one brief can cost at most).
func (db *DB) ChatCounts(ctx context.Context) (chats, active, subscriptions, subscribers int, err error) {
	err = db.sql.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM chats),
		(SELECT count(*) FROM chats WHERE active),
		(SELECT count(*) FROM subscriptions s JOIN chats c ON c.id = s.chat_id WHERE c.active),
		(SELECT count(DISTINCT s.chat_id) FROM subscriptions s JOIN chats c ON c.id = s.chat_id WHERE c.active)`).
		Scan(&chats, &active, &subscriptions, &subscribers)
	if err != nil {
		return 0, 0, 0, 0, fmt.Errorf("chat counts: %w", err)
	}
	return chats, active, subscriptions, subscribers, nil
}

// SentSince counts ledger rows sent at or after t. It scans sent rows only
// by their state, which is fine for an admin command.
func (db *DB) SentSince(ctx context.Context, t time.Time) (int, error) {
	var n int
	if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM deliveries WHERE state = 'sent' AND sent_at >= ?`, ts(t)).Scan(&n); err != nil {
		return 0, fmt.Errorf("sent since: %w", err)
	}
	return n, nil
}

// Waits says why unsent messages are not going out now: held by their
// chats' quiet hours, waiting to be retried after a failure or Telegram's
// flood control (with the first retry), and how many chats are paused.
type Waits struct {
	QuietHeld   int
	Retrying    int
	RetryNext   time.Time
	PausedChats int
}

// DeliveryWaits counts the unsent rows due after now by what holds them,
// and the paused chats.
func (db *DB) DeliveryWaits(ctx context.Context, now time.Time) (Waits, error) {
	var w Waits
	var next int64
	err := db.sql.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM deliveries d INDEXED BY deliveries_due JOIN chat_settings q ON q.chat_id = d.chat_id
			WHERE d.state IN ('pending', 'failed') AND d.next_attempt_at > ? AND d.next_attempt_at = q.quiet_until),
		(SELECT count(*) FROM deliveries d INDEXED BY deliveries_due LEFT JOIN chat_settings q ON q.chat_id = d.chat_id
			WHERE d.state IN ('pending', 'failed') AND d.next_attempt_at > ? AND d.next_attempt_at IS NOT q.quiet_until),
		(SELECT coalesce(min(d.next_attempt_at), 0) FROM deliveries d INDEXED BY deliveries_due LEFT JOIN chat_settings q ON q.chat_id = d.chat_id
			WHERE d.state IN ('pending', 'failed') AND d.next_attempt_at > ? AND d.next_attempt_at IS NOT q.quiet_until),
		(SELECT count(*) FROM chat_settings q JOIN chats c ON c.id = q.chat_id WHERE q.paused AND c.active)`,
		ts(now), ts(now), ts(now)).Scan(&w.QuietHeld, &w.Retrying, &next, &w.PausedChats)
	if err != nil {
		return Waits{}, fmt.Errorf("delivery waits: %w", err)
	}
	w.RetryNext = fromTS(next)
	return w, nil
}
