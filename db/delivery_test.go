package db_test

import (
	"context"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
)

func mustChat(tb testing.TB, d *db.DB, id int64, topics ...string) {
	tb.Helper()
	ctx := context.Background()
	if err := d.UpsertChat(ctx, &briefbot.Chat{ID: id, Type: briefbot.ChatPrivate, Title: "c"}); err != nil {
		tb.Fatal(err)
	}
	for _, tp := range topics {
		if err := d.Subscribe(ctx, &briefbot.Subscription{ChatID: id, Topic: tp, Mode: briefbot.ModeInstant}); err != nil {
			tb.Fatal(err)
		}
	}
}

// briefedStory saves a story with topics and a brief, returning the story.
func briefedStory(tb testing.TB, d *db.DB, topics ...string) (*briefbot.Story, *briefbot.Brief) {
	tb.Helper()
	ctx := context.Background()
	s := &briefbot.Story{Language: "ja", Topics: topics, FirstPublished: t0, FirstSeen: t0, LastSeen: t0,
		Items: []briefbot.Item{item("t", "露外相が停戦を協議", t0)}}
	if err := d.SaveStory(ctx, s); err != nil {
		tb.Fatal(err)
	}
	b := &briefbot.Brief{StoryID: s.ID, Headline: "停戦協議", HTML: "<b>停戦</b>協議", Published: t0}
	if err := d.SaveBrief(ctx, b); err != nil {
		tb.Fatal(err)
	}
	return s, b
}

func TestEnqueueStory(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	mustChat(t, d, 1, "world")
	mustChat(t, d, 2, "world", "economy") // two matching topics: one row
	mustChat(t, d, 3, "sport")            // no match
	mustChat(t, d, 4, "world")
	if err := d.DeactivateChat(ctx, 4, "blocked"); err != nil { // inactive
		t.Fatal(err)
	}
	mustChat(t, d, 5)
	if err := d.Subscribe(ctx, &briefbot.Subscription{ChatID: 5, Topic: "world", Mode: briefbot.ModeEdition}); err != nil {
		t.Fatal(err)
	}
	// Forum threads: the lowest matching thread is used.
	for _, th := range []int{9, 4} {
		if err := d.Subscribe(ctx, &briefbot.Subscription{ChatID: 6, Topic: "world", ThreadID: th}); err != nil {
			t.Fatal(err)
		}
	}

	s, b := briefedStory(t, d, "world", "economy")
	n, err := d.EnqueueStory(ctx, s.ID)
	if err != nil || n != 3 {
		t.Fatalf("enqueue = %d, %v; want 3", n, err)
	}
	if n, err := d.EnqueueStory(ctx, s.ID); err != nil || n != 0 {
		t.Fatalf("second enqueue = %d, %v; want 0", n, err)
	}
	got, _ := d.Story(ctx, s.ID)
	if !got.Enqueued {
		t.Error("story not marked enqueued")
	}
	ds, err := d.Claim(ctx, briefbot.ClaimRequest{Now: t0, Limit: 10})
	if err != nil || len(ds) != 3 {
		t.Fatalf("claim = %d, %v", len(ds), err)
	}
	chats := map[int64]*briefbot.Delivery{}
	for _, x := range ds {
		chats[x.ChatID] = x
		if x.BriefID != b.ID || x.HTML != b.HTML || x.State != briefbot.DeliverySending {
			t.Errorf("delivery %+v", x)
		}
	}
	if chats[6] == nil || chats[6].ThreadID != 4 || chats[1] == nil || chats[2] == nil {
		t.Errorf("chats = %v", chats)
	}
	if chats[1].ChatType != briefbot.ChatPrivate {
		t.Errorf("chat type = %q", chats[1].ChatType)
	}

	// No brief yet: nothing, and the story stays enqueueable.
	s2 := &briefbot.Story{Language: "ja", Topics: []string{"world"}, LastSeen: t0, Items: []briefbot.Item{item("u", "v", t0)}}
	if err := d.SaveStory(ctx, s2); err != nil {
		t.Fatal(err)
	}
	if n, err := d.EnqueueStory(ctx, s2.ID); err != nil || n != 0 {
		t.Fatalf("unbriefed enqueue = %d, %v", n, err)
	}
	if got, _ := d.Story(ctx, s2.ID); got.Enqueued {
		t.Error("unbriefed story marked enqueued")
	}
	if _, err := d.EnqueueStory(ctx, 12345); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Errorf("missing story: %v", err)
	}
}

