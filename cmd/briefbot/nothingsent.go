package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"briefbot"
)

// roundMark is what the ledger and the feeds held when a -once round began,
// so that a round that sends nothing can say why instead of exiting mute.
type roundMark struct {
	posts     int                  // posts stored, every feed
	sent      int                  // ledger rows sent
	failed    int                  // ledger rows waiting for a retry or given up
	lastFetch map[string]time.Time // per feed
}

func (a *app) markRound(ctx context.Context) (roundMark, error) {
	m := roundMark{lastFetch: map[string]time.Time{}}
	st, err := a.store.DeliveryStats(ctx)
	if err != nil {
		return m, err
	}
	m.sent, m.failed = st[briefbot.DeliverySent], st[briefbot.DeliveryFailed]+st[briefbot.DeliveryDead]
	states, err := a.store.ListFeedStates(ctx)
	if err != nil {
		return m, err
	}
	for _, s := range states {
		m.posts += s.Items
		m.lastFetch[s.Name] = s.LastFetchAt
	}
	return m, nil
}

// whyNothingSent compares the end of a round with its start and, when it
// sent nothing, says why in one line ("" when something was sent).
func (a *app) whyNothingSent(ctx context.Context, before roundMark) (string, error) {
	after, err := a.markRound(ctx)
	if err != nil || after.sent > before.sent {
		return "", err
	}
	var why []string
	if n := after.failed - before.failed; n > 0 {
		why = append(why, fmt.Sprintf("%d %s (see the log); a later run tries again", n, plural(n, "send failed", "sends failed")))
	}
	skipped := a.feedsNotFetched(ctx, before)
	if skipped != "" {
		why = append(why, skipped)
	}
	waiting, err := a.storiesWaiting(ctx)
	if err != nil {
		return "", err
	}
	if waiting > 0 {
		why = append(why, fmt.Sprintf("%d new %s digest.settle (%s) for more sources before the brief goes out; a later run sends it", waiting, plural(waiting, "story waits", "stories wait"), shortDuration(a.cfg.Digest.Settle.D())))
	}
	newPosts := after.posts - before.posts
	switch {
	case newPosts == 0 && skipped != "":
		why = append(why, "the feeds fetched had nothing new")
	case newPosts == 0:
		why = append(why, fmt.Sprintf("nothing new: every item of the feeds was already seen by an earlier run (ledger in %s; delete it to see the briefs again, or use briefbot preview FEED)", a.cfg.Database.Path))
	case waiting > 0:
	default:
		_, _, subs, _, err := a.store.ChatCounts(ctx)
		if err != nil {
			return "", err
		}
		if subs == 0 {
			why = append(why, "no chat is subscribed to any topic yet (/start the bot in Telegram, or list channels in the config)")
		} else {
			why = append(why, fmt.Sprintf("%d new %s, but nothing to send: published before the backlog (fetch.backlog, feeds[].backlog), left out by include/exclude, commentary (stored, never pushed), or in topics no chat takes", newPosts, plural(newPosts, "post", "posts")))
		}
	}
	return strings.Join(why, "; "), nil
}

// feedsNotFetched names the feeds the round did not fetch: paused after
// failures, or held back by politeness (a server's Retry-After or TTL, the
// backoff after a failure).
func (a *app) feedsNotFetched(ctx context.Context, before roundMark) string {
	states, err := a.store.ListFeedStates(ctx)
	if err != nil {
		return ""
	}
	var names []string
	for _, s := range states {
		if was, ok := before.lastFetch[s.Name]; !ok || !s.LastFetchAt.Equal(was) {
			continue
		}
		switch {
		case s.Paused:
			names = append(names, fmt.Sprintf("%s (paused after %d failed %s; /feeds or a reload resumes it)", s.Name, s.Failures, plural(s.Failures, "fetch", "fetches")))
		case !s.NextFetchAt.IsZero():
			names = append(names, fmt.Sprintf("%s (not before %s)", s.Name, s.NextFetchAt.In(a.cfg.Location).Format("2006-01-02 15:04")))
		}
	}
	if len(names) == 0 {
		return ""
	}
	return "feeds not fetched this round: " + strings.Join(names, ", ")
}

// storiesWaiting counts the stories that may be sent but are not enqueued
// yet: after a round, those are waiting out digest.settle.
func (a *app) storiesWaiting(ctx context.Context) (int, error) {
	recent, err := a.store.RecentStories(ctx, time.Now().Add(-a.cfg.Digest.Window.D()))
	if err != nil {
		return 0, err
	}
	n := 0
	for _, s := range recent {
		if !s.Enqueued && s.Deliverable() {
			n++
		}
	}
	return n, nil
}

// shortDuration writes 10m rather than Go's 10m0s.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
