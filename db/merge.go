package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"briefbot"
)

// mergeAll applies merges in order and returns the surviving stories'
// ids. A merge into a story that an earlier merge of the same batch
// absorbed goes to that story's survivor.
func (db *DB) mergeAll(ctx context.Context, tx *stx, merges []briefbot.StoryMerge) ([]int64, error) {
	into := make(map[int64]int64, len(merges))
	root := func(id int64) int64 {
		for into[id] != 0 {
			id = into[id]
		}
		return id
	}
	var survivors []int64
	seen := map[int64]bool{}
	for _, m := range merges {
		to := root(m.Into)
		if m.From == to || into[m.From] != 0 {
			continue
		}
		if err := db.mergeTx(ctx, tx, to, m.From); err != nil {
			return nil, fmt.Errorf("merge story %d into %d: %w", m.From, to, err)
		}
		into[m.From] = to
		if !seen[to] {
			seen[to] = true
			survivors = append(survivors, to)
		}
	}
	out := survivors[:0]
	for _, id := range survivors {
		if into[id] == 0 {
			out = append(out, id)
		}
	}
	return out, nil
}

// deliveryRank orders a chat's two rows of merged stories by what the chat
// already got: the row that says more is kept.
const deliveryRank = `CASE %[1]s.state WHEN 'sent' THEN 3 WHEN 'sending' THEN 2 WHEN 'dead' THEN 0 ELSE 1 END`

// mergeTx folds story from into story into, in the caller's transaction:
//
//   - items and topics move, and into's briefs become stale;
//   - the ledger keeps one row per chat: a chat with a row for only one of
//     the two keeps it, now for into; a chat with rows for both keeps the
//     one that went further (sent, then sending, then unsent, then dead; a
//     tie keeps into's), so an unsent row of one is cancelled when the
//     chat has the other, and a chat that got either never gets the other;
//   - the editions that listed from list into, and a chat that an edition
//     showed either story gets no row of it one by one;
//   - when both were fanned out, into counts as fanned out at the later
//     time, so that an edition chat that saw neither still gets it;
//   - from's briefs and search rows go, and from itself.
func (db *DB) mergeTx(ctx context.Context, tx *stx, into, from int64) error {
	var enq, enqAt, pub, seen, last int64
	err := tx.QueryRowContext(ctx, `SELECT enqueued, enqueued_at, first_published, first_seen, last_seen
		FROM stories WHERE id = ?`, from).Scan(&enq, &enqAt, &pub, &seen, &last)
	if errors.Is(err, sql.ErrNoRows) {
		return briefbot.Errorf(briefbot.ENOTFOUND, "Story %d not found.", from)
	} else if err != nil {
		return err
	}
	// The clustering's own values of the survivor follow (saveStoryTx);
	// these keep it right on its own.
	r, err := tx.ExecContext(ctx, `UPDATE stories SET
			items_version = items_version + 1,
			first_published = CASE WHEN first_published = 0 OR (?1 <> 0 AND ?1 < first_published)
				THEN ?1 ELSE first_published END,
			first_seen = CASE WHEN first_seen = 0 OR (?2 <> 0 AND ?2 < first_seen) THEN ?2 ELSE first_seen END,
			last_seen = max(last_seen, ?3),
			enqueued_at = CASE WHEN enqueued = 1 AND ?4 = 1 THEN max(enqueued_at, ?5) ELSE enqueued_at END
		WHERE id = ?6`, pub, seen, last, enq, enqAt, into)
	if err != nil {
		return err
	}
	if n, _ := r.RowsAffected(); n == 0 {
		return briefbot.Errorf(briefbot.ENOTFOUND, "Story %d not found.", into)
	}
	now := ts(db.now())
	for _, q := range []struct {
		sql  string
		args []any
	}{
		{`UPDATE items SET story_id = ? WHERE story_id = ?`, []any{into, from}},
		{`INSERT OR IGNORE INTO story_topics (story_id, topic, pos)
			SELECT ?, topic, pos + (SELECT coalesce(max(pos) + 1, 0) FROM story_topics WHERE story_id = ?)
			FROM story_topics WHERE story_id = ?`, []any{into, into, from}},
		{fmt.Sprintf(`DELETE FROM deliveries WHERE id IN (
			SELECT CASE WHEN %s > %s THEN i.id ELSE f.id END
			FROM deliveries f JOIN deliveries i ON i.chat_id = f.chat_id AND i.story_id = ?
			WHERE f.story_id = ?)`, fmt.Sprintf(deliveryRank, "f"), fmt.Sprintf(deliveryRank, "i")),
			[]any{into, from}},
		{`UPDATE deliveries SET story_id = ?, updated_at = ? WHERE story_id = ?`, []any{into, now, from}},
		{`UPDATE OR IGNORE edition_stories SET story_id = ? WHERE story_id = ?`, []any{into, from}},
		{`DELETE FROM deliveries WHERE story_id = ? AND state IN ('pending', 'failed')
			AND chat_id IN (SELECT chat_id FROM edition_stories WHERE story_id = ?)`, []any{into, into}},
		{`DELETE FROM search_reindex WHERE story_id = ?`, []any{from}},
	} {
		if _, err := tx.ExecContext(ctx, q.sql, q.args...); err != nil {
			return err
		}
	}
	if err := unindexStory(ctx, tx, from); err != nil {
		return err
	}
	// Its briefs (and their topics) and what is left of its edition
	// listings cascade; the rows of its briefs were moved above.
	_, err = tx.ExecContext(ctx, `DELETE FROM stories WHERE id = ?`, from)
	return err
}
