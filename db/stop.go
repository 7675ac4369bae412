package db

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"briefbot"
)

// stopSnapshot is what a /stop removed, stored in chat_stops for its Undo.
type stopSnapshot struct {
	Subscriptions []stoppedSub `json:"subscriptions"`
	// Settings is nil for a chat that never changed one.
	Settings *stoppedSettings `json:"settings,omitempty"`
	Timezone string           `json:"timezone"`
	Language string           `json:"language"`
}

type stoppedSub struct {
	Topic   string `json:"topic"`
	Thread  int    `json:"thread"`
	Mode    string `json:"mode"`
	Created int64  `json:"created"`
}

type stoppedSettings struct {
	Mode       string `json:"mode"`
	QuietStart string `json:"quiet_start"`
	QuietEnd   string `json:"quiet_end"`
	Silent     bool   `json:"silent"`
	Paused     bool   `json:"paused"`
	Previews   int    `json:"previews"`
}

// StopChat unsubscribes the chat from everything and turns its unsent rows
// dead with the reason "stopped", the one in flight included (if Telegram
// accepts it after all, MarkSent records it: the mark rule), in one
// transaction that also keeps a snapshot of its subscriptions and
// settings for UndoStop. It returns how many subscriptions there were.
func (db *DB) StopChat(ctx context.Context, chatID int64, now time.Time) (int, error) {
	var n int
	err := db.tx(ctx, func(tx *stx) error {
		snap, err := readSnapshot(ctx, tx, chatID)
		if err != nil {
			return err
		}
		n = len(snap.Subscriptions)
		b, err := json.Marshal(snap)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO chat_stops (chat_id, stopped_at, snapshot) VALUES (?, ?, ?)
			ON CONFLICT (chat_id) DO UPDATE SET stopped_at = excluded.stopped_at, snapshot = excluded.snapshot`,
			chatID, ts(now), string(b)); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM subscriptions WHERE chat_id = ?`, chatID); err != nil {
			return err
		}
		return killUnsent(ctx, tx, chatID, "stopped", now)
	})
	if err != nil {
		return 0, fmt.Errorf("stop chat %d: %w", chatID, err)
	}
	return n, nil
}

// readSnapshot reads what StopChat keeps; ENOTFOUND for an unknown chat.
func readSnapshot(ctx context.Context, tx *stx, chatID int64) (*stopSnapshot, error) {
	snap := &stopSnapshot{Subscriptions: []stoppedSub{}}
	err := tx.QueryRowContext(ctx, `SELECT timezone, language FROM chats WHERE id = ?`, chatID).
		Scan(&snap.Timezone, &snap.Language)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, briefbot.Errorf(briefbot.ENOTFOUND, "Chat %d not found.", chatID)
	} else if err != nil {
		return nil, err
	}
	var st stoppedSettings
	err = tx.QueryRowContext(ctx, `SELECT mode, quiet_start, quiet_end, quiet_silent, paused, link_previews
		FROM chat_settings WHERE chat_id = ?`, chatID).
		Scan(&st.Mode, &st.QuietStart, &st.QuietEnd, &st.Silent, &st.Paused, &st.Previews)
	switch {
	case err == nil:
		snap.Settings = &st
	case !errors.Is(err, sql.ErrNoRows):
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT topic, thread_id, mode, created_at FROM subscriptions
		WHERE chat_id = ? ORDER BY topic, thread_id`, chatID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var s stoppedSub
		if err := rows.Scan(&s.Topic, &s.Thread, &s.Mode, &s.Created); err != nil {
			return nil, err
		}
		snap.Subscriptions = append(snap.Subscriptions, s)
	}
	return snap, rows.Err()
}

// UndoStop restores the snapshot of the chat's last StopChat, if it was
// taken at most briefbot.StopUndoWindow before now: its subscriptions
// (beside any made since), settings, zone and language. Nothing it missed
// is sent: the rows StopChat killed stay dead, and its next edition lists
// stories from now on. ENOTFOUND when there is no snapshot to restore.
func (db *DB) UndoStop(ctx context.Context, chatID int64, now time.Time) error {
	err := db.tx(ctx, func(tx *stx) error {
		var at int64
		var raw string
		err := tx.QueryRowContext(ctx, `SELECT stopped_at, snapshot FROM chat_stops WHERE chat_id = ?`, chatID).
			Scan(&at, &raw)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && now.Sub(fromTS(at)) > briefbot.StopUndoWindow) {
			return briefbot.Errorf(briefbot.ENOTFOUND, "Nothing to undo.")
		} else if err != nil {
			return err
		}
		var snap stopSnapshot
		if err := json.Unmarshal([]byte(raw), &snap); err != nil {
			return fmt.Errorf("snapshot: %w", err)
		}
		if err := updateChat(ctx, tx, chatID, `UPDATE chats SET timezone = ? WHERE id = ?`, snap.Timezone); err != nil {
			return err
		}
		if st := snap.Settings; st != nil {
			if _, err := tx.ExecContext(ctx, `INSERT INTO chat_settings (chat_id, mode, quiet_start, quiet_end,
					quiet_silent, paused, link_previews, last_edition_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (chat_id) DO UPDATE SET mode = excluded.mode, quiet_start = excluded.quiet_start,
					quiet_end = excluded.quiet_end, quiet_silent = excluded.quiet_silent, paused = excluded.paused,
					link_previews = excluded.link_previews,
					last_edition_at = max(last_edition_at, excluded.last_edition_at)`,
				chatID, st.Mode, st.QuietStart, st.QuietEnd, st.Silent, st.Paused, st.Previews, ts(now)); err != nil {
				return err
			}
		} else if _, err := tx.ExecContext(ctx, `DELETE FROM chat_settings WHERE chat_id = ?`, chatID); err != nil {
			return err
		}
		for _, s := range snap.Subscriptions {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO subscriptions (chat_id, topic, thread_id, mode, created_at)
				VALUES (?, ?, ?, ?, ?)`, chatID, s.Topic, s.Thread, s.Mode, s.Created); err != nil {
				return err
			}
		}
		// The language last: it is copied onto every subscription.
		if err := setLanguage(ctx, tx, chatID, snap.Language); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM chat_stops WHERE chat_id = ?`, chatID); err != nil {
			return err
		}
		return db.requiet(ctx, tx, chatID)
	})
	if err != nil {
		return fmt.Errorf("undo stop of %d: %w", chatID, err)
	}
	return nil
}
