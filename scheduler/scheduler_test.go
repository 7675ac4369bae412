package scheduler_test

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"briefbot"
	"briefbot/scheduler"
)

func newScheduler(e *env) *scheduler.Scheduler {
	return scheduler.New(e.p, scheduler.Options{Location: time.UTC, Logger: discard()})
}

func TestRunOnceBrokenFeedDoesNotStopOthers(t *testing.T) {
	const brokenURL = "https://broken.example.com/feed"
	e := newEnv(t)
	e.subscribe(1, "world")
	e.fetch.set(wireURL,
		post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0.Add(-time.Hour)),
		post("r1", "https://www.reuters.com/markets/ecb-rates/", rates, t0.Add(-time.Hour)),
	)
	e.fetch.fail(brokenURL, &briefbot.FetchError{URL: brokenURL, StatusCode: 500, Err: errors.New("internal server error")})
	s := newScheduler(e)
	if err := s.SetFeeds([]briefbot.Feed{
		feedFor("broken", brokenURL, "world"),
		feedFor("wire", wireURL, "world"),
	}); err != nil {
		t.Fatalf("set feeds: %v", err)
	}

	err := s.RunOnce(context.Background())
	if err == nil || !strings.Contains(err.Error(), "broken") {
		t.Errorf("RunOnce err = %v, want the broken feed named", err)
	}
	if got := e.deliveries(); got != 2 {
		t.Errorf("deliveries = %d, want 2 from the good feed", got)
	}
	if st := e.state("broken"); st.Failures != 1 {
		t.Errorf("broken feed failures = %d, want 1", st.Failures)
	}
}

func TestSetFeeds(t *testing.T) {
	e := newEnv(t)
	s := newScheduler(e)
	jobs := func() map[string]scheduler.FeedJob {
		m := make(map[string]scheduler.FeedJob)
		for _, j := range s.FeedJobs() {
			m[j.Feed] = j
		}
		return m
	}
	a := feedFor("a", "https://a.example.com/feed", "world")
	b := feedFor("b", "https://b.example.com/feed", "world")
	b.Schedule = "@every 10m"
	if err := s.SetFeeds([]briefbot.Feed{a, b}); err != nil {
		t.Fatalf("set feeds: %v", err)
	}
	first := jobs()
	if len(first) != 2 || first["a"].Schedule != "*/15 * * * *" || first["b"].Schedule != "@every 10m" {
		t.Fatalf("jobs = %+v, want a and b", first)
	}

	// Reload: b gone, a rescheduled, c new.
	a2 := a
	a2.Schedule = "*/5 * * * *"
	c := feedFor("c", "https://c.example.com/feed", "world")
	c.Schedule = "@hourly"
	if err := s.SetFeeds([]briefbot.Feed{a2, c}); err != nil {
		t.Fatalf("reload: %v", err)
	}
	second := jobs()
	if _, ok := second["b"]; ok || len(second) != 2 {
		t.Errorf("jobs after reload = %+v, want a and c only", second)
	}
	if second["a"].Schedule != "*/5 * * * *" || second["a"].EntryID == first["a"].EntryID {
		t.Errorf("a after reload = %+v, want rescheduled (was %+v)", second["a"], first["a"])
	}

	// Same schedule, other config: the entry stays.
	a3 := a2
	a3.URL = "https://a.example.com/new-feed"
	if err := s.SetFeeds([]briefbot.Feed{a3, c}); err != nil {
		t.Fatalf("reload: %v", err)
	}
	if third := jobs(); third["a"].EntryID != second["a"].EntryID {
		t.Errorf("a's entry changed from %d to %d on a URL-only change", second["a"].EntryID, third["a"].EntryID)
	}
}

func TestSetFeedsInvalid(t *testing.T) {
	tests := []struct {
		name, spec string
	}{
		{"six fields", "0 */15 * * * *"},
		{"minute out of range", "61 * * * *"},
		{"garbage", "every fifteen minutes"},
		{"empty", ""},
		{"zero every", "@every 0s"},
		{"negative every", "@every -5m"},
		{"bad duration", "@every soon"},
		{"unknown descriptor", "@fortnightly"},
		{"never fires", "0 0 30 2 *"},
		{"timezone without spec", "TZ=Asia/Tokyo"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			s := newScheduler(e)
			good := feedFor("good", "https://good.example.com/feed", "world")
			if err := s.SetFeeds([]briefbot.Feed{good}); err != nil {
				t.Fatalf("set feeds: %v", err)
			}
			bad := feedFor("badfeed", "https://bad.example.com/feed", "world")
			bad.Schedule = tc.spec
			err := s.SetFeeds([]briefbot.Feed{bad})
			if err == nil || !strings.Contains(err.Error(), "badfeed") {
				t.Fatalf("err = %v, want an error naming the feed", err)
			}
			if !errors.Is(err, scheduler.ErrInvalidSchedule) {
				t.Errorf("err = %v, want ErrInvalidSchedule", err)
			}
			if jobs := s.FeedJobs(); len(jobs) != 1 || jobs[0].Feed != "good" {
				t.Errorf("jobs = %+v, want the old set untouched", jobs)
			}
		})
	}
}

