package scheduler_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"briefbot"
	"briefbot/scheduler"
)

const wireURL = "https://wire.example.com/feed"

func TestPipelineOneBriefPerStoryAndNoRepeats(t *testing.T) {
	e := newEnv(t)
	e.subscribe(1, "world")
	e.subscribe(2, "economy") // another topic: gets nothing from this feed
	f := feedFor("wire", wireURL, "world")
	e.fetch.set(wireURL,
		post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0.Add(-time.Minute)),
		post("r1", "https://www.reuters.com/markets/ecb-rates/", rates, t0.Add(-2*time.Minute)),
	)

	e.fetchFeed(f)
	if got := len(e.stories()); got != 2 {
		t.Fatalf("stories after first fetch = %d, want 2", got)
	}
	if n := e.publish(); n != 0 {
		t.Fatalf("enqueued before settle = %d, want 0", n)
	}
	if got := len(e.briefs()); got != 2 {
		t.Fatalf("briefs rendered before settle = %d, want 2 (rendered early, sent later)", got)
	}

	e.clk.Add(10 * time.Minute)
	if n := e.publish(); n != 2 {
		t.Fatalf("enqueued after settle = %d, want 2", n)
	}
	if got := e.deliveries(); got != 2 {
		t.Fatalf("deliveries = %d, want 2 (chat 1 × 2 stories)", got)
	}
	if e.woken != 1 {
		t.Errorf("OnEnqueue called %d times, want 1", e.woken)
	}

	// The same feed again: nothing new anywhere.
	e.clk.Add(15 * time.Minute)
	e.fetchFeed(f)
	if n := e.publish(); n != 0 {
		t.Errorf("second run enqueued %d, want 0", n)
	}
	if got := e.deliveries(); got != 2 {
		t.Errorf("deliveries after second run = %d, want 2", got)
	}

	// An edited entry: same key, new content. Stored, never new.
	edited := post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quakeLate, t0.Add(-time.Minute))
	edited.ContentHash = "edited"
	e.fetch.set(wireURL, edited, post("r1", "https://www.reuters.com/markets/ecb-rates/", rates, t0.Add(-2*time.Minute)))
	e.clk.Add(15 * time.Minute)
	e.fetchFeed(f)
	e.clk.Add(15 * time.Minute)
	if n := e.publish(); n != 0 {
		t.Errorf("edited entry enqueued %d, want 0", n)
	}
	if got := len(e.stories()); got != 2 {
		t.Errorf("stories after edit = %d, want 2", got)
	}
	if got := e.items(); got != 2 {
		t.Errorf("items after edit = %d, want 2", got)
	}
	if got := len(e.briefs()); got != 2 {
		t.Errorf("briefs after edit = %d, want 2", got)
	}
	if got := e.deliveries(); got != 2 {
		t.Errorf("deliveries after edit = %d, want 2", got)
	}

	st := e.state("wire")
	if st.LastSuccessAt.IsZero() || st.Failures != 0 || st.Paused {
		t.Errorf("feed state = %+v, want a healthy feed", st)
	}
}

func TestPipelineItemsCarryFeedConfig(t *testing.T) {
	e := newEnv(t)
	f := feedFor("wire", wireURL, "world", "asia")
	f.Urgent = true
	e.fetch.set(wireURL, post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0.Add(-time.Minute)))
	e.fetchFeed(f)
	ss := e.stories()
	if len(ss) != 1 || len(ss[0].Items) != 1 {
		t.Fatalf("stories = %d, want 1 with 1 item", len(ss))
	}
	it := ss[0].Items[0]
	if it.FeedName != "wire" || !it.Urgent || !it.Deliver || strings.Join(it.Topics, ",") != "world,asia" {
		t.Errorf("item = feed %q urgent %v deliver %v topics %v; want wire, true, true, [world asia]",
			it.FeedName, it.Urgent, it.Deliver, it.Topics)
	}
	if !it.FetchedAt.Equal(t0) {
		t.Errorf("item FetchedAt = %v, want the pipeline clock %v", it.FetchedAt, t0)
	}
}

