package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"briefbot"
)

// UpsertChat creates the chat or updates its type, title and timezone (when
// given), and makes it active again. It sets c.CreatedAt and c.Active.
func (db *DB) UpsertChat(ctx context.Context, c *briefbot.Chat) error {
	created := c.CreatedAt
	if created.IsZero() {
		created = db.now()
	}
	var createdTS int64
	err := db.tx(ctx, func(tx *stx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO chats (id, type, title, active, timezone, created_at)
			VALUES (?, ?, ?, 1, ?, ?)
			ON CONFLICT (id) DO UPDATE SET
				type = CASE WHEN excluded.type <> '' THEN excluded.type ELSE type END,
				title = CASE WHEN excluded.title <> '' THEN excluded.title ELSE title END,
				timezone = CASE WHEN excluded.timezone <> '' THEN excluded.timezone ELSE timezone END,
				active = 1, inactive_err = ''
			RETURNING created_at`,
			c.ID, string(c.Type), c.Title, c.Timezone, ts(created)).Scan(&createdTS)
		if err != nil || c.Timezone == "" {
			return err
		}
		return db.requiet(ctx, tx, c.ID) // quiet hours follow the zone
	})
	if err != nil {
		return fmt.Errorf("upsert chat %d: %w", c.ID, err)
	}
	c.Active, c.InactiveErr, c.CreatedAt = true, "", fromTS(createdTS)
	return nil
}

// Chat returns one chat; ENOTFOUND when absent.
func (db *DB) Chat(ctx context.Context, id int64) (*briefbot.Chat, error) {
	var c briefbot.Chat
	var typ string
	var active int
	var created int64
	err := db.sql.QueryRowContext(ctx, `SELECT id, type, title, active, timezone, created_at, inactive_err
		FROM chats WHERE id = ?`, id).Scan(&c.ID, &typ, &c.Title, &active, &c.Timezone, &created, &c.InactiveErr)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, briefbot.Errorf(briefbot.ENOTFOUND, "Chat %d not found.", id)
	} else if err != nil {
		return nil, fmt.Errorf("chat %d: %w", id, err)
	}
	c.Type, c.Active, c.CreatedAt = briefbot.ChatType(typ), active != 0, fromTS(created)
	return &c, nil
}

// DeactivateChat marks the chat inactive with reason and turns its
// unfinished deliveries (pending, failed, sending) dead with the same
// reason, in one transaction. Subscriptions are kept for a later /start.
// A row in flight is killed too, so nothing more is tried; if Telegram
// accepts it after all, MarkSent records it as sent (the mark rule on
// briefbot.DeliveryStore).
func (db *DB) DeactivateChat(ctx context.Context, id int64, reason string) error {
	err := db.tx(ctx, func(tx *stx) error {
		if err := updateChat(ctx, tx, id, `UPDATE chats SET active = 0, inactive_err = ? WHERE id = ?`, reason); err != nil {
			return err
		}
		return killUnsent(ctx, tx, id, reason, db.now())
	})
	if err != nil {
		return fmt.Errorf("deactivate chat %d: %w", id, err)
	}
	return nil
}

// MigrateChat moves a group that became a supergroup to its new id: the new
// chat row (type supergroup, active) takes over subscriptions, settings and
// unfinished deliveries (a sending row stays sending so that its claimer
// can Release it to be resent to the new id) and what its editions showed
// it; the old row becomes inactive.
func (db *DB) MigrateChat(ctx context.Context, from, to int64) error {
	now := ts(db.now())
	reason := fmt.Sprintf("migrated to %d", to)
	err := db.tx(ctx, func(tx *stx) error {
		r, err := tx.ExecContext(ctx, `INSERT INTO chats (id, type, title, active, timezone, language, created_at)
			SELECT ?, 'supergroup', title, 1, timezone, language, ? FROM chats WHERE id = ?
			ON CONFLICT (id) DO UPDATE SET active = 1, inactive_err = '', type = 'supergroup'`, to, now, from)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return briefbot.Errorf(briefbot.ENOTFOUND, "Chat %d not found.", from)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE OR IGNORE subscriptions SET chat_id = ? WHERE chat_id = ?`, to, from); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM subscriptions WHERE chat_id = ?`, from); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO chat_settings
			(chat_id, mode, quiet_start, quiet_end, last_edition_at, quiet_from, quiet_until,
				quiet_silent, paused, link_previews)
			SELECT ?, mode, quiet_start, quiet_end, last_edition_at, quiet_from, quiet_until,
				quiet_silent, paused, link_previews
			FROM chat_settings WHERE chat_id = ?`, to, from); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE OR IGNORE deliveries SET chat_id = ?, updated_at = ?
			WHERE chat_id = ? AND state IN ('pending', 'failed', 'sending')`, to, now, from); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE OR IGNORE edition_stories SET chat_id = ? WHERE chat_id = ?`, to, from); err != nil {
			return err
		}
		// Rows the new id already had (both ids enqueued) are duplicates.
		if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET state = 'dead', last_error = ?, updated_at = ?
			WHERE chat_id = ? AND state IN ('pending', 'failed', 'sending')`, reason, now, from); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE chats SET active = 0, inactive_err = ? WHERE id = ?`, reason, from)
		return err
	})
	if err != nil {
		return fmt.Errorf("migrate chat %d to %d: %w", from, to, err)
	}
	return nil
}

// ChatLanguages returns the languages set by chats subscribed to any of
// topics, in any mode: the languages a story of those topics is wanted
// in. Chats without a language need no more than a story's main brief;
// an inactive chat still counts, which costs at most a spare brief.
func (db *DB) ChatLanguages(ctx context.Context, topics []string) ([]string, error) {
	if len(topics) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(topics)
	if err != nil {
		return nil, err
	}
	// A few seeks in subscriptions_language per language, whatever the
	// number of chats.
	out, err := queryStrings(ctx, db.sql, `SELECT l.value FROM json_each('["en","ja","ru"]') l
		WHERE EXISTS (SELECT 1 FROM subscriptions s INDEXED BY subscriptions_language
			WHERE s.topic IN (SELECT value FROM json_each(?)) AND s.language = l.value AND s.language <> '')`, string(b))
	if err != nil {
		return nil, fmt.Errorf("chat languages: %w", err)
	}
	return out, nil
}