func TestSetFeedsDuplicateName(t *testing.T) {
	s := newScheduler(newEnv(t))
	f := feedFor("twice", wireURL, "world")
	err := s.SetFeeds([]briefbot.Feed{f, f})
	if err == nil || !strings.Contains(err.Error(), "twice") {
		t.Errorf("err = %v, want a duplicate-name error naming the feed", err)
	}
}

func TestSetFeedsAcceptedSpecs(t *testing.T) {
	s := newScheduler(newEnv(t))
	var feeds []briefbot.Feed
	for i, spec := range []string{"*/15 * * * *", "@every 10m", "@hourly", "0 7,12,19 * * *", "CRON_TZ=Asia/Tokyo 0 7 * * *", " 5 * * * * "} {
		f := feedFor(string(rune('a'+i)), wireURL, "world")
		f.Schedule = spec
		feeds = append(feeds, f)
	}
	if err := s.SetFeeds(feeds); err != nil {
		t.Fatalf("set feeds: %v", err)
	}
	if got := len(s.FeedJobs()); got != len(feeds) {
		t.Errorf("jobs = %d, want %d", got, len(feeds))
	}
}

func TestSetFeedsLocation(t *testing.T) {
	tokyo, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	s := scheduler.New(newEnv(t).p, scheduler.Options{Location: tokyo, Logger: discard()})
	f := feedFor("morning", wireURL, "world")
	f.Schedule = "0 7 * * *"
	if err := s.SetFeeds([]briefbot.Feed{f}); err != nil {
		t.Fatal(err)
	}
	jobs := s.FeedJobs()
	if len(jobs) != 1 {
		t.Fatalf("jobs = %+v", jobs)
	}
	if next := jobs[0].Next.In(tokyo); next.Hour() != 7 || next.Minute() != 0 {
		t.Errorf("next run %v, want 07:00 in Tokyo", next)
	}
}

