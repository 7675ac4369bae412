package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"briefbot"
	"briefbot/bot"
	"briefbot/config"
	"briefbot/db"
	"briefbot/feed"
	"briefbot/internal/fold"
	"briefbot/scheduler"
)

// probeTimeout bounds the test fetch of /addfeed: an admin is waiting.
const probeTimeout = 20 * time.Second

// adminStore is what the admin commands read.
type adminStore interface {
	briefbot.FeedStore
	briefbot.BriefStore
	DeliveryStats(ctx context.Context) (briefbot.DeliveryStats, error)
	ChatCounts(ctx context.Context) (chats, active, subscriptions, subscribers int, err error)
	SentSince(ctx context.Context, t time.Time) (int, error)
	DeliveryWaits(ctx context.Context, now time.Time) (db.Waits, error)
}

// admin implements bot.Admin on the wired daemon.
type admin struct {
	rl      *reloader
	sched   *scheduler.Scheduler
	pipe    *scheduler.Pipeline
	store   adminStore
	fetcher briefbot.Fetcher
	bg      *background
	log     *slog.Logger
	now     func() time.Time

	mu sync.Mutex // one config edit at a time, name check included
}

var _ bot.Admin = (*admin)(nil)

// Feeds lists the configured feeds with their schedule and fetch state.
func (a *admin) Feeds(ctx context.Context) ([]bot.FeedStatus, error) {
	cfg := a.rl.config()
	next := map[string]scheduler.FeedJob{}
	for _, j := range a.sched.FeedJobs() {
		next[j.Feed] = j
	}
	states, err := a.store.ListFeedStates(ctx)
	if err != nil {
		return nil, fmt.Errorf("feeds: %w", err)
	}
	byName := make(map[string]*briefbot.FeedState, len(states))
	for _, st := range states {
		byName[st.Name] = st
	}
	out := make([]bot.FeedStatus, 0, len(cfg.Feeds))
	for _, f := range cfg.Feeds {
		fs := bot.FeedStatus{Name: f.Name, URL: f.URL, Topics: f.Topics, Schedule: f.Schedule, NextRun: next[f.Name].Next}
		if st := byName[f.Name]; st != nil {
			fs.LastFetchAt, fs.LastSuccessAt = st.LastFetchAt, st.LastSuccessAt
			fs.Items, fs.Failures, fs.LastError, fs.Paused = st.Items, st.Failures, st.LastError, st.Paused
		}
		out = append(out, fs)
	}
	return out, nil
}

