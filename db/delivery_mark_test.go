package db_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
)

// TestMarkRuleAfterDeactivate: whatever DeactivateChat did to a row in
// flight, a send Telegram accepted is recorded as sent, and no other mark
// brings a dead row back.
func TestMarkRuleAfterDeactivate(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	mustChat(t, d, 1, "world")
	var rows []*briefbot.Delivery
	for range 4 {
		fanOut(t, d)
		got := claim(t, d, t0, 10)
		if got[1] == nil {
			t.Fatal("nothing claimed")
		}
		rows = append(rows, got[1])
	}
	const reason = "Forbidden: bot was blocked by the user"
	if err := d.DeactivateChat(ctx, 1, reason); err != nil {
		t.Fatal(err)
	}
	sentAt := t0.Add(time.Second)
	marks := []struct {
		name  string
		mark  func(id int64) error
		state briefbot.DeliveryState
	}{
		{"sent", func(id int64) error { return d.MarkSent(ctx, id, 42, sentAt) }, briefbot.DeliverySent},
		{"failed", func(id int64) error { return d.MarkFailed(ctx, id, "502", t0.Add(time.Minute)) }, briefbot.DeliveryDead},
		{"released", func(id int64) error { return d.Release(ctx, id, t0) }, briefbot.DeliveryDead},
		{"dead", func(id int64) error { return d.MarkDead(ctx, id, "400") }, briefbot.DeliveryDead},
	}
	for i, m := range marks {
		if err := m.mark(rows[i].ID); err != nil {
			t.Fatalf("%s: %v", m.name, err)
		}
		got, err := d.Delivery(ctx, rows[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.State != m.state {
			t.Errorf("%s after deactivation: state %s, want %s", m.name, got.State, m.state)
		}
		if m.state == briefbot.DeliveryDead && (got.LastError != reason || got.Attempts != 0) {
			t.Errorf("%s after deactivation changed the dead row: %+v", m.name, got)
		}
		if m.state == briefbot.DeliverySent && (got.MessageID != 42 || !got.SentAt.Equal(sentAt) || got.LastError != "") {
			t.Errorf("sent row = %+v", got)
		}
	}
	// A second MarkSent keeps the first record.
	if err := d.MarkSent(ctx, rows[0].ID, 43, sentAt.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if got, _ := d.Delivery(ctx, rows[0].ID); got.MessageID != 42 {
		t.Errorf("second MarkSent rewrote the row: %+v", got)
	}
}

// TestMarkRuleRace runs marks and deactivations at once, through the group
// commit: every accepted send ends sent, every failed one of a deactivated
// chat ends dead, whichever ran first.
func TestMarkRuleRace(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	const chats = 40
	for id := int64(1); id <= chats; id++ {
		mustChat(t, d, id, "world")
	}
	var rows []*briefbot.Delivery
	for range 2 {
		fanOut(t, d)
		for _, r := range claim(t, d, t0, 1000) {
			rows = append(rows, r)
		}
	}
	if len(rows) != 2*chats {
		t.Fatalf("claimed %d rows", len(rows))
	}
	// Each chat's first row is accepted, its second fails; odd chats are
	// deactivated meanwhile.
	first := map[int64]bool{}
	var wg sync.WaitGroup
	errs := make(chan error, 3*chats)
	for _, r := range rows {
		sent := !first[r.ChatID]
		first[r.ChatID] = true
		wg.Go(func() {
			var err error
			if sent {
				err = d.MarkSent(ctx, r.ID, int(r.ID), t0)
			} else {
				err = d.MarkFailed(ctx, r.ID, "502", t0.Add(time.Minute))
			}
			if err != nil {
				errs <- fmt.Errorf("mark %d: %w", r.ID, err)
			}
		})
	}
	for id := int64(1); id <= chats; id += 2 {
		wg.Go(func() {
			if err := d.DeactivateChat(ctx, id, "blocked"); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	seen := map[int64]bool{}
	for _, r := range rows {
		got, err := d.Delivery(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := briefbot.DeliverySent
		if seen[r.ChatID] {
			want = briefbot.DeliveryFailed
			if r.ChatID%2 == 1 {
				want = briefbot.DeliveryDead
			}
		}
		seen[r.ChatID] = true
		if got.State != want {
			t.Errorf("chat %d row %d: %s, want %s", r.ChatID, r.ID, got.State, want)
		}
	}
}

// TestMarksCommittedTogether: marks made at once go through the group
// commit, and a mark of a missing row fails alone, the others land.
func TestMarksCommittedTogether(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	const chats = 64
	for id := int64(1); id <= chats; id++ {
		mustChat(t, d, id, "world")
	}
	fanOut(t, d)
	rows := claim(t, d, t0, chats)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var notFound int
	for _, r := range rows {
		wg.Go(func() {
			if err := d.MarkSent(ctx, r.ID, 1, t0); err != nil {
				t.Error(err)
			}
		})
		wg.Go(func() {
			err := d.MarkSent(ctx, 1_000_000+r.ID, 1, t0)
			mu.Lock()
			defer mu.Unlock()
			if briefbot.ErrorCode(err) == briefbot.ENOTFOUND {
				notFound++
			}
		})
	}
	wg.Wait()
	if st, _ := d.DeliveryStats(ctx); st[briefbot.DeliverySent] != chats {
		t.Errorf("stats %v, want %d sent", st, chats)
	}
	if notFound != chats {
		t.Errorf("%d marks of missing rows said ENOTFOUND, want %d", notFound, chats)
	}
}
