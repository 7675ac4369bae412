package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"sync"
	"time"

	"briefbot/internal/telegramtest"
)

// fakeAPI is the fakebotapi process and a client for its /control/ endpoints.
type fakeAPI struct {
	proc *child
	url  string // base URL, e.g. http://127.0.0.1:41234
	http *http.Client
}

var listeningLine = regexp.MustCompile(`listening on (http://\S+)`)

// readyWriter watches a process's stdout for the "listening on URL" line.
type readyWriter struct {
	mu   sync.Mutex
	buf  []byte
	once sync.Once
	addr chan string
}

func (w *readyWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.buf) < 64<<10 {
		w.buf = append(w.buf, p...)
		if m := listeningLine.FindSubmatch(w.buf); m != nil {
			w.once.Do(func() { w.addr <- string(m[1]) })
		}
	}
	return len(p), nil
}

// startFake starts fakebotapi on a free loopback port and waits for its
// ready line; extra flags (e.g. -limits) follow the listen and token ones.
func startFake(ctx context.Context, cs *children, bin, token, logPath string, extra ...string) (*fakeAPI, error) {
	rw := &readyWriter{addr: make(chan string, 1)}
	args := append([]string{"-listen", "127.0.0.1:0", "-token", token}, extra...)
	p, err := cs.start("fakebotapi", bin, args, logPath, rw)
	if err != nil {
		return nil, err
	}
	var base string
	select {
	case base = <-rw.addr:
	case <-p.done:
		return nil, fmt.Errorf("fakebotapi exited before listening: %v (log %s)", p.err, logPath)
	case <-time.After(15 * time.Second):
		return nil, fmt.Errorf("fakebotapi: no listening line in 15s (log %s)", logPath)
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("fakebotapi address %q: %w", base, err)
	}
	if ip := net.ParseIP(u.Hostname()); ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("fakebotapi listens on %s, want loopback", base)
	}
	return &fakeAPI{proc: p, url: base, http: &http.Client{Timeout: 10 * time.Second}}, nil
}

func (f *fakeAPI) get(ctx context.Context, path string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.url+path, nil)
	if err != nil {
		return err
	}
	resp, err := f.http.Do(req)
	if err != nil {
		return fmt.Errorf("fake %s: %w", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("fake %s: status %s", path, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		return fmt.Errorf("fake %s: %w", path, err)
	}
	return nil
}

// stats reads GET /control/stats.
func (f *fakeAPI) stats(ctx context.Context) (telegramtest.Stats, error) {
	var st telegramtest.Stats
	err := f.get(ctx, "/control/stats", &st)
	return st, err
}

// counts reads GET /control/counts: accepted sendMessage calls per chat.
func (f *fakeAPI) counts(ctx context.Context) (map[int64]int, error) {
	var raw map[string]int
	if err := f.get(ctx, "/control/counts", &raw); err != nil {
		return nil, err
	}
	out := make(map[int64]int, len(raw))
	for k, n := range raw {
		id, err := strconv.ParseInt(k, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("fake /control/counts: chat id %q: %w", k, err)
		}
		out[id] = n
	}
	return out, nil
}

// messages reads GET /control/messages?chat_id=N.
func (f *fakeAPI) messages(ctx context.Context, chat int64) ([]telegramtest.Message, error) {
	var msgs []telegramtest.Message
	err := f.get(ctx, "/control/messages?chat_id="+strconv.FormatInt(chat, 10), &msgs)
	return msgs, err
}
