package db_test

import (
	"context"
	"testing"

	"briefbot"
	"briefbot/db"
)

// TestMigrateStartup upgrades a database built by the earlier migrations and
// holding real rows: its posts count as clustered (they were, when saved),
// new posts start unclustered, and update claims work.
func TestMigrateStartup(t *testing.T) {
	ctx := context.Background()
	path := oldDB(t, 3,
		`INSERT INTO posts (feed, key, title, text, fetched_at) VALUES ('nhk', 'k1', '地震', '青森で地震。', 1)`,
		`INSERT INTO seen_keys (feed, key) VALUES ('nhk', 'k1')`)
	d, err := db.Open(ctx, path, quiet)
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	defer d.Close()
	if left, err := d.UnclusteredPosts(ctx, "nhk"); err != nil || len(left) != 0 {
		t.Errorf("posts from before the migration unclustered: %d, %v", len(left), err)
	}
	if _, err := d.SavePosts(ctx, "nhk", []briefbot.Post{{Key: "k2", Title: "停戦", FetchedAt: t0}}); err != nil {
		t.Fatal(err)
	}
	if left, err := d.UnclusteredPosts(ctx, "nhk"); err != nil || len(left) != 1 || left[0].Key != "k2" {
		t.Errorf("new post after the migration: %+v, %v", left, err)
	}
	if fresh, err := d.ClaimUpdate(ctx, 1); err != nil || !fresh {
		t.Errorf("claim after the migration = %v, %v", fresh, err)
	}
}
