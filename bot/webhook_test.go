package bot_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"briefbot/bot"
	"briefbot/internal/telegramtest"
)

// runWebhook runs b in webhook mode behind an httptest server and returns
// the server's URL.
func runWebhook(t *testing.T, b *bot.Bot, secret string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.RunWebhook(ctx) }()
	ts := httptest.NewServer(b.WebhookHandler(secret))
	t.Cleanup(func() {
		ts.Close()
		cancel()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			t.Error("RunWebhook did not return after cancel")
		}
	})
	return ts.URL
}

func helpUpdate(id int, user int64) string {
	return fmt.Sprintf(`{"update_id":%d,"message":{"message_id":%d,"from":{"id":%d,"is_bot":false,"first_name":"U"},`+
		`"chat":{"id":%d,"type":"private","first_name":"U"},"date":1767225600,"text":"/help",`+
		`"entities":[{"type":"bot_command","offset":0,"length":5}]}}`, id, id, user, user)
}

func TestWebhook(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	c, apiURL := wrapFake(t, srv)
	b := newBot(t, apiURL, d, nil)
	const secret = "s3cret-token_A"
	if err := b.SetWebhook(context.Background(), "https://bot.example.com/tg", secret); err != nil {
		t.Fatalf("SetWebhook: %v", err)
	}
	if f := c.of("setWebhook"); len(f) != 1 || f[0]["url"] != "https://bot.example.com/tg" || f[0]["secret_token"] != secret {
		t.Errorf("setWebhook params = %v", f)
	}
	hook := runWebhook(t, b, secret)

	cases := []struct {
		name, method, secret, body string
		status                     int
	}{
		{"no secret", http.MethodPost, "", helpUpdate(1, 500), http.StatusUnauthorized},
		{"wrong secret", http.MethodPost, "s3cret-token_B", helpUpdate(2, 501), http.StatusUnauthorized},
		{"prefix of the secret", http.MethodPost, "s3cret", helpUpdate(3, 502), http.StatusUnauthorized},
		{"GET", http.MethodGet, secret, "", http.StatusMethodNotAllowed},
		{"bad JSON", http.MethodPost, secret, `{"update_id":`, http.StatusBadRequest},
		{"good", http.MethodPost, secret, helpUpdate(4, 503), http.StatusOK},
	}
	for _, tc := range cases {
		req, err := http.NewRequest(tc.method, hook, strings.NewReader(tc.body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", "application/json")
		if tc.secret != "" {
			req.Header.Set(bot.SecretHeader, tc.secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, resp.StatusCode, tc.status)
		}
	}
	ms := waitMessages(t, srv, 503, 1)
	if !contains(ms[0].Text, "/subscribe") {
		t.Errorf("help by webhook = %q", ms[0].Text)
	}
	// The refused updates were never handled: the good one, sent last, was
	// answered and nothing else was.
	if all := srv.AllMessages(); len(all) != 1 {
		t.Errorf("%d messages sent, want only the answer to the authenticated update: %+v", len(all), all)
	}
}

func TestWebhookEmptySecretRefusesAll(t *testing.T) {
	d, _ := openDB(t)
	srv := newFake(t, telegramtest.Options{})
	b := newBot(t, srv.URL(), d, nil)
	hook := runWebhook(t, b, "")
	resp, err := http.Post(hook, "application/json", strings.NewReader(helpUpdate(1, 600)))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("status %d with no secret configured, want 401", resp.StatusCode)
	}
}
