package db

import (
	"context"
	"fmt"
	"strings"
	"time"

	"briefbot"
)

const storyCols = `s.id, s.language, s.first_published, s.first_seen, s.last_seen, s.enqueued,
	coalesce(s.brief_id, 0)`

// RecentStories returns stories whose LastSeen is at or after since, oldest
// first, with their topics and items.
func (db *DB) RecentStories(ctx context.Context, since time.Time) ([]*briefbot.Story, error) {
	ss, err := db.queryStories(ctx, `SELECT `+storyCols+` FROM stories s
		WHERE s.last_seen >= ? ORDER BY s.last_seen, s.id`, ts(since))
	if err != nil {
		return nil, fmt.Errorf("recent stories: %w", err)
	}
	return ss, nil
}

// UnbriefedStories returns stories without a brief or whose items changed
// since their brief was saved, oldest first, with their items.
func (db *DB) UnbriefedStories(ctx context.Context) ([]*briefbot.Story, error) {
	ss, err := db.queryStories(ctx, `SELECT `+storyCols+` FROM stories s INDEXED BY stories_unbriefed
		WHERE s.brief_id IS NULL OR s.items_version <> s.briefed_version ORDER BY s.id`)
	if err != nil {
		return nil, fmt.Errorf("unbriefed stories: %w", err)
	}
	return ss, nil
}

// Story returns one story with its items; ENOTFOUND when absent.
func (db *DB) Story(ctx context.Context, id int64) (*briefbot.Story, error) {
	ss, err := db.queryStories(ctx, `SELECT `+storyCols+` FROM stories s WHERE s.id = ?`, id)
	if err != nil {
		return nil, fmt.Errorf("story %d: %w", id, err)
	}
	if len(ss) == 0 {
		return nil, briefbot.Errorf(briefbot.ENOTFOUND, "Story %d not found.", id)
	}
	return ss[0], nil
}

