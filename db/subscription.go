package db

import (
	"context"
	"fmt"

	"briefbot"
)

// Subscribe adds a subscription, or updates its mode when it exists. A chat
// not yet known is created (active, type unknown) so that configured
// channels can subscribe before they ever wrote to the bot.
func (db *DB) Subscribe(ctx context.Context, s *briefbot.Subscription) error {
	mode := s.Mode
	if mode == "" {
		mode = briefbot.ModeInstant
	}
	if mode != briefbot.ModeInstant && mode != briefbot.ModeEdition {
		return briefbot.Errorf(briefbot.EINVALID, "Unknown mode %q.", s.Mode)
	}
	created := s.Created
	if created.IsZero() {
		created = db.now()
	}
	var createdTS int64
	err := db.tx(ctx, func(tx *stx) error {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO chats (id, created_at) VALUES (?, ?)`,
			s.ChatID, ts(created)); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `INSERT INTO subscriptions (chat_id, topic, thread_id, mode, created_at, language)
			VALUES (?, ?, ?, ?, ?, (SELECT language FROM chats WHERE id = ?))
			ON CONFLICT (chat_id, topic, thread_id) DO UPDATE SET mode = excluded.mode
			RETURNING created_at`, s.ChatID, s.Topic, s.ThreadID, mode, ts(created), s.ChatID).Scan(&createdTS)
	})
	if err != nil {
		return fmt.Errorf("subscribe %d to %s: %w", s.ChatID, s.Topic, err)
	}
	s.Mode, s.Created = mode, fromTS(createdTS)
	return nil
}

// Unsubscribe removes the chat's subscriptions to topic, in every thread.
func (db *DB) Unsubscribe(ctx context.Context, chatID int64, topic string) error {
	if _, err := db.exec(ctx, `DELETE FROM subscriptions WHERE chat_id = ? AND topic = ?`, chatID, topic); err != nil {
		return fmt.Errorf("unsubscribe %d from %s: %w", chatID, topic, err)
	}
	return nil
}

// Subscriptions returns the chat's subscriptions by topic and thread.
func (db *DB) Subscriptions(ctx context.Context, chatID int64) ([]*briefbot.Subscription, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT chat_id, topic, thread_id, mode, created_at
		FROM subscriptions WHERE chat_id = ? ORDER BY topic, thread_id`, chatID)
	if err != nil {
		return nil, fmt.Errorf("subscriptions of %d: %w", chatID, err)
	}
	defer rows.Close()
	var out []*briefbot.Subscription
	for rows.Next() {
		var s briefbot.Subscription
		var created int64
		if err := rows.Scan(&s.ChatID, &s.Topic, &s.ThreadID, &s.Mode, &created); err != nil {
			return nil, fmt.Errorf("subscriptions of %d: %w", chatID, err)
		}
		s.Created = fromTS(created)
		out = append(out, &s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("subscriptions of %d: %w", chatID, err)
	}
	return out, nil
}
