package scheduler_test

import (
	"context"
	"fmt"
	"hash/fnv"
	"strings"
	"sync"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
	"briefbot/scheduler"
)

// word is a made-up word of its own for n and part (syllables drawn from a
// hash of both), so that reports built from different n share no
// vocabulary and never cluster together.
func word(n, part int) string {
	const letters = "bdfgklmnprstvz"
	const vowels = "aeiou"
	h := fnv.New64a()
	fmt.Fprintf(h, "%d/%d", n, part)
	x := h.Sum64()
	var b strings.Builder
	for range 4 {
		b.WriteByte(letters[x%uint64(len(letters))])
		x /= uint64(len(letters))
		b.WriteByte(vowels[x%uint64(len(vowels))])
		x /= uint64(len(vowels))
	}
	return b.String()
}

// distinctPosts makes n reports of n unrelated events, in words of their
// own.
func distinctPosts(prefix string, n int, pub time.Time) []briefbot.Post {
	posts := make([]briefbot.Post, n)
	words := func(i, from, k int) string {
		ws := make([]string, k)
		for j := range ws {
			ws[j] = word(i, from+j)
		}
		return strings.Join(ws, " ")
	}
	for i := range n {
		ev := int(prefix[0])*1000 + i // another prefix, other events
		s := story{
			title: strings.ToUpper(word(ev, 0)[:1]) + words(ev, 0, 6)[1:],
			paras: []string{words(ev, 6, 12) + ".", words(ev, 18, 10) + "."},
		}
		posts[i] = post(fmt.Sprintf("%s-%d", prefix, i), fmt.Sprintf("https://news.example.com/%s/%d", prefix, i), s, pub)
	}
	return posts
}

func deliverable(ss []*briefbot.Story) int {
	n := 0
	for _, s := range ss {
		if s.Deliverable() {
			n++
		}
	}
	return n
}

// TestFetchCapsNewStories: one fetch of 150 unrelated reports (more than two
// cluster batches) pushes MaxNewStories of them; the rest are stored,
// briefed and searchable but never sent, and the flood is reported. A later
// fetch within the cap pushes all it brings.
func TestFetchCapsNewStories(t *testing.T) {
	var mu sync.Mutex
	var floods []scheduler.Flood
	e := newEnv(t, func(o *scheduler.PipelineOptions) {
		o.Settle = 0
		o.MaxNewStories = 50
		o.OnFlood = func(f scheduler.Flood) {
			mu.Lock()
			floods = append(floods, f)
			mu.Unlock()
		}
	})
	e.subscribe(1, "world")
	f := feedFor("busy", wireURL, "world")
	e.fetch.set(wireURL, distinctPosts("a", 150, t0.Add(-time.Minute))...)
	e.fetchFeed(f)
	ss := e.stories()
	if len(ss) != 150 {
		t.Fatalf("%d stories, want 150 (the reports are unrelated)", len(ss))
	}
	if got := deliverable(ss); got != 50 {
		t.Errorf("%d deliverable stories, want 50", got)
	}
	if len(floods) != 1 || floods[0] != (scheduler.Flood{Feed: "busy", Pushed: 50, Held: 100}) {
		t.Errorf("floods reported: %+v, want one of 50 pushed, 100 held", floods)
	}
	e.publish()
	if n := e.deliveries(); n != 50 {
		t.Errorf("%d deliveries to the one chat, want 50", n)
	}
	if got := len(e.briefs()); got < 100 {
		t.Errorf("%d briefs, want every story briefed (150)", got)
	}
	// A held story is searchable.
	res, err := e.db.Search(context.Background(), briefbot.SearchQuery{Text: word(int('a')*1000+149, 1), Limit: 5})
	if err != nil || res.Total != 1 {
		t.Fatalf("search for a held story: %+v, %v", res, err)
	}

	e.clk.Add(time.Minute)
	e.fetch.set(wireURL, distinctPosts("b", 3, t0)...)
	e.fetchFeed(f)
	if ss := e.stories(); len(ss) != 153 || deliverable(ss) != 53 {
		t.Errorf("%d stories, %d deliverable after a small fetch; want 153, 53", len(ss), deliverable(ss))
	}
	if len(floods) != 1 {
		t.Errorf("a fetch within the cap reported a flood: %+v", floods[1:])
	}
}

