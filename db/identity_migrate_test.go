package db_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
)

// TestMigrateStoryIdentity upgrades a database made by 0001–0006 holding a
// ledger in every state, an edition with its page, briefs with topics and
// search rows: every row keeps its state and gains its story, a chat's rows
// stay one per story, briefs keep their ids, editions' stories are
// recorded, search still finds the stories, and nothing is left pointing
// at the tables the migration rebuilt.
func TestMigrateStoryIdentity(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	us := func(t time.Time) int64 { return t.UnixMicro() }
	due := us(now.Add(-time.Hour))
	path := oldDB(t, 6,
		`INSERT INTO chats (id, type) VALUES (1, 'private'), (2, 'private'), (3, 'group'), (4, 'private'), (5, 'channel')`,
		`INSERT INTO subscriptions (chat_id, topic, mode) VALUES (1, 'world', 'instant'), (2, 'world', 'instant'),
			(3, 'world', 'instant'), (4, 'world', 'instant'), (5, 'world', 'edition')`,
		`INSERT INTO chat_settings (chat_id, mode, last_edition_at) VALUES (5, 'edition', `+fmt.Sprint(due)+`)`,
		fmt.Sprintf(`INSERT INTO stories (id, language, first_published, last_seen, enqueued, enqueued_at, brief_id,
			items_version, briefed_version) VALUES
			(10, 'ja', %[1]d, %[1]d, 1, %[1]d, 20, 1, 1), (11, 'en', %[2]d, %[2]d, 1, %[2]d, 21, 1, 1)`,
			us(now.Add(-30*time.Hour)), us(now.Add(-90*time.Minute))),
		`INSERT INTO story_topics (story_id, topic, pos) VALUES (10, 'world', 0), (11, 'world', 0)`,
		`INSERT INTO items (story_id, title, text, outlet, language) VALUES (10, '停戦', 'ロシアとウクライナの停戦協議', 'NHK', 'ja'),
			(11, 'NATO summit', 'NATO leaders met in The Hague', 'Reuters', 'en')`,
		fmt.Sprintf(`INSERT INTO briefs (id, story_id, headline, html, language, published) VALUES
			(20, 10, '停戦協議', '<b>停戦</b>', 'ja', %d), (21, 11, 'NATO summit', '<b>NATO</b>', 'en', %d)`,
			us(now.Add(-30*time.Hour)), us(now.Add(-90*time.Minute))),
		`INSERT INTO brief_topics (brief_id, topic, pos, published) SELECT id, 'world', 0, published FROM briefs`,
		`INSERT INTO story_fts (rowid, headline, body, outlets) VALUES (-10, '停戦 戦協 協議', '停戦', 'nhk'),
			(-11, 'nato summit', 'nato leaders met in the hague', 'reuters')`,
		`INSERT INTO story_chars (rowid, chars) VALUES (-10, '停 戦 協 議')`,
		fmt.Sprintf(`INSERT INTO editions (id, chat_id, due_at, stories, pages) VALUES (40, 5, %d, 1, 1)`, due),
		fmt.Sprintf(`INSERT INTO deliveries (id, chat_id, brief_id, edition_id, html, state, attempts,
			next_attempt_at, message_id, last_error) VALUES
			(30, 1, 20, NULL, '', 'pending', 0, %[1]d, 0, ''),
			(31, 2, 20, NULL, '', 'sending', 0, %[1]d, 0, ''),
			(32, 3, 20, NULL, '', 'failed', 2, %[1]d, 0, '502'),
			(33, 4, 20, NULL, '', 'sent', 1, %[1]d, 77, ''),
			(34, 1, 21, NULL, '', 'dead', 8, %[1]d, 0, 'gone'),
			(35, 5, NULL, 40, '<b>edition</b>', 'pending', 0, %[1]d, 0, '')`, due))

	d, err := db.Open(ctx, path, db.Options{Logger: quiet.Logger, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	defer d.Close()
	want := map[int64]struct {
		state briefbot.DeliveryState
		story int64
	}{30: {"pending", 10}, 31: {"sending", 10}, 32: {"failed", 10}, 33: {"sent", 10}, 34: {"dead", 11}, 35: {"pending", 0}}
	for id, w := range want {
		got, err := d.Delivery(ctx, id)
		if err != nil || got.State != w.state || got.StoryID != w.story {
			t.Errorf("delivery %d after migration = %+v, %v; want %s of story %d", id, got, err, w.state, w.story)
		}
	}
	if r, _ := d.Delivery(ctx, 33); r.MessageID != 77 || r.HTML != "<b>停戦</b>" {
		t.Errorf("sent row = %+v, want message 77 and its brief", r)
	}
	// Nothing refers to the old tables, and every reference holds.
	if n := countRows(t, d, `SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%_new%'`); n != 0 {
		t.Errorf("%d schema entries still name a *_new table", n)
	}
	if n := countRows(t, d, `SELECT count(*) FROM pragma_foreign_key_check`); n != 0 {
		t.Errorf("foreign key check: %d violations", n)
	}
	// One row per (chat, story): chat 4 was sent story 10 and gets it no more.
	if _, err := d.SQL().Exec(`UPDATE stories SET enqueued = 0 WHERE id = 10`); err != nil {
		t.Fatal(err)
	}
	if n, err := d.EnqueueStory(ctx, 10); err != nil || n != 0 {
		t.Errorf("enqueue story 10 again = %d, %v; want 0", n, err)
	}
	// The edition recorded what it showed chat 5 (story 11, fanned out
	// within the day before it; story 10 is older): a merge never lists it
	// there again.
	if n := countRows(t, d, `SELECT count(*) FROM edition_stories WHERE chat_id = 5 AND story_id = 11 AND edition_id = 40`); n != 1 {
		t.Errorf("edition 40's story not recorded")
	}
	if n := countRows(t, d, `SELECT count(*) FROM edition_stories`); n != 1 {
		t.Errorf("edition stories = %d, want 1", n)
	}
	// Briefs keep their ids; a second language can join.
	if b, err := d.Brief(ctx, 20); err != nil || b.StoryID != 10 || !equal(b.Topics, []string{"world"}) {
		t.Errorf("brief 20 = %+v, %v", b, err)
	}
	if err := d.SaveBriefs(ctx, []*briefbot.Brief{
		{StoryID: 10, Language: "ja", Headline: "停戦協議", HTML: "<b>停戦</b>"},
		{StoryID: 10, Language: "en", Headline: "Ceasefire talks", HTML: "<b>Ceasefire</b>"},
	}); err != nil {
		t.Fatal(err)
	}
	if n, err := d.RecoverSending(ctx); err != nil || n != 1 {
		t.Fatalf("recover = %d, %v", n, err)
	}
	if err := d.SetChatLanguage(ctx, 3, "en"); err != nil {
		t.Fatal(err)
	}
	got := claim(t, d, now, 10)
	for chat, html := range map[int64]string{1: "<b>停戦</b>", 2: "<b>停戦</b>", 3: "<b>Ceasefire</b>", 5: "<b>edition</b>"} {
		if got[chat] == nil || got[chat].HTML != html {
			t.Errorf("chat %d claims %+v, want %q", chat, got[chat], html)
		}
	}
	// Search rows made before the migration still answer.
	for q, story := range map[string]int64{"停戦": 10, "nato": 11} {
		res, err := d.Search(ctx, briefbot.SearchQuery{Text: q})
		if err != nil || res.Total != 1 || res.Hits[0].StoryID != story {
			t.Errorf("search %q = %+v, %v; want story %d", q, res, err, story)
		}
	}
	if s, err := d.ChatSettings(ctx, 1); err != nil || s.Language != "" {
		t.Errorf("chat 1's language after migration = %+v, %v; want unset", s, err)
	}
}
