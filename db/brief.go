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

// SaveBrief saves b as the one brief of its story (in the story's main
// language), dropping briefs in other languages: SaveBriefs for one brief.
func (db *DB) SaveBrief(ctx context.Context, b *briefbot.Brief) error {
	return db.SaveBriefs(ctx, []*briefbot.Brief{b})
}

// SaveBriefs replaces the briefs of one story, its main language's first,
// in one transaction: each is inserted or replaces the story's brief in
// its language, briefs in other languages go, the story points at the
// first, its current items count as briefed, and the story is (re)indexed
// for search. It sets each brief's ID, and CreatedAt/UpdatedAt when zero.
// Topics default to the story's; only the main brief is listed by topic.
//
// Briefs rendered from an older read of the story still mark the items
// added since as briefed: callers render and save in one pipeline step.
func (db *DB) SaveBriefs(ctx context.Context, briefs []*briefbot.Brief) error {
	if len(briefs) == 0 {
		return nil
	}
	var saved []savedBrief
	err := db.tx(ctx, func(tx *stx) error {
		var err error
		saved, err = db.saveBriefsTx(ctx, tx, briefs)
		return err
	})
	if err != nil {
		return fmt.Errorf("save briefs of story %d: %w", briefs[0].StoryID, err)
	}
	for i, b := range briefs {
		saved[i].apply(b)
	}
	return nil
}

type savedBrief struct {
	id               int64
	created, updated time.Time
	topics           []string
}

func (v savedBrief) apply(b *briefbot.Brief) {
	b.ID, b.CreatedAt, b.UpdatedAt, b.Topics = v.id, v.created, v.updated, v.topics
}

