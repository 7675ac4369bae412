package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"briefbot"
	"briefbot/internal/telegramtest"
)

func TestAdminAddFeedRefusesPrivateAddress(t *testing.T) {
	feeds := newFeedServer(t) // listens on 127.0.0.1
	a, path, _ := newTestApp(t, adminConfig(feeds.srv.URL, false, "", ""))
	before, _ := os.ReadFile(path)

	_, err := a.admin.AddFeed(context.Background(), feeds.srv.URL+"/other", "world", "")
	if briefbot.ErrorCode(err) != briefbot.EINVALID || !strings.Contains(briefbot.ErrorMessage(err), "private") ||
		!strings.Contains(briefbot.ErrorMessage(err), "fetch.allow_private_addresses: true") {
		t.Fatalf("AddFeed(127.0.0.1) = %v, want EINVALID about a private address naming the key", err)
	}
	if e := briefbot.AsError(err); e.Key != "admin.error.private_address" {
		t.Errorf("refusal key %q", e.Key)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Errorf("a refused /addfeed changed the config file")
	}
	if got := jobNames(a); !slices.Equal(got, []string{"test"}) {
		t.Errorf("feed jobs = %v, want [test]", got)
	}
}

func TestAdminAddAndDeleteFeed(t *testing.T) {
	feeds := newFeedServer(t)
	feeds.add("a-1", "停戦協議", "<p>本文です。</p>", time.Now().Add(-time.Minute))
	a, path, _ := newTestApp(t, adminConfig(feeds.srv.URL, true, "", ""))
	ctx := context.Background()

	refusals := []struct {
		url, topic, code string
	}{
		{feeds.srv.URL + "/x", "sports", briefbot.EINVALID},
		{"ftp://example.com/feed", "world", briefbot.EINVALID},
		{feeds.srv.URL, "world", briefbot.ECONFLICT}, // already the "test" feed
	}
	for _, r := range refusals {
		if _, err := a.admin.AddFeed(ctx, r.url, r.topic, ""); briefbot.ErrorCode(err) != r.code {
			t.Errorf("AddFeed(%s, %s) = %v, want code %s", r.url, r.topic, err, r.code)
		}
	}

	// The feed is named after its own title, テスト通信, not its host.
	name, err := a.admin.AddFeed(ctx, feeds.srv.URL+"/b", "economy", "")
	if err != nil {
		t.Fatalf("AddFeed: %v", err)
	}
	if name != "テスト通信" {
		t.Errorf("name = %q, want テスト通信", name)
	}
	name2, err := a.admin.AddFeed(ctx, feeds.srv.URL+"/c", "economy", "")
	if err != nil || name2 != "テスト通信-2" {
		t.Errorf("second AddFeed = %q, %v; want テスト通信-2", name2, err)
	}
	// A name given is taken as it is, once.
	if got, err := a.admin.AddFeed(ctx, feeds.srv.URL+"/d", "economy", name); briefbot.ErrorCode(err) != briefbot.ECONFLICT {
		t.Errorf("AddFeed under a taken name = %q, %v; want ECONFLICT", got, err)
	}
	if got, err := a.admin.AddFeed(ctx, feeds.srv.URL+"/e", "economy", "two words"); briefbot.ErrorCode(err) != briefbot.EINVALID {
		t.Errorf("AddFeed under a name with a space = %q, %v; want EINVALID", got, err)
	}
	if got := jobNames(a); !slices.Equal(got, []string{"test", name, name2}) {
		t.Errorf("feed jobs = %v", got)
	}
	data, _ := os.ReadFile(path)
	if !strings.Contains(string(data), "# the test server") || !strings.Contains(string(data), "url: "+feeds.srv.URL+"/b") {
		t.Errorf("config file after /addfeed:\n%s", data)
	}
	// The new feed is fetched at once, not at its first cron tick.
	a.bg.wait()
	if st, err := a.store.FeedState(ctx, name); err != nil || st.LastSuccessAt.IsZero() {
		t.Errorf("the added feed was not fetched: %+v %v", st, err)
	}

	list, err := a.admin.Feeds(ctx)
	if err != nil || len(list) != 3 {
		t.Fatalf("Feeds = %d, %v", len(list), err)
	}
	for _, f := range list {
		if f.NextRun.IsZero() || f.Schedule == "" {
			t.Errorf("feed %s lacks its schedule: %+v", f.Name, f)
		}
	}

	if err := a.admin.DelFeed(ctx, name); err != nil {
		t.Fatalf("DelFeed: %v", err)
	}
	if err := a.admin.DelFeed(ctx, name); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Errorf("second DelFeed = %v, want ENOTFOUND", err)
	}
	if got := jobNames(a); !slices.Equal(got, []string{"test", name2}) {
		t.Errorf("feed jobs after /delfeed = %v", got)
	}
}