func TestPipelineBacklog(t *testing.T) {
	old := t0.Add(-48 * time.Hour)
	tests := []struct {
		name      string
		backlog   time.Duration
		all       bool
		published time.Time
		wantSent  int
	}{
		{"old items are stored, not sent", 0, false, old, 0},
		{"backlog all sends everything", 0, true, old, 2},
		{"items inside the default backlog are sent", 0, false, t0.Add(-5 * time.Hour), 2},
		{"feed backlog overrides the default", time.Hour, false, t0.Add(-5 * time.Hour), 0},
		{"a long feed backlog lets old items through", 72 * time.Hour, false, old, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			e.subscribe(1, "world")
			f := feedFor("wire", wireURL, "world")
			f.Backlog, f.BacklogAll = tc.backlog, tc.all
			e.fetch.set(wireURL,
				post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, tc.published),
				post("r1", "https://www.reuters.com/markets/ecb-rates/", rates, tc.published),
			)
			e.fetchFeed(f)
			e.clk.Add(time.Hour)
			e.publish()
			if got := len(e.stories()); got != 2 {
				t.Errorf("stories = %d, want 2 (stored either way)", got)
			}
			if got := len(e.briefs()); got != 2 {
				t.Errorf("briefs = %d, want 2 (for /today and /search either way)", got)
			}
			if got := e.deliveries(); got != tc.wantSent {
				t.Errorf("deliveries = %d, want %d", got, tc.wantSent)
			}
		})
	}
}

func TestPipelineBacklogOnlyOnFirstFetch(t *testing.T) {
	e := newEnv(t)
	e.subscribe(1, "world")
	f := feedFor("wire", wireURL, "world")
	e.fetch.set(wireURL, post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0.Add(-48*time.Hour)))
	e.fetchFeed(f)
	e.clk.Add(time.Hour)
	e.publish()
	if got := e.deliveries(); got != 0 {
		t.Fatalf("backlog deliveries = %d, want 0", got)
	}
	// A later fetch delivers what is new, even when its entry is dated in
	// the past (a post the aggregator backdated).
	e.fetch.set(wireURL,
		post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0.Add(-48*time.Hour)),
		post("c1", "https://www.reuters.com/world/chile-vote/", election, t0.Add(-30*time.Hour)),
	)
	e.fetchFeed(f)
	e.clk.Add(time.Hour)
	if n := e.publish(); n != 1 {
		t.Errorf("enqueued = %d, want 1 (the new post)", n)
	}
	if got := e.deliveries(); got != 1 {
		t.Errorf("deliveries = %d, want 1", got)
	}
}

func TestPipelineSettle(t *testing.T) {
	e := newEnv(t, func(o *scheduler.PipelineOptions) { o.Settle = 20 * time.Minute })
	e.subscribe(1, "world")
	f := feedFor("wire", wireURL, "world")
	e.fetch.set(wireURL, post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0))
	e.fetchFeed(f)
	for _, step := range []struct {
		after time.Duration
		want  int
	}{
		{0, 0},
		{10 * time.Minute, 0},
		{19*time.Minute + 59*time.Second, 0},
		{20 * time.Minute, 1},
		{40 * time.Minute, 0}, // never twice
	} {
		e.clk.mu.Lock()
		e.clk.t = t0.Add(step.after)
		e.clk.mu.Unlock()
		if n := e.publish(); n != step.want {
			t.Errorf("publish at +%v enqueued %d, want %d", step.after, n, step.want)
		}
	}
	if got := e.deliveries(); got != 1 {
		t.Errorf("deliveries = %d, want 1", got)
	}
}

func TestPipelineSettleByPublication(t *testing.T) {
	// A report first seen now but published an hour ago waits for nothing.
	e := newEnv(t)
	e.subscribe(1, "world")
	e.fetch.set(wireURL, post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0.Add(-time.Hour)))
	e.fetchFeed(feedFor("wire", wireURL, "world"))
	if n := e.publish(); n != 1 {
		t.Errorf("enqueued = %d, want 1", n)
	}
}

