package db_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
)

// TestMigrateQuietSpans upgrades a database made by 0001–0004 holding a
// ledger in every state and chats with quiet hours in several zones: every
// row survives, and the first claim holds exactly the quiet chats' rows.
func TestMigrateQuietSpans(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.db")
	old, err := sql.Open("sqlite3", db.DSN(path))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := old.ExecContext(ctx, `CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	// Every migration before this one, as main's binary made the file.
	names, err := filepath.Glob(filepath.Join("migrations", "*.sql"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(names)
	for _, name := range names {
		if filepath.Base(name) >= "0005_quiet_span.sql" {
			break
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := old.ExecContext(ctx, string(b)); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		v, _ := strconv.Atoi(filepath.Base(name)[:4])
		if _, err := old.ExecContext(ctx, `INSERT INTO schema_version VALUES (?, 1)`, v); err != nil {
			t.Fatal(err)
		}
	}
	us := func(t time.Time) int64 { return t.UnixMicro() }
	// 2026-03-01 21:00 UTC: 00:00 in Moscow, 06:00 in Tokyo, 16:00 in New York.
	now := time.Date(2026, 3, 1, 21, 0, 0, 0, time.UTC)
	due := us(now.Add(-time.Hour))
	for _, q := range []string{
		`INSERT INTO chats (id, type, timezone) VALUES (1, 'private', 'Europe/Moscow'), (2, 'private', 'Asia/Tokyo'),
			(3, 'private', ''), (4, 'supergroup', ''), (5, 'private', 'Europe/Moscow')`,
		// Moscow 23:00–07:00 (quiet now), Tokyo 23:00–07:00 (quiet now),
		// chat 3 in the default zone 22:00–08:00 (New York: not quiet),
		// chat 4 in edition mode with no quiet hours.
		`INSERT INTO chat_settings (chat_id, mode, quiet_start, quiet_end) VALUES
			(1, 'instant', '23:00', '07:00'), (2, 'instant', '23:00', '07:00'),
			(3, 'instant', '22:00', '08:00'), (4, 'edition', '', '')`,
		`INSERT INTO stories (id) VALUES (10), (11)`,
		`INSERT INTO briefs (id, story_id, html) VALUES (20, 10, '<b>一</b>'), (21, 11, '<b>二</b>')`,
		`INSERT INTO editions (id, chat_id, due_at, stories, pages) VALUES (40, 4, 1, 1, 1)`,
		fmt.Sprintf(`INSERT INTO deliveries (id, chat_id, brief_id, edition_id, html, state, attempts,
			next_attempt_at, message_id, last_error) VALUES
			(30, 1, 20, NULL, '', 'pending', 0, %[1]d, 0, ''),
			(31, 2, 20, NULL, '', 'sending', 0, %[1]d, 0, ''),
			(32, 3, 20, NULL, '', 'failed', 2, %[1]d, 0, '502'),
			(33, 5, 20, NULL, '', 'sent', 1, %[1]d, 77, ''),
			(34, 1, 21, NULL, '', 'dead', 8, %[1]d, 0, 'gone'),
			(35, 4, NULL, 40, '<b>edition</b>', 'pending', 0, %[1]d, 0, '')`, due),
	} {
		if _, err := old.ExecContext(ctx, q); err != nil {
			t.Fatalf("%.50s: %v", q, err)
		}
	}
	old.Close()

	ny, _ := time.LoadLocation("America/New_York")
	d, err := db.Open(ctx, path, db.Options{Logger: quiet.Logger, Now: func() time.Time { return now }, Location: ny})
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	defer d.Close()
	before := map[int64]briefbot.DeliveryState{30: "pending", 31: "sending", 32: "failed", 33: "sent", 34: "dead", 35: "pending"}
	for id, st := range before {
		got, err := d.Delivery(ctx, id)
		if err != nil || got.State != st {
			t.Fatalf("delivery %d after migration = %+v, %v; want %s", id, got, err, st)
		}
	}
	if n, err := d.RecoverSending(ctx); err != nil || n != 1 {
		t.Fatalf("recover = %d, %v", n, err)
	}
	got := claim(t, d, now, 10)
	if len(got) != 2 || got[3] == nil || got[4] == nil || got[4].HTML != "<b>edition</b>" || got[3].Attempts != 2 {
		t.Fatalf("first claim = %v, want chat 3's failed row and chat 4's edition page", got)
	}
	moscow7 := time.Date(2026, 3, 2, 4, 0, 0, 0, time.UTC)
	tokyo7 := time.Date(2026, 3, 1, 22, 0, 0, 0, time.UTC)
	for id, until := range map[int64]time.Time{30: moscow7, 31: tokyo7} {
		r, _ := d.Delivery(ctx, id)
		if r.State != briefbot.DeliveryPending || !r.NextAttemptAt.Equal(until) {
			t.Errorf("row %d = %s due %s, want pending until %s", id, r.State, r.NextAttemptAt, until)
		}
	}
	for id, st := range map[int64]briefbot.DeliveryState{33: "sent", 34: "dead"} {
		if r, _ := d.Delivery(ctx, id); r.State != st {
			t.Errorf("row %d = %s, want %s", id, r.State, st)
		}
	}
	if got := claim(t, d, tokyo7, 10); len(got) != 1 || got[2] == nil || got[2].HTML != "<b>一</b>" {
		t.Errorf("claim at 07:00 Tokyo = %v, want chat 2's row", got)
	}
	s, err := d.ChatSettings(ctx, 1)
	if err != nil || s.Quiet.String() != "23:00–07:00" || s.Timezone != "Europe/Moscow" {
		t.Errorf("settings after migration = %+v, %v", s, err)
	}
}