// Stats gathers the figures of /stats from the ledger and the chats.
func (a *admin) Stats(ctx context.Context) (*bot.AdminStats, error) {
	cfg := a.rl.config()
	st := &bot.AdminStats{GlobalPerSecond: cfg.Delivery.GlobalPerSecond}
	var err error
	if st.Deliveries, err = a.store.DeliveryStats(ctx); err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	now := a.now()
	if _, st.BriefsLast24h, err = a.store.Briefs(ctx, briefbot.BriefFilter{From: now.Add(-24 * time.Hour), To: now.Add(time.Minute), Limit: 1}); err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	if st.SentLast24h, err = a.store.SentSince(ctx, now.Add(-24*time.Hour)); err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	if st.Chats, st.ActiveChats, st.Subscriptions, st.Subscribers, err = a.store.ChatCounts(ctx); err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	// Why briefs wait, when they do.
	w, err := a.store.DeliveryWaits(ctx, now)
	if err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	st.QuietHeld, st.Retrying, st.RetryNext, st.PausedChats = w.QuietHeld, w.Retrying, w.RetryNext, w.PausedChats
	if st.Settling, st.SettleNext, st.Settle, err = a.pipe.Settling(ctx); err != nil {
		return nil, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}

// Reload re-reads and applies the config file.
func (a *admin) Reload(ctx context.Context) error { return a.rl.Reload(ctx) }

// AddFeed follows rawURL under topic: the address is vetted, fetched once
// for its title (which names the feed unless name is given), appended to
// the config file and applied; the new feed is then fetched at once rather
// than at its first cron tick. Its first fetch still applies the backlog
// rule.
func (a *admin) AddFeed(ctx context.Context, rawURL, topic, name string) (string, error) {
	rawURL = strings.TrimSpace(rawURL)
	cfg := a.rl.config()
	if !slices.ContainsFunc(cfg.Topics, func(t config.Topic) bool { return t.Name == topic }) {
		return "", briefbot.Errorf(briefbot.EINVALID, "Unknown topic %q.", topic).With("admin.error.unknown_topic", "Topic", topic)
	}
	if name != "" && strings.IndexFunc(name, unicode.IsSpace) >= 0 {
		return "", briefbot.Errorf(briefbot.EINVALID, "A feed's name is one word without spaces, got %q.", name).
			With("admin.error.bad_name", "Name", name)
	}
	if err := feed.CheckURL(ctx, rawURL, cfg.Fetch.AllowPrivateAddresses); err != nil {
		host := hostOf(rawURL)
		switch {
		case errors.Is(err, feed.ErrPrivateAddress):
			return "", briefbot.Errorf(briefbot.EINVALID,
				"Refused: %s is a local or private address (allow with fetch.allow_private_addresses: true).", host).
				With("admin.error.private_address", "Host", host)
		case errors.Is(err, feed.ErrInvalidURL):
			return "", briefbot.Errorf(briefbot.EINVALID, "Give an http(s) address, e.g. https://example.com/feed.").
				With("admin.error.not_http")
		default:
			return "", briefbot.Errorf(briefbot.EINVALID, "Cannot resolve %s.", host).With("admin.error.unresolvable", "Host", host)
		}
	}
	for _, f := range cfg.Feeds {
		if f.URL == rawURL {
			return "", briefbot.Errorf(briefbot.ECONFLICT, "Already followed as %s.", f.Name).With("admin.error.followed", "Name", f.Name)
		}
	}
	pctx, cancel := context.WithTimeout(ctx, probeTimeout)
	res, err := a.fetcher.Fetch(pctx, briefbot.FetchRequest{URL: rawURL, Language: briefbot.LangAuto})
	cancel()
	if err != nil {
		a.log.Info("addfeed: probe failed", "url", rawURL, "err", err)
		return "", probeError(err)
	}

	a.mu.Lock()
	defer a.mu.Unlock()
	cfg = a.rl.config() // names may have changed while we fetched
	taken := map[string]bool{}
	for _, f := range cfg.Feeds {
		taken[f.Name] = true
	}
	if name == "" {
		name = uniqueName(feedSlug(res.Title, rawURL), taken)
	} else if taken[name] {
		return "", briefbot.Errorf(briefbot.ECONFLICT, "A feed is already named %s.", name).With("admin.error.name_taken", "Name", name)
	}
	f := config.Feed{Name: name, URL: rawURL, Topics: []string{topic}, Language: briefbot.LangAuto}
	if err := config.AddFeed(cfg.File, f, a.rl.opts); err != nil {
		return "", a.editError("add feed", err)
	}
	if err := a.rl.Reload(ctx); err != nil {
		return "", err
	}
	a.log.Info("feed added by admin", "feed", name, "url", rawURL, "topic", topic)
	a.fetchNow(name)
	return name, nil
}

// DelFeed removes the named feed from the config file and applies it. Its
// stored posts and state stay: re-adding it resumes without a new backlog.
func (a *admin) DelFeed(ctx context.Context, name string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := config.RemoveFeed(a.rl.config().File, name, a.rl.opts); err != nil {
		if errors.Is(err, config.ErrNoSuchFeed) {
			return errNoFeed(name)
		}
		return a.editError("remove feed", err)
	}
	if err := a.rl.Reload(ctx); err != nil {
		return err
	}
	a.log.Info("feed removed by admin", "feed", name)
	return nil
}

// ResumeFeed clears the feed's pause and fetches it now in the background.
func (a *admin) ResumeFeed(ctx context.Context, name string) error {
	if _, ok := a.configured(name); !ok {
		return errNoFeed(name)
	}
	if err := a.pipe.Resume(ctx, name); err != nil {
		return err
	}
	a.log.Info("feed resumed by admin", "feed", name)
	a.fetchNow(name)
	return nil
}

func (a *admin) configured(name string) (briefbot.Feed, bool) {
	cfg := a.rl.config()
	for _, f := range cfg.Feeds {
		if f.Name == name {
			return cfg.DomainFeed(f), true
		}
	}
	return briefbot.Feed{}, false
}

// fetchNow fetches a feed outside its schedule, under the daemon's context
// rather than the command's, which ends with the reply.
func (a *admin) fetchNow(name string) {
	f, ok := a.configured(name)
	if !ok {
		return
	}
	a.bg.Go(func(ctx context.Context) {
		if err := a.pipe.FetchFeed(ctx, f); err != nil && ctx.Err() == nil {
			a.log.Warn("fetch on admin request", "feed", name, "err", err)
		}
	})
}

// editError maps a refused config edit to what the admin reads: the
// validation lines when the edit would have broken the file.
func (a *admin) editError(op string, err error) error {
	var es config.Errors
	if errors.As(err, &es) {
		return a.rl.scrub(briefbot.Errorf(briefbot.EINVALID, "%s", err.Error()))
	}
	return fmt.Errorf("%s: %w", op, err)
}

func errNoFeed(name string) error {
	return briefbot.Errorf(briefbot.ENOTFOUND, "No feed named %q.", name).With("admin.error.no_feed", "Name", name)
}

// probeError says briefly why a test fetch failed, without internals.
func probeError(err error) error {
	var fe *briefbot.FetchError
	key, why := "admin.error.unreachable", "the server could not be reached."
	var args []any
	switch {
	case errors.Is(err, feed.ErrPrivateAddress):
		key, why = "admin.error.private_redirect", "it redirects to a local or private address (allow with fetch.allow_private_addresses: true)."
	case errors.Is(err, feed.ErrNotFeed):
		key, why = "admin.error.not_feed", "the page is not RSS, Atom or JSON Feed."
	case errors.Is(err, feed.ErrTooLarge):
		key, why = "admin.error.too_large", "the feed is too large."
	case errors.Is(err, context.DeadlineExceeded):
		key, why = "admin.error.timeout", "the server did not answer in time."
	case errors.As(err, &fe) && fe.StatusCode != 0:
		key, why = "admin.error.http_status", fmt.Sprintf("the server answered HTTP %d.", fe.StatusCode)
		args = []any{"Status", fe.StatusCode}
	}
	return briefbot.Errorf(briefbot.EINVALID, "No feed could be read there: %s", why).With(key, args...)
}

func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return u.Hostname()
	}
	return "that address"
}