func TestAdminResumeFeed(t *testing.T) {
	feeds := newFeedServer(t)
	a, _, _ := newTestApp(t, adminConfig(feeds.srv.URL, true, "", ""))
	ctx := context.Background()
	if err := a.store.SaveFeedState(ctx, &briefbot.FeedState{Name: "test", URL: feeds.srv.URL, Paused: true, Failures: 10, LastError: "status 500"}); err != nil {
		t.Fatal(err)
	}
	if err := a.admin.ResumeFeed(ctx, "nope"); briefbot.ErrorCode(err) != briefbot.ENOTFOUND {
		t.Errorf("ResumeFeed(nope) = %v, want ENOTFOUND", err)
	}
	if err := a.admin.ResumeFeed(ctx, "test"); err != nil {
		t.Fatalf("ResumeFeed: %v", err)
	}
	a.bg.wait()
	st, err := a.store.FeedState(ctx, "test")
	if err != nil || st.Paused || st.Failures != 0 || st.LastSuccessAt.IsZero() {
		t.Errorf("state after resume = %+v, %v; want unpaused and fetched", st, err)
	}
}

func TestAdminStats(t *testing.T) {
	feeds := newFeedServer(t)
	a, _, _ := newTestApp(t, adminConfig(feeds.srv.URL, true, "", ""))
	st, err := a.admin.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// Console mode: one chat, subscribed to both topics; nothing sent yet.
	if st.GlobalPerSecond != 30 || st.Chats != 1 || st.ActiveChats != 1 || st.Subscriptions != 2 ||
		st.Subscribers != 1 || st.SentLast24h != 0 || st.Deliveries == nil {
		t.Errorf("Stats = %+v", st)
	}
}

func TestFeedSlug(t *testing.T) {
	tests := []struct{ title, url, want string }{
		{"Reuters: World News", "https://x.example.com/", "reuters-world-news"},
		{"NHKニュース 国際", "https://www3.nhk.or.jp/rss/cat6.xml", "nhkニュース-国際"},
		{"テスト通信", "https://www.news.example.jp/feed", "テスト通信"},
		{"ＮＨＫ　ＷＯＲＬＤ", "https://www3.nhk.or.jp/", "nhk-world"},
		{"Новости дня — ТАСС", "https://tass.ru/rss/v2.xml", "novosti-dnya-tass"},
		{"«»", "https://127.0.0.1:1200/rsshub", "127-0-0-1"},
		{"", "https://d1021.hatenadiary.jp/feed", "d1021-hatenadiary-jp"},
		{"a", "https://[::1]:8080/", "1"},
		{strings.Repeat("long title ", 10), "https://x/", "long-title-long-title-long-title"},
	}
	for _, tt := range tests {
		if got := feedSlug(tt.title, tt.url); got != tt.want {
			t.Errorf("feedSlug(%q, %q) = %q, want %q", tt.title, tt.url, got, tt.want)
		}
	}
	taken := map[string]bool{"a": true, "a-2": true}
	if got := uniqueName("a", taken); got != "a-3" {
		t.Errorf("uniqueName = %q, want a-3", got)
	}
}

