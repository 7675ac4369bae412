package db_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
)

// opinionStory saves a story of one opinion item, with its brief.
func opinionStory(tb testing.TB, d *db.DB, topic string) (*briefbot.Story, *briefbot.Brief) {
	tb.Helper()
	ctx := context.Background()
	it := item("社説", "私は停戦協議の再開を歓迎したい。双方は停戦に踏み込むべきだ。", t0)
	it.Opinion, it.OpinionReason, it.Deliver = true, "voice: 2 of 2 sentences", false
	s := &briefbot.Story{Language: "ja", Topics: []string{topic}, FirstPublished: t0, FirstSeen: t0, LastSeen: t0,
		Items: []briefbot.Item{it}}
	if err := d.SaveStory(ctx, s); err != nil {
		tb.Fatal(err)
	}
	b := &briefbot.Brief{StoryID: s.ID, Headline: "停戦協議の再開に思う", HTML: "<b>社説</b>", Published: t0}
	if err := d.SaveBrief(ctx, b); err != nil {
		tb.Fatal(err)
	}
	return s, b
}

// TestOpinionStored: an item's opinion mark and reason round-trip; a story
// of opinion alone reads back marked in lists and search, and no edition
// lists it even if it was fanned out.
func TestOpinionStored(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	mustChat(t, d, 1)
	if err := d.Subscribe(ctx, &briefbot.Subscription{ChatID: 1, Topic: "world", Mode: briefbot.ModeEdition}); err != nil {
		t.Fatal(err)
	}
	if err := d.SetChatMode(ctx, 1, briefbot.ModeEdition, t0.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	news, _ := briefedStory(t, d, "world")
	op, _ := opinionStory(t, d, "world")

	got, err := d.Story(ctx, op.ID)
	if err != nil {
		t.Fatal(err)
	}
	if it := got.Items[0]; !it.Opinion || it.OpinionReason != "voice: 2 of 2 sentences" || it.Deliver {
		t.Errorf("opinion item read back as opinion %v %q, deliver %v", it.Opinion, it.OpinionReason, it.Deliver)
	}
	if got, _ := d.Story(ctx, news.ID); got.Items[0].Opinion || got.Items[0].OpinionReason != "" {
		t.Errorf("news item read back as opinion")
	}

	briefs, _, err := d.Briefs(ctx, briefbot.BriefFilter{Limit: 10})
	if err != nil || len(briefs) != 2 {
		t.Fatalf("briefs = %d, %v", len(briefs), err)
	}
	for _, b := range briefs {
		if b.Opinion != (b.StoryID == op.ID) {
			t.Errorf("brief of story %d: opinion %v", b.StoryID, b.Opinion)
		}
	}
	res, err := d.Search(ctx, briefbot.SearchQuery{Text: "歓迎", Limit: 5})
	if err != nil || len(res.Hits) != 1 || !res.Hits[0].Opinion || res.Hits[0].StoryID != op.ID {
		t.Fatalf("search 歓迎 = %+v, %v; want the opinion story, marked", res, err)
	}
	res, err = d.Search(ctx, briefbot.SearchQuery{Text: "停戦", Limit: 5})
	if err != nil || res.Total != 2 {
		t.Fatalf("search 停戦 = %+v, %v; want both stories", res, err)
	}
	for _, h := range res.Hits {
		if h.Opinion != (h.StoryID == op.ID) {
			t.Errorf("hit of story %d: opinion %v", h.StoryID, h.Opinion)
		}
	}

	// The pipeline never fans opinion out; were it fanned out anyway, the
	// edition still leaves it out.
	for _, id := range []int64{news.ID, op.ID} {
		if _, err := d.EnqueueStory(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	listed, err := d.EditionBriefs(ctx, 1, t0.Add(time.Hour))
	if err != nil || len(listed) != 1 || listed[0].StoryID != news.ID {
		t.Fatalf("edition lists %d briefs, %v; want the report only", len(listed), err)
	}
}

// TestMigrateOpinion upgrades a database made by every migration before
// the opinion one, holding stories with items that may and may not be
// delivered: every row survives and reads as news, and opinion can be
// stored after.
func TestMigrateOpinion(t *testing.T) {
	ctx := context.Background()
	path := oldDB(t, versionBefore(t, "opinion"),
		`INSERT INTO stories (id, language, first_published, first_seen, last_seen) VALUES (10, 'ja', 1, 1, 1), (11, 'ja', 2, 2, 2)`,
		`INSERT INTO items (id, story_id, title, text, language, deliver) VALUES
			(100, 10, '停戦', 'ロシアとウクライナの停戦協議', 'ja', 1),
			(101, 11, '論評', '私は協議を歓迎したい', 'ja', 0)`,
		`INSERT INTO briefs (id, story_id, headline, html) VALUES (20, 10, '停戦協議', 'x')`,
		`UPDATE stories SET brief_id = 20 WHERE id = 10`)
	d, err := db.Open(ctx, path, quiet)
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	defer d.Close()
	for id, deliver := range map[int64]bool{10: true, 11: false} {
		s, err := d.Story(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if it := s.Items[0]; it.Opinion || it.OpinionReason != "" || it.Deliver != deliver {
			t.Errorf("story %d after migration: opinion %v %q, deliver %v", id, it.Opinion, it.OpinionReason, it.Deliver)
		}
	}
	if b, err := d.Brief(ctx, 20); err != nil || b.Opinion {
		t.Errorf("old brief: %+v, %v", b, err)
	}
	op, _ := opinionStory(t, d, "world")
	if s, err := d.Story(ctx, op.ID); err != nil || !s.Items[0].Opinion {
		t.Errorf("opinion stored after the migration: %+v, %v", s, err)
	}
}

// versionBefore is the number of the last migration before the one named
// name, whatever numbers the migrations got when they landed.
func versionBefore(t *testing.T, name string) int {
	t.Helper()
	mine, err := filepath.Glob(filepath.Join("migrations", "*_"+name+".sql"))
	if err != nil || len(mine) != 1 {
		t.Fatalf("migration %s: %v %v", name, mine, err)
	}
	v, err := strconv.Atoi(filepath.Base(mine[0])[:4])
	if err != nil {
		t.Fatal(err)
	}
	for v--; v > 0; v-- {
		if m, _ := filepath.Glob(filepath.Join("migrations", fmt.Sprintf("%04d_*.sql", v))); len(m) == 1 {
			return v
		}
	}
	t.Fatalf("no migration before %s", name)
	return 0
}
