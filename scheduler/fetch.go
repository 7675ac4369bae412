package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"briefbot"
	"briefbot/digest"
)

// Politeness bounds.
const (
	backoffBase = 2 * time.Minute
	backoffMax  = 6 * time.Hour
	// maxNextAfter caps a server's own pacing hint: a news feed claiming a
	// day-long TTL would otherwise go quiet for a day.
	maxNextAfter = 6 * time.Hour
	// maxRetryAfter caps a Retry-After so a misconfigured server cannot
	// silence a feed for weeks.
	maxRetryAfter = 24 * time.Hour
)

// FetchFeed fetches one feed and stores what is new: posts are saved, new
// posts (and any an earlier run left unclustered) are split into items (topics, urgency and the backlog rule of f
// applied, include/exclude filters honoured), and the items are clustered
// into recent stories, which are saved. Updated posts (same key, new
// content) are stored and nothing more. A run before the feed's NextFetchAt,
// or of a paused feed, does nothing. A failed fetch counts towards backoff
// and the pause; the error returned names the feed.
func (p *Pipeline) FetchFeed(ctx context.Context, f briefbot.Feed) error {
	unlock, ok := p.lockFeed(f.Name)
	if !ok {
		p.log.Debug("fetch already running", "feed", f.Name)
		return nil
	}
	defer unlock()

	st, err := p.feedState(ctx, f)
	if err != nil {
		return fmt.Errorf("fetch %s: %w", f.Name, err)
	}
	now := p.now()
	first := st.LastSuccessAt.IsZero()
	limit := &pushCap{max: p.opts.MaxNewStories}
	// What an earlier run saved but could not cluster goes first, whether or
	// not this run fetches.
	if _, _, err := p.clusterPending(ctx, f, now, first, limit); err != nil {
		return fmt.Errorf("fetch %s: earlier posts: %w", f.Name, err)
	}
	if st.Paused {
		p.log.Debug("feed paused", "feed", f.Name, "failures", st.Failures)
		return nil
	}
	if now.Before(st.NextFetchAt) {
		p.log.Debug("feed not due", "feed", f.Name, "next_fetch_at", st.NextFetchAt)
		return nil
	}

	res, err := p.fetcher.Fetch(ctx, briefbot.FetchRequest{
		URL:          f.URL,
		ETag:         st.ETag,
		LastModified: st.LastModified,
		Language:     f.Language,
	})
	if err == nil && res == nil {
		err = errors.New("fetcher returned no result")
	}
	if err != nil {
		if ctx.Err() != nil {
			// Shutting down is not the feed's fault: count nothing.
			return fmt.Errorf("fetch %s: %w", f.Name, err)
		}
		p.recordFailure(ctx, st, now, err)
		return fmt.Errorf("fetch %s: %w", f.Name, err)
	}

	st.LastFetchAt = now
	st.LastSuccessAt = now
	st.Failures = 0
	st.LastError = ""
	st.NextFetchAt = time.Time{}
	if res.NextAfter > 0 {
		st.NextFetchAt = now.Add(min(res.NextAfter, maxNextAfter))
	}
	if res.NotModified {
		if err := p.st.Feeds.SaveFeedState(ctx, st); err != nil {
			return fmt.Errorf("fetch %s: save state: %w", f.Name, err)
		}
		p.log.Debug("feed not modified", "feed", f.Name)
		return nil
	}
	st.ETag = res.ETag
	st.LastModified = res.LastModified

	n, err := p.store(ctx, f, res.Posts, now, first, limit)
	if err != nil {
		// The posts may be half stored; keep the old validators so the
		// next run gets a full body rather than a 304.
		return fmt.Errorf("fetch %s: %w", f.Name, err)
	}
	if (limit.held > 0 || res.Truncated) && p.opts.OnFlood != nil {
		p.opts.OnFlood(Flood{Feed: f.Name, Pushed: limit.pushed, Held: limit.held, Truncated: res.Truncated})
	}
	st.Items += n
	if err := p.st.Feeds.SaveFeedState(ctx, st); err != nil {
		return fmt.Errorf("fetch %s: save state: %w", f.Name, err)
	}
	return nil
}

// feedState loads the feed's state, or a fresh one for a feed never seen. A
// feed whose URL changed in the config starts over: the old validators,
// failures and pause belonged to the old address, and the backlog rule
// applies again since the new address may list a whole archive.
func (p *Pipeline) feedState(ctx context.Context, f briefbot.Feed) (*briefbot.FeedState, error) {
	st, err := p.st.Feeds.FeedState(ctx, f.Name)
	if briefbot.ErrorCode(err) == briefbot.ENOTFOUND {
		return &briefbot.FeedState{Name: f.Name, URL: f.URL}, nil
	} else if err != nil {
		return nil, fmt.Errorf("load state: %w", err)
	}
	if st.URL != f.URL {
		if st.URL != "" {
			p.log.Info("feed url changed", "feed", f.Name, "old_url", st.URL, "url", f.URL)
		}
		*st = briefbot.FeedState{Name: f.Name, URL: f.URL, Items: st.Items}
	}
	return st, nil
}

