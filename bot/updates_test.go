package bot_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"briefbot/bot"
	"briefbot/db"
	"briefbot/internal/telegramtest"
)

// postUpdate posts one update to a webhook with the secret and returns the
// status.
func postUpdate(t *testing.T, hook, secret, body string) int {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, hook, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set(bot.SecretHeader, secret)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// startUpdate is /start from user in a private chat: its answer differs
// from /help's, so it marks the end of a sequence.
func startUpdate(id int, user int64) string {
	return strings.Replace(strings.Replace(helpUpdate(id, user), `"/help"`, `"/start"`, 1), `"length":5`, `"length":6`, 1)
}

// checkAnswers checks that chat got n answers and the last is the
// sentinel's: one chat's updates are handled in order, so a repeat handled
// twice would have come before it.
func checkAnswers(t *testing.T, srv *telegramtest.Server, chat int64, n int) {
	t.Helper()
	ms := waitMessages(t, srv, chat, n)
	if len(ms) != n || ms[n-1].Text == ms[0].Text {
		t.Errorf("%d answers, the last %.40q; want %d, the last to /start", len(ms), ms[len(ms)-1].Text, n)
	}
}

// withUpdates uses d as the bot's update store too.
func withUpdates(d *db.DB) bot.Stores {
	st := stores(d)
	st.Updates = d
	return st
}

// TestWebhookRedeliveryHandledOnce: Telegram posts an update again when our
// 200 got lost; it is answered once, also by the next process on the same
// database.
func TestWebhookRedeliveryHandledOnce(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	const secret = "s3cret"
	b1, err := bot.New(context.Background(), bot.Options{Token: token, APIURL: srv.URL(), Topics: topics, Location: tokyo}, withUpdates(d))
	if err != nil {
		t.Fatal(err)
	}
	hook := runWebhook(t, b1, secret)
	for range 3 {
		if code := postUpdate(t, hook, secret, helpUpdate(41, 700)); code != http.StatusOK {
			t.Fatalf("status %d", code)
		}
	}
	if code := postUpdate(t, hook, secret, helpUpdate(42, 700)); code != http.StatusOK {
		t.Fatalf("status %d", code)
	}
	waitMessages(t, srv, 700, 2)

	// A restart: a new bot on the same database gets 41 and 42 again, then 43.
	b2, err := bot.New(context.Background(), bot.Options{Token: token, APIURL: srv.URL(), Topics: topics, Location: tokyo}, withUpdates(d))
	if err != nil {
		t.Fatal(err)
	}
	hook2 := runWebhook(t, b2, secret)
	// 40 is older than every update handled: skipped too.
	for _, body := range []string{helpUpdate(41, 700), helpUpdate(42, 700), helpUpdate(40, 700), startUpdate(43, 700)} {
		if code := postUpdate(t, hook2, secret, body); code != http.StatusOK {
			t.Fatalf("status %d", code)
		}
	}
	checkAnswers(t, srv, 700, 3)
}

// TestPollRedeliveryHandledOnce: a getUpdates batch Telegram serves again
// (the confirming call never came: the process stopped) is not handled
// twice, across a restart.
func TestPollRedeliveryHandledOnce(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	var mu sync.Mutex
	batches := [][]int{{51, 52}, {51, 52, 53}} // the second repeats the first: the stop came before the confirming call
	inner := srv.Handler()
	idle := make(chan struct{}) // closed at the end: an idle long poll returns
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.URL.Path, "/getUpdates") {
			inner.ServeHTTP(w, r)
			return
		}
		mu.Lock()
		var batch []int
		if len(batches) > 0 {
			batch, batches = batches[0], batches[1:]
		}
		mu.Unlock()
		if batch == nil {
			select {
			case <-r.Context().Done():
			case <-idle:
			}
			fmt.Fprint(w, `{"ok":true,"result":[]}`)
			return
		}
		var parts []string
		for _, id := range batch {
			if id == 53 {
				parts = append(parts, startUpdate(id, 800))
			} else {
				parts = append(parts, helpUpdate(id, 800))
			}
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"ok":true,"result":[%s]}`, strings.Join(parts, ","))
	}))
	t.Cleanup(ts.Close)
	t.Cleanup(func() { close(idle) })
	b, err := bot.New(context.Background(), bot.Options{Token: token, APIURL: ts.URL, Topics: topics, Location: tokyo}, withUpdates(d))
	if err != nil {
		t.Fatal(err)
	}
	runBot(t, b)
	checkAnswers(t, srv, 800, 3)
}
