package db_test

import (
	"context"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
)

// twoStories saves story A (older) and story B of world, each with one item
// and a brief, and returns them.
func twoStories(t *testing.T, d *db.DB) (a, b *briefbot.Story) {
	t.Helper()
	ctx := context.Background()
	a = &briefbot.Story{Language: "ja", Topics: []string{"world"}, FirstPublished: t0, FirstSeen: t0, LastSeen: t0,
		Items: []briefbot.Item{item("a", "プーチン大統領とトランプ大統領が電話会談", t0)}}
	later := t0.Add(time.Hour)
	b = &briefbot.Story{Language: "ja", Topics: []string{"economy"}, FirstPublished: later, FirstSeen: later, LastSeen: later,
		Items: []briefbot.Item{item("b", "電話会談は1時間15分続いた。ウシャコフ補佐官が明らかにした", later)}}
	for _, s := range []*briefbot.Story{a, b} {
		if err := d.SaveStory(ctx, s); err != nil {
			t.Fatal(err)
		}
		br := &briefbot.Brief{StoryID: s.ID, Headline: s.Items[0].Title, HTML: "<b>" + s.Items[0].Title + "</b>",
			Language: "ja", Published: s.FirstPublished}
		if err := d.SaveBrief(ctx, br); err != nil {
			t.Fatal(err)
		}
		s.BriefID = br.ID
	}
	return a, b
}

// absorb merges b into a as the clustering reports it: a, with b's items,
// changed; b absorbed.
func absorb(t *testing.T, d *db.DB, a, b *briefbot.Story) {
	t.Helper()
	a.Items = append(a.Items, b.Items...)
	a.Topics = append(a.Topics, b.Topics...)
	a.LastSeen = b.LastSeen
	if err := d.SaveStories(context.Background(), []*briefbot.Story{a}, []briefbot.StoryMerge{{Into: a.ID, From: b.ID}}); err != nil {
		t.Fatal(err)
	}
}

func addRow(t *testing.T, d *db.DB, chat, story int64, state string) int64 {
	t.Helper()
	r, err := d.SQL().Exec(`INSERT INTO deliveries (chat_id, story_id, state, next_attempt_at) VALUES (?, ?, ?, ?)`,
		chat, story, state, t0.UnixMicro())
	if err != nil {
		t.Fatal(err)
	}
	id, _ := r.LastInsertId()
	return id
}

// TestMergeLedger: after a merge each chat holds at most one row, for the
// survivor, the one that went furthest; a chat that got either story is
// never sent the other.
func TestMergeLedger(t *testing.T) {
	tests := []struct {
		a, b string // the chat's row of each story before, "" for none
		keep string // whose row is left: "a", "b" or ""
	}{
		{"", "", ""},
		{"pending", "", "a"},
		{"", "pending", "b"},
		{"", "sent", "b"},
		{"pending", "pending", "a"},
		{"failed", "pending", "a"},
		{"sent", "pending", "a"},
		{"pending", "sent", "b"},
		{"failed", "sending", "b"},
		{"sending", "pending", "a"},
		{"dead", "sent", "b"},
		{"dead", "pending", "b"},
		{"sent", "sent", "a"},
		{"sent", "dead", "a"},
	}
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	a, b := twoStories(t, d)
	kept := map[int64]int64{} // chat → the row id it must keep
	for i, tt := range tests {
		chat := int64(100 + i)
		mustChat(t, d, chat, "world")
		ids := map[string]int64{}
		if tt.a != "" {
			ids["a"] = addRow(t, d, chat, a.ID, tt.a)
		}
		if tt.b != "" {
			ids["b"] = addRow(t, d, chat, b.ID, tt.b)
		}
		kept[chat] = ids[tt.keep]
	}
	// Chat 200 saw b in an edition and now reads one by one; chat 201 too,
	// with a row of a not yet sent.
	for _, chat := range []int64{200, 201} {
		mustChat(t, d, chat, "world")
	}
	if _, err := d.SQL().Exec(`INSERT INTO editions (id, chat_id, due_at) VALUES (1, 200, 1), (2, 201, 1)`); err != nil {
		t.Fatal(err)
	}
	for _, chat := range []int64{200, 201} {
		if _, err := d.SQL().Exec(`INSERT INTO edition_stories (chat_id, story_id, edition_id) VALUES (?, ?, ?)`,
			chat, b.ID, chat-199); err != nil {
			t.Fatal(err)
		}
	}
	addRow(t, d, 201, a.ID, "pending")
	absorb(t, d, a, b)
	if n := countRows(t, d, `SELECT count(*) FROM deliveries WHERE chat_id IN (200, 201)`); n != 0 {
		t.Errorf("chats an edition showed the absorbed story hold %d rows of the survivor, want 0", n)
	}
	for i, tt := range tests {
		chat := int64(100 + i)
		rows, err := d.SQL().Query(`SELECT id, story_id FROM deliveries WHERE chat_id = ?`, chat)
		if err != nil {
			t.Fatal(err)
		}
		var got []int64
		for rows.Next() {
			var id, story int64
			if err := rows.Scan(&id, &story); err != nil {
				t.Fatal(err)
			}
			if story != a.ID {
				t.Errorf("a=%q b=%q: row %d left on story %d", tt.a, tt.b, id, story)
			}
			got = append(got, id)
		}
		rows.Close()
		switch {
		case tt.keep == "" && len(got) != 0:
			t.Errorf("a=%q b=%q: rows %v, want none", tt.a, tt.b, got)
		case tt.keep != "" && (len(got) != 1 || got[0] != kept[chat]):
			t.Errorf("a=%q b=%q: rows %v, want only %s's row %d", tt.a, tt.b, got, tt.keep, kept[chat])
		}
	}
	// The survivor was not fanned out: it goes now to the chats that have
	// neither story (the first case) and to no other, chat 200 included.
	if n, err := d.EnqueueStory(ctx, a.ID); err != nil || n != 1 {
		t.Errorf("enqueue the survivor = %d, %v; want 1 (the chat that had neither)", n, err)
	}
}

