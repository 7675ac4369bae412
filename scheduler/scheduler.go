package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"briefbot"
)

// Defaults applied by New to zero Options fields (retention.posts is the
// root package's DefaultRetention).
const (
	DefaultPublishEvery   = 30 * time.Second
	DefaultRetentionEvery = time.Hour
)

// ErrStarted is returned by Start on a Scheduler already started.
var ErrStarted = errors.New("scheduler already started")

// Options tune a Scheduler. Zero values take the defaults.
type Options struct {
	Location       *time.Location // timezone of the cron specs; UTC when nil
	PublishEvery   time.Duration  // the settle/publish tick
	RetentionEvery time.Duration  // how often old posts are pruned
	Retention      time.Duration  // retention.posts: how long posts are kept
	// MaxFetches bounds the feeds fetched, parsed, stored and clustered at
	// once (fetch.max_parallel, default briefbot.DefaultFetchMaxParallel):
	// a thousand feeds on one schedule must not hold a thousand bodies in
	// memory together.
	MaxFetches int
	Logger     *slog.Logger // nil logs nothing
}

// Scheduler runs a Pipeline on cron: one job per feed, a publish tick and
// retention.
type Scheduler struct {
	p    *Pipeline
	opts Options
	log  *slog.Logger
	cron *cron.Cron

	mu      sync.Mutex
	ctx     context.Context // the context jobs run under, set by Start
	started bool
	feeds   map[string]*feedJob
	fetches chan struct{}  // semaphore of MaxFetches
	round   sync.WaitGroup // the first round and the publisher Start runs in the background
	// published asks the background publisher for a Publish after a feed
	// job stored something; requests made while one runs are served by the
	// next. stopPublisher ends it (Stop).
	published     chan struct{}
	stopPublisher context.CancelFunc
}

// feedJob is one feed's cron entry and its current config.
type feedJob struct {
	feed    briefbot.Feed
	spec    string
	id      cron.EntryID
	stagger time.Duration // delay after each tick, so feeds sharing a schedule don't all start at once
}

// FeedJob describes a scheduled feed, for status pages and tests.
type FeedJob struct {
	Feed     string
	Schedule string
	EntryID  int
	Next     time.Time // the next run (as of now when the scheduler is not running)
}

