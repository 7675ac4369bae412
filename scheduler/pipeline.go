// Package scheduler runs briefbot's clockwork: cron jobs that fetch each feed
// on its schedule, a publish tick that renders and fans out settled stories,
// and retention. Its Pipeline moves data feed → posts → items → stories →
// briefs → ledger through the root service interfaces only; it never sees a
// concrete store, fetcher or bot.
package scheduler

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"briefbot"
	"briefbot/digest"
)

// Stores are the services the pipeline reads and writes.
type Stores struct {
	Feeds      briefbot.FeedStore
	Posts      briefbot.PostStore
	Stories    briefbot.StoryStore
	Deliveries briefbot.DeliveryStore
	// Search, when set, is compacted after each retention pass.
	Search briefbot.SearchMaintainer
}

// PipelineOptions tune a Pipeline. Zero values take the root package's
// defaults, except Settle.
type PipelineOptions struct {
	Topics   []briefbot.Topic // hashtags for Render
	Location *time.Location   // the #tag date's timezone; UTC when nil
	Window   time.Duration    // digest.window: how far apart items of one story may be
	// Settle is digest.settle, how long a new story waits for more sources,
	// taken as given: zero sends at once, as `settle: 0` does in the file.
	Settle         time.Duration
	DefaultBacklog time.Duration // fetch.backlog; a feed's own Backlog/BacklogAll overrides
	// FailPauseAfter pauses a feed after that many consecutive failures;
	// negative never pauses.
	FailPauseAfter int
	Logger         *slog.Logger // nil logs nothing
	Now            func() time.Time
	OnEnqueue      func() // called after deliveries were enqueued (wakes the dispatcher)
	// OnPause is told once when a feed is paused after FailPauseAfter
	// consecutive failures (the daemon tells its admins).
	OnPause func(st briefbot.FeedState)
	// MaxNewStories caps the new stories one fetch may push
	// (fetch.max_new_stories); OnFlood is told of each fetch past it,
	// or cut short by the fetcher's entry limit.
	MaxNewStories int
	OnFlood       func(Flood)
}

