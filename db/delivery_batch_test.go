package db_test

import (
	"context"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
)

func TestMarkSentBatch(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	for id := int64(1); id <= 5; id++ {
		mustChat(t, d, id, "world")
	}
	s, _ := briefedStory(t, d, "world")
	if n, err := d.EnqueueStory(ctx, s.ID); err != nil || n != 5 {
		t.Fatalf("EnqueueStory = %d, %v; want 5 rows", n, err)
	}
	rows, err := d.Claim(ctx, t0.Add(time.Hour), 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 {
		t.Fatalf("claimed %d rows, want 5", len(rows))
	}
	at := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
	for i, r := range rows {
		r.MessageID, r.SentAt = 100+i, at
	}
	// The last row was recovered meanwhile: the batch must not mark it.
	if err := d.Release(ctx, rows[4].ID, at); err != nil {
		t.Fatal(err)
	}
	if err := d.MarkSentBatch(ctx, rows); err != nil {
		t.Fatalf("MarkSentBatch: %v", err)
	}
	st, err := d.DeliveryStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st[briefbot.DeliverySent] != 4 || st[briefbot.DeliveryPending] != 1 {
		t.Fatalf("stats = %v, want 4 sent and 1 pending", st)
	}
	if err := d.MarkSentBatch(ctx, nil); err != nil {
		t.Fatalf("empty batch: %v", err)
	}
}
