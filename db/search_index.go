package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"briefbot"
)

// The index rows of a story have rowid = -story id (see 0003_search_order):
// FTS5 walks doclists forwards about twice as fast as backwards, so newest
// first is ascending rowid order.
func ftsRowid(storyID int64) int64 { return -storyID }

// storyIDs turns index rowids back into story ids, in place.
func storyIDs(rowids []int64) []int64 {
	for i, r := range rowids {
		rowids[i] = -r
	}
	return rowids
}

// reindexStory replaces the index row of a story with its briefs'
// headlines (one row per story: a hit is a story, shown in the reader's
// language), its items' titles and texts and its outlets.
func reindexStory(ctx context.Context, tx *stx, storyID int64) error {
	headlines, err := briefHeadlines(ctx, tx, storyID)
	if err != nil {
		return fmt.Errorf("index story %d: %w", storyID, err)
	}
	if len(headlines) == 0 {
		return unindexStory(ctx, tx, storyID)
	}
	headline := strings.Join(headlines, "\n")
	rows, err := tx.QueryContext(ctx, `SELECT title, text, outlet FROM items WHERE story_id = ? ORDER BY id`, storyID)
	if err != nil {
		return fmt.Errorf("index story %d: %w", storyID, err)
	}
	var body, outlets []string
	for rows.Next() {
		var title, text, outlet string
		if err := rows.Scan(&title, &text, &outlet); err != nil {
			rows.Close()
			return fmt.Errorf("index story %d: %w", storyID, err)
		}
		body = append(body, title, text)
		outlets = append(outlets, outlet)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("index story %d: %w", storyID, err)
	}
	if err := unindexStory(ctx, tx, storyID); err != nil {
		return err
	}
	bodyText, outletText := strings.Join(body, "\n"), strings.Join(outlets, " ")
	_, err = tx.ExecContext(ctx, `INSERT INTO story_fts (rowid, headline, body, outlets) VALUES (?, ?, ?, ?)`,
		ftsRowid(storyID), indexText(headline), indexText(bodyText), indexText(outletText))
	if err != nil {
		return fmt.Errorf("index story %d: %w", storyID, err)
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO story_chars (rowid, chars) VALUES (?, ?)`,
		ftsRowid(storyID), charsText(headline+"\n"+bodyText+"\n"+outletText))
	if err != nil {
		return fmt.Errorf("index story %d: %w", storyID, err)
	}
	return nil
}

// briefHeadlines are the headlines of a story's briefs, the main one first.
func briefHeadlines(ctx context.Context, tx *stx, storyID int64) ([]string, error) {
	return queryStrings(ctx, tx, `SELECT b.headline FROM briefs b JOIN stories s ON s.id = b.story_id
		WHERE b.story_id = ? ORDER BY b.id <> s.brief_id, b.id`, storyID)
}

// unindexStory deletes the story's index row if it has one. Deleting a rowid
// a contentless_delete table never held would still write a tombstone, so
// the docsize shadow table is asked first.
func unindexStory(ctx context.Context, tx *stx, storyID int64) error {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM story_fts_docsize WHERE id = ?`, ftsRowid(storyID)).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return fmt.Errorf("unindex story %d: %w", storyID, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM story_fts WHERE rowid = ?`, ftsRowid(storyID)); err != nil {
		return fmt.Errorf("unindex story %d: %w", storyID, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM story_chars WHERE rowid = ?`, ftsRowid(storyID)); err != nil {
		return fmt.Errorf("unindex story %d: %w", storyID, err)
	}
	return nil
}

// reindexBatch is how many queued stories one transaction reindexes: small
// enough that other writers wait milliseconds, not seconds.
const reindexBatch = 500

// ErrRebuilding is what Search answers while the index is being rebuilt
// after an upgrade: a user-facing error the bot shows as it is.
var ErrRebuilding = briefbot.Errorf(briefbot.EUNAVAILABLE,
	"Search is being rebuilt after an upgrade and will be back in a few minutes. Briefs are still sent as usual.").
	With("error.search_rebuilding")

