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
