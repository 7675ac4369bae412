package scheduler_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"briefbot"
	"briefbot/internal/sharedtest"
	"briefbot/scheduler"
)

// TestPreviewSeedPost previews the real aggregator post of the seed: one
// Hatena diary day quoting many sources on a few events.
func TestPreviewSeedPost(t *testing.T) {
	raw, err := os.ReadFile(sharedtest.Path(t, "seed/source-post.txt"))
	if err != nil {
		t.Fatal(err)
	}
	pub := time.Date(2025, 6, 5, 8, 0, 0, 0, time.UTC)
	p := briefbot.Post{
		Key: "seed", URL: "https://d1021.hatenadiary.jp/entry/2025/06/05/170000", Title: "2025-06-05",
		Text: string(raw), Language: briefbot.LangJA, Published: pub, FetchedAt: pub,
	}
	f := briefbot.Feed{Name: "d1021", Topics: []string{"world"}, Language: briefbot.LangJA}
	briefs := scheduler.Preview([]briefbot.Post{p}, f, scheduler.PipelineOptions{
		Topics:   []briefbot.Topic{{Name: "world", Title: "国際", Hashtag: "ロシア"}},
		Location: time.UTC,
		Now:      func() time.Time { return pub },
	}, "")
	if len(briefs) == 0 {
		t.Fatal("no briefs from the seed post")
	}
	for _, b := range briefs {
		if b.HTML == "" || len([]rune(b.HTML)) > 4096 {
			t.Errorf("brief %q: %d characters of HTML, want 1–4096", b.Headline, len([]rune(b.HTML)))
		}
		if !strings.Contains(b.HTML, "#ロシア(250605)") {
			t.Errorf("brief %q lacks #ロシア(250605):\n%s", b.Headline, b.HTML)
		}
	}
	t.Logf("seed post: %d briefs", len(briefs))
}

// wikinewsPosts reads the Japanese Wikinews sample as ordinary feed posts.
func wikinewsPosts(tb testing.TB, pub time.Time) []briefbot.Post {
	fh, err := os.Open(sharedtest.Path(tb, "data/ja-wikinews-300/sample300.jsonl"))
	if err != nil {
		tb.Fatal(err)
	}
	defer fh.Close()
	var posts []briefbot.Post
	sc := bufio.NewScanner(fh)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		var a struct {
			ID        string   `json:"id"`
			Headline  string   `json:"headline"`
			Sentences []string `json:"sentences"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			tb.Fatal(err)
		}
		text := strings.Join(a.Sentences, "")
		posts = append(posts, briefbot.Post{
			Key: "wn-" + a.ID, GUID: "wn-" + a.ID, URL: "https://ja.wikinews.org/wiki/?curid=" + a.ID,
			Title: a.Headline, HTML: "<p>" + text + "</p>", Text: text,
			Published: pub, ContentHash: fmt.Sprint(len(text)),
		})
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return posts
}

// BenchmarkFetchPublish300 stores 300 new Japanese articles from one fetch
// (split, cluster, save) and publishes them (render, save briefs, enqueue to
// one chat) on a fresh database each time.
func BenchmarkFetchPublish300(b *testing.B) {
	ctx := context.Background()
	posts := wikinewsPosts(b, t0.Add(-time.Hour))
	for b.Loop() {
		b.StopTimer()
		e := newEnv(b)
		e.subscribe(1, "world")
		e.fetch.set(wireURL, posts...)
		f := feedFor("wikinews", wireURL, "world")
		f.Language = briefbot.LangJA
		b.StartTimer()
		if err := e.p.FetchFeed(ctx, f); err != nil {
			b.Fatal(err)
		}
		n, err := e.p.Publish(ctx)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		b.ReportMetric(float64(n), "stories")
		b.StartTimer()
	}
	b.ReportMetric(float64(len(posts)), "posts")
}

// BenchmarkPublishIdle is the 30-second publish tick with nothing to do, on a
// database holding 300 recent stories, all sent.
func BenchmarkPublishIdle(b *testing.B) {
	ctx := context.Background()
	e := newEnv(b)
	e.fetch.set(wireURL, wikinewsPosts(b, t0.Add(-time.Hour))...)
	f := feedFor("wikinews", wireURL, "world")
	f.Language = briefbot.LangJA
	if err := e.p.FetchFeed(ctx, f); err != nil {
		b.Fatal(err)
	}
	if _, err := e.p.Publish(ctx); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if n, err := e.p.Publish(ctx); err != nil || n != 0 {
			b.Fatal(n, err)
		}
	}
}
