package db_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
)

// subscribeMany adds n active private chats subscribed to topic, in one
// transaction through the raw handle (setup speed only).
func subscribeMany(b *testing.B, d *db.DB, n int, topic string) {
	b.Helper()
	ctx := context.Background()
	tx, err := d.SQL().BeginTx(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	for id := 1; id <= n; id++ {
		if _, err := tx.Exec(`INSERT INTO chats (id, type, active) VALUES (?, 'private', 1)`, id); err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec(`INSERT INTO subscriptions (chat_id, topic, mode) VALUES (?, ?, 'instant')`, id, topic); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkEnqueueStory fans one brief out to 100k subscribed chats per op.
func BenchmarkEnqueueStory(b *testing.B) {
	const chats = 100_000
	ctx := context.Background()
	d, _ := openTest(b, db.Options{})
	subscribeMany(b, d, chats, "world")
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, _ := briefedStory(b, d, "world")
		b.StartTimer()
		n, err := d.EnqueueStory(ctx, s.ID)
		if err != nil || n != chats {
			b.Fatalf("enqueue = %d, %v", n, err)
		}
	}
	b.ReportMetric(float64(chats*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkClaimMarkSent claims in batches and marks each row sent, the
// sender's loop without the HTTP call.
func BenchmarkClaimMarkSent(b *testing.B) {
	for _, batch := range []int{1, 50} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			ctx := context.Background()
			d, _ := openTest(b, db.Options{})
			subscribeMany(b, d, max(b.N, 1), "world")
			s, _ := briefedStory(b, d, "world")
			if _, err := d.EnqueueStory(ctx, s.ID); err != nil {
				b.Fatal(err)
			}
			now := t0.Add(time.Hour)
			b.ResetTimer()
			sent := 0
			for sent < b.N {
				ds, err := d.Claim(ctx, briefbot.ClaimRequest{Now: now, Limit: batch})
				if err != nil {
					b.Fatal(err)
				}
				if len(ds) == 0 {
					b.Fatalf("ran dry after %d", sent)
				}
				for _, x := range ds {
					if err := d.MarkSent(ctx, x.ID, 1, now); err != nil {
						b.Fatal(err)
					}
				}
				sent += len(ds)
			}
			b.ReportMetric(float64(sent)/b.Elapsed().Seconds(), "msgs/s")
			if st, _ := d.DeliveryStats(ctx); st[briefbot.DeliverySent] != sent {
				b.Fatalf("sent %d, stats %v", sent, st)
			}
		})
	}
}
