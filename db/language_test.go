package db_test

import (
	"context"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
)

// storyInTwoLanguages saves a story of world with a Japanese main brief and
// an English one.
func storyInTwoLanguages(t *testing.T, d *db.DB) (*briefbot.Story, []*briefbot.Brief) {
	t.Helper()
	ctx := context.Background()
	en := item("Putin and Trump talk", "Putin and Trump spoke by phone for 75 minutes, the Kremlin said.", t0)
	en.Language = "en"
	s := &briefbot.Story{Language: "ja", Topics: []string{"world"}, FirstPublished: t0, FirstSeen: t0, LastSeen: t0,
		Items: []briefbot.Item{item("電話会談", "プーチン大統領とトランプ大統領が電話会談", t0), en}}
	if err := d.SaveStory(ctx, s); err != nil {
		t.Fatal(err)
	}
	briefs := []*briefbot.Brief{
		{StoryID: s.ID, Language: "ja", Headline: "露米首脳が電話会談", HTML: "ja brief", Published: t0},
		{StoryID: s.ID, Language: "en", Headline: "Putin and Trump talk", HTML: "en brief", Published: t0},
	}
	if err := d.SaveBriefs(ctx, briefs); err != nil {
		t.Fatal(err)
	}
	return s, briefs
}

func setLanguage(t *testing.T, d *db.DB, chat int64, lang string) {
	t.Helper()
	if err := d.SetChatLanguage(context.Background(), chat, lang); err != nil {
		t.Fatal(err)
	}
}

