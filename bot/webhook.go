package bot

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// SecretHeader is the header Telegram puts a webhook's secret_token in.
const SecretHeader = "X-Telegram-Bot-Api-Secret-Token"

// maxUpdateBytes bounds one webhook request body; a text message update is a
// few kilobytes.
const maxUpdateBytes = 1 << 20

// queueWait bounds how long a webhook request waits for room in a full shard
// before asking Telegram to retry later.
const queueWait = 5 * time.Second

// WebhookHandler serves Telegram's webhook calls: POST, one update per
// request, authenticated by the secret_token given to SetWebhook. A request
// without the right secret gets 401 and is not looked at. An update is
// queued to the same handlers as the poll loop and answered 200 at once;
// while RunWebhook is not running, or its queue stays full, the answer is
// 503 so that Telegram delivers the update again later. An empty secret
// refuses every request: an open webhook would let anyone forge updates.
func (b *Bot) WebhookHandler(secret string) http.Handler {
	if secret == "" {
		b.log.Error("webhook without a secret token: every request will be refused")
	}
	want := []byte(secret)
	refused := &sampledLog{every: time.Minute}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := []byte(r.Header.Get(SecretHeader))
		if len(want) == 0 || subtle.ConstantTimeCompare(got, want) != 1 {
			if n := refused.event(time.Now()); n > 0 {
				// A scan or a flood sends thousands: one line a minute, counted.
				b.log.Warn("webhook: requests refused for a bad secret token", "count", n, "remote_addr", r.RemoteAddr)
			}
			http.Error(w, "unauthorized", http.StatusUnauthorized)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxUpdateBytes))
		if err != nil {
			b.log.Warn("webhook: read body", "err", err)
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		u, id, err := decodeUpdate(body)
		if err != nil {
			// Telegram would send the same body again on any non-2xx, and
			// an undecodable update never decodes later: 400 is logged and
			// Telegram gives up after its retries.
			b.log.Warn("webhook: undecodable update", "update_id", id, "err", err)
			b.obs.Update("undecodable")
			http.Error(w, "bad request", http.StatusBadRequest)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), queueWait)
		defer cancel()
		rt := b.waitRouter(ctx)
		if rt == nil {
			http.Error(w, "not ready", http.StatusServiceUnavailable)
			return
		}
		if !rt.route(ctx, u) {
			b.log.Warn("webhook: update queue full", "update_id", id)
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

// SetWebhook tells Telegram to deliver updates to publicURL with secret as
// the secret token. Updates queued meanwhile are kept.
func (b *Bot) SetWebhook(ctx context.Context, publicURL, secret string) error {
	if publicURL == "" {
		return errors.New("set webhook: empty url")
	}
	allowed, err := json.Marshal(allowedUpdates)
	if err != nil {
		return fmt.Errorf("set webhook: %w", err)
	}
	p := tgbotapi.Params{"url": publicURL, "allowed_updates": string(allowed)}
	p.AddNonEmpty("secret_token", secret)
	p.AddBool("drop_pending_updates", false)
	if _, err := b.call(ctx, b.sendClient, "setWebhook", p); err != nil {
		return fmt.Errorf("set webhook: %w", err)
	}
	return nil
}

// RunWebhook is Run for webhook mode: it registers the command menus and
// handles the updates WebhookHandler receives until ctx is done, then
// finishes those already queued. The caller serves WebhookHandler and calls
// SetWebhook.
func (b *Bot) RunWebhook(ctx context.Context) error {
	// The router first: Telegram may post as soon as setWebhook returned,
	// and the menus are a slow network call that must not make it wait.
	r := b.startRouter(ctx)
	b.SetCommands(ctx)
	<-ctx.Done()
	r.stop()
	return nil
}

// waitRouter returns the running router, waiting (until ctx ends) for one
// that is starting: Telegram may post the first update the moment
// setWebhook returns, before RunWebhook's goroutine got to start routing.
func (b *Bot) waitRouter(ctx context.Context) *router {
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		if rt := b.router.Load(); rt != nil {
			return rt
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
	}
}

// sampledLog lets one line in every `every` through for a repeated event:
// event returns how many events the line stands for (those since the last
// line, this one included), or 0 when this one is only counted.
type sampledLog struct {
	every time.Duration
	mu    sync.Mutex
	last  time.Time
	n     int
}

func (l *sampledLog) event(now time.Time) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.n++
	if !l.last.IsZero() && now.Sub(l.last) < l.every {
		return 0
	}
	n := l.n
	l.last, l.n = now, 0
	return n
}
