package db_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"testing"

	"briefbot"
	"briefbot/db"
)

// TestMigrateStartup upgrades a database built by the earlier migrations and
// holding real rows: its posts count as clustered (they were, when saved),
// new posts start unclustered, and update claims work.
func TestMigrateStartup(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := sql.Open("sqlite3", db.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	files, err := filepath.Glob("migrations/000[1-3]_*.sql")
	if err != nil || len(files) != 3 {
		t.Fatalf("migrations: %v %v", files, err)
	}
	stmts := []string{`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)`}
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		stmts = append(stmts, string(b), `INSERT INTO schema_version VALUES (`+string(rune('1'+i))+`, 1)`)
	}
	stmts = append(stmts,
		`INSERT INTO posts (feed, key, title, text, fetched_at) VALUES ('nhk', 'k1', '地震', '青森で地震。', 1)`,
		`INSERT INTO seen_keys (feed, key) VALUES ('nhk', 'k1')`)
	for _, q := range stmts {
		if _, err := old.ExecContext(ctx, q); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	old.Close()

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
