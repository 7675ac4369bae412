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
	var silent, paused sql.NullBool
	var previews sql.NullInt64
	err := db.sql.QueryRowContext(ctx, `SELECT c.timezone, c.language, cs.mode, cs.quiet_start, cs.quiet_end,
			cs.last_edition_at, EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = c.id AND s.mode = 'edition'),
			cs.quiet_silent, cs.paused, cs.link_previews
		FROM chats c LEFT JOIN chat_settings cs ON cs.chat_id = c.id WHERE c.id = ?`, chatID).
		Scan(&s.Timezone, &s.Language, &mode, &qs, &qe, &last, &anyEdition, &silent, &paused, &previews)
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
	s.QuietSilent, s.Paused = silent.Bool, paused.Bool
	s.LinkPreviews = briefbot.LinkPreviews(previews.Int64)
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
		if err := updateChat(ctx, tx, chatID, `UPDATE chats SET timezone = ? WHERE id = ?`, tz); err != nil {
			return err
		}
		return db.requiet(ctx, tx, chatID)
	})
	if err != nil {
		return fmt.Errorf("set timezone of %d: %w", chatID, err)
	}
	return nil
}

// SetChatLanguage sets the language the chat reads briefs in; "" gives
// each story in its main language. Rows not yet sent take it when claimed;
// their stories that have no brief in it yet are marked for a render, so
// that one made before the send is sent (a story with no report in the
// language keeps its main brief).
func (db *DB) SetChatLanguage(ctx context.Context, chatID int64, lang string) error {
	if err := briefbot.ValidChatLanguage(lang); err != nil {
		return err
	}
	err := db.tx(ctx, func(tx *stx) error { return setLanguage(ctx, tx, chatID, lang) })
	if err != nil {
		return fmt.Errorf("set language of %d: %w", chatID, err)
	}
	return nil
}

// setLanguage is SetChatLanguage inside tx.
func setLanguage(ctx context.Context, tx *stx, chatID int64, lang string) error {
	if err := updateChat(ctx, tx, chatID, `UPDATE chats SET language = ? WHERE id = ?`, lang); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE subscriptions SET language = ? WHERE chat_id = ?`, lang, chatID); err != nil {
		return err
	}
	if lang == "" {
		return nil
	}
	_, err := tx.ExecContext(ctx, `UPDATE stories SET briefed_version = -1 WHERE brief_id IS NOT NULL
		AND id IN (SELECT d.story_id FROM deliveries d WHERE d.chat_id = ? AND d.state IN ('pending', 'failed')
			AND NOT EXISTS (SELECT 1 FROM briefs b WHERE b.story_id = d.story_id AND b.language = ?))`,
		chatID, lang)
	return err
}

// updateChat runs query, an UPDATE of the chat whose id is its last
// placeholder; ENOTFOUND when there is no such chat.
func updateChat(ctx context.Context, tx *stx, chatID int64, query string, args ...any) error {
	r, err := tx.ExecContext(ctx, query, append(args, chatID)...)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return briefbot.Errorf(briefbot.ENOTFOUND, "Chat %d not found.", chatID)
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

// SetQuietSilent chooses what the chat's quiet hours do: silent messages
// (true) or held ones. Turning silence on makes the rows they hold now due
// at once; turning it off leaves the next claim to hold what is due.
func (db *DB) SetQuietSilent(ctx context.Context, chatID int64, silent bool) error {
	err := db.tx(ctx, func(tx *stx) error {
		if err := settingsRow(ctx, tx, chatID); err != nil {
			return err
		}
		var until int64
		if err := tx.QueryRowContext(ctx, `UPDATE chat_settings SET quiet_silent = ? WHERE chat_id = ?
			RETURNING quiet_until`, silent, chatID).Scan(&until); err != nil {
			return err
		}
		if !silent {
			return nil
		}
		now := ts(db.now())
		_, err := tx.ExecContext(ctx, `UPDATE deliveries SET next_attempt_at = ?, updated_at = ?
			WHERE chat_id = ? AND state IN ('pending', 'failed') AND next_attempt_at = ? AND ? > ?`,
			now, now, chatID, until, until, now)
		return err
	})
	if err != nil {
		return fmt.Errorf("set quiet silence of %d: %w", chatID, err)
	}
	return nil
}

// SetLinkPreviews sets the chat's choice about link previews.
func (db *DB) SetLinkPreviews(ctx context.Context, chatID int64, p briefbot.LinkPreviews) error {
	if p < briefbot.PreviewsDefault || p > briefbot.PreviewsOff {
		return briefbot.Errorf(briefbot.EINVALID, "Unknown link preview choice %d.", p)
	}
	err := db.tx(ctx, func(tx *stx) error {
		if err := settingsRow(ctx, tx, chatID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `UPDATE chat_settings SET link_previews = ? WHERE chat_id = ?`, p, chatID)
		return err
	})
	if err != nil {
		return fmt.Errorf("set link previews of %d: %w", chatID, err)
	}
	return nil
}

// SetPaused pauses or resumes the chat. Pausing turns its unsent rows dead
// with the reason "paused", the one in flight included (if Telegram
// accepts it after all, MarkSent records it: the mark rule), and from then
// on EnqueueStory and SaveEdition pass the chat over. Resuming starts its
// next edition's list at now, so that nothing it missed is sent.
func (db *DB) SetPaused(ctx context.Context, chatID int64, paused bool, now time.Time) error {
	err := db.tx(ctx, func(tx *stx) error {
		if err := settingsRow(ctx, tx, chatID); err != nil {
			return err
		}
		if !paused {
			_, err := tx.ExecContext(ctx, `UPDATE chat_settings SET paused = 0,
				last_edition_at = max(last_edition_at, ?) WHERE chat_id = ?`, ts(now), chatID)
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE chat_settings SET paused = 1 WHERE chat_id = ?`, chatID); err != nil {
			return err
		}
		return killUnsent(ctx, tx, chatID, "paused", now)
	})
	if err != nil {
		return fmt.Errorf("set paused of %d: %w", chatID, err)
	}
	return nil
}

// killUnsent turns the chat's unsent rows dead with reason, the one in
// flight included, as DeactivateChat does.
func killUnsent(ctx context.Context, tx *stx, chatID int64, reason string, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE deliveries SET state = 'dead', last_error = ?, updated_at = ?
		WHERE chat_id = ? AND state IN ('pending', 'failed', 'sending')`, reason, ts(now), chatID)
	return err
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
			`DELETE FROM edition_stories WHERE chat_id = ?`,
			`DELETE FROM editions WHERE chat_id = ?`,
			`DELETE FROM subscriptions WHERE chat_id = ?`,
			`DELETE FROM chat_stops WHERE chat_id = ?`,
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
