package scheduler_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"briefbot"
	"briefbot/digest"
	"briefbot/scheduler"
)

// mixedStory saves a story of world told by a Japanese and an English
// report, as a cross-language join leaves it.
func (e *env) mixedStory() *briefbot.Story {
	e.t.Helper()
	pub := t0.Add(-time.Hour)
	ja := briefbot.Item{FeedName: "nhk", Outlet: "NHK", URL: "https://www3.nhk.or.jp/news/html/20261120/k1.html",
		Title: "青森県沖でM6.8の地震 津波注意報", Language: "ja", Topics: []string{"world"}, Published: pub, FetchedAt: pub, Deliver: true,
		Text: "20日夕方、青森県沖を震源とするマグニチュード6.8の地震があり、気象庁は青森県と岩手県の太平洋沿岸に津波注意報を出しました。" +
			"これまでに被害の情報は入っていません。気象庁は海岸に近づかないよう呼びかけています。"}
	en := briefbot.Item{FeedName: "wire", Outlet: "Reuters", URL: "https://www.reuters.com/world/asia-pacific/quake-aomori/",
		Title: quake.title, Text: strings.Join(quake.paras, "\n\n"), Language: "en", Topics: []string{"world"},
		Published: pub.Add(time.Minute), FetchedAt: pub.Add(time.Minute), Deliver: true}
	s := &briefbot.Story{Language: "ja", Topics: []string{"world"}, FirstPublished: pub, FirstSeen: pub, LastSeen: pub,
		Items: []briefbot.Item{ja, en}}
	if err := e.db.SaveStory(context.Background(), s); err != nil {
		e.t.Fatal(err)
	}
	return s
}

// TestPublishInChatLanguages: a story gets a brief in its main language and
// in each language its chats read that it has reports in; each chat is sent
// one, in its language where there is one.
func TestPublishInChatLanguages(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t)
	langs := map[int64]string{1: "", 2: "en", 3: "ru", 4: "ja"}
	for chat, lang := range langs {
		e.subscribe(chat, "world")
		if err := e.db.SetChatLanguage(ctx, chat, lang); err != nil {
			t.Fatal(err)
		}
	}
	s := e.mixedStory()
	if n := e.publish(); n != 1 {
		t.Fatalf("enqueued %d stories, want 1", n)
	}
	var en, ja string
	for _, b := range []string{"en", "ja"} {
		var html string
		if err := e.db.SQL().QueryRow(`SELECT html FROM briefs WHERE story_id = ? AND language = ?`, s.ID, b).Scan(&html); err != nil {
			t.Fatalf("brief in %s: %v", b, err)
		}
		if b == "en" {
			en = html
		} else {
			ja = html
		}
	}
	if n := e.deliveries(); n != 4 {
		t.Fatalf("rows = %d, want one per chat", n)
	}
	if n := countBriefs(t, e, s.ID); n != 2 {
		t.Errorf("briefs = %d, want ja (main) and en (no ru report)", n)
	}
	if !strings.Contains(en, "Aomori") || !strings.Contains(ja, "青森") {
		t.Fatalf("briefs not in their languages:\nen: %s\nja: %s", en, ja)
	}
	rows, err := e.db.Claim(ctx, briefbot.ClaimRequest{Now: e.clk.Now(), Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int64]string{1: ja, 2: en, 3: ja, 4: ja}
	for _, r := range rows {
		if r.HTML != want[r.ChatID] {
			t.Errorf("chat %d (%q) is sent:\n%s", r.ChatID, langs[r.ChatID], r.HTML)
		}
	}
}