// TestBriefsPerLanguage: one row per chat and story; the text is chosen at
// claim time from the chat's language, falling back to the main brief.
func TestBriefsPerLanguage(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	for chat, lang := range map[int64]string{1: "", 2: "en", 3: "ru", 4: "ja", 5: "en"} {
		mustChat(t, d, chat, "world")
		setLanguage(t, d, chat, lang)
	}
	if err := d.SetChatLanguage(ctx, 1, "de"); briefbot.ErrorCode(err) != briefbot.EINVALID {
		t.Errorf("language de: %v, want EINVALID", err)
	}
	if err := d.SetChatLanguage(ctx, 99, "en"); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Errorf("unknown chat: %v, want ENOTFOUND", err)
	}
	mustChat(t, d, 6, "economy")
	setLanguage(t, d, 6, "ru")
	for _, tc := range []struct {
		topics, want []string
	}{
		{[]string{"world"}, []string{"en", "ja", "ru"}},
		{[]string{"economy"}, []string{"ru"}},
		{[]string{"asia"}, nil},
		{[]string{"asia", "economy"}, []string{"ru"}},
	} {
		if langs, err := d.ChatLanguages(ctx, tc.topics); err != nil || !equal(langs, tc.want) {
			t.Errorf("chat languages of %v = %v, %v; want %v", tc.topics, langs, err, tc.want)
		}
	}
	// A chat's language reaches subscriptions it makes later.
	mustChat(t, d, 6, "asia")
	if langs, err := d.ChatLanguages(ctx, []string{"asia"}); err != nil || !equal(langs, []string{"ru"}) {
		t.Errorf("chat languages of asia = %v, %v; want [ru]", langs, err)
	}
	s, briefs := storyInTwoLanguages(t, d)
	if s2, err := d.Story(ctx, s.ID); err != nil || s2.BriefID != briefs[0].ID {
		t.Fatalf("story's brief = %d, %v; want the main (ja) one %d", s2.BriefID, err, briefs[0].ID)
	}
	if n, err := d.EnqueueStory(ctx, s.ID); err != nil || n != 5 {
		t.Fatalf("enqueue = %d, %v; want one row per chat", n, err)
	}
	// Chat 5 switches to Japanese before its row is sent.
	setLanguage(t, d, 5, "ja")
	want := map[int64]string{1: "ja brief", 2: "en brief", 3: "ja brief", 4: "ja brief", 5: "ja brief"}
	for chat, r := range claim(t, d, t0, 10) {
		if r.HTML != want[chat] || r.StoryID != s.ID {
			t.Errorf("chat %d claims %q of story %d, want %q of %d", chat, r.HTML, r.StoryID, want[chat], s.ID)
		}
		if got, err := d.Delivery(ctx, r.ID); err != nil || got.BriefID != r.BriefID || got.HTML != r.HTML {
			t.Errorf("chat %d's row reads %+v, %v; want what was claimed", chat, got, err)
		}
	}
	// One row per (chat, story), whatever happens to the story or the chat.
	if _, err := d.SQL().Exec(`UPDATE stories SET enqueued = 0`); err != nil {
		t.Fatal(err)
	}
	if n, err := d.EnqueueStory(ctx, s.ID); err != nil || n != 0 {
		t.Errorf("enqueue again = %d, %v; want 0", n, err)
	}

	// /today and /search: one entry per story, in the reader's language.
	for lang, headline := range map[string]string{"": "露米首脳が電話会談", "en": "Putin and Trump talk", "ru": "露米首脳が電話会談"} {
		bs, total, err := d.Briefs(ctx, briefbot.BriefFilter{From: t0.Add(-time.Hour), Language: lang})
		if err != nil || total != 1 || len(bs) != 1 || bs[0].Headline != headline || !equal(bs[0].Topics, []string{"world"}) {
			t.Errorf("briefs in %q = %d %+v, %v; want one, %q", lang, total, bs, err, headline)
		}
		bs, total, err = d.Briefs(ctx, briefbot.BriefFilter{From: t0.Add(-time.Hour), Topic: "world", Language: lang})
		if err != nil || total != 1 || len(bs) != 1 || bs[0].Headline != headline {
			t.Errorf("briefs of world in %q = %d %+v, %v; want one, %q", lang, total, bs, err, headline)
		}
		res, err := d.Search(ctx, briefbot.SearchQuery{Text: "Kremlin", Language: lang})
		if err != nil || res.Total != 1 || res.Hits[0].Headline != headline {
			t.Errorf("search in %q = %+v, %v; want one hit, %q", lang, res, err, headline)
		}
	}
	// Either headline finds the story.
	for _, q := range []string{"露米首脳", "Putin Trump talk"} {
		if res, err := d.Search(ctx, briefbot.SearchQuery{Text: q}); err != nil || res.Total != 1 {
			t.Errorf("search %q = %+v, %v; want the story", q, res, err)
		}
	}

	// Saving only the main brief drops the English one; rows fall back.
	if err := d.SaveBriefs(ctx, briefs[:1]); err != nil {
		t.Fatal(err)
	}
	if _, err := d.Brief(ctx, briefs[1].ID); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Errorf("english brief kept: %v", err)
	}
}

