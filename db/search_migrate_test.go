package db_test

import (
	"context"
	"strings"
	"testing"

	"briefbot"
	"briefbot/db"
)

// TestMigrateSearchOrderReindexes upgrades a database made by 0001 and 0002
// whose index rows still used rowid = story id: 0003 recreates the index
// tables and queues every story: Open returns at once with search answering
// "rebuilding" while the rest of the database works, and RebuildSearch then
// rebuilds the index from the stories.
func TestMigrateSearchOrderReindexes(t *testing.T) {
	ctx := context.Background()
	path := oldDB(t, 2,
		`INSERT INTO stories (id, first_published, last_seen) VALUES (10, 1, 1), (11, 2, 2), (12, 3, 3)`,
		`INSERT INTO briefs (id, story_id, headline, html) VALUES (20, 10, '停戦協議', 'x'), (21, 11, 'NATO首脳会議', 'y')`,
		`UPDATE stories SET brief_id = 20 WHERE id = 10`,
		`UPDATE stories SET brief_id = 21 WHERE id = 11`,
		`INSERT INTO items (story_id, title, text, outlet) VALUES (10, '停戦', 'ロシアとウクライナの停戦協議', 'NHK'),
			(11, 'NATO', 'NATO首脳会議が開かれた', 'ロイター'), (12, '停戦', '未briefの停戦記事', 'NHK')`,
		// The old layout: rowid = story id.
		`INSERT INTO story_fts (rowid, headline, body, outlets) VALUES (10, '停戦 戦協 協議 議', '', '')`)

	d, err := db.Open(ctx, path, quiet)
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	defer d.Close()
	if !d.Rebuilding() {
		t.Fatal("Rebuilding() = false after a migration that queued stories")
	}
	if _, err := d.Search(ctx, briefbot.SearchQuery{Text: "停戦"}); briefbot.ErrorCode(err) != briefbot.EUNAVAILABLE {
		t.Fatalf("search during the rebuild: err = %v, want code %s", err, briefbot.EUNAVAILABLE)
	} else if msg := briefbot.ErrorMessage(err); !strings.Contains(msg, "rebuilt") {
		t.Errorf("search during the rebuild says %q", msg)
	}
	// The bot stays online meanwhile: the ledger and chats take writes.
	if err := d.UpsertChat(ctx, &briefbot.Chat{ID: 42, Type: briefbot.ChatPrivate, Active: true}); err != nil {
		t.Fatalf("write during the rebuild: %v", err)
	}
	if n := countRows(t, d, `SELECT count(*) FROM search_reindex`); n != 2 {
		t.Errorf("search_reindex before RebuildSearch = %d rows, want 2 (the briefed stories)", n)
	}
	if err := d.RebuildSearch(ctx); err != nil {
		t.Fatalf("rebuild: %v", err)
	}
	if d.Rebuilding() {
		t.Error("Rebuilding() = true after RebuildSearch")
	}
	if n := countRows(t, d, `SELECT count(*) FROM search_reindex`); n != 0 {
		t.Errorf("search_reindex after RebuildSearch = %d rows, want 0", n)
	}
	for _, tc := range []struct {
		q    string
		want []int64
	}{
		{"停戦", []int64{10}}, // story 12 has no brief: not searchable
		{"nato", []int64{11}},
		{"露", nil},
		{"協議", []int64{10}},
	} {
		res, err := d.Search(ctx, briefbot.SearchQuery{Text: tc.q})
		if err != nil {
			t.Fatalf("search %q: %v", tc.q, err)
		}
		var got []int64
		for _, h := range res.Hits {
			got = append(got, h.StoryID)
		}
		if len(got) != len(tc.want) || (len(got) > 0 && got[0] != tc.want[0]) {
			t.Errorf("search %q after migration = %v, want %v", tc.q, got, tc.want)
		}
	}
}
