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