// queryStories runs a stories query and loads topics and items of the
// result with two more queries, not one per story.
func (db *DB) queryStories(ctx context.Context, query string, args ...any) ([]*briefbot.Story, error) {
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	var out []*briefbot.Story
	byID := map[int64]*briefbot.Story{}
	for rows.Next() {
		var s briefbot.Story
		var fp, fs, ls int64
		var enq int
		if err := rows.Scan(&s.ID, &s.Language, &fp, &fs, &ls, &enq, &s.BriefID); err != nil {
			rows.Close()
			return nil, err
		}
		s.FirstPublished, s.FirstSeen, s.LastSeen = fromTS(fp), fromTS(fs), fromTS(ls)
		s.Enqueued = enq != 0
		out = append(out, &s)
		byID[s.ID] = &s
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, nil
	}
	// Batched IN lists keep the statements well below SQLite's variable limit.
	const batch = 500
	for start := 0; start < len(out); start += batch {
		end := min(start+batch, len(out))
		ids := make([]any, 0, end-start)
		for _, s := range out[start:end] {
			ids = append(ids, s.ID)
		}
		in := placeholders(len(ids))
		trows, err := db.sql.QueryContext(ctx, `SELECT story_id, topic FROM story_topics
			WHERE story_id IN (`+in+`) ORDER BY story_id, pos`, ids...)
		if err != nil {
			return nil, err
		}
		for trows.Next() {
			var id int64
			var topic string
			if err := trows.Scan(&id, &topic); err != nil {
				trows.Close()
				return nil, err
			}
			byID[id].Topics = append(byID[id].Topics, topic)
		}
		trows.Close()
		if err := trows.Err(); err != nil {
			return nil, err
		}
		irows, err := db.sql.QueryContext(ctx, `SELECT `+itemCols+` FROM items
			WHERE story_id IN (`+in+`) ORDER BY story_id, id`, ids...)
		if err != nil {
			return nil, err
		}
		for irows.Next() {
			it, err := scanItem(irows)
			if err != nil {
				irows.Close()
				return nil, err
			}
			s := byID[it.StoryID]
			s.Items = append(s.Items, *it)
		}
		irows.Close()
		if err := irows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

const itemCols = `id, coalesce(post_id, 0), coalesce(story_id, 0), feed, idx, outlet, url, title,
	caption, text, language, topics, urgent, published, fetched_at, deliver`

func scanItem(sc interface{ Scan(...any) error }) (*briefbot.Item, error) {
	var it briefbot.Item
	var topics string
	var urgent, deliver int
	var pub, fetched int64
	if err := sc.Scan(&it.ID, &it.PostID, &it.StoryID, &it.FeedName, &it.Index, &it.Outlet,
		&it.URL, &it.Title, &it.Caption, &it.Text, &it.Language, &topics, &urgent, &pub, &fetched, &deliver); err != nil {
		return nil, err
	}
	it.Topics = parseStrings(topics)
	it.Urgent, it.Deliver = urgent != 0, deliver != 0
	it.Published, it.FetchedAt = fromTS(pub), fromTS(fetched)
	return &it, nil
}

// SaveStory inserts a story (ID 0) or updates one, replacing its topics and
// inserting its items that have no ID yet (setting their ID and StoryID).
// New items bump the story's items version, which makes its brief stale.
// Enqueued and BriefID are owned by EnqueueStory and SaveBrief and are not
// written here.
func (db *DB) SaveStory(ctx context.Context, s *briefbot.Story) error {
	var saved savedStory
	err := db.tx(ctx, func(tx *stx) error {
		var err error
		saved, err = saveStoryTx(ctx, tx, s)
		return err
	})
	if err != nil {
		return fmt.Errorf("save story: %w", err)
	}
	saved.apply(s) // IDs are set only once the transaction committed
	return nil
}

// savedStory holds the IDs a saveStoryTx assigned, applied after commit.
type savedStory struct {
	id    int64
	items map[int]int64 // index in Items → item ID
}

func (v savedStory) apply(s *briefbot.Story) {
	s.ID = v.id
	for i, id := range v.items {
		s.Items[i].ID = id
		s.Items[i].StoryID = v.id
	}
}

func saveStoryTx(ctx context.Context, tx *stx, s *briefbot.Story) (savedStory, error) {
	saved := savedStory{id: s.ID, items: map[int]int64{}}
	newItems := 0
	for _, it := range s.Items {
		if it.ID == 0 {
			newItems++
		}
	}
	if saved.id == 0 {
		r, err := tx.ExecContext(ctx, `INSERT INTO stories (language, first_published,
			first_seen, last_seen, items_version) VALUES (?, ?, ?, ?, ?)`,
			s.Language, ts(s.FirstPublished), ts(s.FirstSeen), ts(s.LastSeen), newItems)
		if err != nil {
			return saved, err
		}
		saved.id, _ = r.LastInsertId()
	} else {
		r, err := tx.ExecContext(ctx, `UPDATE stories SET language = ?, first_published = ?,
			first_seen = ?, last_seen = ?, items_version = items_version + ? WHERE id = ?`,
			s.Language, ts(s.FirstPublished), ts(s.FirstSeen), ts(s.LastSeen), newItems, saved.id)
		if err != nil {
			return saved, err
		}
		if n, _ := r.RowsAffected(); n == 0 {
			return saved, briefbot.Errorf(briefbot.ENOTFOUND, "Story %d not found.", saved.id)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM story_topics WHERE story_id = ?`, saved.id); err != nil {
			return saved, err
		}
	}
	for pos, topic := range dedupe(s.Topics) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO story_topics (story_id, topic, pos)
			VALUES (?, ?, ?)`, saved.id, topic, pos); err != nil {
			return saved, err
		}
	}
	for i, it := range s.Items {
		if it.ID != 0 {
			continue
		}
		r, err := tx.ExecContext(ctx, `INSERT INTO items (post_id, story_id, feed, idx, outlet,
			url, title, caption, text, language, topics, urgent, published, fetched_at, deliver)
			VALUES (nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			it.PostID, saved.id, it.FeedName, it.Index, it.Outlet,
			it.URL, it.Title, it.Caption, it.Text, it.Language, jsonStrings(it.Topics), b2i(it.Urgent),
			ts(it.Published), ts(it.FetchedAt), b2i(it.Deliver))
		if err != nil {
			return saved, fmt.Errorf("item %d: %w", i, err)
		}
		saved.items[i], _ = r.LastInsertId()
	}
	return saved, nil
}

func dedupe(ss []string) []string {
	seen := make(map[string]bool, len(ss))
	out := make([]string, 0, len(ss))
	for _, s := range ss {
		if s != "" && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?,", n-1) + "?"
}
