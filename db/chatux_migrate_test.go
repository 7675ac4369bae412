package db_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
)

// TestMigrateChatUX upgrades a database made by 0001–0007 holding chats
// with and without settings (quiet hours, editions, a language) and a
// ledger: every chat keeps what it had (quiet hours hold, not paused,
// previews as configured), its rows are untouched and claimed as before,
// and the new settings, /stop and its Undo work on the old chats.
func TestMigrateChatUX(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 21, 0, 0, 0, time.UTC) // 00:00 in Moscow
	us := func(t time.Time) int64 { return t.UnixMicro() }
	due := us(now.Add(-time.Hour))
	path := oldDB(t, 7,
		`INSERT INTO chats (id, type, timezone, language) VALUES (1, 'private', 'Europe/Moscow', 'ru'),
			(2, 'private', '', ''), (3, 'channel', '', 'en')`,
		`INSERT INTO subscriptions (chat_id, topic, mode, language) VALUES (1, 'world', 'instant', 'ru'),
			(1, 'economy', 'instant', 'ru'), (2, 'world', 'instant', ''), (3, 'world', 'edition', 'en')`,
		fmt.Sprintf(`INSERT INTO chat_settings (chat_id, mode, quiet_start, quiet_end, last_edition_at) VALUES
			(1, 'instant', '23:00', '07:00', 0), (3, 'edition', '', '', %d)`, due),
		fmt.Sprintf(`INSERT INTO stories (id, language, first_published, last_seen, enqueued, enqueued_at, brief_id,
			items_version, briefed_version) VALUES (10, 'ja', %[1]d, %[1]d, 1, %[1]d, 20, 1, 1)`, due),
		`INSERT INTO story_topics (story_id, topic, pos) VALUES (10, 'world', 0)`,
		fmt.Sprintf(`INSERT INTO briefs (id, story_id, headline, html, language, published) VALUES
			(20, 10, '停戦協議', '<b>停戦</b>', 'ja', %d)`, due),
		fmt.Sprintf(`INSERT INTO deliveries (id, chat_id, story_id, state, next_attempt_at) VALUES
			(30, 1, 10, 'pending', %[1]d), (31, 2, 10, 'pending', %[1]d)`, due))

	clk := &clock{t: now}
	d, err := db.Open(ctx, path, db.Options{Logger: quiet.Logger, Now: clk.Now})
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	defer d.Close()
	for id, want := range map[int64]briefbot.ChatSettings{
		1: {Mode: briefbot.ModeInstant, Timezone: "Europe/Moscow", Language: "ru", Quiet: briefbot.QuietHours{Start: "23:00", End: "07:00"}},
		2: {Mode: briefbot.ModeInstant},
		3: {Mode: briefbot.ModeEdition, Language: "en", LastEdition: time.UnixMicro(due)},
	} {
		got := settingsOf(t, d, id)
		if got.Mode != want.Mode || got.Timezone != want.Timezone || got.Language != want.Language ||
			got.Quiet != want.Quiet || !got.LastEdition.Equal(want.LastEdition) ||
			got.Paused || got.QuietSilent || got.LinkPreviews != briefbot.PreviewsDefault {
			t.Errorf("chat %d after migration: %+v, want %+v with the new settings off", id, got, want)
		}
	}
	// Moscow's quiet hours still hold chat 1's row; chat 2's goes out.
	got := claim(t, d, now, 10)
	if len(got) != 1 || got[2] == nil || got[2].Silent || got[2].HTML != "<b>停戦</b>" {
		t.Fatalf("first claim after migration = %v, want chat 2's row", got)
	}
	moscowSeven := time.Date(2026, 3, 2, 4, 0, 0, 0, time.UTC)
	if state, next, _ := rowOf(t, d, 1); state != "pending" || !next.Equal(moscowSeven) {
		t.Errorf("chat 1's row: %s due %s, want held until %s", state, next, moscowSeven)
	}
	// The new settings on old chats.
	if err := d.SetQuietSilent(ctx, 1, true); err != nil {
		t.Fatal(err)
	}
	if got := claim(t, d, now, 10); got[1] == nil || !got[1].Silent {
		t.Errorf("chat 1 silent: claim = %v", got)
	}
	if n, err := d.StopChat(ctx, 1, now); err != nil || n != 2 {
		t.Fatalf("stop an old chat = %d, %v", n, err)
	}
	if err := d.UndoStop(ctx, 1, now.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if s := settingsOf(t, d, 1); !s.QuietSilent || s.Language != "ru" {
		t.Errorf("after undo: %+v", s)
	}
	if err := d.SetPaused(ctx, 3, true, now); err != nil {
		t.Fatal(err)
	}
	if chats, err := d.EditionChats(ctx); err != nil || len(chats) != 1 || chats[0].Language != "en" {
		t.Errorf("edition chats = %+v, %v", chats, err)
	}
	if n := countRows(t, d, `SELECT count(*) FROM pragma_foreign_key_check`); n != 0 {
		t.Errorf("foreign key check: %d violations", n)
	}
}
