package db_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
)

// makeEdition lists the chat's edition due at due, renders it as one page
// naming the number of stories, and saves it.
func makeEdition(ctx context.Context, d *db.DB, chatID int64, due time.Time) (created bool, pages int, err error) {
	briefs, err := d.EditionBriefs(ctx, chatID, due)
	if err != nil {
		return false, 0, err
	}
	var html []string
	var stories []int64
	for _, b := range briefs {
		stories = append(stories, b.StoryID)
	}
	if len(briefs) > 0 {
		html = []string{fmt.Sprintf("edition of %d", len(briefs))}
	}
	created, err = d.SaveEdition(ctx, chatID, due, stories, html)
	return created, len(html), err
}

func countRows(tb testing.TB, d *db.DB, query string, args ...any) int {
	tb.Helper()
	var n int
	if err := d.SQL().QueryRow(query, args...).Scan(&n); err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestSaveEditionOnce(t *testing.T) {
	ctx := context.Background()
	d, clk := openTest(t, db.Options{})
	mustChat(t, d, 1, "world")
	mustChat(t, d, 2, "world") // instant: gets the brief, not editions
	if err := d.SetChatMode(ctx, 1, briefbot.ModeEdition, t0.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	s, _ := briefedStory(t, d, "world")
	if n, err := d.EnqueueStory(ctx, s.ID); err != nil || n != 1 {
		t.Fatalf("enqueue = %d, %v; want 1 (the instant chat)", n, err)
	}
	chats, err := d.EditionChats(ctx)
	if err != nil || len(chats) != 1 || chats[0].ChatID != 1 || !chats[0].LastEdition.Equal(t0.Add(-time.Hour)) {
		t.Fatalf("edition chats = %+v, %v", chats, err)
	}

	clk.t = t0.Add(time.Hour)
	due := t0.Add(time.Hour)
	for i, want := range []bool{true, false} {
		created, pages, err := makeEdition(ctx, d, 1, due)
		if err != nil || created != want || (want && pages != 1) {
			t.Fatalf("run %d: created=%v pages=%d err=%v; want %v", i, created, pages, err, want)
		}
	}
	// An earlier due time than the last edition adds nothing either.
	if created, _, err := makeEdition(ctx, d, 1, t0); err != nil || created {
		t.Fatalf("earlier edition: created=%v err=%v", created, err)
	}
	rows, err := d.Claim(ctx, briefbot.ClaimRequest{Now: clk.t, Limit: 10})
	if err != nil || len(rows) != 2 {
		t.Fatalf("claim = %d rows, %v; want brief + edition", len(rows), err)
	}
	var ed *briefbot.Delivery
	for _, r := range rows {
		if r.ChatID == 1 {
			ed = r
		}
	}
	if ed == nil || ed.HTML != "edition of 1" || ed.BriefID != 0 {
		t.Fatalf("edition row = %+v", ed)
	}
	if err := d.MarkSent(ctx, ed.ID, 7, clk.t); err != nil {
		t.Fatal(err)
	}
	// The next edition starts after the last one: nothing new, recorded, no row.
	created, pages, err := makeEdition(ctx, d, 1, due.Add(5*time.Hour))
	if err != nil || !created || pages != 0 {
		t.Fatalf("empty edition: created=%v pages=%d err=%v", created, pages, err)
	}
	eds, err := d.Editions(ctx, 1)
	if err != nil || len(eds) != 2 || eds[0].Stories != 1 || eds[1].Stories != 0 {
		t.Fatalf("editions = %+v, %v", eds, err)
	}
}

func TestChatSettings(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	mustChat(t, d, 1, "world", "economy")
	if _, err := d.ChatSettings(ctx, 99); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Fatalf("unknown chat: %v", err)
	}
	s, err := d.ChatSettings(ctx, 1)
	if err != nil || s.Mode != briefbot.ModeInstant || s.Timezone != "" || !s.Quiet.None() {
		t.Fatalf("defaults = %+v, %v", s, err)
	}
	if err := d.SetChatMode(ctx, 1, briefbot.ModeEdition, t0); err != nil {
		t.Fatal(err)
	}
	if err := d.SetChatTimezone(ctx, 1, "Europe/Moscow"); err != nil {
		t.Fatal(err)
	}
	if err := d.SetChatTimezone(ctx, 1, "Mars/Olympus"); briefbot.ErrorCode(err) != briefbot.EINVALID {
		t.Fatalf("bad timezone: %v", err)
	}
	if err := d.SetQuietHours(ctx, 1, briefbot.QuietHours{Start: "23:00", End: "07:00"}); err != nil {
		t.Fatal(err)
	}
	s, err = d.ChatSettings(ctx, 1)
	if err != nil || s.Mode != briefbot.ModeEdition || s.Timezone != "Europe/Moscow" ||
		s.Quiet != (briefbot.QuietHours{Start: "23:00", End: "07:00"}) || !s.LastEdition.Equal(t0) {
		t.Fatalf("settings = %+v, %v", s, err)
	}
	subs, _ := d.Subscriptions(ctx, 1)
	for _, sub := range subs {
		if sub.Mode != briefbot.ModeEdition {
			t.Errorf("subscription %s mode %s, want edition", sub.Topic, sub.Mode)
		}
	}
	// Back to instant and no quiet hours.
	if err := d.SetChatMode(ctx, 1, briefbot.ModeInstant, t0); err != nil {
		t.Fatal(err)
	}
	if err := d.SetQuietHours(ctx, 1, briefbot.QuietHours{}); err != nil {
		t.Fatal(err)
	}
	s, _ = d.ChatSettings(ctx, 1)
	if s.Mode != briefbot.ModeInstant || !s.Quiet.None() {
		t.Fatalf("after reset = %+v", s)
	}
}

func TestForgetChat(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	mustChat(t, d, 1, "world")
	mustChat(t, d, 2, "world")
	if err := d.SetQuietHours(ctx, 1, briefbot.QuietHours{Start: "22:00", End: "08:00"}); err != nil {
		t.Fatal(err)
	}
	s, _ := briefedStory(t, d, "world")
	if _, err := d.EnqueueStory(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	rows, _ := d.Claim(ctx, briefbot.ClaimRequest{Now: t0, Limit: 10})
	for _, r := range rows {
		if err := d.MarkSent(ctx, r.ID, 1, t0); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := d.StopChat(ctx, 1, t0); err != nil || n != 1 {
		t.Fatalf("stop chat = %d, %v", n, err)
	}
	if err := d.ForgetChat(ctx, 1); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Chat(ctx, 1); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Fatalf("chat after forget: %v", err)
	}
	for _, q := range []string{
		`SELECT count(*) FROM deliveries WHERE chat_id = ?`,
		`SELECT count(*) FROM subscriptions WHERE chat_id = ?`,
		`SELECT count(*) FROM chat_settings WHERE chat_id = ?`,
		`SELECT count(*) FROM chat_stops WHERE chat_id = ?`,
		`SELECT count(*) FROM editions WHERE chat_id = ?`,
	} {
		if n := countRows(t, d, q, 1); n != 0 {
			t.Errorf("%s = %d, want 0", q, n)
		}
	}
	if n := countRows(t, d, `SELECT count(*) FROM deliveries WHERE chat_id = ?`, 2); n != 1 {
		t.Errorf("other chat's deliveries = %d, want 1", n)
	}
}

func TestPruneRemovesOldSentEditions(t *testing.T) {
	ctx := context.Background()
	d, clk := openTest(t, db.Options{})
	mustChat(t, d, 1, "world")
	if err := d.SetChatMode(ctx, 1, briefbot.ModeEdition, t0.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	s, _ := briefedStory(t, d, "world")
	if _, err := d.EnqueueStory(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	clk.t = t0.Add(time.Hour)
	if _, _, err := makeEdition(ctx, d, 1, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	// Unsent: a prune after its due time keeps it.
	if _, err := d.PrunePosts(ctx, t0.Add(48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, d, `SELECT count(*) FROM editions`); n != 1 {
		t.Fatalf("editions after prune with a pending page = %d, want 1", n)
	}
	rows, err := d.Claim(ctx, briefbot.ClaimRequest{Now: clk.t, Limit: 10})
	if err != nil || len(rows) != 1 {
		t.Fatalf("claim = %d, %v", len(rows), err)
	}
	if err := d.MarkSent(ctx, rows[0].ID, 9, clk.t); err != nil {
		t.Fatal(err)
	}
	if _, err := d.PrunePosts(ctx, t0.Add(48*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if n := countRows(t, d, `SELECT count(*) FROM editions`); n != 0 {
		t.Errorf("editions after prune = %d, want 0", n)
	}
	if n := countRows(t, d, `SELECT count(*) FROM deliveries WHERE edition_id IS NOT NULL`); n != 0 {
		t.Errorf("edition ledger rows after prune = %d, want 0", n)
	}
}
