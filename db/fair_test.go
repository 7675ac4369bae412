package db_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
)

// feedStory saves a briefed story of world reported by feed and enqueues it.
func feedStory(t *testing.T, d *db.DB, feed string) int64 {
	t.Helper()
	ctx := context.Background()
	it := item(feed, "露外相が停戦を協議", t0)
	it.FeedName = feed
	s := &briefbot.Story{Language: "ja", Topics: []string{"world"}, FirstPublished: t0, FirstSeen: t0, LastSeen: t0,
		Items: []briefbot.Item{it}}
	if err := d.SaveStory(ctx, s); err != nil {
		t.Fatal(err)
	}
	b := &briefbot.Brief{StoryID: s.ID, Headline: feed, HTML: feed, Published: t0}
	if err := d.SaveBrief(ctx, b); err != nil {
		t.Fatal(err)
	}
	if _, err := d.EnqueueStory(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	return b.ID
}

// TestClaimServesFeedsFairly: a feed that pushed five stories at once does
// not queue them ahead of a calm feed's brief enqueued after them: a chat
// gets the calm brief second, not sixth, and a group is spaced at its own
// pace.
func TestClaimServesFeedsFairly(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{FairPrivate: time.Second, FairGroup: 3150 * time.Millisecond})
	mustChat(t, d, 1, "world")
	if err := d.UpsertChat(ctx, &briefbot.Chat{ID: -5, Type: briefbot.ChatSupergroup, Title: "g"}); err != nil {
		t.Fatal(err)
	}
	if err := d.Subscribe(ctx, &briefbot.Subscription{ChatID: -5, Topic: "world", Mode: briefbot.ModeInstant}); err != nil {
		t.Fatal(err)
	}
	names := map[int64]string{}
	for range 5 {
		names[feedStory(t, d, "busy")] = "busy"
	}
	names[feedStory(t, d, "calm")] = "calm"

	order := map[int64][]string{}
	at := t0
	for step := 0; step < 40 && len(order[1])+len(order[-5]) < 12; step++ {
		for chat, r := range claim(t, d, at, 10) {
			order[chat] = append(order[chat], names[r.BriefID])
			if err := d.MarkSent(ctx, r.ID, 1, at); err != nil {
				t.Fatal(err)
			}
		}
		at = at.Add(500 * time.Millisecond)
	}
	for _, chat := range []int64{1, -5} {
		got := order[chat]
		if len(got) != 6 || got[0] != "busy" || got[1] != "calm" {
			t.Errorf("chat %d got %v; want all six, the calm brief second", chat, got)
		}
	}
	// The group's busy rows are 3.15 s apart: its sixth send is due at
	// 12.6 s, a private chat's at 4 s.
	var groupLast, privateLast int64
	if err := d.SQL().QueryRow(`SELECT max(next_attempt_at) FROM deliveries WHERE chat_id = -5`).Scan(&groupLast); err != nil {
		t.Fatal(err)
	}
	if err := d.SQL().QueryRow(`SELECT max(next_attempt_at) FROM deliveries WHERE chat_id = 1`).Scan(&privateLast); err != nil {
		t.Fatal(err)
	}
	if g, p := time.UnixMicro(groupLast).Sub(t0), time.UnixMicro(privateLast).Sub(t0); g != 12600*time.Millisecond || p != 4*time.Second {
		t.Errorf("last busy row due after %v (group), %v (private); want 12.6s, 4s", g, p)
	}
}

// TestMigrateFair upgrades a database main's migrations made, holding a
// pending ledger: the old rows keep their order and are claimed as before,
// and the next enqueue records its feed.
func TestMigrateFair(t *testing.T) {
	ctx := context.Background()
	due := t0.Add(-time.Minute).UnixMicro()
	path := oldDB(t, 9,
		`INSERT INTO chats (id, type, active) VALUES (1, 'private', 1), (2, 'private', 1)`,
		`INSERT INTO subscriptions (chat_id, topic) VALUES (1, 'world'), (2, 'world')`,
		`INSERT INTO stories (id) VALUES (10), (11)`,
		`INSERT INTO briefs (id, story_id, html) VALUES (20, 10, '一'), (21, 11, '二')`,
		`INSERT INTO deliveries (id, chat_id, story_id, state, next_attempt_at) VALUES
			(1, 1, 10, 'pending', `+itoa(due)+`), (2, 1, 11, 'pending', `+itoa(due)+`),
			(3, 2, 10, 'sent', `+itoa(due)+`), (4, 2, 11, 'failed', `+itoa(due)+`)`)
	d, err := db.Open(ctx, path, db.Options{Now: func() time.Time { return t0 }, Logger: quiet.Logger})
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	got := claim(t, d, t0, 10)
	if len(got) != 2 || got[1].ID != 1 || got[2].ID != 4 {
		t.Fatalf("first claim after the upgrade = %v, want rows 1 and 4", got)
	}
	for _, r := range got {
		if err := d.MarkSent(ctx, r.ID, 1, t0); err != nil {
			t.Fatal(err)
		}
	}
	if got := claim(t, d, t0, 10); len(got) != 1 || got[1].ID != 2 {
		t.Fatalf("second claim = %v, want chat 1's old row 2 at once", got)
	}
	feedStory(t, d, "wire")
	var feed string
	if err := d.SQL().QueryRow(`SELECT feed FROM deliveries WHERE chat_id = 1 ORDER BY id DESC LIMIT 1`).Scan(&feed); err != nil || feed != "wire" {
		t.Errorf("new row's feed = %q, %v; want wire", feed, err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// BenchmarkEnqueueStoryFair is BenchmarkEnqueueStory with the fair spacing
// on: each of the 100k rows looks up its chat's latest pending row of the
// feed, which grows by one row per chat each op.
func BenchmarkEnqueueStoryFair(b *testing.B) {
	const chats = 100_000
	ctx := context.Background()
	d, _ := openTest(b, db.Options{FairPrivate: time.Second, FairGroup: 3150 * time.Millisecond})
	subscribeMany(b, d, chats, "world")
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		s, _ := briefedStory(b, d, "world")
		b.StartTimer()
		if n, err := d.EnqueueStory(ctx, s.ID); err != nil || n != chats {
			b.Fatalf("enqueue = %d, %v", n, err)
		}
	}
	b.ReportMetric(float64(chats*b.N)/b.Elapsed().Seconds(), "rows/s")
}
