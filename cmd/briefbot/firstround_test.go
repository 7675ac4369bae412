package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// hangServer accepts feed requests and answers none until the test ends,
// like a server that lets every fetch run into fetch.timeout.
type hangServer struct {
	srv     *httptest.Server
	started chan struct{} // closed at the first request
	once    sync.Once
	mu      sync.Mutex
	ended   bool // a request ended (the client gave up)
}

func newHangServer(t *testing.T) *hangServer {
	h := &hangServer{started: make(chan struct{})}
	release := make(chan struct{})
	h.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.once.Do(func() { close(h.started) })
		select {
		case <-r.Context().Done():
		case <-release:
		}
		h.mu.Lock()
		h.ended = true
		h.mu.Unlock()
	}))
	t.Cleanup(func() { close(release); h.srv.Close() })
	return h
}

func (h *hangServer) hasEnded() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.ended
}

// briefWriter records when the first console brief was printed.
type briefWriter struct {
	mu    sync.Mutex
	first chan struct{}
	buf   strings.Builder
}

func (b *briefWriter) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf.Write(p)
	if strings.Contains(b.buf.String(), "──── brief #1 ") {
		select {
		case <-b.first:
		default:
			close(b.first)
		}
	}
	return len(p), nil
}

// firstRoundConfig is a console-mode config with a hanging feed (sorted
// first, so it is fetched first) and a healthy one with a fresh post.
func firstRoundConfig(t *testing.T, hangURL, healthyURL, timeout string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	cfg := fmt.Sprintf(`
database: {path: bot.db}
http: {listen: ""}
log: {level: debug}
topics: [{name: world}]
feeds:
  - {name: a-hanging, url: %s, topics: [world], language: ja, schedule: "0 0 1 1 *"}
  - {name: b-healthy, url: %s, topics: [world], language: ja, schedule: "0 0 1 1 *"}
fetch: {allow_private_addresses: true, timeout: %s}
digest: {settle: 0s}
`, hangURL, healthyURL, timeout)
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestFirstBriefDoesNotWaitForHangingFeed: with one feed hanging for
// fetch.timeout, a healthy feed's first brief goes out while that fetch is
// still in flight (the daemon and -once alike), and -once still finishes the
// whole round before it exits.
func TestFirstBriefDoesNotWaitForHangingFeed(t *testing.T) {
	for _, once := range []bool{false, true} {
		t.Run(fmt.Sprintf("once=%v", once), func(t *testing.T) {
			hang := newHangServer(t)
			feeds := newFeedServer(t)
			feeds.add("fresh-1", "停戦協議が再開", "<p>ウクライナとロシアの停戦協議が20日、イスタンブールで再開されました。</p><p>双方は捕虜交換の拡大で合意したということです。</p>", time.Now().Add(-time.Minute))
			timeout := "30s"
			if once {
				timeout = "1s" // -once waits for the whole round
			}
			cfg, err := loadConfig(firstRoundConfig(t, hang.srv.URL, feeds.srv.URL, timeout))
			if err != nil {
				t.Fatal(err)
			}
			var logs syncBuffer
			out := &briefWriter{first: make(chan struct{})}
			ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
			defer cancel()
			start := time.Now()
			a, err := newApp(ctx, cfg, newLogger(cfg.Log, "", &logs), out)
			if err != nil {
				t.Fatal(err)
			}
			runCtx, stop := context.WithCancel(ctx)
			defer stop()
			done := make(chan error, 1)
			go func() { done <- a.run(runCtx, once) }()
			select {
			case <-out.first:
			case <-ctx.Done():
				t.Fatalf("no brief; logs:\n%s", logs.String())
			}
			elapsed := time.Since(start)
			if hang.hasEnded() {
				t.Errorf("the first brief waited for the hanging feed's fetch to end")
			}
			t.Logf("first brief %v after start, the hanging fetch still in flight", elapsed.Round(time.Millisecond))
			if once {
				if err := <-done; err == nil || !strings.Contains(err.Error(), "a-hanging") {
					t.Errorf("-once: err = %v, want the hanging feed's failure", err)
				}
				if !hang.hasEnded() {
					t.Error("-once returned before the hanging fetch ended")
				}
				return
			}
			stop()
			if err := <-done; err != nil {
				t.Errorf("run: %v", err)
			}
		})
	}
}