// feedSlug names a feed after its own title, in a form an admin can type
// (/delfeed NAME): its letters and digits in any script, lower case, the
// Cyrillic ones in Latin letters, other runs as single hyphens, at most 32
// characters ("NHKニュース" is nhkニュース, "Новости дня" novosti-dnya). A
// feed without a title is named after its host.
func feedSlug(title, rawURL string) string {
	if s := slug(title); utf8.RuneCountInString(s) >= 2 {
		return s
	}
	host := strings.TrimPrefix(hostOf(rawURL), "www.")
	if s := slug(host); s != "" {
		return s
	}
	return "feed"
}

// slug folds s (NFKC, lower case), spells Cyrillic in Latin letters, keeps
// letters and digits and turns every other run into a single hyphen, at
// most 32 runes.
func slug(s string) string {
	var b strings.Builder
	n := 0
	dash := false
	for _, r := range fold.String(s) {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			dash = true
			continue
		}
		out := string(r)
		if t, ok := cyrillicLatin[r]; ok {
			out = t
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
			n++
		}
		b.WriteString(out)
		n += utf8.RuneCountInString(out)
		dash = false
		if n >= 32 {
			break
		}
	}
	return strings.Trim(b.String(), "-")
}

// cyrillicLatin spells Russian letters in Latin ones for feed names
// (a simplified ISO 9 / BGN scheme; soft and hard signs are dropped).
var cyrillicLatin = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "yo", 'ж': "zh", 'з': "z", 'и': "i",
	'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t",
	'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "",
	'э': "e", 'ю': "yu", 'я': "ya",
}

// uniqueName suffixes -2, -3, ... until name is free.
func uniqueName(name string, taken map[string]bool) string {
	if !taken[name] {
		return name
	}
	for i := 2; ; i++ {
		if n := fmt.Sprintf("%s-%d", name, i); !taken[n] {
			return n
		}
	}
}

// background runs work that outlives the request that started it but not
// the daemon: run starts it with the daemon's context and waits for it at
// shutdown, before the database closes.
type background struct {
	mu  sync.Mutex
	ctx context.Context
	wg  sync.WaitGroup
}

func (b *background) start(ctx context.Context) {
	b.mu.Lock()
	b.ctx = ctx
	b.mu.Unlock()
}

// Go runs fn under the daemon's context (a background one before start).
func (b *background) Go(fn func(ctx context.Context)) {
	b.mu.Lock()
	ctx := b.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	b.wg.Add(1)
	b.mu.Unlock()
	go func() {
		defer b.wg.Done()
		fn(ctx)
	}()
}

func (b *background) wait() { b.wg.Wait() }