// TestFetchTruncatedFeedReported: a feed the fetcher cut at its entry limit
// is reported even when it makes few stories.
func TestFetchTruncatedFeedReported(t *testing.T) {
	var got []scheduler.Flood
	e := newEnv(t, func(o *scheduler.PipelineOptions) { o.OnFlood = func(f scheduler.Flood) { got = append(got, f) } })
	e.fetch.truncated = true
	e.fetch.set(wireURL, distinctPosts("t", 2, t0)...)
	e.fetchFeed(feedFor("long", wireURL, "world"))
	if len(got) != 1 || got[0] != (scheduler.Flood{Feed: "long", Pushed: 2, Truncated: true}) {
		t.Fatalf("floods: %+v", got)
	}
}

// pausingStories is the real database with RecentStories able to stop
// after reading, so a test can save another story before the reader goes
// on: the race the pipeline lock exists for.
type pausingStories struct {
	*db.DB
	mu    sync.Mutex
	pause func() // run once, after the next read
}

func (s *pausingStories) RecentStories(ctx context.Context, since time.Time) ([]*briefbot.Story, error) {
	ss, err := s.DB.RecentStories(ctx, since)
	s.mu.Lock()
	pause := s.pause
	s.pause = nil
	s.mu.Unlock()
	if pause != nil {
		pause()
	}
	return ss, err
}

// TestClusterOutsideTheLockRechecks: feed A reads the stories, then feed B
// saves a story of the same event before A clusters; A must see B's story
// and join it rather than start a second one.
func TestClusterOutsideTheLockRechecks(t *testing.T) {
	e := newEnv(t)
	stories := &pausingStories{DB: e.db}
	st := e.stores()
	st.Stories = stories
	var holds []time.Duration
	var hmu sync.Mutex
	p := scheduler.NewPipeline(e.fetch, st, scheduler.PipelineOptions{Logger: discard(), Now: e.clk.Now})
	p.ObserveLockHolds(func(d time.Duration) {
		hmu.Lock()
		holds = append(holds, d)
		hmu.Unlock()
	})
	const asiaURL = "https://asia.example.com/feed"
	e.fetch.set(wireURL, post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0))
	e.fetch.set(asiaURL, post("q2", "https://www.reuters.com/world/asia-pacific/quake-aomori/", quakeLate, t0))
	stories.pause = func() {
		// A has read no story; B clusters and saves the quake now.
		if err := p.FetchFeed(context.Background(), feedFor("asia", asiaURL, "asia")); err != nil {
			t.Error(err)
		}
	}
	if err := p.FetchFeed(context.Background(), feedFor("wire", wireURL, "world")); err != nil {
		t.Fatal(err)
	}
	ss := e.stories()
	if len(ss) != 1 || len(ss[0].Items) != 2 {
		t.Fatalf("%d stories, %d items; want one story of both reports", len(ss), e.items())
	}
	hmu.Lock()
	defer hmu.Unlock()
	if len(holds) < 2 || p.LongestLockHold() <= 0 {
		t.Errorf("lock holds observed: %v, longest %v; want both saves timed", holds, p.LongestLockHold())
	}
}

// TestPreviewCapsNewStories: preview treats the file as one fetch and says
// which briefs the cap holds back.
func TestPreviewCapsNewStories(t *testing.T) {
	briefs := scheduler.Preview(distinctPosts("p", 7, t0), feedFor("wire", wireURL, "world"),
		scheduler.PipelineOptions{Location: time.UTC, Now: func() time.Time { return t0 }, MaxNewStories: 5}, "")
	var pushed, held int
	for _, b := range briefs {
		switch {
		case b.Push:
			pushed++
		case b.Reason == scheduler.ReasonHeld:
			held++
		}
	}
	if len(briefs) != 7 || pushed != 5 || held != 2 {
		t.Fatalf("%d briefs, %d pushed, %d held; want 7, 5, 2", len(briefs), pushed, held)
	}
}

// TestScheduledFetchPublishesAtOnce: a feed job's new story is enqueued
// right after its fetch, not at the next publish tick (an hour away here).
func TestScheduledFetchPublishesAtOnce(t *testing.T) {
	e := newEnv(t, func(o *scheduler.PipelineOptions) { o.Settle = 0 })
	e.subscribe(1, "world")
	s := scheduler.New(e.p, scheduler.Options{Location: time.UTC, PublishEvery: time.Hour, Logger: discard()})
	f := feedFor("wire", wireURL, "world")
	f.Schedule = "@every 1s"
	if err := s.SetFeeds([]briefbot.Feed{f}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := s.Start(ctx); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the first round", func() bool { return e.fetch.count(wireURL) >= 1 })
	e.fetch.set(wireURL, post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0))
	waitFor(t, "the scheduled fetch's brief to be enqueued", func() bool { return e.deliveries() == 1 })
	if err := s.Stop(context.Background()); err != nil {
		t.Errorf("stop: %v", err)
	}
}
