package db_test

import (
	"context"
	"database/sql"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
)

// clock is a settable Now for Options.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time { return c.t }

var quiet = db.Options{Logger: slog.New(slog.DiscardHandler)}

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func openTest(tb testing.TB, opts db.Options) (*db.DB, *clock) {
	tb.Helper()
	c := &clock{t: t0}
	if opts.Now == nil {
		opts.Now = c.Now
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	d, err := db.Open(context.Background(), filepath.Join(tb.TempDir(), "briefbot.db"), opts)
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	tb.Cleanup(func() { _ = d.Close() })
	return d, c
}

func TestOpenLock(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "b.db")
	d1, err := db.Open(ctx, path, quiet)
	if err != nil {
		t.Fatal(err)
	}
	_, err = db.Open(ctx, path, quiet)
	if !errors.Is(err, db.ErrLocked) {
		t.Fatalf("second open: err = %v, want ErrLocked", err)
	}
	var le *db.LockedError
	if !errors.As(err, &le) || le.PID == 0 {
		t.Errorf("second open: want LockedError with pid, got %#v", err)
	}
	// NoLock opens alongside (read-only tools).
	d2, err := db.Open(ctx, path, db.Options{NoLock: true, Logger: quiet.Logger})
	if err != nil {
		t.Fatalf("NoLock open: %v", err)
	}
	if err := d2.Close(); err != nil {
		t.Fatal(err)
	}
	if err := d1.Close(); err != nil {
		t.Fatal(err)
	}
	d3, err := db.Open(ctx, path, quiet)
	if err != nil {
		t.Fatalf("open after close: %v", err)
	}
	if err := d3.Ping(ctx); err != nil {
		t.Fatal(err)
	}
	_ = d3.Close()
}

func TestReopenKeepsData(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "b.db")
	d, err := db.Open(ctx, path, quiet)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.UpsertChat(ctx, &briefbot.Chat{ID: 42, Type: briefbot.ChatPrivate}); err != nil {
		t.Fatal(err)
	}
	_ = d.Close()
	d, err = db.Open(ctx, path, quiet) // migrations already applied: no-op
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if _, err := d.Chat(ctx, 42); err != nil {
		t.Fatal(err)
	}
}

func TestBackup(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	if err := d.UpsertChat(ctx, &briefbot.Chat{ID: 7, Type: briefbot.ChatGroup, Title: "g"}); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "copy.db")
	for range 2 { // a second backup replaces the first
		if err := d.Backup(ctx, dest); err != nil {
			t.Fatal(err)
		}
	}
	c, err := db.Open(ctx, dest, db.Options{NoLock: true, Logger: quiet.Logger})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	got, err := c.Chat(ctx, 7)
	if err != nil || got.Title != "g" {
		t.Fatalf("chat in backup = %+v, %v", got, err)
	}
}

func TestFeedState(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	if _, err := d.FeedState(ctx, "nope"); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Fatalf("missing feed: %v", err)
	}
	st := &briefbot.FeedState{Name: "d1021", URL: "https://d1021.hatenadiary.jp/feed", ETag: `"x"`,
		LastFetchAt: t0, LastSuccessAt: t0, NextFetchAt: t0.Add(time.Hour), Failures: 2, LastError: "boom", Paused: true}
	if err := d.SaveFeedState(ctx, st); err != nil {
		t.Fatal(err)
	}
	if _, err := d.SavePosts(ctx, "d1021", []briefbot.Post{{Key: "a", FetchedAt: t0}, {Key: "b", FetchedAt: t0}}); err != nil {
		t.Fatal(err)
	}
	st.Failures = 3
	if err := d.SaveFeedState(ctx, st); err != nil {
		t.Fatal(err)
	}
	got, err := d.FeedState(ctx, "d1021")
	if err != nil {
		t.Fatal(err)
	}
	if got.Failures != 3 || got.ETag != `"x"` || !got.NextFetchAt.Equal(t0.Add(time.Hour)) || !got.Paused || got.Items != 2 {
		t.Errorf("feed state = %+v", got)
	}
	all, err := d.ListFeedStates(ctx)
	if err != nil || len(all) != 1 {
		t.Fatalf("list = %v, %v", all, err)
	}
}

// TestBackupReadOnly: the backup tool's open never writes: a database made
// by older migrations stays as it is (no migration, no reindex), even when
// its file is read-only, and the copy is still made while the daemon holds
// the lock.
func TestBackupReadOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := oldDB(t, 1, `INSERT INTO chats (id, type, title) VALUES (7, 'group', 'g')`)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)

	src, err := db.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(dir, "copy.db")
	if err := src.Backup(ctx, dest); err != nil {
		t.Fatal(err)
	}
	src.Close()
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Error("the backup changed the source file")
	}
	copied, err := sql.Open("sqlite3", db.DSN(dest))
	if err != nil {
		t.Fatal(err)
	}
	defer copied.Close()
	var version int
	var title string
	if err := copied.QueryRowContext(ctx, `SELECT max(version) FROM schema_version`).Scan(&version); err != nil || version != 1 {
		t.Errorf("copy's schema version = %d, %v; want 1 (as the source: never migrated)", version, err)
	}
	if err := copied.QueryRowContext(ctx, `SELECT title FROM chats WHERE id = 7`).Scan(&title); err != nil || title != "g" {
		t.Errorf("chat in copy = %q, %v", title, err)
	}

	// Beside a running daemon, which holds the lock and writes.
	live := filepath.Join(dir, "live.db")
	d, err := db.Open(ctx, live, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	if err := d.UpsertChat(ctx, &briefbot.Chat{ID: 8, Type: briefbot.ChatPrivate}); err != nil {
		t.Fatal(err)
	}
	ro, err := db.OpenReadOnly(ctx, live)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if err := ro.Backup(ctx, filepath.Join(dir, "live-copy.db")); err != nil {
		t.Fatalf("backup beside the daemon: %v", err)
	}
	if _, err := db.OpenReadOnly(ctx, filepath.Join(dir, "missing.db")); err == nil {
		t.Error("read-only open of a missing file succeeded (and would have created it)")
	}
}
