package db

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"briefbot"
)

// quietHeld is the instant a chat's quiet hours hold its rows until at the
// time bound to its two parameters, 0 when they hold nothing (none now, or
// the chat asked for silent messages instead); it reads chat_settings as q.
// Rows made while a chat is quiet are created due at that instant, and a
// claim moves the ones it meets there, so that a row held by quiet hours
// waits out of the due index instead of being claimed and released again.
const quietHeld = `CASE WHEN q.quiet_silent = 0 AND q.quiet_from <= ? AND ? < q.quiet_until THEN q.quiet_until ELSE 0 END`

// quietSilent is 1 when the chat read as q is in its quiet hours at the
// time bound to its two parameters and asked for silent messages then.
const quietSilent = `coalesce(q.quiet_silent <> 0 AND q.quiet_from <= ? AND ? < q.quiet_until, 0)`

// zone is the location of a chat's timezone name: the configured default
// when the name is empty or unknown.
func (db *DB) zone(name string) *time.Location {
	def := db.opts.Location
	if def == nil {
		def = time.UTC
	}
	if name == "" {
		return def
	}
	if l, ok := db.tzs.Load(name); ok {
		return l.(*time.Location)
	}
	l, err := time.LoadLocation(name)
	if err != nil {
		l = def
	}
	db.tzs.Store(name, l)
	return l
}

// advanceQuiet moves every quiet span that ended at or before now to the
// chat's next quiet hours. It runs at the start of each claim, so a span is
// never more than one claim out of date.
func (db *DB) advanceQuiet(ctx context.Context, tx *stx, now time.Time) error {
	rows, err := tx.QueryContext(ctx, `SELECT cs.chat_id, coalesce(c.timezone, ''), cs.quiet_start, cs.quiet_end
		FROM chat_settings cs INDEXED BY chat_settings_quiet_until LEFT JOIN chats c ON c.id = cs.chat_id
		WHERE cs.quiet_start <> '' AND cs.quiet_until <= ?`, ts(now))
	if err != nil {
		return err
	}
	type stale struct {
		chat int64
		tz   string
		q    briefbot.QuietHours
	}
	var list []stale
	for rows.Next() {
		var s stale
		if err := rows.Scan(&s.chat, &s.tz, &s.q.Start, &s.q.End); err != nil {
			rows.Close()
			return err
		}
		list = append(list, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, s := range list {
		from, until := s.q.Span(now, db.zone(s.tz))
		if until.IsZero() {
			// Unreadable hours hold nothing; look again in a day.
			until = now.Add(24 * time.Hour)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE chat_settings SET quiet_from = ?, quiet_until = ? WHERE chat_id = ?`,
			ts(from), ts(until), s.chat); err != nil {
			return err
		}
	}
	return nil
}

// requiet recomputes the chat's quiet span after its hours, its zone or
// what they do changed. Rows the old span held move with it: to the end of
// the new quiet hours when these hold now (and hold rather than silence),
// else they are due at once.
func (db *DB) requiet(ctx context.Context, tx *stx, chatID int64) error {
	now := db.now()
	var tz string
	var q briefbot.QuietHours
	var oldUntil int64
	var silent bool
	err := tx.QueryRowContext(ctx, `SELECT coalesce(c.timezone, ''), cs.quiet_start, cs.quiet_end, cs.quiet_until,
			cs.quiet_silent
		FROM chat_settings cs LEFT JOIN chats c ON c.id = cs.chat_id WHERE cs.chat_id = ?`, chatID).
		Scan(&tz, &q.Start, &q.End, &oldUntil, &silent)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // no settings: no quiet hours
	} else if err != nil {
		return err
	}
	from, until := q.Span(now, db.zone(tz))
	if _, err := tx.ExecContext(ctx, `UPDATE chat_settings SET quiet_from = ?, quiet_until = ? WHERE chat_id = ?`,
		ts(from), ts(until), chatID); err != nil {
		return err
	}
	if oldUntil <= ts(now) || oldUntil == ts(until) {
		return nil
	}
	next := now
	if held, quiet := q.Until(now, db.zone(tz)); quiet && !silent {
		next = held
	}
	_, err = tx.ExecContext(ctx, `UPDATE deliveries SET next_attempt_at = ?, updated_at = ?
		WHERE chat_id = ? AND state IN ('pending', 'failed') AND next_attempt_at = ?`,
		ts(next), ts(now), chatID, oldUntil)
	return err
}
