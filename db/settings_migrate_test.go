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

// TestMigrateSettingsKeepsLedger upgrades a database made by 0001 alone
// with a ledger in it: 0002 rebuilds deliveries and must keep every row.
func TestMigrateSettingsKeepsLedger(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	init, err := os.ReadFile("migrations/0001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	old, err := sql.Open("sqlite3", db.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		string(init),
		`CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)`,
		`INSERT INTO schema_version VALUES (1, 1)`,
		`INSERT INTO chats (id, type) VALUES (1, 'private'), (2, 'private')`,
		`INSERT INTO stories (id) VALUES (10)`,
		`INSERT INTO briefs (id, story_id, html) VALUES (20, 10, '<b>old</b>')`,
		`INSERT INTO deliveries (id, chat_id, brief_id, state, message_id) VALUES (30, 1, 20, 'sent', 77), (31, 2, 20, 'pending', 0)`,
	} {
		if _, err := old.ExecContext(ctx, q); err != nil {
			t.Fatalf("%.40s: %v", q, err)
		}
	}
	old.Close()

	d, err := db.Open(ctx, path, quiet)
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	defer d.Close()
	got, err := d.Delivery(ctx, 30)
	if err != nil || got.State != briefbot.DeliverySent || got.MessageID != 77 || got.BriefID != 20 || got.HTML != "<b>old</b>" {
		t.Fatalf("delivery 30 after migration = %+v, %v", got, err)
	}
	if n := countRows(t, d, `SELECT count(*) FROM deliveries`); n != 2 {
		t.Errorf("deliveries after migration = %d, want 2", n)
	}
	var fk int
	if err := d.SQL().QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fk); err != nil || fk != 0 {
		t.Errorf("foreign key check = %d, %v", fk, err)
	}
}