func TestStartStop(t *testing.T) {
	const slowURL = "https://slow.example.com/feed"
	e := newEnv(t)
	e.subscribe(1, "world")
	e.fetch.set(wireURL, post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0.Add(-time.Hour)))
	e.fetch.set(slowURL)
	release := make(chan struct{})
	e.fetch.block[slowURL] = release
	s := newScheduler(e)
	slow := feedFor("slow", slowURL, "world")
	slow.Schedule = "@every 1s"
	if err := s.SetFeeds([]briefbot.Feed{feedFor("wire", wireURL, "world"), slow}); err != nil {
		t.Fatalf("set feeds: %v", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := s.Start(ctx); err != nil {
		t.Fatalf("start: %v", err)
	}
	// Start's first round fetches every feed once and publishes.
	e.waitEnqueued()
	if got := e.deliveries(); got != 1 {
		t.Errorf("deliveries after the first round = %d, want 1", got)
	}
	for _, j := range s.FeedJobs() {
		if j.Next.IsZero() {
			t.Errorf("job %s has no next run after start", j.Feed)
		}
	}
	if err := s.Start(ctx); !errors.Is(err, scheduler.ErrStarted) {
		t.Errorf("second start: %v, want ErrStarted", err)
	}

	// Wait for cron to run the slow feed, which then hangs.
	select {
	case <-e.fetch.started:
	case <-time.After(10 * time.Second):
		t.Fatal("cron never ran the slow feed")
	}
	expired, cancelExpired := context.WithCancel(context.Background())
	cancelExpired()
	if err := s.Stop(expired); !errors.Is(err, context.Canceled) {
		t.Errorf("stop with a running job and an ended ctx: %v, want context.Canceled", err)
	}
	// Ending the jobs' context lets the hung fetch return; Stop then waits it out.
	cancel()
	stopCtx, stopCancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer stopCancel()
	if err := s.Stop(stopCtx); err != nil {
		t.Errorf("stop: %v", err)
	}
	if e.fetch.count(wireURL) < 1 || e.fetch.count(slowURL) < 2 {
		t.Errorf("fetches: wire %d slow %d, want the first round and a cron run of slow", e.fetch.count(wireURL), e.fetch.count(slowURL))
	}
	if st, err := e.db.FeedState(context.Background(), "slow"); err == nil && st.Failures != 0 {
		t.Errorf("slow feed failures = %d after shutdown, want 0", st.Failures)
	}
}

func TestStartCanceled(t *testing.T) {
	e := newEnv(t)
	s := newScheduler(e)
	if err := s.SetFeeds([]briefbot.Feed{feedFor("wire", wireURL, "world")}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := s.Start(ctx); err != nil {
		t.Errorf("start with ended ctx: %v", err)
	}
	if err := s.Stop(context.Background()); err != nil {
		t.Errorf("stop: %v", err)
	}
	if n := e.fetch.count(wireURL); n != 0 {
		t.Errorf("fetches after a start with ended ctx = %d, want 0", n)
	}
}

// TestStartDoesNotWaitForHangingFeed: a feed whose server never answers
// (until fetch.timeout) holds up neither Start nor the other feeds' briefs.
func TestStartDoesNotWaitForHangingFeed(t *testing.T) {
	const hangURL = "https://hang.example.com/feed"
	e := newEnv(t, func(o *scheduler.PipelineOptions) { o.Settle = 0 })
	e.subscribe(1, "world")
	e.fetch.set(wireURL, post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0))
	e.fetch.hang[hangURL] = true
	s := newScheduler(e)
	if err := s.SetFeeds([]briefbot.Feed{feedFor("a-hang", hangURL, "world"), feedFor("wire", wireURL, "world")}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := s.Start(ctx); err != nil {
		t.Fatal(err)
	}
	<-e.fetch.started // the hanging fetch is in flight
	e.waitEnqueued()  // and the healthy feed's brief is already enqueued
	if got := e.deliveries(); got != 1 {
		t.Errorf("deliveries while a feed hangs = %d, want 1", got)
	}
	cancel()
	if err := s.Stop(context.Background()); err != nil {
		t.Errorf("stop: %v", err)
	}
}

func TestStartRunsTicksAndSurvivesPanics(t *testing.T) {
	const panicURL = "https://panic.example.com/feed"
	e := newEnv(t)
	e.subscribe(1, "world")
	e.fetch.set(wireURL, post("q1", "https://www3.nhk.or.jp/nhkworld/en/news/1/", quake, t0))
	e.fetch.panics[panicURL] = true
	logs := &logBuffer{}
	s := scheduler.New(e.p, scheduler.Options{
		Location:       time.UTC,
		PublishEvery:   time.Second,
		RetentionEvery: time.Second,
		Retention:      time.Hour,
		Logger:         slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelInfo})),
	})
	wire := feedFor("wire", wireURL, "world")
	wire.Schedule = "@hourly"
	buggy := feedFor("buggy", panicURL, "world")
	buggy.Schedule = "@every 1s"
	if err := s.SetFeeds([]briefbot.Feed{wire, buggy}); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := s.Start(ctx); err != nil {
		t.Fatalf("start with a panicking feed: %v", err)
	}
	defer s.Stop(context.Background())
	if got := e.deliveries(); got != 0 {
		t.Fatalf("deliveries before settle = %d, want 0", got)
	}

	// The publish tick sends the story once it settles.
	e.clk.Add(15 * time.Minute)
	waitFor(t, "the publish tick", func() bool { return e.deliveries() == 1 })

	// Retention prunes posts older than Retention.
	e.clk.Add(2 * time.Hour)
	waitFor(t, "retention", func() bool { return e.state("wire").Items == 0 })
	// ... and then compacts the search index, which must not fail.
	waitFor(t, "the compaction", func() bool { return strings.Contains(logs.String(), "search index compacted") })
	if l := logs.String(); strings.Contains(l, "compact search index") {
		t.Errorf("compaction failed:\n%s", l)
	}

	// The initial fetch and cron.Recover both logged the buggy feed's panic;
	// the daemon lives on.
	waitFor(t, "the panic to be logged", func() bool {
		l := logs.String()
		return strings.Contains(l, "initial fetch") && strings.Contains(l, "cron panic") && strings.Contains(l, "fetcher bug")
	})
	if err := s.Stop(context.Background()); err != nil {
		t.Errorf("stop: %v", err)
	}
}

func TestValidateSchedule(t *testing.T) {
	for spec, ok := range map[string]bool{
		"*/15 * * * *": true, "@every 10m": true, "@every 0s": false, "61 * * * *": false, "": false,
	} {
		if err := scheduler.ValidateSchedule(spec); (err == nil) != ok {
			t.Errorf("ValidateSchedule(%q) = %v, want ok=%v", spec, err, ok)
		}
	}
}