// TestWebhookModeServesAdminCommands runs the daemon in webhook mode: it
// registers its public URL with Telegram, refuses a request without the
// secret, and answers an admin's /feeds posted to the listener.
func TestWebhookModeServesAdminCommands(t *testing.T) {
	const token = "424242:WEBHOOK-TOKEN"
	const admin = int64(5005)
	tg := telegramtest.New(telegramtest.Options{Token: token})
	t.Cleanup(tg.Close)
	tg.AddChat(admin, "private", "admin")
	feeds := newFeedServer(t)
	path := writeConfig(t, tg.URL(), feeds.srv.URL, token)
	data, _ := os.ReadFile(path)
	extra := fmt.Sprintf("admins: [%d]\n", admin)
	text := strings.Replace(string(data), "  api_url:", "  webhook: {listen: \"127.0.0.1:0\", public_url: \"https://bot.example.org/hook\", secret_token: s3cret}\n  api_url:", 1) + extra
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, err := loadConfig(path)
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	a, err := newApp(ctx, cfg, newLogger(cfg.Log, token, &logs), io.Discard)
	if err != nil {
		t.Fatalf("newApp: %v", err)
	}
	runCtx, stop := context.WithCancel(ctx)
	done := make(chan error, 1)
	go func() { done <- a.run(runCtx, false) }()
	defer func() {
		stop()
		if err := <-done; err != nil {
			t.Errorf("run: %v", err)
		}
	}()

	var addr string
	for addr == "" {
		select {
		case <-ctx.Done():
			t.Fatal("the webhook listener never started")
		case <-time.After(20 * time.Millisecond):
		}
		addr, _ = a.webhookAddr.Load().(string)
	}
	update := fmt.Sprintf(`{"update_id":1,"message":{"message_id":1,"from":{"id":%d,"is_bot":false,"first_name":"A"},"chat":{"id":%d,"type":"private"},"date":%d,"text":"/feeds","entities":[{"type":"bot_command","offset":0,"length":6}]}}`,
		admin, admin, time.Now().Unix())
	post := func(secret string) int {
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, "http://"+addr+"/hook", strings.NewReader(update))
		req.Header.Set("Content-Type", "application/json")
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if code := post("wrong"); code != http.StatusUnauthorized {
		t.Errorf("webhook without the secret answered %d, want 401", code)
	}
	if code := post("s3cret"); code != http.StatusOK {
		t.Fatalf("webhook answered %d, want 200", code)
	}
	msgs, err := tg.WaitMessages(ctx, admin, 1)
	if err != nil {
		t.Fatalf("no reply to /feeds: %v", err)
	}
	if !strings.Contains(msgs[0].Text, "test") {
		t.Errorf("/feeds reply does not list the feed: %q", msgs[0].Text)
	}
	if strings.Contains(logs.String(), token) {
		t.Errorf("the token appears in the logs")
	}
}

func TestMetricsEndpoint(t *testing.T) {
	feeds := newFeedServer(t)
	a, _, _ := newTestApp(t, adminConfig(feeds.srv.URL, true, "", ""))
	if err := a.sched.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	a.metrics.Sent(briefbot.ChatGroup, 300*time.Millisecond)
	a.metrics.SendError(briefbot.SendRateLimited)
	a.metrics.Update("message")
	h := newHealthServer("127.0.0.1:0", a.store, a.log, a.metrics.collectors()...)
	rec := httptest.NewRecorder()
	h.srv.Handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	body := rec.Body.String()
	for _, want := range []string{
		`briefbot_sends_total{chat_type="group"} 1`,
		`briefbot_send_errors_total{kind="rate_limited"} 1`,
		`briefbot_send_rate_limited_total 1`,
		`briefbot_send_duration_seconds_count 1`,
		`briefbot_updates_total{kind="message"} 1`,
		`briefbot_fetches_total{result="ok"} 1`,
		`briefbot_fetch_duration_seconds_count 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