func TestLedgerStateMachine(t *testing.T) {
	ctx := context.Background()
	d, clk := openTest(t, db.Options{MaxAttempts: 3})
	mustChat(t, d, 1, "world")
	s, _ := briefedStory(t, d, "world")
	if _, err := d.EnqueueStory(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	claimOne := func(at time.Time) *briefbot.Delivery {
		t.Helper()
		ds, err := d.Claim(ctx, briefbot.ClaimRequest{Now: at, Limit: 5})
		if err != nil {
			t.Fatal(err)
		}
		if len(ds) > 1 {
			t.Fatalf("claimed %d", len(ds))
		}
		if len(ds) == 0 {
			return nil
		}
		return ds[0]
	}
	x := claimOne(t0)
	if x == nil {
		t.Fatal("nothing claimed")
	}
	if claimOne(t0) != nil {
		t.Fatal("sending row claimed twice")
	}
	steps := []struct {
		name      string
		do        func() error
		claimAt   time.Time
		wantClaim bool
		wantState briefbot.DeliveryState
		wantTries int
	}{
		{"release", func() error { return d.Release(ctx, x.ID, t0.Add(time.Minute)) }, t0, false, briefbot.DeliveryPending, 0},
		{"due after release", nil, t0.Add(time.Minute), true, briefbot.DeliverySending, 0},
		{"fail 1", func() error { return d.MarkFailed(ctx, x.ID, "502", t0.Add(2*time.Minute)) }, t0.Add(time.Minute), false, briefbot.DeliveryFailed, 1},
		{"retry due", nil, t0.Add(2 * time.Minute), true, briefbot.DeliverySending, 1},
		{"fail 2", func() error { return d.MarkFailed(ctx, x.ID, "502", t0.Add(3*time.Minute)) }, t0, false, briefbot.DeliveryFailed, 2},
		{"retry again", nil, t0.Add(3 * time.Minute), true, briefbot.DeliverySending, 2},
		{"fail 3 → dead", func() error { return d.MarkFailed(ctx, x.ID, "502", t0.Add(4*time.Minute)) }, t0.Add(time.Hour), false, briefbot.DeliveryDead, 3},
		{"late failure ignored", func() error { return d.MarkFailed(ctx, x.ID, "x", t0) }, t0.Add(time.Hour), false, briefbot.DeliveryDead, 3},
	}
	for _, st := range steps {
		if st.do != nil {
			if err := st.do(); err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
		}
		got := claimOne(st.claimAt)
		if (got != nil) != st.wantClaim {
			t.Fatalf("%s: claimed = %v", st.name, got != nil)
		}
		row, err := d.Delivery(ctx, x.ID)
		if err != nil {
			t.Fatal(err)
		}
		if row.State != st.wantState || row.Attempts != st.wantTries {
			t.Fatalf("%s: state %s attempts %d, want %s %d", st.name, row.State, row.Attempts, st.wantState, st.wantTries)
		}
	}
	if err := d.MarkSent(ctx, 999, 1, t0); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Errorf("mark missing: %v", err)
	}

	// A second story: sent path and stats.
	clk.t = t0.Add(time.Hour)
	s2, _ := briefedStory(t, d, "world")
	if _, err := d.EnqueueStory(ctx, s2.ID); err != nil {
		t.Fatal(err)
	}
	y := claimOne(clk.t)
	if err := d.MarkSent(ctx, y.ID, 777, clk.t); err != nil {
		t.Fatal(err)
	}
	row, _ := d.Delivery(ctx, y.ID)
	if row.State != briefbot.DeliverySent || row.MessageID != 777 || !row.SentAt.Equal(clk.t) {
		t.Errorf("sent row = %+v", row)
	}
	if err := d.MarkDead(ctx, y.ID, "late"); err != nil {
		t.Fatal(err)
	}
	if row, _ := d.Delivery(ctx, y.ID); row.State != briefbot.DeliverySent {
		t.Error("MarkDead overwrote a sent row")
	}
	st, err := d.DeliveryStats(ctx)
	if err != nil || st[briefbot.DeliverySent] != 1 || st[briefbot.DeliveryDead] != 1 || st[briefbot.DeliveryPending] != 0 {
		t.Errorf("stats = %v, %v", st, err)
	}
}