func (db *DB) saveBriefsTx(ctx context.Context, tx *stx, briefs []*briefbot.Brief) ([]savedBrief, error) {
	storyID := briefs[0].StoryID
	saved := make([]savedBrief, len(briefs))
	ids := make([]int64, 0, len(briefs))
	byLang := map[string]int{}
	for i, b := range briefs {
		if b.StoryID != storyID {
			return nil, fmt.Errorf("brief %d is of story %d, not %d", i, b.StoryID, storyID)
		}
		if j, dup := byLang[b.Language]; dup {
			return nil, fmt.Errorf("briefs %d and %d are both in language %q", j, i, b.Language)
		}
		byLang[b.Language] = i
		var err error
		if saved[i], err = db.upsertBrief(ctx, tx, b); err != nil {
			return nil, err
		}
		ids = append(ids, saved[i].id)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM briefs WHERE story_id = ?
		AND id NOT IN (SELECT value FROM json_each(?))`, storyID, jsonInts(ids)); err != nil {
		return nil, err
	}
	main := &saved[0]
	main.topics = dedupe(briefs[0].Topics)
	if len(main.topics) == 0 {
		var err error
		if main.topics, err = storyTopics(ctx, tx, storyID); err != nil {
			return nil, err
		}
	}
	for i := range saved[1:] {
		saved[i+1].topics = main.topics
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM brief_topics WHERE brief_id IN
		(SELECT id FROM briefs WHERE story_id = ?)`, storyID); err != nil {
		return nil, err
	}
	for pos, t := range main.topics {
		if _, err := tx.ExecContext(ctx, `INSERT INTO brief_topics (brief_id, topic, pos, published)
			VALUES (?, ?, ?, ?)`, main.id, t, pos, ts(briefs[0].Published)); err != nil {
			return nil, err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE stories SET brief_id = ?,
		briefed_version = items_version WHERE id = ?`, main.id, storyID); err != nil {
		return nil, err
	}
	return saved, reindexStory(ctx, tx, storyID)
}

// upsertBrief inserts b or replaces its story's brief in its language.
func (db *DB) upsertBrief(ctx context.Context, tx *stx, b *briefbot.Brief) (savedBrief, error) {
	var saved savedBrief
	now := db.now()
	created, updated := b.CreatedAt, b.UpdatedAt
	if created.IsZero() {
		created = now
	}
	if updated.IsZero() {
		updated = now
	}
	sources := []byte("[]")
	if len(b.Sources) > 0 {
		var err error
		if sources, err = json.Marshal(b.Sources); err != nil {
			return saved, err
		}
	}
	var createdTS int64
	err := tx.QueryRowContext(ctx, `INSERT INTO briefs (story_id, language, headline, html, sources,
		published, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (story_id, language) DO UPDATE SET headline = excluded.headline,
		html = excluded.html, sources = excluded.sources,
		published = excluded.published, updated_at = excluded.updated_at
		RETURNING id, created_at`,
		b.StoryID, b.Language, b.Headline, b.HTML, string(sources), ts(b.Published),
		ts(created), ts(updated)).Scan(&saved.id, &createdTS)
	if err != nil {
		if isForeignKey(err) {
			return saved, briefbot.Errorf(briefbot.ENOTFOUND, "Story %d not found.", b.StoryID)
		}
		return saved, err
	}
	saved.created, saved.updated = fromTS(createdTS), fromTS(ts(updated))
	return saved, nil
}

// Import saves many new stories, each with its brief (briefs[i] belongs to
// stories[i]; its StoryID is set here), in one transaction: the bulk path of
// tools such as cmd/searchbench. IDs are set after the commit.
func (db *DB) Import(ctx context.Context, stories []*briefbot.Story, briefs []*briefbot.Brief) error {
	if len(stories) != len(briefs) {
		return fmt.Errorf("import: %d stories but %d briefs", len(stories), len(briefs))
	}
	ss := make([]savedStory, len(stories))
	bs := make([]savedBrief, len(briefs))
	err := db.tx(ctx, func(tx *stx) error {
		for i, s := range stories {
			if err := ctx.Err(); err != nil {
				return err
			}
			var err error
			if ss[i], err = saveStoryTx(ctx, tx, s); err != nil {
				return err
			}
			b := *briefs[i]
			b.StoryID = ss[i].id
			saved, err := db.saveBriefsTx(ctx, tx, []*briefbot.Brief{&b})
			if err != nil {
				return err
			}
			bs[i] = saved[0]
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("import: %w", err)
	}
	for i := range stories {
		ss[i].apply(stories[i])
		briefs[i].StoryID = ss[i].id
		bs[i].apply(briefs[i])
	}
	return nil
}

func storyTopics(ctx context.Context, tx *stx, storyID int64) ([]string, error) {
	return queryStrings(ctx, tx, `SELECT topic FROM story_topics WHERE story_id = ? ORDER BY pos`, storyID)
}

// queryer is a transaction or the database.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// queryStrings returns the one text column of a query's rows.
func queryStrings(ctx context.Context, q queryer, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// briefCols ends with whether the story is opinion alone: min(opinion) of
// its items is 1 only when every one is.
const briefCols = `b.id, b.story_id, b.headline, b.html, b.sources, b.language, b.published,
	b.created_at, b.updated_at,
	(SELECT coalesce(json_group_array(topic), '[]') FROM
		(SELECT topic FROM brief_topics t WHERE t.brief_id = b.id ORDER BY pos)),
	` + storyOpinion

// storyOpinion is 1 when every item of the story of brief b is opinion.
const storyOpinion = `coalesce((SELECT min(i.opinion) FROM items i WHERE i.story_id = b.story_id), 0)`

func scanBrief(sc interface{ Scan(...any) error }) (*briefbot.Brief, error) {
	var b briefbot.Brief
	var sources, topics string
	var pub, created, updated int64
	if err := sc.Scan(&b.ID, &b.StoryID, &b.Headline, &b.HTML, &sources, &b.Language, &pub,
		&created, &updated, &topics, &b.Opinion); err != nil {
		return nil, err
	}
	_ = json.Unmarshal([]byte(sources), &b.Sources)
	b.Topics = parseStrings(topics)
	b.Published, b.CreatedAt, b.UpdatedAt = fromTS(pub), fromTS(created), fromTS(updated)
	return &b, nil
}

// Brief returns one brief; ENOTFOUND when absent.
func (db *DB) Brief(ctx context.Context, id int64) (*briefbot.Brief, error) {
	b, err := scanBrief(db.sql.QueryRowContext(ctx, `SELECT `+briefCols+` FROM briefs b WHERE b.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, briefbot.Errorf(briefbot.ENOTFOUND, "Brief %d not found.", id)
	} else if err != nil {
		return nil, fmt.Errorf("brief %d: %w", id, err)
	}
	return b, nil
}

// Briefs returns one brief per story published in [f.From, f.To), newest
// first, of f.Topic when set, paged by Offset/Limit (no limit when Limit ≤
// 0); total counts every matching story. Each story shows its brief in
// f.Language where it has one, else its main brief. A zero To means no
// upper bound.
func (db *DB) Briefs(ctx context.Context, f briefbot.BriefFilter) ([]*briefbot.Brief, int, error) {
	from, to := ts(f.From), ts(f.To)
	if f.To.IsZero() {
		to = 1<<63 - 1
	}
	limit := f.Limit
	if limit <= 0 {
		limit = -1
	}
	offset := max(f.Offset, 0)
	var countQ, listQ string
	var args []any
	if f.Topic == "" {
		// Main briefs only: a story's other languages share its published.
		const where = ` FROM briefs b WHERE b.published >= ? AND b.published < ?
			AND b.id = (SELECT s.brief_id FROM stories s WHERE s.id = b.story_id)`
		countQ = `SELECT count(*)` + where
		listQ = `SELECT ` + briefCols + where + ` ORDER BY b.published DESC, b.id DESC LIMIT ? OFFSET ?`
		args = []any{from, to}
	} else {
		// brief_topics lists main briefs only.
		countQ = `SELECT count(*) FROM brief_topics t WHERE t.topic = ? AND t.published >= ? AND t.published < ?`
		listQ = `SELECT ` + briefCols + ` FROM brief_topics t JOIN briefs b ON b.id = t.brief_id
			WHERE t.topic = ? AND t.published >= ? AND t.published < ?
			ORDER BY t.published DESC, t.brief_id DESC LIMIT ? OFFSET ?`
		args = []any{f.Topic, from, to}
	}
	var total int
	if err := db.sql.QueryRowContext(ctx, countQ, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count briefs: %w", err)
	}
	out, err := db.queryBriefs(ctx, listQ, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list briefs: %w", err)
	}
	if out, err = db.inLanguage(ctx, out, f.Language); err != nil {
		return nil, 0, fmt.Errorf("list briefs: %w", err)
	}
	return out, total, nil
}

func (db *DB) queryBriefs(ctx context.Context, query string, args ...any) ([]*briefbot.Brief, error) {
	rows, err := db.sql.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*briefbot.Brief
	for rows.Next() {
		b, err := scanBrief(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// inLanguage replaces each main brief with its story's brief in lang where
// there is one, keeping the main brief's topics (listed on it alone).
func (db *DB) inLanguage(ctx context.Context, mains []*briefbot.Brief, lang string) ([]*briefbot.Brief, error) {
	if lang == "" || len(mains) == 0 {
		return mains, nil
	}
	ids := make([]int64, len(mains))
	for i, b := range mains {
		ids[i] = b.StoryID
	}
	found, err := db.queryBriefs(ctx, `SELECT `+briefCols+` FROM briefs b WHERE b.language = ?
		AND b.story_id IN (SELECT value FROM json_each(?))`, lang, jsonInts(ids))
	if err != nil {
		return nil, err
	}
	byStory := make(map[int64]*briefbot.Brief, len(found))
	for _, b := range found {
		byStory[b.StoryID] = b
	}
	for i, m := range mains {
		if b := byStory[m.StoryID]; b != nil && b.ID != m.ID {
			b.Topics = m.Topics
			mains[i] = b
		}
	}
	return mains, nil
}

// StaleBriefs marks the briefs of the stories seen since since for a new
// render when the stored renderer version is not version (absent counts as
// older), and stores version, in one transaction: a crash between the two
// cannot lose the re-render. The next publish renders and reindexes them;
// a story already fanned out is never fanned out again, so this sends
// nothing, and rows not yet sent take the new text when claimed. It
// returns how many stories it marked.
func (db *DB) StaleBriefs(ctx context.Context, since time.Time, version int, judge briefbot.OpinionJudge) (int, error) {
	var n int64
	err := db.tx(ctx, func(tx *stx) error {
		n = 0
		var stored int
		err := tx.QueryRowContext(ctx, `SELECT value FROM meta WHERE key = 'render_version'`).Scan(&stored)
		if err == nil && stored == version {
			return nil
		} else if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		r, err := tx.ExecContext(ctx, `UPDATE stories SET briefed_version = -1
			WHERE last_seen >= ? AND brief_id IS NOT NULL AND briefed_version <> -1`, ts(since))
		if err != nil {
			return err
		}
		n, _ = r.RowsAffected()
		if judge != nil {
			if err := rejudge(ctx, tx, since, db.now(), judge); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO meta (key, value) VALUES ('render_version', ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, version)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("stale briefs: %w", err)
	}
	return int(n), nil
}

// rejudge stores judge's verdict on every item of the stories seen since
// since where it differs from the stored one, and cancels the unsent rows
// of a story left of opinion alone. Items are read first and
// written after: one statement at a time on the transaction.
func rejudge(ctx context.Context, tx *stx, since, now time.Time, judge briefbot.OpinionJudge) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+itemCols+` FROM items
		WHERE story_id IN (SELECT id FROM stories WHERE last_seen >= ?)`, ts(since))
	if err != nil {
		return fmt.Errorf("rejudge: %w", err)
	}
	type verdict struct {
		id      int64
		opinion bool
		reason  string
	}
	var changed []verdict
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			rows.Close()
			return fmt.Errorf("rejudge: %w", err)
		}
		if op, why := judge(*it); op != it.Opinion || why != it.OpinionReason {
			changed = append(changed, verdict{it.ID, op, why})
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("rejudge: %w", err)
	}
	for _, v := range changed {
		if _, err := tx.ExecContext(ctx, `UPDATE items SET opinion = ?, opinion_reason = ?,
			deliver = CASE WHEN ? THEN 0 ELSE deliver END WHERE id = ?`,
			b2i(v.opinion), v.reason, b2i(v.opinion), v.id); err != nil {
			return fmt.Errorf("rejudge item %d: %w", v.id, err)
		}
	}
	if len(changed) == 0 {
		return nil
	}
	// A story now of opinion alone is never pushed: rows enqueued for it
	// before the new verdict are not sent either.
	if _, err := tx.ExecContext(ctx, `UPDATE deliveries SET state = 'dead', last_error = 'opinion', updated_at = ?
		WHERE state IN ('pending', 'failed') AND story_id IN (
			SELECT s.id FROM stories s WHERE s.last_seen >= ?
				AND NOT EXISTS (SELECT 1 FROM items i WHERE i.story_id = s.id AND i.opinion = 0))`,
		ts(now), ts(since)); err != nil {
		return fmt.Errorf("rejudge: cancel opinion rows: %w", err)
	}
	return nil
}
