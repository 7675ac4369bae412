package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"briefbot"
	"briefbot/db"
	"briefbot/internal/catalog"
	"briefbot/scheduler"
)

// notices records what the admins are told.
type notices struct {
	mu    sync.Mutex
	texts []string
	got   chan struct{}
}

func newNotices() *notices { return &notices{got: make(chan struct{}, 16)} }

func (n *notices) tell(_ context.Context, nt notice) {
	n.mu.Lock()
	n.texts = append(n.texts, catalog.Plain("en", nt.id, nt.kv...))
	n.mu.Unlock()
	n.got <- struct{}{}
}

// wait returns the notices once there are want of them.
func (n *notices) wait(t *testing.T, want int) []string {
	t.Helper()
	for {
		n.mu.Lock()
		texts := append([]string(nil), n.texts...)
		n.mu.Unlock()
		if len(texts) >= want {
			return texts
		}
		select {
		case <-n.got:
		case <-time.After(10 * time.Second):
			t.Fatalf("%d notices, want %d: %q", len(texts), want, texts)
		}
	}
}

func get(t *testing.T, h *healthServer, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.srv.Handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec.Code, rec.Body.String()
}

// TestStorageFailureTurnsHealthRed: the database reopened read-only (as a
// remounted disk would leave it) refuses a write: /healthz answers 503 with
// the reason, /metrics counts it, the admins are told once however many
// writes fail, and once more when writes succeed again.
func TestStorageFailureTurnsHealthRed(t *testing.T) {
	ctx := context.Background()
	feeds := newFeedServer(t)
	a, _, _ := newTestApp(t, adminConfig(feeds.srv.URL, true, "", ""))
	told := newNotices()
	sh := a.metrics.storage
	sh.setNotify(told.tell)
	clock := time.Now()
	sh.now = func() time.Time { return clock }
	h := newHealthServer("127.0.0.1:0", a.store, a.log, a.metrics.collectors()...)
	h.storage = sh

	ro, err := db.OpenReadOnly(ctx, a.cfg.Database.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	ro.ObserveWrites(sh.observe)
	for range 3 {
		if err := ro.SaveFeedState(ctx, &briefbot.FeedState{Name: "test"}); err == nil {
			t.Fatal("a write to the read-only database succeeded")
		}
	}
	code, body := get(t, h, "/healthz")
	var health map[string]any
	if err := json.Unmarshal([]byte(body), &health); err != nil {
		t.Fatal(err)
	}
	if code != http.StatusServiceUnavailable || health["storage"] != db.ReasonReadOnly {
		t.Fatalf("/healthz = %d %s, want 503 naming %q", code, body, db.ReasonReadOnly)
	}
	_, metrics := get(t, h, "/metrics")
	for _, want := range []string{`briefbot_db_write_failures_total{reason="read_only"} 3`, "briefbot_db_writable 0"} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if texts := told.wait(t, 1); len(texts) != 1 || !strings.Contains(texts[0], "refuses writes (read-only)") {
		t.Fatalf("admins told %q, want one notice of the failure", texts)
	}

	// A write that commits soon after the failure is not yet a recovery.
	if err := a.store.SaveFeedState(ctx, &briefbot.FeedState{Name: "test"}); err != nil {
		t.Fatal(err)
	}
	if code, _ := get(t, h, "/healthz"); code != http.StatusServiceUnavailable {
		t.Errorf("/healthz = %d right after the failures, want still 503", code)
	}
	clock = clock.Add(recoverAfter)
	if err := a.store.SaveFeedState(ctx, &briefbot.FeedState{Name: "test"}); err != nil {
		t.Fatal(err)
	}
	if code, body := get(t, h, "/healthz"); code != http.StatusOK {
		t.Errorf("/healthz = %d %s once writes succeed again, want 200", code, body)
	}
	if _, metrics := get(t, h, "/metrics"); !strings.Contains(metrics, "briefbot_db_writable 1") {
		t.Error("/metrics does not show the database writable again")
	}
	if texts := told.wait(t, 2); len(texts) != 2 || !strings.Contains(texts[1], "accepts writes again") {
		t.Errorf("admins told %q, want the failure, then the recovery", texts)
	}
}

// TestFloodNoticesOncePerFeed: every flood is counted, the admins hear of
// each feed once.
func TestFloodNoticesOncePerFeed(t *testing.T) {
	feeds := newFeedServer(t)
	a, _, logs := newTestApp(t, adminConfig(feeds.srv.URL, true, "", ""))
	told := newNotices()
	onFlood := a.floodNotices(told.tell)
	onFlood(scheduler.Flood{Feed: "busy", Pushed: 50, Held: 950})
	onFlood(scheduler.Flood{Feed: "busy", Pushed: 50, Held: 10})
	onFlood(scheduler.Flood{Feed: "long", Pushed: 3, Truncated: true})
	texts := told.wait(t, 2)
	if len(texts) != 2 || !strings.Contains(texts[0], "made 1000 new stories: the first 50 were sent, the other 950") ||
		!strings.Contains(texts[1], "more than 2000 entries") {
		t.Fatalf("notices %q", texts)
	}
	h := newHealthServer("127.0.0.1:0", a.store, a.log, a.metrics.collectors()...)
	if _, metrics := get(t, h, "/metrics"); !strings.Contains(metrics, `briefbot_stories_held_total{feed="busy"} 960`) {
		t.Error("/metrics does not count the held stories")
	}
	if n := strings.Count(logs.String(), "feed flooded"); n != 3 {
		t.Errorf("%d flood log lines, want one per fetch (3)", n)
	}
}

// TestLockHoldsMeasured: a round's cluster saves and publish are timed.
func TestLockHoldsMeasured(t *testing.T) {
	feeds := newFeedServer(t)
	feeds.add("a-1", "停戦協議が再開", "<p>停戦協議が再開されました。</p>", time.Now().Add(-time.Minute))
	a, _, _ := newTestApp(t, adminConfig(feeds.srv.URL, true, "", ""))
	if err := a.sched.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	h := newHealthServer("127.0.0.1:0", a.store, a.log, a.metrics.collectors()...)
	_, metrics := get(t, h, "/metrics")
	if strings.Contains(metrics, "briefbot_pipeline_lock_hold_seconds_count 0") ||
		!strings.Contains(metrics, "briefbot_pipeline_lock_hold_seconds_count") ||
		strings.Contains(metrics, "briefbot_pipeline_lock_hold_max_seconds 0\n") {
		t.Errorf("lock holds not measured:\n%s", grepLines(metrics, "lock_hold"))
	}
	if a.pipe.LongestLockHold() <= 0 {
		t.Error("no longest hold recorded")
	}
}

func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
