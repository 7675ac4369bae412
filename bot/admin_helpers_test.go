package bot_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"briefbot"
	"briefbot/bot"
	"briefbot/internal/telegramtest"
)

// stubAdmin is an in-memory daemon behind the admin commands.
type stubAdmin struct {
	mu        sync.Mutex
	feeds     []bot.FeedStatus
	stats     *bot.AdminStats
	reloadErr error
	addErr    error
	calls     []string
	added     [][2]string
	deleted   []string
	resumed   []string
}

func (a *stubAdmin) record(call string) {
	a.calls = append(a.calls, call)
}

func (a *stubAdmin) Calls() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return slices.Clone(a.calls)
}

func (a *stubAdmin) Feeds(context.Context) ([]bot.FeedStatus, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.record("feeds")
	return slices.Clone(a.feeds), nil
}

func (a *stubAdmin) Stats(context.Context) (*bot.AdminStats, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.record("stats")
	return a.stats, nil
}

func (a *stubAdmin) Reload(context.Context) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.record("reload")
	return a.reloadErr
}

func (a *stubAdmin) AddFeed(_ context.Context, rawURL, topic, name string) (string, error) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.record("addfeed")
	if a.addErr != nil {
		return "", a.addErr
	}
	a.added = append(a.added, [2]string{rawURL, topic})
	if name != "" {
		return name, nil
	}
	return "Example <News>", nil
}

func (a *stubAdmin) DelFeed(_ context.Context, name string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.record("delfeed")
	for i, f := range a.feeds {
		if f.Name == name {
			a.feeds = slices.Delete(a.feeds, i, i+1)
			a.deleted = append(a.deleted, name)
			return nil
		}
	}
	return briefbot.Errorf(briefbot.ENOTFOUND, "No feed named %q.", name)
}

func (a *stubAdmin) ResumeFeed(_ context.Context, name string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.record("resume")
	for i := range a.feeds {
		if a.feeds[i].Name == name {
			a.feeds[i].Paused, a.feeds[i].Failures, a.feeds[i].LastError = false, 0, ""
			a.resumed = append(a.resumed, name)
			return nil
		}
	}
	return briefbot.Errorf(briefbot.ENOTFOUND, "No feed named %q.", name)
}

// capture records the form of every Bot API request on its way to the fake.
type capture struct {
	mu   sync.Mutex
	reqs []capturedReq
}

type capturedReq struct {
	method string
	form   map[string]string
}

// wrapFake serves the fake's handler behind a recorder and returns the
// recorder and the base URL to give the bot.
func wrapFake(t *testing.T, srv *telegramtest.Server) (*capture, string) {
	t.Helper()
	c := &capture{}
	inner := srv.Handler()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err == nil {
			form := map[string]string{}
			for k, v := range r.PostForm {
				form[k] = v[0]
			}
			method := r.URL.Path[len("/bot"+token+"/"):]
			c.mu.Lock()
			c.reqs = append(c.reqs, capturedReq{method: method, form: form})
			c.mu.Unlock()
		}
		inner.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	return c, ts.URL
}

// of returns the forms of the requests for method.
func (c *capture) of(method string) []map[string]string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []map[string]string
	for _, r := range c.reqs {
		if r.method == method {
			out = append(out, r.form)
		}
	}
	return out
}

// adminEnv is a running bot with one admin (user 1) and a stub daemon.
type adminEnv struct {
	*env
	admin *stubAdmin
	cap   *capture
}

const adminID = 1

func newAdminEnv(t *testing.T, now time.Time) *adminEnv {
	t.Helper()
	d, path := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	c, url := wrapFake(t, srv)
	a := &stubAdmin{}
	b := newBot(t, url, d, func(o *bot.Options) {
		o.Admins = []int64{adminID}
		o.Admin = a
		o.Now = func() time.Time { return now }
	})
	runBot(t, b)
	return &adminEnv{env: &env{d: d, path: path, srv: srv, b: b}, admin: a, cap: c}
}

// say sends text as user in their private chat and returns the n-th reply.
func (e *adminEnv) say(t *testing.T, user int64, text string) telegramtest.Message {
	t.Helper()
	n := len(e.srv.Messages(user)) + 1
	e.srv.UserMessage(user, user, text)
	return waitMessages(t, e.srv, user, n)[n-1]
}