// New returns a Scheduler for p. Feeds are installed with SetFeeds.
func New(p *Pipeline, opts Options) *Scheduler {
	if opts.Location == nil {
		opts.Location = time.UTC
	}
	if opts.PublishEvery <= 0 {
		opts.PublishEvery = DefaultPublishEvery
	}
	if opts.RetentionEvery <= 0 {
		opts.RetentionEvery = DefaultRetentionEvery
	}
	if opts.Retention <= 0 {
		opts.Retention = briefbot.DefaultRetention
	}
	if opts.MaxFetches <= 0 {
		opts.MaxFetches = briefbot.DefaultFetchMaxParallel
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	cl := cronLogger{opts.Logger}
	return &Scheduler{
		p:    p,
		opts: opts,
		log:  opts.Logger,
		cron: cron.New(
			cron.WithLocation(opts.Location),
			cron.WithParser(specParser),
			cron.WithLogger(cl),
			cron.WithChain(cron.Recover(cl), cron.SkipIfStillRunning(cl)),
		),
		ctx:       context.Background(),
		feeds:     make(map[string]*feedJob),
		fetches:   make(chan struct{}, opts.MaxFetches),
		published: make(chan struct{}, 1),
	}
}

// SetFeeds installs the feed jobs, or replaces them on a config reload: jobs
// of feeds no longer listed are removed, a feed whose schedule changed is
// rescheduled, and every job fetches its feed's latest config. Nothing changes
// when any feed is invalid (a duplicate name, a bad schedule); the error names
// each such feed.
func (s *Scheduler) SetFeeds(feeds []briefbot.Feed) error {
	scheds := make(map[string]cron.Schedule, len(feeds))
	var errs []error
	for _, f := range feeds {
		if _, dup := scheds[f.Name]; dup {
			errs = append(errs, fmt.Errorf("feed %s: duplicate name", f.Name))
			continue
		}
		sched, err := parseSchedule(f.Schedule, s.opts.Location)
		if err != nil {
			errs = append(errs, fmt.Errorf("feed %s: %w", f.Name, err))
			continue
		}
		scheds[f.Name] = sched
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	for name, j := range s.feeds {
		if _, ok := scheds[name]; !ok {
			s.cron.Remove(j.id)
			delete(s.feeds, name)
			s.log.Info("feed job removed", "feed", name)
		}
	}
	for _, f := range feeds {
		j, ok := s.feeds[f.Name]
		if ok && j.spec == f.Schedule {
			j.feed = f
			continue
		}
		if ok {
			s.cron.Remove(j.id)
		}
		id := s.cron.Schedule(scheds[f.Name], cron.FuncJob(s.feedJobFunc(f.Name)))
		s.feeds[f.Name] = &feedJob{feed: f, spec: f.Schedule, id: id, stagger: stagger(f.Name, scheds[f.Name], s.opts.Location)}
		s.log.Info("feed job scheduled", "feed", f.Name, "schedule", f.Schedule, "rescheduled", ok)
	}
	return nil
}

// feedJobFunc is the cron job of one feed. It looks the feed up at run time so
// that a reload that changes only its URL or filters needs no reschedule.
func (s *Scheduler) feedJobFunc(name string) func() {
	return func() {
		ctx, j, ok := s.jobFeed(name)
		if !ok || ctx.Err() != nil {
			return
		}
		if !sleepCtx(ctx, j.stagger) {
			return
		}
		if !s.acquireFetch(ctx) {
			return
		}
		defer func() { <-s.fetches }()
		if err := s.p.FetchFeed(ctx, j.feed); err != nil && ctx.Err() == nil {
			s.log.Warn("feed job", "feed", name, "err", err)
		}
		// Its briefs go out now, not at the next publish tick.
		select {
		case s.published <- struct{}{}:
		default:
		}
	}
}

func (s *Scheduler) jobFeed(name string) (context.Context, feedJob, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	j, ok := s.feeds[name]
	if !ok {
		return s.ctx, feedJob{}, false
	}
	return s.ctx, *j, true
}

// FeedJobs lists the scheduled feeds by name.
func (s *Scheduler) FeedJobs() []FeedJob {
	s.mu.Lock()
	jobs := make([]FeedJob, 0, len(s.feeds))
	for name, j := range s.feeds {
		jobs = append(jobs, FeedJob{Feed: name, Schedule: j.spec, EntryID: int(j.id)})
	}
	s.mu.Unlock()
	next := make(map[cron.EntryID]time.Time)
	now := time.Now().In(s.opts.Location)
	for _, e := range s.cron.Entries() {
		if e.Next.IsZero() { // cron not running yet: when it would run
			e.Next = e.Schedule.Next(now)
		}
		next[e.ID] = e.Next
	}
	for i := range jobs {
		jobs[i].Next = next[cron.EntryID(jobs[i].EntryID)]
	}
	slices.SortFunc(jobs, func(a, b FeedJob) int {
		if a.Feed < b.Feed {
			return -1
		} else if a.Feed > b.Feed {
			return 1
		}
		return 0
	})
	return jobs
}

func (s *Scheduler) feedList() []briefbot.Feed {
	s.mu.Lock()
	defer s.mu.Unlock()
	feeds := make([]briefbot.Feed, 0, len(s.feeds))
	for _, j := range s.feeds {
		feeds = append(feeds, j.feed)
	}
	slices.SortFunc(feeds, func(a, b briefbot.Feed) int {
		if a.Name < b.Name {
			return -1
		} else if a.Name > b.Name {
			return 1
		}
		return 0
	})
	return feeds
}

// Start starts cron (the feed jobs, the publish tick and retention, all
// running under ctx) and returns at once. The first round, every feed fetched
// once now, runs in the background: a few feeds at a time (the MaxFetches
// bound of scheduled fetches), each publishing as soon as it is stored, so a
// feed that hangs until fetch.timeout delays nobody else's briefs. Stop
// waits for it.
func (s *Scheduler) Start(ctx context.Context) error {
	s.mu.Lock()
	if s.started {
		s.mu.Unlock()
		return ErrStarted
	}
	s.started = true
	s.ctx = ctx
	pubCtx, stopPub := context.WithCancel(ctx)
	s.stopPublisher = stopPub
	s.mu.Unlock()

	s.round.Add(2)
	go func() {
		defer s.round.Done()
		for _, err := range s.fetchAll(ctx) {
			if ctx.Err() == nil {
				s.log.Warn("initial fetch", "err", err)
			}
		}
	}()
	go func() {
		defer s.round.Done()
		for {
			select {
			case <-pubCtx.Done():
				return
			case <-s.published:
				s.publish(pubCtx)
			}
		}
	}()
	s.cron.Schedule(cron.Every(s.opts.PublishEvery), cron.FuncJob(func() {
		if ctx.Err() == nil {
			s.publish(ctx)
		}
	}))
	s.cron.Schedule(cron.Every(s.opts.RetentionEvery), cron.FuncJob(func() {
		if ctx.Err() == nil {
			s.prune(ctx)
		}
	}))
	s.cron.Start()
	s.log.Info("scheduler started", "feeds", len(s.feedList()),
		"publish_every", s.opts.PublishEvery, "retention", s.opts.Retention)
	return nil
}

// RunOnce fetches every feed once, publishing as each is stored, and
// returns when all are done and published. Unlike Start it reports
// failures: the error joins every feed's and the last publish's, after all
// the work that could be done was done.
func (s *Scheduler) RunOnce(ctx context.Context) error {
	errs := s.fetchAll(ctx)
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("run once: %w", err)
	}
	if _, err := s.p.Publish(ctx); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// Stop stops cron and waits for running jobs and the first round to
// finish, or for ctx to end.
func (s *Scheduler) Stop(ctx context.Context) error {
	cronDone := s.cron.Stop()
	s.mu.Lock()
	if s.stopPublisher != nil {
		s.stopPublisher() // the next start publishes what is left
	}
	s.mu.Unlock()
	roundDone := make(chan struct{})
	go func() {
		s.round.Wait()
		close(roundDone)
	}()
	for _, done := range []<-chan struct{}{cronDone.Done(), roundDone} {
		select {
		case <-done:
		case <-ctx.Done():
			return fmt.Errorf("stop scheduler: %w", ctx.Err())
		}
	}
	return nil
}

// fetchAll fetches every feed concurrently, bounded like scheduled fetches,
// and returns the errors. Each stored feed asks for a publish; publishes run
// one at a time in the background, a request made while one runs is served
// by the next, so a slow feed's briefs never wait for a slower one's fetch.
func (s *Scheduler) fetchAll(ctx context.Context) []error {
	kick := make(chan struct{}, 1)
	published := make(chan struct{})
	go func() {
		defer close(published)
		for range kick {
			s.publish(ctx)
		}
	}()
	var (
		mu   sync.Mutex
		errs []error
		wg   sync.WaitGroup
	)
	for _, f := range s.feedList() {
		if !s.acquireFetch(ctx) {
			mu.Lock()
			errs = append(errs, ctx.Err())
			mu.Unlock()
			break
		}
		wg.Add(1)
		go func() {
			defer func() { <-s.fetches; wg.Done() }()
			err := s.fetchRecover(ctx, f)
			if err != nil {
				mu.Lock()
				errs = append(errs, err)
				mu.Unlock()
			}
			select {
			case kick <- struct{}{}:
			default: // a publish is already due to start
			}
		}()
	}
	wg.Wait()
	close(kick)
	<-published
	return errs
}

// acquireFetch takes a slot of the MaxFetches bound; false, holding none,
// once ctx ended.
func (s *Scheduler) acquireFetch(ctx context.Context) bool {
	if ctx.Err() != nil {
		return false
	}
	select {
	case s.fetches <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

// fetchRecover is FetchFeed with a panic turned into that feed's error: outside
// cron's Recover, one feed's bug must not take the daemon down at start-up.
func (s *Scheduler) fetchRecover(ctx context.Context, f briefbot.Feed) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("fetch %s: panic: %v", f.Name, r)
		}
	}()
	return s.p.FetchFeed(ctx, f)
}

func (s *Scheduler) publish(ctx context.Context) {
	if _, err := s.p.Publish(ctx); err != nil && ctx.Err() == nil {
		s.log.Error("publish", "err", err)
	}
}

func (s *Scheduler) prune(ctx context.Context) {
	before := s.p.now().Add(-s.opts.Retention)
	n, err := s.p.st.Posts.PrunePosts(ctx, before)
	if err != nil {
		if ctx.Err() == nil {
			s.log.Error("prune posts", "err", err)
		}
		return
	}
	if n > 0 {
		s.log.Info("posts pruned", "posts", n, "before", before)
	}
	if s.p.st.Search == nil {
		return
	}
	start := time.Now()
	if err := s.p.st.Search.CompactSearch(ctx); err != nil {
		if ctx.Err() == nil {
			s.log.Error("compact search index", "err", err)
		}
		return
	}
	s.log.Info("search index compacted", "took", time.Since(start).Round(time.Millisecond))
}
