package db_test

import (
	"context"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
)

// TestQuietSilent: a chat that asked for silent quiet hours gets its rows
// at once, claimed Silent while the hours hold and not after; turning
// silence on releases what the hours held.
func TestQuietSilent(t *testing.T) {
	ctx := context.Background()
	d, clk := openTest(t, db.Options{Location: time.UTC})
	// t0 is 09:00 UTC: both chats are quiet 08:00–10:00.
	mustChat(t, d, 1, "world") // holds
	mustChat(t, d, 2, "world") // silent
	for _, id := range []int64{1, 2} {
		if err := d.SetQuietHours(ctx, id, briefbot.QuietHours{Start: "08:00", End: "10:00"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.SetQuietSilent(ctx, 2, true); err != nil {
		t.Fatal(err)
	}
	if s := settingsOf(t, d, 2); !s.QuietSilent {
		t.Fatalf("settings %+v: not silent", s)
	}
	fanOut(t, d)
	ten := t0.Add(time.Hour)
	if _, next, _ := rowOf(t, d, 1); !next.Equal(ten) {
		t.Errorf("held chat's row due %s, want %s", next, ten)
	}
	got := claim(t, d, t0, 10)
	if len(got) != 1 || got[2] == nil || !got[2].Silent {
		t.Fatalf("claim in the quiet hours = %v, want chat 2's row, silent", got)
	}
	if err := d.MarkSent(ctx, got[2].ID, 1, t0); err != nil {
		t.Fatal(err)
	}
	// Silence switched on while chat 1's row is held: due at once.
	if err := d.SetQuietSilent(ctx, 1, true); err != nil {
		t.Fatal(err)
	}
	if got := claim(t, d, t0, 10); got[1] == nil || !got[1].Silent {
		t.Fatalf("after silence on, claim = %v, want chat 1 silent", got)
	}
	// After the quiet hours, nothing is silent.
	clk.t = ten.Add(time.Minute)
	fanOut(t, d)
	for id, r := range claim(t, d, clk.t, 10) {
		if r.Silent {
			t.Errorf("chat %d: silent outside its quiet hours", id)
		}
	}
}

// TestLinkPreviewsSetting: the chat's choice is stored and claimed rows
// carry it.
func TestLinkPreviewsSetting(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	mustChat(t, d, 1, "world")
	mustChat(t, d, 2, "world")
	if err := d.SetLinkPreviews(ctx, 1, briefbot.PreviewsOn); err != nil {
		t.Fatal(err)
	}
	if err := d.SetLinkPreviews(ctx, 2, briefbot.LinkPreviews(7)); briefbot.ErrorCode(err) != briefbot.EINVALID {
		t.Errorf("an unknown choice: %v", err)
	}
	if err := d.SetLinkPreviews(ctx, 99, briefbot.PreviewsOff); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Errorf("an unknown chat: %v", err)
	}
	fanOut(t, d)
	got := claim(t, d, t0, 10)
	if got[1].LinkPreviews != briefbot.PreviewsOn || got[2].LinkPreviews != briefbot.PreviewsDefault {
		t.Errorf("claimed previews: chat 1 %d, chat 2 %d", got[1].LinkPreviews, got[2].LinkPreviews)
	}
	if s := settingsOf(t, d, 1); s.LinkPreviews != briefbot.PreviewsOn {
		t.Errorf("settings: %+v", s)
	}
}

// TestPauseAndResume: pausing kills what was unsent, a paused chat gets no
// row and no edition (its last edition moves), and resuming sends nothing
// missed.
func TestPauseAndResume(t *testing.T) {
	ctx := context.Background()
	d, clk := openTest(t, db.Options{})
	mustChat(t, d, 1, "world")
	mustChat(t, d, 2, "world")
	mustChat(t, d, 3, "world")
	if err := d.SetChatMode(ctx, 3, briefbot.ModeEdition, t0.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	fanOut(t, d) // one row each for 1 and 2
	if err := d.SetPaused(ctx, 1, true, t0); err != nil {
		t.Fatal(err)
	}
	if err := d.SetPaused(ctx, 3, true, t0); err != nil {
		t.Fatal(err)
	}
	if state, _, _ := rowOf(t, d, 1); state != "dead" {
		t.Errorf("paused chat's row: %s, want dead", state)
	}
	if n := countRows(t, d, `SELECT count(*) FROM deliveries WHERE chat_id = 1 AND last_error = 'paused'`); n != 1 {
		t.Errorf("rows dead for the pause: %d", n)
	}
	if n := fanOut(t, d); n != 1 {
		t.Errorf("enqueue with chat 1 paused = %d rows, want 1 (chat 2)", n)
	}
	// The edition of the paused chat is skipped and its last edition moves.
	due := t0.Add(time.Hour)
	clk.t = due
	if created, _, err := makeEdition(ctx, d, 3, due); err != nil || created {
		t.Fatalf("edition of a paused chat: created %v, %v", created, err)
	}
	if s := settingsOf(t, d, 3); !s.Paused || !s.LastEdition.Equal(due) {
		t.Errorf("paused edition chat: %+v, want last edition %s", s, due)
	}
	if n := countRows(t, d, `SELECT count(*) FROM editions WHERE chat_id = 3`); n != 0 {
		t.Errorf("editions recorded while paused: %d", n)
	}
	// Resumed: new stories come, the missed ones do not.
	resumed := due.Add(10 * time.Minute)
	clk.t = resumed
	for _, id := range []int64{1, 3} {
		if err := d.SetPaused(ctx, id, false, resumed); err != nil {
			t.Fatal(err)
		}
	}
	if s := settingsOf(t, d, 3); s.Paused || !s.LastEdition.Equal(resumed) {
		t.Errorf("resumed edition chat: %+v, want last edition %s", s, resumed)
	}
	if n := countRows(t, d, `SELECT count(*) FROM deliveries WHERE chat_id = 1 AND state = 'pending'`); n != 0 {
		t.Errorf("resuming made %d rows", n)
	}
	if n := fanOut(t, d); n != 2 {
		t.Errorf("enqueue after resume = %d rows, want 2", n)
	}
}

// TestStopAndUndo: a stop kills every unsent row (the one in flight is
// still recorded if Telegram took it) and keeps a snapshot that Undo
// restores within 24 hours, once.
func TestStopAndUndo(t *testing.T) {
	ctx := context.Background()
	d, clk := openTest(t, db.Options{})
	mustChat(t, d, 1, "world", "economy")
	if err := d.SetChatTimezone(ctx, 1, "Europe/Moscow"); err != nil {
		t.Fatal(err)
	}
	if err := d.SetChatLanguage(ctx, 1, briefbot.LangRU); err != nil {
		t.Fatal(err)
	}
	if err := d.SetQuietHours(ctx, 1, briefbot.QuietHours{Start: "23:00", End: "07:00"}); err != nil {
		t.Fatal(err)
	}
	if err := d.SetChatMode(ctx, 1, briefbot.ModeEdition, t0); err != nil {
		t.Fatal(err)
	}
	if err := d.SetChatMode(ctx, 1, briefbot.ModeInstant, t0); err != nil {
		t.Fatal(err)
	}
	fanOut(t, d)
	fanOut(t, d)
	inFlight := claim(t, d, t0, 10)[1]
	if inFlight == nil {
		t.Fatal("nothing claimed")
	}
	n, err := d.StopChat(ctx, 1, t0)
	if err != nil || n != 2 {
		t.Fatalf("stop = %d, %v; want 2 subscriptions", n, err)
	}
	if subs, _ := d.Subscriptions(ctx, 1); len(subs) != 0 {
		t.Errorf("subscriptions after stop: %d", len(subs))
	}
	if n := countRows(t, d, `SELECT count(*) FROM deliveries WHERE chat_id = 1 AND state = 'dead' AND last_error = 'stopped'`); n != 2 {
		t.Errorf("rows dead for the stop: %d, want 2", n)
	}
	if got := claim(t, d, t0, 10); len(got) != 0 {
		t.Errorf("claim after stop = %v", got)
	}
	if n := fanOut(t, d); n != 0 {
		t.Errorf("a story after the stop made %d rows", n)
	}
	// The message on the wire at the stop went out: recorded as sent.
	if err := d.MarkSent(ctx, inFlight.ID, 9, t0); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, d, `SELECT count(*) FROM deliveries WHERE id = ? AND state = 'sent'`, inFlight.ID); n != 1 {
		t.Error("the row in flight was not recorded as sent")
	}

	// Settings changed after the stop are put back by the undo.
	if err := d.SetQuietHours(ctx, 1, briefbot.QuietHours{}); err != nil {
		t.Fatal(err)
	}
	if err := d.SetChatLanguage(ctx, 1, briefbot.LangEN); err != nil {
		t.Fatal(err)
	}
	clk.t = t0.Add(23 * time.Hour)
	if err := d.UndoStop(ctx, 1, clk.t); err != nil {
		t.Fatal(err)
	}
	s := settingsOf(t, d, 1)
	if s.Quiet.String() != "23:00–07:00" || s.Timezone != "Europe/Moscow" || s.Language != briefbot.LangRU || s.Mode != briefbot.ModeInstant {
		t.Errorf("settings after undo: %+v", s)
	}
	subs, _ := d.Subscriptions(ctx, 1)
	if len(subs) != 2 {
		t.Fatalf("subscriptions after undo: %d, want 2", len(subs))
	}
	if n := countRows(t, d, `SELECT count(*) FROM subscriptions WHERE chat_id = 1 AND language = 'ru'`); n != 2 {
		t.Errorf("subscriptions carrying the restored language: %d", n)
	}
	if n := countRows(t, d, `SELECT count(*) FROM deliveries WHERE chat_id = 1 AND state IN ('pending', 'failed')`); n != 0 {
		t.Errorf("undo revived %d rows", n)
	}
	if err := d.UndoStop(ctx, 1, clk.t); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Errorf("second undo: %v, want ENOTFOUND", err)
	}
	// Too late: a day and a second after the stop.
	if _, err := d.StopChat(ctx, 1, clk.t); err != nil {
		t.Fatal(err)
	}
	if err := d.UndoStop(ctx, 1, clk.t.Add(briefbot.StopUndoWindow+time.Second)); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Errorf("late undo: %v, want ENOTFOUND", err)
	}
	if _, err := d.StopChat(ctx, 404, t0); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Errorf("stop of an unknown chat: %v", err)
	}
}

func settingsOf(t *testing.T, d *db.DB, chatID int64) *briefbot.ChatSettings {
	t.Helper()
	s, err := d.ChatSettings(context.Background(), chatID)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
