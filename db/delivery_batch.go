package db

import (
	"context"
	"fmt"

	"briefbot"
)

// MarkSentBatch records many accepted sends in one transaction. The
// dispatcher uses it when several workers finish at once: a commit (one WAL
// append and fsync point) per batch instead of per message is what keeps the
// ledger far above Telegram's ceiling. Each row keeps its own message_id and
// sent_at; a row no longer in sending (recovered meanwhile) is left alone.
func (db *DB) MarkSentBatch(ctx context.Context, rows []*briefbot.Delivery) error {
	if len(rows) == 0 {
		return nil
	}
	now := ts(db.now())
	err := db.tx(ctx, func(tx *stx) error {
		st, err := tx.stmt(ctx, `UPDATE deliveries SET state = 'sent', message_id = ?, sent_at = ?,
			attempts = attempts + 1, last_error = '', updated_at = ? WHERE id = ? AND state = 'sending'`)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if _, err := st.ExecContext(ctx, r.MessageID, ts(r.SentAt), now, r.ID); err != nil {
				return fmt.Errorf("delivery %d: %w", r.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("mark sent batch: %w", err)
	}
	return nil
}