// checkReindexQueue sets the rebuilding flag when a migration queued stories
// for reindexing (or an interrupted rebuild left some).
func (db *DB) checkReindexQueue(ctx context.Context) error {
	var queued int
	if err := db.sql.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM search_reindex)`).Scan(&queued); err != nil {
		return fmt.Errorf("search reindex: %w", err)
	}
	db.rebuilding.Store(queued != 0)
	return nil
}

// RebuildSearch indexes the stories queued in search_reindex (by a
// migration that changed the index's layout), a batch per transaction so
// that the daemon's other writers wait milliseconds, not minutes; meanwhile
// Search answers ErrRebuilding. An interrupted rebuild resumes where it
// stopped on the next call. With nothing queued it returns at once.
func (db *DB) RebuildSearch(ctx context.Context) error {
	if !db.rebuilding.Load() {
		return nil
	}
	var total int
	if err := db.sql.QueryRowContext(ctx, `SELECT count(*) FROM search_reindex`).Scan(&total); err != nil {
		return fmt.Errorf("search reindex: %w", err)
	}
	db.log.Info("rebuilding search index", "stories", total)
	done := 0
	for {
		ids, err := db.rowids(ctx, `SELECT story_id FROM search_reindex ORDER BY story_id LIMIT ?`, reindexBatch)
		if err != nil {
			return fmt.Errorf("search reindex: %w", err)
		}
		if len(ids) == 0 {
			break
		}
		err = db.tx(ctx, func(tx *stx) error {
			for _, id := range ids {
				if err := reindexStory(ctx, tx, id); err != nil {
					return err
				}
				if _, err := tx.ExecContext(ctx, `DELETE FROM search_reindex WHERE story_id = ?`, id); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("search reindex: %w", err)
		}
		done += len(ids)
		if done%50000 < reindexBatch {
			db.log.Info("rebuilding search index", "done", done, "stories", total)
		}
	}
	// A rebuild in batches leaves many segments: merge them before search
	// comes back, rather than at the first retention pass an hour later.
	if err := db.CompactSearch(ctx); err != nil {
		return err
	}
	db.rebuilding.Store(false)
	db.log.Info("search index rebuilt", "stories", done)
	return nil
}

// compactPages is the work of one merge step, in index pages (about 4 KB):
// one step takes tens of milliseconds, so writers queue briefly behind it.
const compactPages = 1000

// CompactSearch merges the search index's segments, one bounded 'merge'
// step per transaction, until each level holds at most one segment. FTS5's
// automerge alone leaves up to four per level (about 20 at a million
// stories), and every query seeks in every segment. Leveled merging rewrites
// each row about once per level, so running it after every retention pass
// costs little once the index is compact.
func (db *DB) CompactSearch(ctx context.Context) error {
	for _, table := range []string{"story_fts", "story_chars"} {
		for {
			if err := ctx.Err(); err != nil {
				return err
			}
			var before, after int64
			err := db.tx(ctx, func(tx *stx) error {
				if err := tx.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&before); err != nil {
					return err
				}
				// The table name is one of two constants, never input.
				if _, err := tx.ExecContext(ctx, `INSERT INTO `+table+` (`+table+`, rank) VALUES ('merge', ?)`, compactPages); err != nil {
					return err
				}
				return tx.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&after)
			})
			if err != nil {
				return fmt.Errorf("compact %s: %w", table, err)
			}
			// FTS5 documents a difference below 2 as "no work was done".
			if after-before < 2 {
				break
			}
		}
	}
	return nil
}

// SearchSegments counts the segments of the story index: what CompactSearch
// keeps low, reported by cmd/searchbench.
func (db *DB) SearchSegments(ctx context.Context) (int, error) {
	var n int
	err := db.sql.QueryRowContext(ctx, `SELECT count(DISTINCT segid) FROM story_fts_idx`).Scan(&n)
	return n, err
}
