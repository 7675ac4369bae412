package db_test

import (
	"context"
	"testing"

	"briefbot"
	"briefbot/db"
)

// TestMigrateOutlets upgrades a database built by main's migrations and
// holding real rows: an unclustered post and a story with an item. The old
// post reads back with no source or feed title (it was split when saved),
// the old item with no caption; new posts and items keep theirs.
func TestMigrateOutlets(t *testing.T) {
	ctx := context.Background()
	path := oldDB(t, 5,
		`INSERT INTO posts (feed, key, url, title, text, author, language, fetched_at, clustered)
			VALUES ('wire', 'k1', 'https://apnews.com/a', 'Tornadoes', 'POPLAR BLUFF, Mo. (AP) — Tornadoes hit.', 'The Associated Press', 'en', 1, 0)`,
		`INSERT INTO seen_keys (feed, key) VALUES ('wire', 'k1')`,
		`INSERT INTO stories (id, language, first_published, first_seen, last_seen) VALUES (1, 'en', 1, 1, 1)`,
		`INSERT INTO items (post_id, story_id, feed, idx, outlet, url, title, text, language)
			VALUES (1, 1, 'wire', 0, 'AP', 'https://apnews.com/a', 'Tornadoes', 'Tornadoes hit.', 'en')`)
	d, err := db.Open(ctx, path, quiet)
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	defer d.Close()

	left, err := d.UnclusteredPosts(ctx, "wire")
	if err != nil || len(left) != 1 {
		t.Fatalf("unclustered after the migration: %+v, %v", left, err)
	}
	if p := left[0].Post; p.Author != "The Associated Press" || p.Source != "" || p.FeedTitle != "" || len(left[0].Stored) != 1 {
		t.Errorf("old post read back %+v (stored %v)", p, left[0].Stored)
	}
	stories, err := d.RecentStories(ctx, t0.AddDate(-100, 0, 0))
	if err != nil || len(stories) != 1 || len(stories[0].Items) != 1 {
		t.Fatalf("old story: %+v, %v", stories, err)
	}
	if it := stories[0].Items[0]; it.Outlet != "AP" || it.Caption != "" || it.Title != "Tornadoes" {
		t.Errorf("old item read back %+v", it)
	}

	p := briefbot.Post{Key: "k2", URL: "https://www.reuters.com/b", Title: "Call", Text: "Putin and Trump spoke.",
		Source: "Reuters", FeedTitle: "World Wire Digest", Language: "en", FetchedAt: t0, ContentHash: "h2"}
	if _, err := d.SavePosts(ctx, "wire", []briefbot.Post{p}); err != nil {
		t.Fatal(err)
	}
	p.Source, p.FeedTitle, p.ContentHash = "Reuters.com", "Wire", "h2b" // an edit updates them too
	if _, err := d.SavePosts(ctx, "wire", []briefbot.Post{p}); err != nil {
		t.Fatal(err)
	}
	left, err = d.UnclusteredPosts(ctx, "wire")
	if err != nil || len(left) != 2 || left[1].Source != "Reuters.com" || left[1].FeedTitle != "Wire" {
		t.Errorf("new post read back %+v, %v", left, err)
	}
	s := &briefbot.Story{Language: "ja", FirstPublished: t0, FirstSeen: t0, LastSeen: t0, Items: []briefbot.Item{{
		PostID: left[1].ID, FeedName: "wire", Outlet: "Sputnik", URL: "https://t.me/tass_agency/1",
		Caption: "ウシャコフ補佐官の説明（ロシア語）", Text: "Ушаков — о разговоре.", Language: "ru", Published: t0, FetchedAt: t0}}}
	if err := d.SaveStory(ctx, s); err != nil {
		t.Fatal(err)
	}
	stories, err = d.RecentStories(ctx, t0)
	if err != nil || len(stories) != 1 || stories[0].Items[0].Caption != "ウシャコフ補佐官の説明（ロシア語）" {
		t.Errorf("new item's caption lost: %+v, %v", stories, err)
	}
}
