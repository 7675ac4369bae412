package bot_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"briefbot/db"
	"briefbot/internal/telegramtest"
)

// TestSearchWhileIndexRebuilds: after an upgrade that queued the search
// index for rebuilding, the bot answers /search with the store's
// "rebuilding" message instead of an error or silence, and searches again
// once the rebuild is done.
func TestSearchWhileIndexRebuilds(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "b.db")
	opts := db.Options{NoLock: true, Logger: slog.New(slog.DiscardHandler)}
	d, err := db.Open(ctx, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	// What a migration that changes the index's layout leaves behind.
	if _, err := d.SQL().ExecContext(ctx, `INSERT INTO search_reindex (story_id) VALUES (1)`); err != nil {
		t.Fatal(err)
	}
	d.Close()
	d, err = db.Open(ctx, path, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { d.Close() })
	srv := newFake(t, telegramtest.Options{})
	b := newBot(t, srv.URL(), d, nil)
	runBot(t, b)
	const chat = 900
	srv.AddChat(chat, "private", "reader")
	srv.UserMessage(chat, chat, "/search 停戦")
	ms := waitMessages(t, srv, chat, 1)
	if !strings.Contains(ms[0].Text, "rebuilt after an upgrade") {
		t.Errorf("/search during the rebuild = %q", ms[0].Text)
	}
	if err := d.RebuildSearch(ctx); err != nil {
		t.Fatal(err)
	}
	srv.UserMessage(chat, chat, "/search 停戦")
	ms = waitMessages(t, srv, chat, 2)
	if strings.Contains(ms[1].Text, "rebuilt") {
		t.Errorf("/search after the rebuild = %q", ms[1].Text)
	}
}
