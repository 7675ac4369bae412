package db_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"briefbot"
	"briefbot/db"
)

// writes records what ObserveWrites reports.
type writes struct {
	mu   sync.Mutex
	oks  int
	errs []error
}

func (w *writes) observe(err error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if err == nil {
		w.oks++
	} else {
		w.errs = append(w.errs, err)
	}
}

func (w *writes) last() (int, []error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.oks, append([]error(nil), w.errs...)
}

// bigPost needs fresh pages wherever it goes.
func bigPost(key string) briefbot.Post {
	body := strings.Repeat("停戦協議は続いている。", 4000)
	return briefbot.Post{Key: key, Title: key, HTML: body, Text: body, Published: t0, FetchedAt: t0, ContentHash: key}
}

func checkWriteError(t *testing.T, err error, reason string) {
	t.Helper()
	var we *db.WriteError
	if !errors.As(err, &we) || we.Reason != reason {
		t.Fatalf("err = %v, want a WriteError for %q", err, reason)
	}
	if code := briefbot.ErrorCode(err); code != briefbot.EUNAVAILABLE {
		t.Errorf("code %q, want %q so that users get a reply", code, briefbot.EUNAVAILABLE)
	}
	if msg := briefbot.ErrorMessage(err); strings.Contains(msg, "SQL") || strings.Contains(msg, "disk") {
		t.Errorf("user-facing message leaks the cause: %q", msg)
	}
}

// TestWriteFailuresReported: a full disk (simulated with PRAGMA
// max_page_count) and a read-only reopen fail writes with a WriteError that
// names the reason, and the observer hears of failures and of the next
// committed write.
func TestWriteFailuresReported(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	var w writes
	d.ObserveWrites(w.observe)
	if _, err := d.SavePosts(ctx, "wire", []briefbot.Post{bigPost("a")}); err != nil {
		t.Fatal(err)
	}
	if err := d.FillDisk(ctx, true); err != nil {
		t.Fatal(err)
	}
	_, err := d.SavePosts(ctx, "wire", []briefbot.Post{bigPost("b")})
	checkWriteError(t, err, db.ReasonDiskFull)
	err = d.SaveFeedState(ctx, &briefbot.FeedState{Name: "wire", LastError: strings.Repeat("x", 200_000)})
	checkWriteError(t, err, db.ReasonDiskFull)
	if _, errs := w.last(); len(errs) != 2 {
		t.Fatalf("observed failures %v, want the two", errs)
	}
	if err := d.FillDisk(ctx, false); err != nil {
		t.Fatal(err)
	}
	oks, _ := w.last()
	if _, err := d.SavePosts(ctx, "wire", []briefbot.Post{bigPost("b")}); err != nil {
		t.Fatalf("write once there is room: %v", err)
	}
	if now, _ := w.last(); now <= oks {
		t.Error("the committed write after the failure was not observed")
	}

	path := filepath.Join(t.TempDir(), "ro.db")
	rw, err := db.Open(ctx, path, quiet)
	if err != nil {
		t.Fatal(err)
	}
	rw.Close()
	ro, err := db.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	var rw2 writes
	ro.ObserveWrites(rw2.observe)
	err = ro.UpsertChat(ctx, &briefbot.Chat{ID: 7, Type: briefbot.ChatPrivate, Active: true})
	checkWriteError(t, err, db.ReasonReadOnly)
	err = ro.Unsubscribe(ctx, 7, "world")
	checkWriteError(t, err, db.ReasonReadOnly)
	if _, errs := rw2.last(); len(errs) != 2 {
		t.Errorf("observed %v, want both read-only failures", errs)
	}
}
