package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

const (
	// updatesKept is how long a handled update's id is remembered: Telegram
	// keeps an unconfirmed update 24 hours at most, so any redelivery comes
	// sooner.
	updatesKept = 48 * time.Hour
	// updatesRestart: after a week without updates Telegram may number the
	// next one at random, below the ids seen before; ids remembered from
	// longer ago than this are forgotten so that they cannot hide new ones.
	updatesRestart = 6 * 24 * time.Hour
	// updatesPruneEvery spaces the pruning of old ids.
	updatesPruneEvery = time.Hour
)

// ClaimUpdate records that the bot is handling the Telegram update id and
// reports whether it is new: false for an update handled before (a webhook
// call Telegram retried, a getUpdates batch fetched again after a restart)
// and for one older than every id remembered, which Telegram can no longer
// hold. The record is committed before the update is handled.
func (db *DB) ClaimUpdate(ctx context.Context, id int) (bool, error) {
	now := db.now()
	fresh := false
	err := db.tx(ctx, func(tx *stx) error {
		var newestAt int64
		err := tx.QueryRowContext(ctx, `SELECT received_at FROM bot_updates ORDER BY update_id DESC LIMIT 1`).Scan(&newestAt)
		switch {
		case errors.Is(err, sql.ErrNoRows):
		case err != nil:
			return err
		case now.Sub(fromTS(newestAt)) > updatesRestart:
			if _, err := tx.ExecContext(ctx, `DELETE FROM bot_updates`); err != nil {
				return err
			}
		default:
			var oldest int64
			if err := tx.QueryRowContext(ctx, `SELECT min(update_id) FROM bot_updates`).Scan(&oldest); err != nil {
				return err
			}
			if int64(id) < oldest {
				return nil
			}
		}
		r, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO bot_updates (update_id, received_at) VALUES (?, ?)`, id, ts(now))
		if err != nil {
			return err
		}
		n, _ := r.RowsAffected()
		fresh = n == 1
		if fresh && now.Sub(time.UnixMicro(db.updatesPruned.Load())) >= updatesPruneEvery {
			// The newest id always stays: it is what "older" is measured by.
			if _, err := tx.ExecContext(ctx, `DELETE FROM bot_updates WHERE received_at < ? AND update_id < ?`,
				ts(now.Add(-updatesKept)), id); err != nil {
				return err
			}
			db.updatesPruned.Store(now.UnixMicro())
		}
		return nil
	})
	if err != nil {
		return false, fmt.Errorf("claim update %d: %w", id, err)
	}
	return fresh, nil
}