// TestMergeStory: the absorbed story's items, topics, search rows, briefs
// and edition listings go to the survivor, which is stale, reindexed at
// once and counted as fanned out at the later time: an edition chat that
// saw neither gets it, one that saw either does not.
func TestMergeStory(t *testing.T) {
	ctx := context.Background()
	d, clk := openTest(t, db.Options{})
	a, b := twoStories(t, d) // a: world, b: economy
	mustChat(t, d, 1, "world")
	mustChat(t, d, 2, "world")
	mustChat(t, d, 3, "economy")
	mustChat(t, d, 4, "economy")
	for _, chat := range []int64{2, 3} {
		if err := d.SetChatMode(ctx, chat, briefbot.ModeEdition, t0.Add(-time.Hour)); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := d.EnqueueStory(ctx, a.ID); err != nil || n != 1 {
		t.Fatalf("enqueue a = %d, %v; want chat 1", n, err)
	}
	// Chat 2's edition shows a; later b goes to chat 4 and waits for
	// chat 3's edition.
	if created, _, err := makeEdition(ctx, d, 2, t0.Add(time.Hour)); err != nil || !created {
		t.Fatalf("edition: %v %v", created, err)
	}
	clk.t = t0.Add(2 * time.Hour)
	if n, err := d.EnqueueStory(ctx, b.ID); err != nil || n != 1 {
		t.Fatalf("enqueue b = %d, %v; want chat 4", n, err)
	}
	bBrief := b.BriefID
	absorb(t, d, a, b)

	if _, err := d.Story(ctx, b.ID); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Errorf("absorbed story still there: %v", err)
	}
	if _, err := d.Brief(ctx, bBrief); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Errorf("absorbed story's brief still there: %v", err)
	}
	got, err := d.Story(ctx, a.ID)
	if err != nil || len(got.Items) != 2 || !equal(got.Topics, []string{"world", "economy"}) {
		t.Fatalf("survivor = %+v, %v", got, err)
	}
	for _, it := range a.Items {
		if it.StoryID != a.ID {
			t.Errorf("item %d has story %d in memory, want %d", it.ID, it.StoryID, a.ID)
		}
	}
	assertUnbriefed(t, d, a.ID, true)
	// Found by a word only the absorbed report has, before any re-render.
	res, err := d.Search(ctx, briefbot.SearchQuery{Text: "ウシャコフ"})
	if err != nil || res.Total != 1 || res.Hits[0].StoryID != a.ID {
		t.Fatalf("search the absorbed report = %+v, %v; want the survivor", res, err)
	}
	if n := countRows(t, d, `SELECT count(*) FROM story_fts_docsize WHERE id = ?`, -b.ID); n != 0 {
		t.Errorf("absorbed story still indexed: %d rows", n)
	}
	// Chat 4's row of b is now the survivor's, with its brief.
	rows := claim(t, d, clk.t, 10)
	if r := rows[4]; r == nil || r.StoryID != a.ID || r.BriefID != a.BriefID || r.HTML != "<b>a</b>" {
		t.Errorf("chat 4 claims %+v, want the survivor's brief", r)
	}
	for chat, want := range map[int64]int{2: 0, 3: 1} {
		briefs, err := d.EditionBriefs(ctx, chat, t0.Add(5*time.Hour))
		if err != nil || len(briefs) != want {
			t.Errorf("chat %d's next edition lists %d stories, %v; want %d", chat, len(briefs), err, want)
		}
	}
}

// TestMergeChains: merges into a story absorbed earlier in the same batch
// reach its survivor; a merge of a missing story fails the whole batch.
func TestMergeChains(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	a, b := twoStories(t, d)
	c := &briefbot.Story{Language: "ja", Topics: []string{"world"}, FirstPublished: t0, FirstSeen: t0, LastSeen: t0,
		Items: []briefbot.Item{item("c", "会談後に記者団に語った", t0)}}
	if err := d.SaveStory(ctx, c); err != nil {
		t.Fatal(err)
	}
	err := d.SaveStories(ctx, nil, []briefbot.StoryMerge{{Into: a.ID, From: b.ID}, {Into: b.ID, From: c.ID}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := d.Story(ctx, a.ID)
	if err != nil || len(got.Items) != 3 {
		t.Fatalf("survivor = %+v, %v; want 3 items", got, err)
	}
	err = d.SaveStories(ctx, []*briefbot.Story{got}, []briefbot.StoryMerge{{Into: a.ID, From: 999}})
	if briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Errorf("merge of a missing story: %v, want ENOTFOUND", err)
	}
}
