package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"briefbot"
)

// SavePosts stores a fetch's posts in one transaction. A key never seen for
// the feed is inserted, unclustered until MarkClustered, and reported in New; a stored key with a different
// content hash is updated and reported in Updated; anything else, including
// keys whose posts were pruned, is ignored.
func (db *DB) SavePosts(ctx context.Context, feed string, posts []briefbot.Post) (*briefbot.SavedPosts, error) {
	res := &briefbot.SavedPosts{}
	err := db.tx(ctx, func(tx *stx) error {
		seen, err := tx.PrepareContext(ctx, `INSERT OR IGNORE INTO seen_keys (feed, key) VALUES (?, ?)`)
		if err != nil {
			return err
		}
		defer seen.Close()
		lookup, err := tx.PrepareContext(ctx, `SELECT id, content_hash FROM posts WHERE feed = ? AND key = ?`)
		if err != nil {
			return err
		}
		defer lookup.Close()
		ins, err := tx.PrepareContext(ctx, `INSERT INTO posts (feed, key, guid, url, title, html, text,
			author, source, feed_title, language, published, updated, fetched_at, content_hash, clustered)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		upd, err := tx.PrepareContext(ctx, `UPDATE posts SET guid = ?, url = ?, title = ?, html = ?,
			text = ?, author = ?, source = ?, feed_title = ?, language = ?, published = ?, updated = ?,
			content_hash = ? WHERE id = ?`)
		if err != nil {
			return err
		}
		defer upd.Close()

		for _, p := range posts {
			if err := ctx.Err(); err != nil {
				return err
			}
			if p.Key == "" {
				return fmt.Errorf("post %q has no key", p.URL)
			}
			p.FeedName = feed
			r, err := seen.ExecContext(ctx, feed, p.Key)
			if err != nil {
				return err
			}
			if n, _ := r.RowsAffected(); n == 1 {
				r, err := ins.ExecContext(ctx, feed, p.Key, p.GUID, p.URL, p.Title, p.HTML, p.Text,
					p.Author, p.Source, p.FeedTitle, p.Language, ts(p.Published), ts(p.Updated), ts(p.FetchedAt), p.ContentHash)
				if err != nil {
					return err
				}
				p.ID, _ = r.LastInsertId()
				res.New = append(res.New, p)
				continue
			}
			var id int64
			var hash string
			err = lookup.QueryRowContext(ctx, feed, p.Key).Scan(&id, &hash)
			if errors.Is(err, sql.ErrNoRows) {
				continue // pruned: its key stays seen
			} else if err != nil {
				return err
			}
			if hash == p.ContentHash {
				continue
			}
			if _, err := upd.ExecContext(ctx, p.GUID, p.URL, p.Title, p.HTML, p.Text, p.Author, p.Source,
				p.FeedTitle, p.Language, ts(p.Published), ts(p.Updated), p.ContentHash, id); err != nil {
				return err
			}
			p.ID = id
			res.Updated = append(res.Updated, p)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("save posts %s: %w", feed, err)
	}
	return res, nil
}

// UnclusteredPosts returns the feed's posts saved as new whose items were
// never all saved in stories, oldest first, each with the indexes of its
// items already stored (a failure can come between two stories' saves).
func (db *DB) UnclusteredPosts(ctx context.Context, feed string) ([]briefbot.UnclusteredPost, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT id, key, guid, url, title, html, text, author,
		source, feed_title, language, published, updated, fetched_at, content_hash
		FROM posts INDEXED BY posts_unclustered WHERE feed = ? AND clustered = 0 ORDER BY id`, feed)
	if err != nil {
		return nil, fmt.Errorf("unclustered posts %s: %w", feed, err)
	}
	var out []briefbot.UnclusteredPost
	for rows.Next() {
		p := briefbot.UnclusteredPost{Post: briefbot.Post{FeedName: feed}}
		var pub, upd, fetched int64
		if err := rows.Scan(&p.ID, &p.Key, &p.GUID, &p.URL, &p.Title, &p.HTML, &p.Text, &p.Author,
			&p.Source, &p.FeedTitle, &p.Language, &pub, &upd, &fetched, &p.ContentHash); err != nil {
			rows.Close()
			return nil, fmt.Errorf("unclustered posts %s: %w", feed, err)
		}
		p.Published, p.Updated, p.FetchedAt = fromTS(pub), fromTS(upd), fromTS(fetched)
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("unclustered posts %s: %w", feed, err)
	}
	for i := range out {
		idx, err := db.rowids(ctx, `SELECT idx FROM items WHERE post_id = ? AND story_id IS NOT NULL ORDER BY idx`, out[i].ID)
		if err != nil {
			return nil, fmt.Errorf("unclustered posts %s: %w", feed, err)
		}
		for _, x := range idx {
			out[i].Stored = append(out[i].Stored, int(x))
		}
	}
	return out, nil
}

// MarkClustered records that every item of the posts is in a story.
func (db *DB) MarkClustered(ctx context.Context, postIDs []int64) error {
	if len(postIDs) == 0 {
		return nil
	}
	err := db.tx(ctx, func(tx *stx) error {
		for _, id := range postIDs {
			if _, err := tx.ExecContext(ctx, `UPDATE posts SET clustered = 1 WHERE id = ? AND clustered = 0`, id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("mark clustered: %w", err)
	}
	return nil
}

// PrunePosts deletes posts fetched before t with their items. Stories left
// without items go too, with their briefs, their finished deliveries and
// their index rows; a story whose brief still has deliveries to make is kept
// until they are done. Keys stay in seen_keys.
func (db *DB) PrunePosts(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := db.tx(ctx, func(tx *stx) error {
		cut := ts(before)
		// Stories that may lose items, remembered before the cascade.
		if _, err := tx.ExecContext(ctx, `CREATE TEMP TABLE IF NOT EXISTS prune_stories (id INTEGER PRIMARY KEY, lost INTEGER NOT NULL)`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM temp.prune_stories`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO temp.prune_stories (id, lost)
			SELECT DISTINCT i.story_id, 1 FROM posts p JOIN items i ON i.post_id = p.id
			WHERE p.fetched_at < ? AND i.story_id IS NOT NULL`, cut); err != nil {
			return err
		}
		// Old stories emptied earlier but kept for their unsent deliveries.
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO temp.prune_stories (id, lost)
			SELECT id, 0 FROM stories WHERE last_seen < ?`, cut); err != nil {
			return err
		}
		r, err := tx.ExecContext(ctx, `DELETE FROM posts WHERE fetched_at < ?`, cut)
		if err != nil {
			return err
		}
		n, _ = r.RowsAffected()
		// Empty stories whose briefs have nothing left to send.
		rows, err := tx.QueryContext(ctx, `SELECT s.id FROM temp.prune_stories t
			JOIN stories s ON s.id = t.id
			WHERE NOT EXISTS (SELECT 1 FROM items i WHERE i.story_id = s.id)
			AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.brief_id = s.brief_id
				AND d.state IN ('pending', 'sending', 'failed'))`)
		if err != nil {
			return err
		}
		var empty []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			empty = append(empty, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range empty {
			if err := unindexStory(ctx, tx, id); err != nil {
				return err
			}
			// Briefs, their topics and deliveries, story topics cascade.
			if _, err := tx.ExecContext(ctx, `DELETE FROM stories WHERE id = ?`, id); err != nil {
				return err
			}
		}
		// Surviving stories that lost items: reindex what is left.
		rows, err = tx.QueryContext(ctx, `SELECT s.id FROM temp.prune_stories t JOIN stories s ON s.id = t.id
			WHERE t.lost = 1 AND s.brief_id IS NOT NULL AND EXISTS (SELECT 1 FROM items i WHERE i.story_id = s.id)`)
		if err != nil {
			return err
		}
		var keep []int64
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			keep = append(keep, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range keep {
			if err := reindexStory(ctx, tx, id); err != nil {
				return err
			}
		}
		// Editions as old as the posts, with nothing left to send (their
		// ledger rows cascade). Their (chat, due) keys cannot come back: an
		// edition is only ever made for a recent due time.
		if _, err := tx.ExecContext(ctx, `DELETE FROM editions WHERE due_at < ? AND NOT EXISTS
			(SELECT 1 FROM deliveries d WHERE d.edition_id = editions.id
				AND d.state IN ('pending', 'sending', 'failed'))`, cut); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM temp.prune_stories`)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("prune posts: %w", err)
	}
	return int(n), nil
}