func TestPipelineLateSourceJoinsEnqueuedStory(t *testing.T) {
	const asiaURL = "https://asia.example.com/feed"
	e := newEnv(t)
	e.subscribe(1, "world")
	e.subscribe(2, "asia") // subscribed only to the late source's topic
	e.fetch.set(wireURL, post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0))
	e.fetchFeed(feedFor("wire", wireURL, "world"))
	e.clk.Add(10 * time.Minute)
	if n := e.publish(); n != 1 {
		t.Fatalf("enqueued = %d, want 1", n)
	}
	if got := e.deliveries(); got != 1 {
		t.Fatalf("deliveries = %d, want 1", got)
	}
	before := e.briefs()

	e.clk.Add(20 * time.Minute)
	e.fetch.set(asiaURL, post("late", "https://www.reuters.com/world/asia-pacific/quake-aomori/", quakeLate, e.clk.Now()))
	e.fetchFeed(feedFor("asia-wire", asiaURL, "asia"))
	ss := e.stories()
	if len(ss) != 1 || len(ss[0].Items) != 2 {
		t.Fatalf("stories = %d (items %d), want the late source to join the first story", len(ss), e.items())
	}
	e.clk.Add(time.Hour)
	if n := e.publish(); n != 0 {
		t.Errorf("late source enqueued %d, want 0", n)
	}
	if got := e.deliveries(); got != 1 {
		t.Errorf("deliveries = %d, want 1 (never a second message)", got)
	}
	after := e.briefs()
	if len(before) != 1 || len(after) != 1 {
		t.Fatalf("briefs before %d after %d, want 1 and 1", len(before), len(after))
	}
	if len(after[0].Sources) <= len(before[0].Sources) {
		t.Errorf("brief sources %v → %v, want the late source added", before[0].Sources, after[0].Sources)
	}
}

func TestPipelineFilters(t *testing.T) {
	tests := []struct {
		name             string
		include, exclude []string
		want             int // items stored
	}{
		{"no filter", nil, nil, 3},
		{"include, full-width and upper case", []string{"ＥＡＲＴＨＱＵＡＫＥ"}, nil, 1},
		{"include any of several", []string{"earthquake", "Chile"}, nil, 2},
		{"exclude", nil, []string{"Central Bank"}, 2},
		{"exclude wins over include", []string{"earthquake", "runoff"}, []string{"tsunami"}, 1},
		{"include matches nothing", []string{"volcano"}, nil, 0},
		{"blank keywords are ignored", []string{" "}, []string{""}, 3},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			f := feedFor("wire", wireURL, "world")
			f.Include, f.Exclude = tc.include, tc.exclude
			e.fetch.set(wireURL,
				post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0),
				post("r1", "https://www.reuters.com/markets/ecb-rates/", rates, t0),
				post("c1", "https://www.reuters.com/world/chile-vote/", election, t0),
			)
			e.fetchFeed(f)
			if got := e.items(); got != tc.want {
				t.Errorf("items = %d, want %d", got, tc.want)
			}
		})
	}
}

func TestPipelineTopicFilters(t *testing.T) {
	// economy takes only central-bank news from its feeds; world takes all
	// but the election; an item passing neither topic is not stored.
	e := newEnv(t, func(o *scheduler.PipelineOptions) {
		o.Topics = []briefbot.Topic{
			{Name: "world", Hashtag: "国際", Exclude: []string{"ＣＨＩＬＥ"}},
			{Name: "economy", Hashtag: "経済", Include: []string{"central bank"}},
		}
	})
	f := feedFor("wire", wireURL, "world", "economy")
	e.fetch.set(wireURL,
		post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0),
		post("r1", "https://www.reuters.com/markets/ecb-rates/", rates, t0),
		post("c1", "https://www.reuters.com/world/chile-vote/", election, t0),
	)
	e.fetchFeed(f)
	got := map[string][]string{}
	for _, s := range e.stories() {
		for _, it := range s.Items {
			got[it.URL] = it.Topics
		}
	}
	want := map[string][]string{
		"https://www3.nhk.or.jp/nhkworld/en/news/1/": {"world"},
		"https://www.reuters.com/markets/ecb-rates/": {"world", "economy"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("item topics = %v, want %v", got, want)
	}
}

