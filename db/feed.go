package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"briefbot"
)

const feedStateCols = `f.name, f.url, f.etag, f.last_modified, f.last_fetch_at, f.last_success_at,
	f.next_fetch_at, f.failures, f.last_error, f.paused,
	(SELECT count(*) FROM posts p WHERE p.feed = f.name)`

func scanFeedState(sc interface{ Scan(...any) error }) (*briefbot.FeedState, error) {
	var st briefbot.FeedState
	var fetch, success, next int64
	var paused int
	if err := sc.Scan(&st.Name, &st.URL, &st.ETag, &st.LastModified, &fetch, &success,
		&next, &st.Failures, &st.LastError, &paused, &st.Items); err != nil {
		return nil, err
	}
	st.LastFetchAt, st.LastSuccessAt, st.NextFetchAt = fromTS(fetch), fromTS(success), fromTS(next)
	st.Paused = paused != 0
	return &st, nil
}

// FeedState returns the state of the named feed; ENOTFOUND when absent.
func (db *DB) FeedState(ctx context.Context, name string) (*briefbot.FeedState, error) {
	row := db.sql.QueryRowContext(ctx, `SELECT `+feedStateCols+` FROM feeds f WHERE f.name = ?`, name)
	st, err := scanFeedState(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, briefbot.Errorf(briefbot.ENOTFOUND, "Feed %q not found.", name)
	} else if err != nil {
		return nil, fmt.Errorf("feed state %s: %w", name, err)
	}
	return st, nil
}

// SaveFeedState inserts or replaces the state row of st.Name. st.Items is
// derived from the posts table and ignored here.
func (db *DB) SaveFeedState(ctx context.Context, st *briefbot.FeedState) error {
	_, err := db.exec(ctx, `INSERT INTO feeds (name, url, etag, last_modified,
		last_fetch_at, last_success_at, next_fetch_at, failures, last_error, paused)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET url = excluded.url, etag = excluded.etag,
		last_modified = excluded.last_modified, last_fetch_at = excluded.last_fetch_at,
		last_success_at = excluded.last_success_at, next_fetch_at = excluded.next_fetch_at,
		failures = excluded.failures, last_error = excluded.last_error, paused = excluded.paused`,
		st.Name, st.URL, st.ETag, st.LastModified, ts(st.LastFetchAt), ts(st.LastSuccessAt),
		ts(st.NextFetchAt), st.Failures, st.LastError, b2i(st.Paused))
	if err != nil {
		return fmt.Errorf("save feed state %s: %w", st.Name, err)
	}
	return nil
}

// ListFeedStates returns every feed state row, by name.
func (db *DB) ListFeedStates(ctx context.Context) ([]*briefbot.FeedState, error) {
	rows, err := db.sql.QueryContext(ctx, `SELECT `+feedStateCols+` FROM feeds f ORDER BY f.name`)
	if err != nil {
		return nil, fmt.Errorf("list feed states: %w", err)
	}
	defer rows.Close()
	var out []*briefbot.FeedState
	for rows.Next() {
		st, err := scanFeedState(rows)
		if err != nil {
			return nil, fmt.Errorf("list feed states: %w", err)
		}
		out = append(out, st)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list feed states: %w", err)
	}
	return out, nil
}
