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

// SaveBrief inserts or replaces the brief of b.StoryID, links the story to
// it, marks the story's current items as briefed and (re)indexes the story
// for search, in one transaction. It sets b.ID, and CreatedAt/UpdatedAt when
// zero. Topics default to the story's.
//
// A brief rendered from an older read of the story still marks the items
// added since as briefed: callers render and save in one pipeline step.
func (db *DB) SaveBrief(ctx context.Context, b *briefbot.Brief) error {
	var saved savedBrief
	err := db.tx(ctx, func(tx *stx) error {
		var err error
		saved, err = db.saveBriefTx(ctx, tx, b)
		return err
	})
	if err != nil {
		return fmt.Errorf("save brief of story %d: %w", b.StoryID, err)
	}
	saved.apply(b)
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

func (db *DB) saveBriefTx(ctx context.Context, tx *stx, b *briefbot.Brief) (savedBrief, error) {
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
	err := tx.QueryRowContext(ctx, `INSERT INTO briefs (story_id, headline, html, sources,
		language, published, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (story_id) DO UPDATE SET headline = excluded.headline, html = excluded.html,
		sources = excluded.sources, language = excluded.language,
		published = excluded.published, updated_at = excluded.updated_at
		RETURNING id, created_at`,
		b.StoryID, b.Headline, b.HTML, string(sources), b.Language, ts(b.Published),
		ts(created), ts(updated)).Scan(&saved.id, &createdTS)
	if err != nil {
		if isForeignKey(err) {
			return saved, briefbot.Errorf(briefbot.ENOTFOUND, "Story %d not found.", b.StoryID)
		}
		return saved, err
	}
	saved.created, saved.updated = fromTS(createdTS), fromTS(ts(updated))
	saved.topics = dedupe(b.Topics)
	if len(saved.topics) == 0 {
		if saved.topics, err = storyTopics(ctx, tx, b.StoryID); err != nil {
			return saved, err
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM brief_topics WHERE brief_id = ?`, saved.id); err != nil {
		return saved, err
	}
	for pos, t := range saved.topics {
		if _, err := tx.ExecContext(ctx, `INSERT INTO brief_topics (brief_id, topic, pos, published)
			VALUES (?, ?, ?, ?)`, saved.id, t, pos, ts(b.Published)); err != nil {
			return saved, err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE stories SET brief_id = ?,
		briefed_version = items_version WHERE id = ?`, saved.id, b.StoryID); err != nil {
		return saved, err
	}
	return saved, reindexStory(ctx, tx, b.StoryID)
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
			if bs[i], err = db.saveBriefTx(ctx, tx, &b); err != nil {
				return err
			}
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
	rows, err := tx.QueryContext(ctx, `SELECT topic FROM story_topics WHERE story_id = ? ORDER BY pos`, storyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
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

// Briefs returns briefs published in [f.From, f.To), newest first, of
// f.Topic when set, paged by Offset/Limit (no limit when Limit ≤ 0); total
// counts every match. A zero To means no upper bound.
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
		countQ = `SELECT count(*) FROM briefs b WHERE b.published >= ? AND b.published < ?`
		listQ = `SELECT ` + briefCols + ` FROM briefs b WHERE b.published >= ? AND b.published < ?
			ORDER BY b.published DESC, b.id DESC LIMIT ? OFFSET ?`
		args = []any{from, to}
	} else {
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
	rows, err := db.sql.QueryContext(ctx, listQ, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("list briefs: %w", err)
	}
	defer rows.Close()
	var out []*briefbot.Brief
	for rows.Next() {
		b, err := scanBrief(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list briefs: %w", err)
		}
		out = append(out, b)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("list briefs: %w", err)
	}
	return out, total, nil
}
