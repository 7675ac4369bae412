package db

import (
	"context"
	"fmt"
	"time"
)

// Rebuilding reports whether the search index is being rebuilt.
func (db *DB) Rebuilding() bool { return db.rebuilding.Load() }

// Edition is one made edition, for tests.
type Edition struct {
	ID      int64
	ChatID  int64
	DueAt   time.Time
	Stories int
	Pages   int
}

// Editions lists the chat's editions, oldest first.
func (db *DB) Editions(ctx context.Context, chatID int64) ([]Edition, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id, chat_id, due_at, stories, pages FROM editions
		WHERE chat_id = ? ORDER BY due_at`, chatID)
	if err != nil {
		return nil, fmt.Errorf("editions of %d: %w", chatID, err)
	}
	defer rows.Close()
	var out []Edition
	for rows.Next() {
		var e Edition
		var due int64
		if err := rows.Scan(&e.ID, &e.ChatID, &due, &e.Stories, &e.Pages); err != nil {
			return nil, fmt.Errorf("editions of %d: %w", chatID, err)
		}
		e.DueAt = fromTS(due)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("editions of %d: %w", chatID, err)
	}
	return out, nil
}