func TestPipelineBackoffAndPause(t *testing.T) {
	var paused []briefbot.FeedState
	e := newEnv(t, func(o *scheduler.PipelineOptions) {
		o.FailPauseAfter = 3
		o.OnPause = func(st briefbot.FeedState) { paused = append(paused, st) }
	})
	f := feedFor("wire", wireURL, "world")
	e.fetch.fail(wireURL, &briefbot.FetchError{URL: wireURL, StatusCode: 503, Err: errors.New("service unavailable")})
	ctx := context.Background()

	var prevWait time.Duration
	for i := 1; i <= 3; i++ {
		err := e.p.FetchFeed(ctx, f)
		if err == nil || !strings.Contains(err.Error(), "wire") {
			t.Fatalf("failure %d: err = %v, want an error naming the feed", i, err)
		}
		var fe *briefbot.FetchError
		if !errors.As(err, &fe) || fe.StatusCode != 503 {
			t.Errorf("failure %d: err = %v, want the *FetchError wrapped", i, err)
		}
		st := e.state("wire")
		wait := st.NextFetchAt.Sub(e.clk.Now())
		if st.Failures != i || st.LastError == "" || wait <= prevWait {
			t.Errorf("failure %d: failures %d, last error %q, wait %v (previous %v); want growing backoff",
				i, st.Failures, st.LastError, wait, prevWait)
		}
		if st.Paused != (i == 3) {
			t.Errorf("failure %d: paused = %v", i, st.Paused)
		}
		prevWait = wait

		// An early run is skipped without a request.
		calls := e.fetch.count(wireURL)
		if err := e.p.FetchFeed(ctx, f); err != nil {
			t.Errorf("early run: %v", err)
		}
		if e.fetch.count(wireURL) != calls {
			t.Errorf("early run after failure %d made a request", i)
		}
		e.clk.Add(wait)
	}

	if len(paused) != 1 || paused[0].Name != "wire" || paused[0].Failures != 3 {
		t.Errorf("OnPause calls = %+v, want one for wire after 3 failures", paused)
	}

	// Paused: even a fixed feed is not fetched until resumed.
	e.fetch.set(wireURL, post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0))
	e.clk.Add(24 * time.Hour)
	calls := e.fetch.count(wireURL)
	if err := e.p.FetchFeed(ctx, f); err != nil {
		t.Errorf("paused run: %v", err)
	}
	if e.fetch.count(wireURL) != calls {
		t.Errorf("paused feed was fetched")
	}
	if err := e.p.Resume(ctx, "wire"); err != nil {
		t.Fatalf("resume: %v", err)
	}
	e.fetchFeed(f)
	st := e.state("wire")
	if st.Failures != 0 || st.LastError != "" || st.Paused || st.LastSuccessAt.IsZero() {
		t.Errorf("state after recovery = %+v, want healthy", st)
	}
	if got := e.items(); got != 1 {
		t.Errorf("items after recovery = %d, want 1", got)
	}
}

func TestPipelineRetryAfter(t *testing.T) {
	e := newEnv(t)
	f := feedFor("wire", wireURL, "world")
	e.fetch.fail(wireURL, &briefbot.FetchError{URL: wireURL, StatusCode: 429, RetryAfter: 3 * time.Hour, Err: errors.New("too many requests")})
	if err := e.p.FetchFeed(context.Background(), f); err == nil {
		t.Fatal("want an error")
	}
	if got, want := e.state("wire").NextFetchAt, t0.Add(3*time.Hour); !got.Equal(want) {
		t.Errorf("NextFetchAt = %v, want Retry-After honoured: %v", got, want)
	}
}

func TestPipelineCanceledFetchIsNotAFailure(t *testing.T) {
	e := newEnv(t)
	f := feedFor("wire", wireURL, "world")
	e.fetch.fail(wireURL, &briefbot.FetchError{URL: wireURL, Err: context.Canceled})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := e.p.FetchFeed(ctx, f); err == nil {
		t.Fatal("want an error")
	}
	if st, err := e.db.FeedState(context.Background(), "wire"); err == nil && st.Failures != 0 {
		t.Errorf("failures = %d after shutdown, want 0", st.Failures)
	}
}

func TestPreview(t *testing.T) {
	f := feedFor("wire", wireURL, "world")
	f.Exclude = []string{"chile"}
	posts := []briefbot.Post{
		post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0.Add(-72*time.Hour)),
		post("q2", "https://www.reuters.com/world/asia-pacific/quake-aomori/", quakeLate, t0.Add(-72*time.Hour)),
		post("r1", "https://www.reuters.com/markets/ecb-rates/", rates, t0),
		post("c1", "https://www.reuters.com/world/chile-vote/", election, t0),
	}
	briefs := scheduler.Preview(posts, f, scheduler.PipelineOptions{
		Topics:   []briefbot.Topic{{Name: "world", Hashtag: "国際"}},
		Location: time.UTC,
		Now:      func() time.Time { return t0 },
	}, "")
	if len(briefs) != 2 {
		t.Fatalf("briefs = %d, want 2 (quake with two sources, rates; chile excluded)", len(briefs))
	}
	for _, b := range briefs {
		if b.HTML == "" || b.Headline == "" {
			t.Errorf("brief %+v is empty", b)
		}
		if !strings.Contains(b.HTML, "#国際(") {
			t.Errorf("brief lacks the topic hashtag: %s", b.HTML)
		}
	}
}

