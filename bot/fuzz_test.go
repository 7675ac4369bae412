package bot_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"briefbot/bot"
	"briefbot/internal/telegramtest"
)

// FuzzWebhookHandler feeds arbitrary bodies to an authenticated webhook:
// the handler never panics and answers 400 for what is not an update. No
// RunWebhook is running, so a decodable update gets 503 (retry later).
func FuzzWebhookHandler(f *testing.F) {
	for _, s := range []string{
		helpUpdate(1, 5),
		`{"update_id":7}`,
		`{"update_id":"x"}`,
		`{"update_id":8,"message":{"message_id":"nope"}}`,
		`{"update_id":9,"message":{"message_thread_id":3,"is_topic_message":true,"chat":{"id":-5,"type":"supergroup","is_forum":true}}}`,
		`{"update_id":10,"callback_query":{"id":"1","message":null}}`,
		`[]`, `null`, ``, `{"update_id":`,
	} {
		f.Add(s)
	}
	d, _ := openDB(f)
	srv := newFake(f, telegramtest.Options{})
	b := newBot(f, srv.URL(), d, nil)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.RunWebhook(ctx) }()
	f.Cleanup(func() { cancel(); <-done })
	h := b.WebhookHandler("secret")
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest(http.MethodPost, "/tg", strings.NewReader(body))
		req.Header.Set(bot.SecretHeader, "secret")
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		// Any body is either taken (200, handled like a polled update) or
		// refused as undecodable (400); never a panic or a 5xx.
		if w.Code != http.StatusOK && w.Code != http.StatusBadRequest {
			t.Errorf("status %d for %q", w.Code, body)
		}
	})
}