func TestRecoverSending(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	for id := int64(1); id <= 3; id++ {
		mustChat(t, d, id, "world")
	}
	s, _ := briefedStory(t, d, "world")
	if _, err := d.EnqueueStory(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	ds, _ := d.Claim(ctx, briefbot.ClaimRequest{Now: t0, Limit: 2})
	if len(ds) != 2 {
		t.Fatalf("claimed %d", len(ds))
	}
	n, err := d.RecoverSending(ctx)
	if err != nil || n != 2 {
		t.Fatalf("recover = %d, %v", n, err)
	}
	st, _ := d.DeliveryStats(ctx)
	if st[briefbot.DeliveryPending] != 3 || st[briefbot.DeliverySending] != 0 {
		t.Errorf("stats after recover = %v", st)
	}
	if ds, _ := d.Claim(ctx, briefbot.ClaimRequest{Now: t0, Limit: 10}); len(ds) != 3 {
		t.Errorf("claim after recover = %d", len(ds))
	}
}

func TestDeactivateAndMigrateChat(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	mustChat(t, d, -100, "world")
	mustChat(t, d, 2, "world")
	s, _ := briefedStory(t, d, "world")
	if _, err := d.EnqueueStory(ctx, s.ID); err != nil {
		t.Fatal(err)
	}

	if err := d.DeactivateChat(ctx, 2, "Forbidden: bot was blocked by the user"); err != nil {
		t.Fatal(err)
	}
	c, _ := d.Chat(ctx, 2)
	if c.Active || c.InactiveErr == "" {
		t.Errorf("deactivated chat = %+v", c)
	}
	if err := d.MigrateChat(ctx, -100, -1001); err != nil {
		t.Fatal(err)
	}
	ds, err := d.Claim(ctx, briefbot.ClaimRequest{Now: t0, Limit: 10})
	if err != nil || len(ds) != 1 || ds[0].ChatID != -1001 || ds[0].ChatType != briefbot.ChatSupergroup {
		t.Fatalf("claim after migrate = %+v, %v", ds, err)
	}
	if subs, _ := d.Subscriptions(ctx, -1001); len(subs) != 1 || subs[0].Topic != "world" {
		t.Errorf("migrated subscriptions = %v", subs)
	}
	if subs, _ := d.Subscriptions(ctx, -100); len(subs) != 0 {
		t.Errorf("old chat kept subscriptions: %v", subs)
	}
	if old, _ := d.Chat(ctx, -100); old.Active {
		t.Error("old chat still active")
	}
	st, _ := d.DeliveryStats(ctx)
	if st[briefbot.DeliveryDead] != 1 {
		t.Errorf("stats = %v", st)
	}
	// Reactivation by /start: subscriptions were kept.
	if err := d.UpsertChat(ctx, &briefbot.Chat{ID: 2}); err != nil {
		t.Fatal(err)
	}
	c, _ = d.Chat(ctx, 2)
	if !c.Active || c.Type != briefbot.ChatPrivate || c.Title != "c" {
		t.Errorf("reactivated = %+v", c)
	}
	if subs, _ := d.Subscriptions(ctx, 2); len(subs) != 1 {
		t.Errorf("subscriptions after reactivation = %v", subs)
	}
	if err := d.MigrateChat(ctx, 555, 556); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Errorf("migrate unknown: %v", err)
	}
}

func TestSubscriptions(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	sub := func(topic string, thread int, mode string) error {
		return d.Subscribe(ctx, &briefbot.Subscription{ChatID: 10, Topic: topic, ThreadID: thread, Mode: mode})
	}
	for _, s := range []struct {
		topic  string
		thread int
		mode   string
	}{{"world", 0, ""}, {"world", 0, briefbot.ModeInstant}, {"world", 5, briefbot.ModeEdition}, {"economy", 0, briefbot.ModeEdition}} {
		if err := sub(s.topic, s.thread, s.mode); err != nil {
			t.Fatal(err)
		}
	}
	if err := sub("x", 0, "weekly"); briefbot.ErrorCode(err) != briefbot.EINVALID {
		t.Errorf("bad mode: %v", err)
	}
	subs, err := d.Subscriptions(ctx, 10)
	if err != nil || len(subs) != 3 {
		t.Fatalf("subs = %v, %v", subs, err)
	}
	if subs[1].Topic != "world" || subs[1].Mode != briefbot.ModeInstant || subs[2].ThreadID != 5 {
		t.Errorf("subs = %+v %+v %+v", subs[0], subs[1], subs[2])
	}
	if err := d.Unsubscribe(ctx, 10, "world"); err != nil {
		t.Fatal(err)
	}
	if subs, _ := d.Subscriptions(ctx, 10); len(subs) != 1 || subs[0].Topic != "economy" {
		t.Errorf("after unsubscribe = %v", subs)
	}
	if _, err := d.Chat(ctx, 99); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Errorf("missing chat: %v", err)
	}
}