func countBriefs(t *testing.T, e *env, storyID int64) int {
	t.Helper()
	var n int
	if err := e.db.SQL().QueryRow(`SELECT count(*) FROM briefs WHERE story_id = ?`, storyID).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestUpgradeRerenders: the first start after the renderer changed
// re-renders and reindexes the briefs of the window's stories and sends
// nothing: no new row, no resend; a row not yet sent takes the new text.
func TestUpgradeRerenders(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, func(o *scheduler.PipelineOptions) { o.Settle = 0 })
	e.subscribe(1, "world")
	e.subscribe(2, "world")
	f := feedFor("wire", wireURL, "world")
	e.fetch.set(wireURL,
		post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0.Add(-time.Hour)),
		post("r1", "https://www.reuters.com/markets/ecb-rates/", rates, t0.Add(-time.Hour)))
	e.fetchFeed(f)
	if n := e.publish(); n != 2 {
		t.Fatalf("enqueued %d, want 2", n)
	}
	// Chat 1 was sent everything; chat 2's rows wait.
	for _, r := range claimAll(t, e, 1) {
		if err := e.db.MarkSent(ctx, r.ID, 1, e.clk.Now()); err != nil {
			t.Fatal(err)
		}
	}
	// What an older renderer left: other text, indexed, and an older
	// version; one story is older than the window.
	for _, st := range e.stories() {
		b, err := e.db.Brief(ctx, st.BriefID)
		if err != nil {
			t.Fatal(err)
		}
		b.Headline, b.HTML = "Zyzzyva", "old"
		if err := e.db.SaveBrief(ctx, b); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.db.SQL().Exec(`UPDATE meta SET value = ? WHERE key = 'render_version'`, digest.RenderVersion-1); err != nil {
		t.Fatal(err)
	}
	var oldStory int64
	if err := e.db.SQL().QueryRow(`SELECT story_id FROM items WHERE title = ?`, rates.title).Scan(&oldStory); err != nil {
		t.Fatal(err)
	}
	e.clk.Add(briefbot.DefaultWindow / 2)
	if _, err := e.db.SQL().Exec(`UPDATE stories SET last_seen = ? WHERE id = ?`,
		e.clk.Now().Add(-2*briefbot.DefaultWindow).UnixMicro(), oldStory); err != nil {
		t.Fatal(err)
	}
	before := e.deliveries()

	e.p = scheduler.NewPipeline(e.fetch, e.stores(), scheduler.PipelineOptions{Logger: discard(), Now: e.clk.Now})
	if n := e.publish(); n != 0 {
		t.Errorf("the re-render enqueued %d stories", n)
	}
	if got := e.deliveries(); got != before {
		t.Errorf("rows %d → %d: the re-render added rows", before, got)
	}
	var fresh, kept int
	if err := e.db.SQL().QueryRow(`SELECT count(*) FILTER (WHERE html <> 'old'), count(*) FILTER (WHERE html = 'old')
		FROM briefs`).Scan(&fresh, &kept); err != nil {
		t.Fatal(err)
	}
	if fresh != 1 || kept != 1 {
		t.Errorf("re-rendered %d briefs, kept %d; want the window's 1 and the older 1", fresh, kept)
	}
	if res, err := e.db.Search(ctx, briefbot.SearchQuery{Text: "earthquake"}); err != nil || res.Total != 1 ||
		res.Hits[0].Headline == "Zyzzyva" {
		t.Errorf("search after the re-render = %+v, %v; want the new headline", res, err)
	}
	if res, err := e.db.Search(ctx, briefbot.SearchQuery{Text: "Zyzzyva"}); err != nil || res.Total != 1 ||
		res.Hits[0].StoryID != oldStory {
		t.Errorf("search the old headline = %+v, %v; want only the story outside the window", res, err)
	}
	st, _ := e.db.DeliveryStats(ctx)
	if st[briefbot.DeliverySent] != 2 || st[briefbot.DeliveryPending] != 2 {
		t.Errorf("ledger after the re-render = %v, want chat 1's 2 sent, chat 2's 2 pending", st)
	}
	for _, r := range claimAll(t, e, 2) {
		if old := r.HTML == "old"; old != (r.StoryID == oldStory) {
			t.Errorf("chat 2's row of story %d sends %q", r.StoryID, r.HTML)
		}
	}
	// A second start with the same renderer renders nothing again.
	e.p = scheduler.NewPipeline(e.fetch, e.stores(), scheduler.PipelineOptions{Logger: discard(), Now: e.clk.Now})
	e.publish()
	if ss, err := e.db.UnbriefedStories(ctx); err != nil || len(ss) != 0 {
		t.Errorf("unbriefed after the second start = %d, %v", len(ss), err)
	}
}

// claimAll claims the chat's rows one by one (one per chat per claim) and
// returns them, in sending.
func claimAll(t *testing.T, e *env, chat int64) []*briefbot.Delivery {
	t.Helper()
	var out []*briefbot.Delivery
	for {
		var notDue []int64
		for id := int64(1); id <= 9; id++ {
			if id != chat {
				notDue = append(notDue, id)
			}
		}
		rows, err := e.db.Claim(context.Background(), briefbot.ClaimRequest{Now: e.clk.Now(), Limit: 1, NotDue: notDue})
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) == 0 {
			return out
		}
		out = append(out, rows...)
		if err := e.db.MarkSent(context.Background(), rows[0].ID, 1, e.clk.Now()); err != nil {
			t.Fatal(err)
		}
	}
}
