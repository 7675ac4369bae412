package scheduler_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"briefbot"
	"briefbot/feed"
	"briefbot/scheduler"
)

// servedFeed is an httptest feed whose body a test can swap.
type servedFeed struct {
	mu   sync.Mutex
	body []byte
}

func (s *servedFeed) set(t *testing.T, file string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	s.body = b
	s.mu.Unlock()
}

func (s *servedFeed) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
	w.Write(s.body)
}

// TestEndToEndRealFetcher runs the real feed fetcher against an HTTP feed and
// a local file feed into a real database: the way the daemon runs.
func TestEndToEndRealFetcher(t *testing.T) {
	e := newEnv(t)
	// The testdata entries are dated 2026-11-20 09:52–09:55 UTC, minutes
	// before the clock's start.
	e.p = scheduler.NewPipeline(feed.New(feed.Options{AllowPrivate: true, Timeout: 10 * time.Second}), e.stores(),
		scheduler.PipelineOptions{Location: time.UTC, Logger: discard(), Now: e.clk.Now, Settle: briefbot.DefaultSettle,
			Topics: []briefbot.Topic{{Name: "world", Hashtag: "国際"}}})
	e.subscribe(1, "world")

	srv := &servedFeed{}
	srv.set(t, "wire-v1.xml")
	ts := httptest.NewServer(srv)
	defer ts.Close()
	local, err := filepath.Abs(filepath.Join("testdata", "local.xml"))
	if err != nil {
		t.Fatal(err)
	}

	s := scheduler.New(e.p, scheduler.Options{Location: time.UTC, Logger: discard()})
	feeds := []briefbot.Feed{
		feedFor("wire", ts.URL+"/feed", "world"),
		feedFor("local", local, "world"),
	}
	if err := s.SetFeeds(feeds); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := s.RunOnce(ctx); err != nil {
		t.Fatalf("run once: %v", err)
	}
	stories := len(e.stories())
	if stories < 2 {
		t.Fatalf("stories = %d, want at least 2 (two events in the wire feed)", stories)
	}
	if got := len(e.briefs()); got != stories {
		t.Errorf("briefs = %d, want one per story (%d)", got, stories)
	}
	if got := e.deliveries(); got != 0 {
		t.Errorf("deliveries before settle = %d, want 0", got)
	}

	e.clk.Add(15 * time.Minute)
	if err := s.RunOnce(ctx); err != nil {
		t.Fatalf("run once: %v", err)
	}
	sent := e.deliveries()
	if sent != stories {
		t.Errorf("deliveries after settle = %d, want one per story (%d)", sent, stories)
	}

	// The wire edits an entry (same guid, new text): nothing new is sent.
	srv.set(t, "wire-v2.xml")
	e.clk.Add(15 * time.Minute)
	if err := s.RunOnce(ctx); err != nil {
		t.Fatalf("run once: %v", err)
	}
	if got := len(e.stories()); got != stories {
		t.Errorf("stories after edit = %d, want %d", got, stories)
	}
	if got := len(e.briefs()); got != stories {
		t.Errorf("briefs after edit = %d, want %d", got, stories)
	}
	if got := e.deliveries(); got != sent {
		t.Errorf("deliveries after edit = %d, want %d", got, sent)
	}
}
