package scheduler_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
	"briefbot/scheduler"
)

// t0 is the test clock's start: 2026-11-20 10:00 UTC (19:00 in Tokyo).
var t0 = time.Date(2026, 11, 20, 10, 0, 0, 0, time.UTC)

// clock is a settable test clock shared by the pipeline and the database.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: t0} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// fetcher serves posts per URL from memory: a stand-in for the network, not
// for any store. A URL with an error set fails.
type fetcher struct {
	mu    sync.Mutex
	posts map[string][]briefbot.Post
	errs  map[string]error
	calls map[string]int
	// block, when set for a URL, makes every fetch after the first wait for
	// the channel to close (or ctx to end), announcing itself on started.
	block   map[string]chan struct{}
	hang    map[string]bool // URLs whose every fetch waits for ctx to end, as a dead server does until the timeout
	started chan string
	panics  map[string]bool // URLs whose fetch panics, as a buggy fetcher might
	// truncated marks every result as cut at the fetcher's entry limit.
	truncated bool
}

func newFetcher() *fetcher {
	return &fetcher{
		posts:   make(map[string][]briefbot.Post),
		errs:    make(map[string]error),
		calls:   make(map[string]int),
		block:   make(map[string]chan struct{}),
		hang:    make(map[string]bool),
		started: make(chan string, 16),
		panics:  make(map[string]bool),
	}
}

func (f *fetcher) set(url string, posts ...briefbot.Post) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.posts[url] = posts
	delete(f.errs, url)
}

func (f *fetcher) fail(url string, err error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.errs[url] = err
}

func (f *fetcher) count(url string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[url]
}

func (f *fetcher) Fetch(ctx context.Context, req briefbot.FetchRequest) (*briefbot.FetchResult, error) {
	f.mu.Lock()
	f.calls[req.URL]++
	n := f.calls[req.URL]
	block := f.block[req.URL]
	err := f.errs[req.URL]
	posts := append([]briefbot.Post(nil), f.posts[req.URL]...)
	panics := f.panics[req.URL]
	hang := f.hang[req.URL]
	truncated := f.truncated
	f.mu.Unlock()
	if hang {
		f.started <- req.URL
		<-ctx.Done()
		return nil, &briefbot.FetchError{URL: req.URL, Err: ctx.Err()}
	}
	if panics {
		panic("fetcher bug: " + req.URL)
	}
	if block != nil && n > 1 {
		f.started <- req.URL
		select {
		case <-block:
		case <-ctx.Done():
			return nil, &briefbot.FetchError{URL: req.URL, Err: ctx.Err()}
		}
	}
	if err != nil {
		return nil, err
	}
	for i := range posts {
		posts[i].Language = req.Language
	}
	return &briefbot.FetchResult{Title: "test feed", Posts: posts, Truncated: truncated}, nil
}

// story is a news report used as a post; its text is long enough for the
// digest to find sentences in.
type story struct {
	title string
	paras []string
}

var (
	quake = story{
		title: "Strong earthquake strikes off northern Japan",
		paras: []string{
			"A magnitude 6.8 earthquake struck off the coast of Aomori prefecture in northern Japan on Friday evening, the Japan Meteorological Agency said.",
			"The agency issued a tsunami advisory for the Pacific coast of Aomori and Iwate prefectures and urged residents to stay away from the shore.",
			"There were no immediate reports of damage or injuries, and the operator of a nearby nuclear plant said it had found no abnormalities.",
		},
	}
	quakeLate = story{
		title: "Magnitude 6.8 earthquake hits off Aomori, tsunami advisory issued",
		paras: []string{
			"A magnitude 6.8 earthquake struck off the coast of Aomori prefecture in northern Japan on Friday, the Japan Meteorological Agency said, issuing a tsunami advisory.",
			"Residents of the Pacific coast of Aomori and Iwate were told to stay away from the shore; no damage or injuries were immediately reported.",
		},
	}
	rates = story{
		title: "European Central Bank raises interest rates again",
		paras: []string{
			"The European Central Bank raised its key deposit rate by a quarter of a percentage point on Thursday, its third increase this year.",
			"Bank president said inflation in the euro zone remained well above the two percent target and further increases could not be ruled out.",
			"Markets had widely expected the move, and the euro was little changed against the dollar after the announcement.",
		},
	}
	election = story{
		title: "Voters in Chile elect new president in runoff",
		paras: []string{
			"Chileans voted on Sunday in a presidential runoff between two candidates who offered sharply different plans for the economy.",
			"Turnout was high after voting was made compulsory, and preliminary results were expected late in the evening.",
		},
	}
)

// post makes an ordinary feed entry for s, published at pub.
func post(key, url string, s story, pub time.Time) briefbot.Post {
	var h strings.Builder
	for _, p := range s.paras {
		fmt.Fprintf(&h, "<p>%s</p>", p)
	}
	text := strings.Join(s.paras, "\n\n")
	return briefbot.Post{
		Key:         key,
		GUID:        key,
		URL:         url,
		Title:       s.title,
		HTML:        h.String(),
		Text:        text,
		Published:   pub,
		Updated:     pub,
		ContentHash: fmt.Sprintf("%x", len(text)*31+len(s.title)),
	}
}

