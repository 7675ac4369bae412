package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"briefbot"
)

var _ briefbot.EditionStore = (*DB)(nil)

// MaxEditionStories bounds one edition: a chat back from a long outage gets
// the newest stories, not a wall of pages.
const MaxEditionStories = 200

// firstEditionLookback is how far back a chat's first edition reaches when
// it has no LastEdition (a configured channel in edition mode).
const firstEditionLookback = 24 * time.Hour

// EditionChats lists the active chats with at least one edition-mode
// subscription, with their timezone and last edition.
func (db *DB) EditionChats(ctx context.Context) ([]briefbot.EditionChat, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT c.id, c.timezone, c.language, coalesce(cs.last_edition_at, 0)
		FROM chats c LEFT JOIN chat_settings cs ON cs.chat_id = c.id
		WHERE c.active = 1 AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.chat_id = c.id AND s.mode = 'edition')
		ORDER BY c.id`)
	if err != nil {
		return nil, fmt.Errorf("edition chats: %w", err)
	}
	defer rows.Close()
	var out []briefbot.EditionChat
	for rows.Next() {
		var c briefbot.EditionChat
		var last int64
		if err := rows.Scan(&c.ChatID, &c.Timezone, &c.Language, &last); err != nil {
			return nil, fmt.Errorf("edition chats: %w", err)
		}
		c.LastEdition = fromTS(last)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("edition chats: %w", err)
	}
	return out, nil
}

// EditionBriefs lists what the chat's edition due at due shows (see
// briefbot.EditionStore), newest first, at most MaxEditionStories, each in
// the chat's language where the story has a brief in it.
func (db *DB) EditionBriefs(ctx context.Context, chatID int64, due time.Time) ([]*briefbot.Brief, error) {
	var last int64
	var lang string
	var paused bool
	err := db.sql.QueryRowContext(ctx, `SELECT coalesce((SELECT last_edition_at FROM chat_settings WHERE chat_id = ?), 0),
		coalesce((SELECT language FROM chats WHERE id = ?), ''),
		coalesce((SELECT paused FROM chat_settings WHERE chat_id = ?), 0)`, chatID, chatID, chatID).Scan(&last, &lang, &paused)
	if err != nil {
		return nil, fmt.Errorf("edition briefs of %d: %w", chatID, err)
	}
	if paused {
		return nil, nil // SaveEdition skips its edition
	}
	since := last
	if since == 0 {
		since = ts(due.Add(-firstEditionLookback))
	}
	// A story the chat has already (a merge can make an older story new
	// again) is left out.
	out, err := db.queryBriefs(ctx, `SELECT `+briefCols+` FROM stories s
		JOIN briefs b ON b.id = s.brief_id
		WHERE s.enqueued_at > ? AND s.enqueued_at <= ?
			AND NOT `+storyOpinion+`
			AND EXISTS (SELECT 1 FROM story_topics t JOIN subscriptions sub
				ON sub.topic = t.topic AND sub.chat_id = ? AND sub.mode = 'edition'
				WHERE t.story_id = s.id)
			AND NOT EXISTS (SELECT 1 FROM edition_stories e WHERE e.chat_id = ? AND e.story_id = s.id)
			AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.chat_id = ? AND d.story_id = s.id)
		ORDER BY b.published DESC, b.id DESC LIMIT ?`, since, ts(due), chatID, chatID, chatID, MaxEditionStories)
	if err == nil {
		out, err = db.inLanguage(ctx, out, lang)
	}
	if err != nil {
		return nil, fmt.Errorf("edition briefs of %d: %w", chatID, err)
	}
	return out, nil
}

// SaveEdition records the chat's edition due at due with the stories it
// lists and its pages, all in one transaction (see briefbot.EditionStore).
// Exactly once: the editions row's unique (chat_id, due_at) is inserted in
// the same transaction as its stories, the ledger rows of its pages and
// the move of last_edition_at, so a job that runs twice, or again after a
// restart, finds the key taken and adds nothing; the ledger then sends each
// page at most once (at least once after a crash mid-send, as for any
// brief). An edition due at or before the chat's last one is not made:
// stories are never listed twice. Pages made while the chat is in its
// quiet hours are due when they end. A paused chat's edition is skipped:
// its last edition moves to due and nothing is recorded.
func (db *DB) SaveEdition(ctx context.Context, chatID int64, due time.Time, stories []int64, pages []string) (bool, error) {
	now := ts(db.now())
	created := false
	err := db.tx(ctx, func(tx *stx) error {
		created = false
		var last, next int64
		var thread sql.NullInt64
		var paused bool
		err := tx.QueryRowContext(ctx, `SELECT coalesce(q.last_edition_at, 0), max(?, `+quietHeld+`),
				(SELECT min(s.thread_id) FROM subscriptions s WHERE s.chat_id = c.id AND s.mode = 'edition'),
				coalesce(q.paused, 0)
			FROM chats c LEFT JOIN chat_settings q ON q.chat_id = c.id
			WHERE c.id = ? AND c.active = 1`, now, now, now, chatID).Scan(&last, &next, &thread, &paused)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && !thread.Valid) {
			return nil // gone, inactive or no longer in edition mode
		} else if err != nil {
			return err
		}
		if last != 0 && ts(due) <= last {
			return nil
		}
		if paused {
			// Skipped, not kept for later: resuming sends nothing missed.
			_, err := tx.ExecContext(ctx, `UPDATE chat_settings SET last_edition_at = ? WHERE chat_id = ?`, ts(due), chatID)
			return err
		}
		var editionID int64
		err = tx.QueryRowContext(ctx, `INSERT INTO editions (chat_id, due_at, thread_id, stories, pages, created_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id, due_at) DO NOTHING RETURNING id`,
			chatID, ts(due), thread.Int64, len(stories), len(pages), now).Scan(&editionID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil // made already
		} else if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO edition_stories (chat_id, story_id, edition_id)
			SELECT ?, s.id, ? FROM stories s WHERE s.id IN (SELECT value FROM json_each(?))`,
			chatID, editionID, jsonInts(stories)); err != nil {
			return err
		}
		for i, html := range pages {
			if _, err := tx.ExecContext(ctx, `INSERT INTO deliveries (chat_id, edition_id, page, html, thread_id,
				state, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
				chatID, editionID, i, html, thread.Int64, next, now, now); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO chat_settings (chat_id, mode, last_edition_at)
			VALUES (?, 'edition', ?)
			ON CONFLICT (chat_id) DO UPDATE SET last_edition_at = max(last_edition_at, excluded.last_edition_at)`,
			chatID, ts(due)); err != nil {
			return err
		}
		created = true
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("save edition of %d at %s: %w", chatID, due.Format(time.RFC3339), err)
	}
	return created, nil
}