// recordFailure counts a failed fetch, schedules the retry and pauses the
// feed once it has failed FailPauseAfter times in a row.
func (p *Pipeline) recordFailure(ctx context.Context, st *briefbot.FeedState, now time.Time, ferr error) {
	st.LastFetchAt = now
	st.Failures++
	st.LastError = ferr.Error()
	wait := backoff(st.Failures)
	var fe *briefbot.FetchError
	if errors.As(ferr, &fe) && fe.RetryAfter > wait {
		wait = min(fe.RetryAfter, maxRetryAfter)
	}
	st.NextFetchAt = now.Add(wait)
	lvl := slog.LevelWarn
	justPaused := false
	if p.opts.FailPauseAfter > 0 && st.Failures >= p.opts.FailPauseAfter && !st.Paused {
		st.Paused, justPaused = true, true
		lvl = slog.LevelError
	}
	p.log.Log(ctx, lvl, "fetch failed", "feed", st.Name, "err", ferr,
		"failures", st.Failures, "next_fetch_at", st.NextFetchAt, "paused", st.Paused)
	if err := p.st.Feeds.SaveFeedState(ctx, st); err != nil {
		p.log.Error("save feed state", "feed", st.Name, "err", err)
	}
	if justPaused && p.opts.OnPause != nil {
		// Once per pause: a paused feed is not fetched again until resumed.
		p.opts.OnPause(*st)
	}
}

// backoff is the wait after the n-th consecutive failure: doubling from
// backoffBase, capped at backoffMax.
func backoff(n int) time.Duration {
	if n < 1 {
		return 0
	}
	if n > 20 { // beyond any cap; avoids overflowing the shift
		return backoffMax
	}
	return min(backoffBase<<(n-1), backoffMax)
}

// store saves posts, then clusters every unclustered post of the feed: the
// new ones and any a failure left behind. It returns how many posts were new.
// Posts are saved savePostsBatch at a time, so that one huge feed never
// holds the database's writer for seconds while other feeds and the
// dispatcher wait.
func (p *Pipeline) store(ctx context.Context, f briefbot.Feed, posts []briefbot.Post, now time.Time, first bool, limit *pushCap) (int, error) {
	posts = preparePosts(posts, f, now)
	var newPosts, updated int
	for batch := range slices.Chunk(posts, savePostsBatch) {
		saved, err := p.st.Posts.SavePosts(ctx, f.Name, batch)
		if err != nil {
			return newPosts, fmt.Errorf("save posts: %w", err)
		}
		newPosts += len(saved.New)
		updated += len(saved.Updated)
	}
	if newPosts == 0 {
		p.log.Debug("feed fetched", "feed", f.Name, "posts", len(posts), "posts_updated", updated)
		return 0, nil
	}
	items, stories, err := p.clusterPending(ctx, f, now, first, limit)
	p.log.Info("feed fetched", "feed", f.Name, "posts_new", newPosts,
		"posts_updated", updated, "items", items, "stories", stories,
		"stories_held", limit.held, "lock_hold", limit.longestHold.Round(time.Microsecond), "first_fetch", first)
	return newPosts, err
}

// Batches bounding the work done in one transaction or one hold of the
// pipeline lock.
const (
	savePostsBatch = 500
	// clusterBatch items are clustered and saved at a time; a batch's
	// stories are saved (and, when more batches follow, rendered by a
	// Publish) within one hold of the lock each, well under MaxLockHold.
	clusterBatch = 64
	// optimisticTries is how often clustering outside the lock may find
	// the stories changed meanwhile before it clusters holding the lock.
	optimisticTries = 3
)

// Flood reports a fetch that made more new stories than MaxNewStories, or
// whose feed listed more entries than the fetcher reads.
type Flood struct {
	Feed string
	// Pushed new stories may be sent; Held more are stored and searchable
	// but cause no send (their items from this fetch are not Deliver).
	Pushed, Held int
	Truncated    bool // entries past the fetcher's limit were not read
}

// pushCap counts, over one fetch, the stories its items make deliverable,
// and holds back those past max.
type pushCap struct {
	max, pushed, held int
	longestHold       time.Duration
}

// apply decides, for stories just clustered, which may be pushed: a story
// not yet fanned out that has no deliverable item but for this fetch's
// counts against the limit, and past it this fetch's items in it are made
// not Deliver.
func (c *pushCap) apply(stories []*briefbot.Story) {
	for _, s := range stories {
		if s.Enqueued {
			continue
		}
		before, now := false, false
		for _, it := range s.Items {
			if it.ID != 0 {
				before = before || it.Deliver
			} else {
				now = now || it.Deliver
			}
		}
		if before || !now {
			continue
		}
		if c.pushed < c.max {
			c.pushed++
			continue
		}
		c.held++
		for i := range s.Items {
			if s.Items[i].ID == 0 {
				s.Items[i].Deliver = false
			}
		}
	}
}