func (o PipelineOptions) withDefaults() PipelineOptions {
	if o.Location == nil {
		o.Location = time.UTC
	}
	if o.Window <= 0 {
		o.Window = briefbot.DefaultWindow
	}
	o.Settle = max(o.Settle, 0)
	if o.DefaultBacklog <= 0 {
		o.DefaultBacklog = briefbot.DefaultBacklog
	}
	if o.MaxNewStories <= 0 {
		o.MaxNewStories = briefbot.DefaultMaxNewStories
	}
	if o.FailPauseAfter == 0 {
		o.FailPauseAfter = briefbot.DefaultFailPauseAfter
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Pipeline fetches feeds into stories and publishes their briefs. It is safe
// for concurrent use: fetches of different feeds overlap on the network, while
// the read-cluster-write step and Publish are serialised so that two feeds
// reporting the same event cannot each start a story, or overwrite each
// other's additions to one.
type Pipeline struct {
	fetcher  briefbot.Fetcher
	st       Stores
	opts     PipelineOptions
	log      *slog.Logger
	hashtags map[string]string
	topics   map[string]filter // per-topic keyword filters

	// mu guards the stories: cluster saves and publishing (lockhold.go).
	mu storyLock
	// waiting is set while some deliverable story is not yet enqueued
	// (unsettled, or its enqueue failed), so Publish must look again. It
	// starts true: what a previous process left behind is unknown.
	waiting bool
	// versionChecked is set once Publish has compared the renderer's
	// version with the stored briefs' (see StoryStore.StaleBriefs).
	versionChecked bool

	// feedMu holds one lock per feed name so a feed is never fetched twice at
	// once (a hot reload can briefly leave an old and a new cron entry).
	feedMuMu sync.Mutex
	feedMu   map[string]*sync.Mutex
}

// NewPipeline returns a Pipeline reading feeds with f and keeping what it
// finds in st.
func NewPipeline(f briefbot.Fetcher, st Stores, opts PipelineOptions) *Pipeline {
	opts = opts.withDefaults()
	return &Pipeline{
		fetcher:  f,
		st:       st,
		opts:     opts,
		log:      opts.Logger,
		hashtags: hashtags(opts.Topics),
		topics:   topicFilters(opts.Topics),
		feedMu:   make(map[string]*sync.Mutex),
		waiting:  true,
	}
}

func hashtags(topics []briefbot.Topic) map[string]string {
	m := make(map[string]string, len(topics))
	for _, t := range topics {
		if t.Hashtag != "" {
			m[t.Name] = t.Hashtag
		}
	}
	return m
}

func (p *Pipeline) now() time.Time { return p.opts.Now() }

// lockFeed takes the feed's lock if it is free.
func (p *Pipeline) lockFeed(name string) (unlock func(), ok bool) {
	p.feedMuMu.Lock()
	m := p.feedMu[name]
	if m == nil {
		m = new(sync.Mutex)
		p.feedMu[name] = m
	}
	p.feedMuMu.Unlock()
	if !m.TryLock() {
		return nil, false
	}
	return m.Unlock, true
}

// Resume clears a feed's pause and failure count so its next scheduled run
// fetches it again (an admin's command, or a fixed URL).
func (p *Pipeline) Resume(ctx context.Context, name string) error {
	st, err := p.st.Feeds.FeedState(ctx, name)
	if err != nil {
		return fmt.Errorf("resume %s: %w", name, err)
	}
	st.Paused = false
	st.Failures = 0
	st.NextFetchAt = time.Time{}
	if err := p.st.Feeds.SaveFeedState(ctx, st); err != nil {
		return fmt.Errorf("resume %s: %w", name, err)
	}
	return nil
}

// SetTopics replaces the topics (hot reload): their hashtags for briefs
// rendered from then on (sent ones keep theirs) and their keyword filters for
// items fetched from then on.
func (p *Pipeline) SetTopics(topics []briefbot.Topic) {
	h, f := hashtags(topics), topicFilters(topics)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.hashtags, p.topics = h, f
}

// topicFilterSnapshot returns the per-topic filters in force.
func (p *Pipeline) topicFilterSnapshot() map[string]filter {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.topics
}

// cluster puts items into recent stories and saves what changed in one
// transaction: the stories that gained items or were made, and the
// merges of stories a new report bridged. The stories are read and the
// items clustered outside the pipeline lock, so the lock and the writer are
// never held while it thinks; holding the lock, the result is saved if no
// cluster save came in between, and computed again otherwise (holding the
// lock after optimisticTries), so that two feeds reporting one event still
// never each start a story. limit decides which new stories may be pushed.
func (p *Pipeline) cluster(ctx context.Context, items []briefbot.Item, now time.Time, limit *pushCap) (int, error) {
	if len(items) == 0 {
		return 0, nil
	}
	for try := 1; ; try++ {
		locked := try > optimisticTries
		var lockedAt time.Time
		if locked {
			p.mu.Lock()
			lockedAt = time.Now()
		}
		version := p.mu.version()
		open, err := p.st.Stories.RecentStories(ctx, now.Add(-p.opts.Window))
		if err != nil {
			if locked {
				p.mu.Unlock()
			}
			return 0, fmt.Errorf("recent stories: %w", err)
		}
		changed, merges := clusterItems(open, items, p.opts.Window)
		if !locked {
			p.mu.Lock()
			lockedAt = time.Now()
			if p.mu.version() != version {
				p.mu.Unlock()
				continue
			}
		}
		limit.apply(changed)
		err = p.st.Stories.SaveStories(ctx, changed, merges)
		p.mu.saved()
		limit.longestHold = max(limit.longestHold, time.Since(lockedAt))
		p.mu.Unlock()
		if err != nil {
			return 0, err
		}
		for _, m := range merges {
			p.log.Info("stories merged", "story_id", m.Into, "merged_id", m.From)
		}
		return len(changed), nil
	}
}

// clusterItems is digest.Cluster in the root's terms: the stories that
// changed (open ones first, then new ones) and the merges.
func clusterItems(open []*briefbot.Story, items []briefbot.Item, window time.Duration) ([]*briefbot.Story, []briefbot.StoryMerge) {
	res := digest.Cluster(open, items, digest.ClusterOptions{Window: window})
	merges := make([]briefbot.StoryMerge, len(res.Merges))
	for i, m := range res.Merges {
		merges[i] = briefbot.StoryMerge{Into: m.Into, From: m.From}
	}
	return res.Stories, merges
}