// TestSetChatLanguageRerenders: a chat's new language marks the stories of
// its unsent rows that lack a brief in it for a render, and no other.
func TestSetChatLanguageRerenders(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	mustChat(t, d, 1, "world")
	s, _ := storyInTwoLanguages(t, d)
	if _, err := d.EnqueueStory(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	setLanguage(t, d, 1, "en") // has a brief in English
	assertUnbriefed(t, d, s.ID, false)
	setLanguage(t, d, 1, "ru")
	assertUnbriefed(t, d, s.ID, true)
}

// TestEditionInChatLanguage: an edition lists each story once, in the
// chat's language.
func TestEditionInChatLanguage(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	mustChat(t, d, 1, "world")
	setLanguage(t, d, 1, "en")
	if err := d.SetChatMode(ctx, 1, briefbot.ModeEdition, t0.Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	s, _ := storyInTwoLanguages(t, d)
	if _, err := d.EnqueueStory(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	bs, err := d.EditionBriefs(ctx, 1, t0.Add(time.Hour))
	if err != nil || len(bs) != 1 || bs[0].Headline != "Putin and Trump talk" || bs[0].StoryID != s.ID {
		t.Fatalf("edition briefs = %+v, %v; want the English brief", bs, err)
	}
}

// TestStaleBriefsOncePerVersion: the briefs of the window's stories are
// marked once per renderer version; older stories and an unchanged version
// are left alone, and nothing is enqueued.
func TestStaleBriefsOncePerVersion(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	mustChat(t, d, 1, "world")
	old, _ := briefedStory(t, d, "world")
	if _, err := d.SQL().Exec(`UPDATE stories SET last_seen = ? WHERE id = ?`, t0.Add(-72*time.Hour).UnixMicro(), old.ID); err != nil {
		t.Fatal(err)
	}
	s, _ := briefedStory(t, d, "world")
	if _, err := d.EnqueueStory(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	since := t0.Add(-36 * time.Hour)
	for i, want := range []int{1, 0} {
		if n, err := d.StaleBriefs(ctx, since, 7, nil); err != nil || n != want {
			t.Fatalf("run %d: marked %d, %v; want %d", i, n, err, want)
		}
	}
	assertUnbriefed(t, d, s.ID, true)
	assertUnbriefed(t, d, old.ID, false)
	if n := countRows(t, d, `SELECT count(*) FROM deliveries`); n != 1 {
		t.Errorf("rows = %d, want the one enqueued before", n)
	}
	// Re-rendered, then the renderer changes again.
	if err := d.SaveBrief(ctx, &briefbot.Brief{StoryID: s.ID, Headline: "新", HTML: "新", Published: t0}); err != nil {
		t.Fatal(err)
	}
	if n, err := d.StaleBriefs(ctx, since, 8, nil); err != nil || n != 1 {
		t.Errorf("next version: marked %d, %v; want 1", n, err)
	}
}

// TestStaleBriefsJudgesAgain: a new renderer judges the window's items
// again; an item that becomes opinion keeps its story but is no longer
// delivered, a story left of opinion alone loses its unsent rows, an older
// story's items are left alone, and the same version judges nothing twice.
func TestStaleBriefsJudgesAgain(t *testing.T) {
	ctx := context.Background()
	d, _ := openTest(t, db.Options{})
	old, _ := briefedStory(t, d, "world")
	if _, err := d.SQL().Exec(`UPDATE stories SET last_seen = ? WHERE id = ?`, t0.Add(-72*time.Hour).UnixMicro(), old.ID); err != nil {
		t.Fatal(err)
	}
	mustChat(t, d, 1, "world")
	s, _ := briefedStory(t, d, "world")
	if _, err := d.EnqueueStory(ctx, s.ID); err != nil {
		t.Fatal(err)
	}
	calls := 0
	judge := func(it briefbot.Item) (bool, string) {
		calls++
		return true, "voice: test"
	}
	since := t0.Add(-36 * time.Hour)
	for i := 0; i < 2; i++ {
		if _, err := d.StaleBriefs(ctx, since, 9, judge); err != nil {
			t.Fatal(err)
		}
	}
	if calls != len(s.Items) {
		t.Errorf("judge called %d times, want %d (the window's items, once)", calls, len(s.Items))
	}
	for _, c := range []struct {
		story   int64
		opinion int
		deliver int
		reason  string
	}{{s.ID, 1, 0, "voice: test"}, {old.ID, 0, 1, ""}} {
		var op, del int
		var why string
		if err := d.SQL().QueryRow(`SELECT opinion, deliver, opinion_reason FROM items WHERE story_id = ?`, c.story).Scan(&op, &del, &why); err != nil {
			t.Fatal(err)
		}
		if op != c.opinion || del != c.deliver || why != c.reason {
			t.Errorf("story %d: opinion %d deliver %d reason %q; want %d %d %q", c.story, op, del, why, c.opinion, c.deliver, c.reason)
		}
	}
	if n := countRows(t, d, `SELECT count(*) FROM deliveries WHERE state = 'dead' AND last_error = 'opinion'`); n != 1 {
		t.Errorf("rows cancelled as opinion = %d, want the story's one unsent row", n)
	}
}