func TestPipelineRestartBeforeSettle(t *testing.T) {
	// The previous process rendered the brief but stopped before the story
	// settled; the next one must still send it.
	e := newEnv(t)
	e.subscribe(1, "world")
	e.fetch.set(wireURL, post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0))
	e.fetchFeed(feedFor("wire", wireURL, "world"))
	if n := e.publish(); n != 0 {
		t.Fatalf("enqueued before settle = %d", n)
	}
	restarted := scheduler.NewPipeline(e.fetch, e.stores(), scheduler.PipelineOptions{Logger: discard(), Now: e.clk.Now, Settle: briefbot.DefaultSettle})
	e.clk.Add(10 * time.Minute)
	if n, err := restarted.Publish(context.Background()); err != nil || n != 1 {
		t.Errorf("publish after restart = %d, %v; want 1", n, err)
	}
	if got := e.deliveries(); got != 1 {
		t.Errorf("deliveries = %d, want 1", got)
	}
}

func TestPipelineConcurrentFeedsShareOneStory(t *testing.T) {
	const asiaURL = "https://asia.example.com/feed"
	for i := range 5 {
		e := newEnv(t)
		e.fetch.set(wireURL, post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0))
		e.fetch.set(asiaURL, post("q2", "https://www.reuters.com/world/asia-pacific/quake-aomori/", quakeLate, t0))
		errc := make(chan error, 2)
		for _, f := range []briefbot.Feed{feedFor("wire", wireURL, "world"), feedFor("asia", asiaURL, "asia")} {
			go func() { errc <- e.p.FetchFeed(context.Background(), f) }()
		}
		for range 2 {
			if err := <-errc; err != nil {
				t.Fatal(err)
			}
		}
		ss := e.stories()
		if len(ss) != 1 || len(ss[0].Items) != 2 {
			t.Fatalf("run %d: %d stories, %d items; want one story of two sources", i, len(ss), e.items())
		}
		if got := strings.Join(ss[0].Topics, ","); got != "world,asia" && got != "asia,world" {
			t.Errorf("run %d: topics = %s, want the union", i, got)
		}
	}
}

func TestPipelineURLChangeStartsOver(t *testing.T) {
	e := newEnv(t, func(o *scheduler.PipelineOptions) { o.FailPauseAfter = 1 })
	e.subscribe(1, "world")
	f := feedFor("wire", wireURL, "world")
	e.fetch.fail(wireURL, &briefbot.FetchError{URL: wireURL, StatusCode: 404, Err: errors.New("not found")})
	if err := e.p.FetchFeed(context.Background(), f); err == nil {
		t.Fatal("want an error")
	}
	if !e.state("wire").Paused {
		t.Fatal("feed not paused after FailPauseAfter failures")
	}
	// The admin fixes the URL in the config: the pause belonged to the old
	// address, and the new one's archive is backlog.
	const fixedURL = "https://wire.example.com/feed.xml"
	e.fetch.set(fixedURL, post("old", "https://www.reuters.com/world/chile-vote/", election, t0.Add(-7*24*time.Hour)))
	f.URL = fixedURL
	e.fetchFeed(f)
	st := e.state("wire")
	if st.Paused || st.Failures != 0 || st.URL != fixedURL {
		t.Errorf("state after URL change = %+v, want a fresh healthy feed", st)
	}
	e.clk.Add(time.Hour)
	e.publish()
	if got, items := e.deliveries(), e.items(); got != 0 || items != 1 {
		t.Errorf("deliveries %d items %d, want the old entry stored as backlog (0, 1)", got, items)
	}
}

// TestPipelineCommentaryIsNotPushed: an opinion piece is stored, briefed and
// searchable like a report, but it is never sent.
func TestPipelineCommentaryIsNotPushed(t *testing.T) {
	e := newEnv(t)
	e.subscribe(1, "world")
	opinion := story{title: "首脳会談の後で", paras: []string{"速報:電話会談が終了しました。", "賭け金はこれ以上高くはならないだろう。",
		"私はこの対話が世界の安全保障に不可欠だと考えます。", "協力が勝利することを願っています。"}}
	e.fetch.set(wireURL,
		post("op1", "https://example.com/opinion/1", opinion, t0),
		post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0),
	)
	e.fetchFeed(feedFor("wire", wireURL, "world"))
	e.clk.Add(time.Hour)
	e.publish()
	if got := len(e.briefs()); got != 2 {
		t.Errorf("briefs = %d, want 2 (the opinion is briefed for /search too)", got)
	}
	if got := e.deliveries(); got != 1 {
		t.Errorf("deliveries = %d, want 1 (the report only)", got)
	}
}
