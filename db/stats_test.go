package db_test

import (
	"context"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
)

func TestChatCountsAndSentSince(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	mustChat(t, d, 1, "world", "economy")
	mustChat(t, d, 2, "world")
	mustChat(t, d, 3)
	if err := d.DeactivateChat(ctx, 2, "blocked"); err != nil {
		t.Fatal(err)
	}
	chats, active, subs, subscribers, err := d.ChatCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if chats != 3 || active != 2 || subs != 2 || subscribers != 1 {
		t.Errorf("ChatCounts = %d chats, %d active, %d subscriptions, %d subscribers; want 3, 2, 2, 1", chats, active, subs, subscribers)
	}

	s, _ := briefedStory(t, d, "world")
	if _, err := d.EnqueueStory(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	rows, err := d.Claim(ctx, briefbot.ClaimRequest{Now: t0.Add(time.Hour), Limit: 10})
	if err != nil || len(rows) != 1 {
		t.Fatalf("Claim = %d rows, %v; want 1", len(rows), err)
	}
	if err := d.MarkSent(ctx, rows[0].ID, 7, t0); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		since time.Time
		want  int
	}{{t0.Add(-time.Hour), 1}, {t0, 1}, {t0.Add(time.Second), 0}} {
		if n, err := d.SentSince(ctx, tt.since); err != nil || n != tt.want {
			t.Errorf("SentSince(%v) = %d, %v; want %d", tt.since, n, err, tt.want)
		}
	}
}

// TestDeliveryWaits: rows held by quiet hours, rows waiting for a retry
// and paused chats are told apart.
func TestDeliveryWaits(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{Location: time.UTC})
	for id := int64(1); id <= 4; id++ {
		mustChat(t, d, id, "world")
	}
	// t0 is 09:00 UTC: chat 1 is quiet until 10:00.
	if err := d.SetQuietHours(ctx, 1, briefbot.QuietHours{Start: "08:00", End: "10:00"}); err != nil {
		t.Fatal(err)
	}
	if err := d.SetPaused(ctx, 4, true, t0); err != nil {
		t.Fatal(err)
	}
	fanOut(t, d) // chats 1 (held), 2 and 3
	rows := claim(t, d, t0, 10)
	if err := d.MarkFailed(ctx, rows[2].ID, "502", t0.Add(5*time.Minute)); err != nil {
		t.Fatal(err)
	}
	w, err := d.DeliveryWaits(ctx, t0)
	if err != nil {
		t.Fatal(err)
	}
	if w.QuietHeld != 1 || w.Retrying != 1 || !w.RetryNext.Equal(t0.Add(5*time.Minute)) || w.PausedChats != 1 {
		t.Errorf("waits = %+v; want 1 held, 1 retrying at +5m, 1 paused", w)
	}
}
