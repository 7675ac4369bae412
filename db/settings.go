package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"briefbot"
)

var _ briefbot.ChatSettingsStore = (*DB)(nil)

// ChatSettings returns the chat's settings; a chat that never changed one
// gets the defaults, with the mode read off its subscriptions (a configured
// channel may be in edition mode without a settings row).
func (db *DB) ChatSettings(ctx context.Context, chatID int64) (*briefbot.ChatSettings, error) {
	s := &briefbot.ChatSettings{ChatID: chatID}
	var mode sql.NullString
	var qs, qe sql.NullString
	var last sql.NullInt64
	var anyEdition int
	err := db.sql.QueryRowContext(ctx, `SELECT c.timezone, cs.mode, cs.quiet_start, cs.quiet_end, cs.last_edition_at,
			EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = c.id AND s.mode = 'edition')
		FROM chats c LEFT JOIN chat_settings cs ON cs.chat_id = c.id WHERE c.id = ?`, chatID).
		Scan(&s.Timezone, &mode, &qs, &qe, &last, &anyEdition)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, briefbot.Errorf(briefbot.ENOTFOUND, "Chat %d not found.", chatID)
	} else if err != nil {
		return nil, fmt.Errorf("chat settings %d: %w", chatID, err)
	}
	s.Mode = briefbot.ModeInstant
	switch {
	case mode.Valid:
		s.Mode = mode.String
	case anyEdition != 0:
		s.Mode = briefbot.ModeEdition
	}
	s.Quiet = briefbot.QuietHours{Start: qs.String, End: qe.String}
	s.LastEdition = fromTS(last.Int64)
	return s, nil
}

// settingsRow makes sure the chat has a settings row, so that the UPDATE
// that follows has something to change; ENOTFOUND for an unknown chat.
func settingsRow(ctx context.Context, tx *stx, chatID int64) error {
	r, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO chat_settings (chat_id, mode)
		SELECT id, CASE WHEN EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = chats.id AND s.mode = 'edition')
			THEN 'edition' ELSE 'instant' END
		FROM chats WHERE id = ?`, chatID)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n > 0 {
		return nil
	}
	var one int
	err = tx.QueryRowContext(ctx, `SELECT 1 FROM chats WHERE id = ?`, chatID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return briefbot.Errorf(briefbot.ENOTFOUND, "Chat %d not found.", chatID)
	}
	return err
}

// SetChatMode sets the mode of all the chat's subscriptions and of those it
// makes later. Switching to editions (from instant) starts the next
// edition's list at now, so the first edition does not repeat briefs the
// chat already got one by one.
func (db *DB) SetChatMode(ctx context.Context, chatID int64, mode string, now time.Time) error {
	if mode != briefbot.ModeInstant && mode != briefbot.ModeEdition {
		return briefbot.Errorf(briefbot.EINVALID, "Unknown mode %q.", mode)
	}
	err := db.tx(ctx, func(tx *stx) error {
		if err := settingsRow(ctx, tx, chatID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE chat_settings SET
				last_edition_at = CASE WHEN ? = 'edition' AND mode <> 'edition' THEN ? ELSE last_edition_at END,
				mode = ?
			WHERE chat_id = ?`, mode, ts(now), mode, chatID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE subscriptions SET mode = ? WHERE chat_id = ?`, mode, chatID)
		return err
	})
	if err != nil {
		return fmt.Errorf("set mode of %d: %w", chatID, err)
	}
	return nil
}

// SetChatTimezone sets the chat's IANA timezone; "" returns it to the
// configured default. Quiet hours follow the zone: rows they held wait for
// their end in the new zone.
func (db *DB) SetChatTimezone(ctx context.Context, chatID int64, tz string) error {
	if tz != "" {
		if err := briefbot.ValidTimezone(tz); err != nil {
			return err
		}
	}
	err := db.tx(ctx, func(tx *stx) error {
		r, err := tx.ExecContext(ctx, `UPDATE chats SET timezone = ? WHERE id = ?`, tz, chatID)
		if err != nil {
			return err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return briefbot.Errorf(briefbot.ENOTFOUND, "Chat %d not found.", chatID)
		}
		return db.requiet(ctx, tx, chatID)
	})
	if err != nil {
		return fmt.Errorf("set timezone of %d: %w", chatID, err)
	}
	return nil
}

// SetQuietHours sets the chat's quiet hours; a zero QuietHours removes
// them. Rows the old hours held are due at once, or when the new hours
// end if these hold now.
func (db *DB) SetQuietHours(ctx context.Context, chatID int64, q briefbot.QuietHours) error {
	if q.None() {
		q = briefbot.QuietHours{}
	} else if _, err := briefbot.ParseQuietHours(q.Start + "-" + q.End); err != nil {
		return err
	}
	err := db.tx(ctx, func(tx *stx) error {
		if err := settingsRow(ctx, tx, chatID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE chat_settings SET quiet_start = ?, quiet_end = ? WHERE chat_id = ?`,
			q.Start, q.End, chatID); err != nil {
			return err
		}
		return db.requiet(ctx, tx, chatID)
	})
	if err != nil {
		return fmt.Errorf("set quiet hours of %d: %w", chatID, err)
	}
	return nil
}

// UnsubscribeAll removes every subscription of the chat, in every thread.
func (db *DB) UnsubscribeAll(ctx context.Context, chatID int64) (int, error) {
	r, err := db.exec(ctx, `DELETE FROM subscriptions WHERE chat_id = ?`, chatID)
	if err != nil {
		return 0, fmt.Errorf("unsubscribe all of %d: %w", chatID, err)
	}
	n, _ := r.RowsAffected()
	return int(n), nil
}

// ForgetChat deletes everything stored about the chat in one transaction:
// its ledger rows (sent history included), editions, subscriptions,
// settings and the chat row. A row being sent right now is deleted too; its
// MarkSent then finds nothing (ENOTFOUND), which the dispatcher logs.
// Forgetting an unknown chat is not an error.
func (db *DB) ForgetChat(ctx context.Context, chatID int64) error {
	err := db.tx(ctx, func(tx *stx) error {
		for _, q := range []string{
			`DELETE FROM deliveries WHERE chat_id = ?`,
			`DELETE FROM editions WHERE chat_id = ?`,
			`DELETE FROM subscriptions WHERE chat_id = ?`,
			`DELETE FROM chat_settings WHERE chat_id = ?`,
			`DELETE FROM chats WHERE id = ?`,
		} {
			if _, err := tx.ExecContext(ctx, q, chatID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("forget chat %d: %w", chatID, err)
	}
	return nil
}