// env is a pipeline on a real SQLite database in t.TempDir().
type env struct {
	t     testing.TB
	clk   *clock
	db    *db.DB
	fetch *fetcher
	p     *scheduler.Pipeline
	woken int
	mu    sync.Mutex
	// enqueued receives (without blocking the pipeline) when deliveries
	// were enqueued.
	enqueued chan struct{}
}

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func newEnv(t testing.TB, tweak ...func(*scheduler.PipelineOptions)) *env {
	t.Helper()
	ctx := context.Background()
	clk := newClock()
	d, err := db.Open(ctx, filepath.Join(t.TempDir(), "briefbot.db"), db.Options{Now: clk.Now, Logger: discard()})
	if err != nil {
		t.Fatalf("open db: %v", err)
	}
	t.Cleanup(func() { d.Close() })
	e := &env{t: t, clk: clk, db: d, fetch: newFetcher(), enqueued: make(chan struct{}, 1)}
	opts := scheduler.PipelineOptions{
		Topics: []briefbot.Topic{
			{Name: "world", Title: "国際", Hashtag: "国際"},
			{Name: "economy", Title: "経済", Hashtag: "経済"},
			{Name: "asia", Title: "アジア", Hashtag: "アジア"},
		},
		Location: time.UTC,
		Settle:   briefbot.DefaultSettle,
		Logger:   discard(),
		Now:      clk.Now,
		OnEnqueue: func() {
			e.mu.Lock()
			e.woken++
			e.mu.Unlock()
			select {
			case e.enqueued <- struct{}{}:
			default:
			}
		},
	}
	for _, fn := range tweak {
		fn(&opts)
	}
	e.p = scheduler.NewPipeline(e.fetch, e.stores(), opts)
	return e
}

func (e *env) stores() scheduler.Stores {
	return scheduler.Stores{Feeds: e.db, Posts: e.db, Stories: e.db, Deliveries: e.db, Search: e.db}
}

// subscribe adds an active private chat subscribed (instant) to topics.
func (e *env) subscribe(chatID int64, topics ...string) {
	e.t.Helper()
	ctx := context.Background()
	if err := e.db.UpsertChat(ctx, &briefbot.Chat{ID: chatID, Type: briefbot.ChatPrivate, Title: "test", Active: true}); err != nil {
		e.t.Fatalf("upsert chat: %v", err)
	}
	for _, topic := range topics {
		if err := e.db.Subscribe(ctx, &briefbot.Subscription{ChatID: chatID, Topic: topic, Mode: briefbot.ModeInstant}); err != nil {
			e.t.Fatalf("subscribe: %v", err)
		}
	}
}

// deliveries counts ledger rows in every state.
func (e *env) deliveries() int {
	e.t.Helper()
	st, err := e.db.DeliveryStats(context.Background())
	if err != nil {
		e.t.Fatalf("delivery stats: %v", err)
	}
	n := 0
	for _, c := range st {
		n += c
	}
	return n
}

func (e *env) stories() []*briefbot.Story {
	e.t.Helper()
	ss, err := e.db.RecentStories(context.Background(), time.Time{})
	if err != nil {
		e.t.Fatalf("recent stories: %v", err)
	}
	return ss
}

func (e *env) items() int {
	n := 0
	for _, s := range e.stories() {
		n += len(s.Items)
	}
	return n
}

func (e *env) briefs() []*briefbot.Brief {
	e.t.Helper()
	bs, _, err := e.db.Briefs(context.Background(), briefbot.BriefFilter{To: e.clk.Now().Add(24 * time.Hour * 365), Limit: 100})
	if err != nil {
		e.t.Fatalf("briefs: %v", err)
	}
	return bs
}

func (e *env) fetchFeed(f briefbot.Feed) {
	e.t.Helper()
	if err := e.p.FetchFeed(context.Background(), f); err != nil {
		e.t.Fatalf("fetch %s: %v", f.Name, err)
	}
}

func (e *env) publish() int {
	e.t.Helper()
	n, err := e.p.Publish(context.Background())
	if err != nil {
		e.t.Fatalf("publish: %v", err)
	}
	return n
}

func (e *env) state(name string) *briefbot.FeedState {
	e.t.Helper()
	st, err := e.db.FeedState(context.Background(), name)
	if err != nil {
		e.t.Fatalf("feed state %s: %v", name, err)
	}
	return st
}

func feedFor(name, url string, topics ...string) briefbot.Feed {
	return briefbot.Feed{Name: name, URL: url, Topics: topics, Language: briefbot.LangEN, Schedule: "*/15 * * * *"}
}

// waitFor polls cond until it holds, failing the test after 10 s: for effects
// of cron jobs, which run on the wall clock.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// logBuffer collects log output safely across goroutines.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// waitEnqueued waits until the pipeline enqueued deliveries.
func (e *env) waitEnqueued() {
	e.t.Helper()
	select {
	case <-e.enqueued:
	case <-time.After(10 * time.Second):
		e.t.Fatal("nothing enqueued within 10 s")
	}
}