// clusterPending splits the feed's unclustered posts into items (topics,
// urgency and the backlog rule of f applied, include/exclude filters
// honoured), clusters those not yet in a story into recent stories, saves
// them, and only then marks the posts clustered, a batch of whole posts
// (about clusterBatch items) at a time. Posts and stories are saved in
// separate transactions; a failure between them leaves the posts
// unclustered, and the next run of the feed (at start-up too) takes them up
// again without duplicating the items that did reach a story. Once batches
// have changed clusterBatch stories, a Publish renders them, so that no
// later Publish has thousands of briefs to render in one hold of the lock.
// It returns the items clustered and the stories changed.
func (p *Pipeline) clusterPending(ctx context.Context, f briefbot.Feed, now time.Time, first bool, limit *pushCap) (int, int, error) {
	pending, err := p.st.Posts.UnclusteredPosts(ctx, f.Name)
	if err != nil || len(pending) == 0 {
		return 0, 0, err
	}
	backlog := f.Backlog
	if backlog <= 0 {
		backlog = p.opts.DefaultBacklog
	}
	rule := itemRule{feed: f, filter: newFilter(f.Include, f.Exclude), topics: p.topicFilterSnapshot()}
	if first && !f.BacklogAll {
		rule.deliverFrom = now.Add(-backlog)
	}
	var items []briefbot.Item
	var ids []int64
	total, changed, unbriefed := 0, 0, 0
	flush := func(more bool) error {
		n, err := p.cluster(ctx, items, now, limit)
		total, changed, unbriefed = total+len(items), changed+n, unbriefed+n
		if err != nil {
			return err
		}
		if err := p.st.Posts.MarkClustered(ctx, ids); err != nil {
			return fmt.Errorf("mark clustered: %w", err)
		}
		items, ids = items[:0], ids[:0]
		// A batch that only grew a few stories leaves them for later: each
		// publish renders every changed story again.
		if more && unbriefed >= clusterBatch {
			if _, err := p.Publish(ctx); err != nil && ctx.Err() == nil {
				p.log.Warn("publish between cluster batches", "feed", f.Name, "err", err)
			}
			unbriefed = 0
		}
		return ctx.Err()
	}
	for i, post := range pending {
		for _, it := range rule.items(post.Post) {
			if !slices.Contains(post.Stored, it.Index) {
				items = append(items, it)
			}
		}
		ids = append(ids, post.ID)
		pending[i] = briefbot.UnclusteredPost{} // the batch holds what is still needed
		if len(items) >= clusterBatch {
			if err := flush(i+1 < len(pending)); err != nil {
				return total, changed, err
			}
		}
	}
	if len(ids) > 0 {
		if err := flush(false); err != nil {
			return total, changed, err
		}
	}
	return total, changed, nil
}

// topicsOf is the feed's topics an item passes the filters of.
func (r itemRule) topicsOf(postTitle string, it briefbot.Item) []string {
	var out []string
	for _, t := range r.feed.Topics {
		if f, ok := r.topics[t]; ok && !f.keep(postTitle, it.Title, it.Text) {
			continue
		}
		out = append(out, t)
	}
	return out
}

// preparePosts stamps posts with this daemon's view: which feed, when it was
// seen (the pipeline's clock, not the fetcher's), and a publication time that
// is neither missing nor in the future.
func preparePosts(posts []briefbot.Post, f briefbot.Feed, now time.Time) []briefbot.Post {
	out := make([]briefbot.Post, len(posts))
	for i, p := range posts {
		p.FeedName = f.Name
		p.FetchedAt = now
		if p.Language == "" {
			p.Language = f.Language
		}
		if p.Published.IsZero() || p.Published.After(now) {
			p.Published = now
		}
		out[i] = p
	}
	return out
}

// itemRule turns a new post into the items the feed's config lets through.
type itemRule struct {
	feed   briefbot.Feed
	filter filter
	topics map[string]filter // per-topic filters: an item joins only the topics it passes
	// deliverFrom, when set, is the backlog bound: items published before it
	// are stored but never cause a send.
	deliverFrom time.Time
}

func (r itemRule) items(post briefbot.Post) []briefbot.Item {
	var out []briefbot.Item
	// The configured outlet comes from the config at every split, the first
	// and any from the database after a failure, so it is never stored.
	post.FeedOutlet = r.feed.Outlet
	for _, it := range digest.Split(post) {
		if !r.filter.keep(post.Title, it.Title, it.Text) {
			continue
		}
		it.Topics = r.topicsOf(post.Title, it)
		if len(it.Topics) == 0 {
			continue
		}
		it.PostID = post.ID
		it.FeedName = r.feed.Name
		it.Urgent = r.feed.Urgent
		if it.FetchedAt.IsZero() {
			it.FetchedAt = post.FetchedAt
		}
		if it.Published.IsZero() || it.Published.After(it.FetchedAt) {
			it.Published = it.FetchedAt
		}
		if it.Language == "" {
			it.Language = post.Language
		}
		// Opinion is stored and searchable but never causes a send.
		it.Opinion, it.OpinionReason = digest.Opinion(it)
		it.Deliver = (r.deliverFrom.IsZero() || !it.Published.Before(r.deliverFrom)) && !it.Opinion
		out = append(out, it)
	}
	return out
}
