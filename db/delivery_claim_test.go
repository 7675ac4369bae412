package db_test

import (
	"context"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
)

func claim(t *testing.T, d *db.DB, at time.Time, limit int, notDue ...int64) map[int64]*briefbot.Delivery {
	t.Helper()
	rows, err := d.Claim(context.Background(), briefbot.ClaimRequest{Now: at, Limit: limit, NotDue: notDue})
	if err != nil {
		t.Fatal(err)
	}
	out := map[int64]*briefbot.Delivery{}
	for _, r := range rows {
		if out[r.ChatID] != nil {
			t.Fatalf("two rows of chat %d in one claim", r.ChatID)
		}
		out[r.ChatID] = r
	}
	return out
}

// fanOut saves a briefed story of world and enqueues it; it returns how
// many rows it added.
func fanOut(t *testing.T, d *db.DB) int {
	t.Helper()
	s, _ := briefedStory(t, d, "world")
	n, err := d.EnqueueStory(context.Background(), s.ID)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// rowOf is the chat's one unsent row.
func rowOf(t *testing.T, d *db.DB, chatID int64) (state string, next time.Time, attempts int) {
	t.Helper()
	var n int64
	err := d.SQL().QueryRow(`SELECT state, next_attempt_at, attempts FROM deliveries
		WHERE chat_id = ? AND state <> 'sent' ORDER BY id DESC LIMIT 1`, chatID).Scan(&state, &n, &attempts)
	if err != nil {
		t.Fatalf("row of chat %d: %v", chatID, err)
	}
	return state, time.UnixMicro(n).UTC(), attempts
}

func TestClaimOnePerChatAndNotDue(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	for id := int64(1); id <= 3; id++ {
		mustChat(t, d, id, "world")
	}
	for range 3 {
		fanOut(t, d)
	}
	got := claim(t, d, t0, 10, 2)
	if len(got) != 2 || got[1] == nil || got[3] == nil {
		t.Fatalf("claim = %v, want one row of chats 1 and 3 (2 is not due)", got)
	}
	first := got[1]
	// The rows left behind were never touched.
	var touched int
	if err := d.SQL().QueryRow(`SELECT count(*) FROM deliveries WHERE state = 'pending' AND updated_at <> created_at`).
		Scan(&touched); err != nil || touched != 0 {
		t.Errorf("%d pending rows were rewritten, %v", touched, err)
	}
	for _, r := range got {
		if err := d.MarkSent(ctx, r.ID, 1, t0); err != nil {
			t.Fatal(err)
		}
	}
	// A limit smaller than the chats: the oldest rows first.
	got = claim(t, d, t0, 1)
	if len(got) != 1 || got[2] == nil {
		t.Fatalf("claim limit 1 = %v, want chat 2's oldest row", got)
	}
	if next := claim(t, d, t0, 10, 2); next[1] == nil || next[1].ID <= first.ID {
		t.Errorf("chat 1's second row = %+v, want a later row than %d", next[1], first.ID)
	}
}

func TestQuietHoursHoldRowsInSQL(t *testing.T) {
	ctx := context.Background()
	ny, _ := time.LoadLocation("America/New_York")
	d, clk := openTest(t, db.Options{Location: ny})
	// t0 is 09:00 UTC: 12:00 in Moscow, 18:00 in Tokyo, 04:00 in New York.
	mustChat(t, d, 1, "world") // Moscow, 23:00–07:00: not quiet now
	mustChat(t, d, 2, "world") // Tokyo, 17:00–19:00: quiet until 10:00 UTC
	mustChat(t, d, 3, "world") // no quiet hours
	mustChat(t, d, 4, "world") // the default zone (New York), 03:00–05:00: quiet until 10:00 UTC
	for id, set := range map[int64]struct{ tz, from, to string }{
		1: {"Europe/Moscow", "23:00", "07:00"}, 2: {"Asia/Tokyo", "17:00", "19:00"}, 4: {"", "03:00", "05:00"},
	} {
		if set.tz != "" {
			if err := d.SetChatTimezone(ctx, id, set.tz); err != nil {
				t.Fatal(err)
			}
		}
		if err := d.SetQuietHours(ctx, id, briefbot.QuietHours{Start: set.from, End: set.to}); err != nil {
			t.Fatal(err)
		}
	}
	if n := fanOut(t, d); n != 4 {
		t.Fatalf("enqueue = %d rows, want 4", n)
	}
	ten := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	for _, id := range []int64{2, 4} {
		if state, next, _ := rowOf(t, d, id); state != "pending" || !next.Equal(ten) {
			t.Errorf("chat %d: %s due %s, want pending until %s", id, state, next, ten)
		}
	}
	got := claim(t, d, t0, 10)
	if len(got) != 2 || got[1] == nil || got[3] == nil {
		t.Fatalf("claim at 09:00 UTC = %v, want chats 1 and 3", got)
	}
	for _, r := range got {
		if err := d.MarkSent(ctx, r.ID, 1, t0); err != nil {
			t.Fatal(err)
		}
	}
	if got := claim(t, d, ten.Add(-time.Second), 10); len(got) != 0 {
		t.Fatalf("claim before the quiet hours end = %v", got)
	}
	if got := claim(t, d, ten, 10); len(got) != 2 || got[2] == nil || got[4] == nil {
		t.Fatalf("claim when they end = %v, want chats 2 and 4", got)
	}

	// A row made just before quiet hours and claimed inside them is moved
	// to their end, with no attempt counted.
	clk.t = time.Date(2026, 3, 1, 19, 59, 0, 0, time.UTC) // 22:59 in Moscow
	fanOut(t, d)
	at := time.Date(2026, 3, 1, 20, 30, 0, 0, time.UTC) // 23:30 in Moscow
	got = claim(t, d, at, 10)
	if got[1] != nil || got[3] == nil {
		t.Fatalf("claim at 23:30 Moscow = %v, want chat 3 and not 1", got)
	}
	seven := time.Date(2026, 3, 2, 4, 0, 0, 0, time.UTC) // 07:00 in Moscow
	if state, next, tries := rowOf(t, d, 1); state != "pending" || !next.Equal(seven) || tries != 0 {
		t.Errorf("held row: %s due %s after %d attempts, want pending until %s, 0", state, next, tries, seven)
	}
	// Quiet hours switched off: what they held is due at once.
	clk.t = at
	if err := d.SetQuietHours(ctx, 1, briefbot.QuietHours{}); err != nil {
		t.Fatal(err)
	}
	if got := claim(t, d, at, 10); got[1] == nil {
		t.Errorf("after quiet hours none, claim = %v, want chat 1's row", got)
	}
	// A new zone moves what the old one held: Tokyo's 17:00–19:00 is 08:00–10:00
	// UTC, and at 09:00 UTC London is not quiet, so the row is due at once.
	clk.t = time.Date(2026, 3, 2, 8, 30, 0, 0, time.UTC)
	fanOut(t, d)
	if _, next, _ := rowOf(t, d, 2); !next.Equal(time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)) {
		t.Fatalf("Tokyo row due %s, want 10:00 UTC", next)
	}
	clk.t = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	if err := d.SetChatTimezone(ctx, 2, "Europe/London"); err != nil {
		t.Fatal(err)
	}
	if _, next, _ := rowOf(t, d, 2); !next.Equal(clk.t) {
		t.Errorf("after the move to London the row is due %s, want now (%s)", next, clk.t)
	}
}

// TestClaimReadsPastRowsNotDue: rows passed over fill the first reads (all
// due at the same instant, as a fan-out makes them); the claim reads on
// until it has its limit.
func TestClaimReadsPastRowsNotDue(t *testing.T) {
	d, _ := openTest(t, db.Options{})
	mustChat(t, d, 1, "world")
	for range 120 {
		fanOut(t, d)
	}
	for id := int64(2); id <= 80; id++ {
		mustChat(t, d, id, "world")
	}
	if n := fanOut(t, d); n != 80 {
		t.Fatalf("enqueue = %d rows, want 80", n)
	}
	got := claim(t, d, t0, 50, 1)
	if len(got) != 50 || got[1] != nil {
		t.Fatalf("claimed %d rows (chat 1: %v), want 50 of chats 2–80", len(got), got[1] != nil)
	}
	for id := int64(2); id <= 51; id++ {
		if got[id] == nil {
			t.Errorf("chat %d not claimed: the oldest rows go first", id)
		}
	}
	if got := claim(t, d, t0, 50, 1); len(got) != 29 {
		t.Errorf("second claim = %d rows, want the 29 left", len(got))
	}
}
