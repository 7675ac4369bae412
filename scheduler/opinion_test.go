package scheduler

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"briefbot"
	"briefbot/feed"
	"briefbot/internal/sharedtest"
	"briefbot/internal/urlid"
)

// TestOpinionFeedFixtures runs the items of the hand-labelled fixture feeds
// (digest/testdata/brief) and of the bundled sample feed through the rule
// that makes items from posts, and checks each against its label: opinion
// is marked and never delivered, news always is.
func TestOpinionFeedFixtures(t *testing.T) {
	var exp struct {
		Fixtures []struct {
			File  string `json:"file"`
			Lang  string `json:"lang"`
			Items []struct {
				URL     string `json:"url"`
				Opinion bool   `json:"opinion"`
			} `json:"items"`
		} `json:"fixtures"`
	}
	dir := filepath.Join("..", "digest", "testdata", "brief")
	b, err := os.ReadFile(filepath.Join(dir, "expect.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &exp); err != nil {
		t.Fatal(err)
	}
	type want struct{ opinion, seen bool }
	for _, fx := range exp.Fixtures {
		labels := map[string]*want{}
		for _, it := range fx.Items {
			labels[urlid.Key(it.URL)] = &want{opinion: it.Opinion}
		}
		opinion, news := 0, 0
		for _, it := range feedItems(t, filepath.Join(dir, fx.File), fx.Lang) {
			w := labels[urlid.Key(it.URL)]
			if w == nil {
				continue // a label line or a caption the split keeps as its own block
			}
			w.seen = true
			if it.Opinion != w.opinion || it.Deliver == w.opinion {
				t.Errorf("%s %s: opinion %v (%s), deliver %v; labelled opinion %v",
					fx.File, it.URL, it.Opinion, it.OpinionReason, it.Deliver, w.opinion)
			}
			if w.opinion {
				opinion++
			} else {
				news++
			}
		}
		for u, w := range labels {
			if !w.seen && w.opinion {
				t.Errorf("%s: the opinion item %s was not split out", fx.File, u)
			}
		}
		t.Logf("%s: %d opinion, %d news items checked", fx.File, opinion, news)
	}

	// The bundled sample holds news only.
	for _, it := range feedItems(t, filepath.Join("..", "examples", "sample-feed.xml"), briefbot.LangAuto) {
		if it.Opinion || !it.Deliver {
			t.Errorf("sample %s: opinion %v (%s), deliver %v; it is news", it.URL, it.Opinion, it.OpinionReason, it.Deliver)
		}
	}
}

// feedItems parses a feed file and makes its items as a fetch would.
func feedItems(t *testing.T, path, lang string) []briefbot.Item {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC)
	res, err := feed.Parse(bytes.NewReader(raw), "", now, lang)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	rule := itemRule{feed: briefbot.Feed{Name: "fixture", Topics: []string{"world"}, Language: lang}}
	var items []briefbot.Item
	for _, p := range preparePosts(res.Posts, rule.feed, now) {
		items = append(items, rule.items(p)...)
	}
	return items
}

// TestPreviewOpinion: preview says which briefs the daemon would not push
// and why; a column on the same event as a report stays a brief of its own.
func TestPreviewOpinion(t *testing.T) {
	now := time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)
	report := briefbot.Post{Key: "r1", URL: "https://www3.nhk.or.jp/news/html/20261120/k1.html",
		Title: "Strong earthquake strikes off northern Japan", Published: now.Add(-time.Hour),
		Text: "A magnitude 6.8 earthquake struck off the coast of Aomori prefecture on Friday evening, the Japan Meteorological Agency said.\n\n" +
			"The agency issued a tsunami advisory for the Pacific coast of Aomori and Iwate prefectures."}
	column := briefbot.Post{Key: "c1", URL: "https://news.example.com/2026/11/20/quake-warning",
		Title: "Aomori's earthquake is a warning we keep ignoring", Published: now.Add(-30 * time.Minute),
		Text: "Friday's magnitude 6.8 earthquake off Aomori should wake us up.\n\n" +
			"I have covered every big earthquake in northern Japan since 2011, and we never learn.\n\n" +
			"The tsunami advisory came fast; our sea walls will not be ready for years."}
	f := briefbot.Feed{Name: "mixed", Topics: []string{"world"}, Language: briefbot.LangEN}
	briefs := Preview([]briefbot.Post{report, column}, f, PipelineOptions{
		Topics: []briefbot.Topic{{Name: "world", Hashtag: "world"}}, Location: time.UTC, Now: func() time.Time { return now }}, "")
	if len(briefs) != 2 {
		t.Fatalf("briefs = %d, want 2: the column joins no story", len(briefs))
	}
	for _, b := range briefs {
		column := strings.Contains(b.HTML, "wake us up") || strings.Contains(b.HTML, "news.example.com")
		switch {
		case column && (b.Push || !strings.HasPrefix(b.Reason, ReasonOpinion+": voice: ")):
			t.Errorf("column: push %v, reason %q; want held back by the voice rule", b.Push, b.Reason)
		case !column && (!b.Push || b.Reason != ""):
			t.Errorf("report: push %v, reason %q; want pushed", b.Push, b.Reason)
		}
	}
}

// TestPreviewSeedOpinion: in a preview of the seed as the one aggregator
// post it is, no pushed brief carries a word of its three opinion posts.
func TestPreviewSeedOpinion(t *testing.T) {
	raw, err := os.ReadFile(sharedtest.Path(t, "seed/source-post.txt"))
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2025, 6, 5, 8, 0, 0, 0, time.UTC)
	p := briefbot.Post{Key: "seed", URL: "https://d1021.hatenadiary.jp/entry/2025/06/05/170000", Title: "2025-06-05",
		Text: string(raw), Language: briefbot.LangJA, Published: pub, FetchedAt: pub}
	f := briefbot.Feed{Name: "d1021", Topics: []string{"world"}, Language: briefbot.LangJA}
	held := 0
	for _, b := range Preview([]briefbot.Post{p}, f, PipelineOptions{
		Topics: []briefbot.Topic{{Name: "world", Hashtag: "ロシア"}}, Location: time.UTC, Now: func() time.Time { return pub }}, "") {
		if !b.Push {
			held++
			if !strings.HasPrefix(b.Reason, ReasonOpinion+": ") {
				t.Errorf("held back %q with reason %q", b.Headline, b.Reason)
			}
			continue
		}
		for _, w := range []string{"賭け金", "ディープステート", "なぜなら、平和は"} {
			if strings.Contains(b.HTML, w) {
				t.Errorf("pushed brief %q carries %q of an opinion post:\n%s", b.Headline, w, b.HTML)
			}
		}
	}
	if held < 2 {
		t.Errorf("%d briefs held back, want the pundit's post and the letter with its thread", held)
	}
}
