package bot_test

import (
	"context"
	"encoding/json"
	"log/slog"

	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"briefbot"
	"briefbot/bot"
	"briefbot/db"
	"briefbot/internal/telegramtest"
)

const token = "TEST:TOKEN"

var tokyo = mustZone("Asia/Tokyo")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.FixedZone("JST", 9*3600)
	}
	return loc
}

var topics = []briefbot.Topic{
	{Name: "world", Title: "国際", Hashtag: "国際"},
	{Name: "economy", Title: "経済", Hashtag: "経済"},
}

func openDB(tb testing.TB) (*db.DB, string) {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "briefbot.db")
	d, err := db.Open(context.Background(), path, db.Options{MaxAttempts: 5, NoLock: true, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		tb.Fatalf("open db: %v", err)
	}
	tb.Cleanup(func() { _ = d.Close() })
	return d, path
}

func newFake(tb testing.TB, opts telegramtest.Options) *telegramtest.Server {
	tb.Helper()
	opts.Token = token
	srv := telegramtest.New(opts)
	tb.Cleanup(srv.Close)
	return srv
}

func stores(d *db.DB) bot.Stores {
	return bot.Stores{Chats: d, Subs: d, Briefs: d, Search: d}
}

func newBot(tb testing.TB, apiURL string, d *db.DB, mod func(*bot.Options)) *bot.Bot {
	tb.Helper()
	opts := bot.Options{
		Token:       token,
		APIURL:      apiURL,
		Topics:      topics,
		Location:    tokyo,
		PollTimeout: time.Second,
		// The tests read the bot's English; the catalogue's own tests
		// cover the other languages.
		DefaultLanguage: "en",
	}
	if mod != nil {
		mod(&opts)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	b, err := bot.New(ctx, opts, stores(d))
	if err != nil {
		tb.Fatalf("bot.New: %v", err)
	}
	// Replies are paced at Telegram's limits; the fakes here enforce none
	// (TestReplyStorm, with a Dispatcher's limits, checks the pacing).
	b.SetPaceLimits(1000, 1000, 60000)
	return b
}

// runBot starts the poll loop and stops it at the end of the test.
func runBot(t *testing.T, b *bot.Bot) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Error("Run did not return after cancel")
		}
	})
}

// waitMessages waits for n accepted messages to chatID.
func waitMessages(t *testing.T, srv *telegramtest.Server, chatID int64, n int) []telegramtest.Message {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	ms, err := srv.WaitMessages(ctx, chatID, n)
	if err != nil {
		t.Fatalf("wait for %d messages to %d: %v (have %d)", n, chatID, err, len(srv.Messages(chatID)))
	}
	return ms
}

// eventually polls cond until it holds or the test times out.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// seedBrief stores a story with one item and its brief.
func seedBrief(t testing.TB, d *db.DB, headline, html, text string, published time.Time, topic string) *briefbot.Brief {
	t.Helper()
	ctx := context.Background()
	url := "https://www3.nhk.or.jp/news/html/" + published.Format("20060102150405") + ".html"
	s := &briefbot.Story{Language: "ja", Topics: []string{topic}, FirstPublished: published,
		FirstSeen: published, LastSeen: published,
		Items: []briefbot.Item{{FeedName: "d1021", Outlet: "NHK", URL: url, Title: headline, Text: text,
			Language: "ja", Topics: []string{topic}, Published: published, FetchedAt: published, Deliver: true}}}
	if err := d.SaveStory(ctx, s); err != nil {
		t.Fatalf("save story: %v", err)
	}
	b := &briefbot.Brief{StoryID: s.ID, Headline: headline, HTML: html, Language: "ja", Published: published,
		Topics: []string{topic}, Sources: []briefbot.Source{{Outlet: "NHK", URL: url}}}
	if err := d.SaveBrief(ctx, b); err != nil {
		t.Fatalf("save brief: %v", err)
	}
	return b
}

// keyboardData returns every callback_data of a message's inline keyboard.
func keyboardData(t *testing.T, m telegramtest.Message) []string {
	t.Helper()
	if len(m.ReplyMarkup) == 0 {
		return nil
	}
	var kb struct {
		Rows [][]struct {
			Data string `json:"callback_data"`
		} `json:"inline_keyboard"`
	}
	if err := json.Unmarshal(m.ReplyMarkup, &kb); err != nil {
		t.Fatalf("reply markup %s: %v", m.ReplyMarkup, err)
	}
	var out []string
	for _, r := range kb.Rows {
		for _, b := range r {
			out = append(out, b.Data)
		}
	}
	return out
}

func hasSub(t *testing.T, d *db.DB, chatID int64, topic string) bool {
	t.Helper()
	subs, err := d.Subscriptions(context.Background(), chatID)
	if err != nil {
		t.Fatalf("subscriptions: %v", err)
	}
	for _, s := range subs {
		if s.Topic == topic {
			return true
		}
	}
	return false
}

func chatActive(t *testing.T, d *db.DB, id int64) bool {
	t.Helper()
	c, err := d.Chat(context.Background(), id)
	if briefbot.ErrorCode(err) == briefbot.ENOTFOUND {
		return false
	} else if err != nil {
		t.Fatalf("chat %d: %v", id, err)
	}
	return c.Active
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// recorder is a console-like Sender.
type recorder struct {
	mu   sync.Mutex
	msgs []briefbot.OutMessage
}

func (r *recorder) Send(_ context.Context, m briefbot.OutMessage) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.msgs = append(r.msgs, m)
	return len(r.msgs), nil
}

func (r *recorder) count() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.msgs)
}
