package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime/debug"
	"strconv"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// handlerTimeout bounds one update's handling.
const handlerTimeout = 30 * time.Second

// adminTimeout bounds an admin's update: /addfeed fetches the feed and
// rewrites the config, which may take longer than a user's command.
const adminTimeout = 2 * time.Minute

// allowedUpdates is what the bot asks Telegram for.
var allowedUpdates = []string{"message", "channel_post", "callback_query", "my_chat_member"}

// Run registers the command menus and polls updates until ctx is done, or
// until another instance keeps polling with the token (ErrConflict).
// Updates already received are handled before it returns.
func (b *Bot) Run(ctx context.Context) error {
	// getUpdates is refused while a webhook is set: a daemon moved back
	// from webhook mode would otherwise poll into 409s forever.
	if _, err := b.call(ctx, b.sendClient, "deleteWebhook", tgbotapi.Params{}); err != nil && ctx.Err() == nil {
		b.log.Warn("delete webhook", "err", err)
	}
	b.SetCommands(ctx)
	r := b.startRouter(ctx)
	err := b.poll(ctx, func(u *update) { r.route(ctx, u) })
	r.stop()
	return err
}

// poll is the getUpdates loop. tgbotapi's GetUpdatesChan cannot be used: it
// ignores contexts and retry_after and stalls forever on one update it
// cannot decode.
func (b *Bot) poll(ctx context.Context, deliver func(*update)) error {
	offset := 0
	failures := 0
	watch := newConflictWatch(b.opts.ConflictConfirm)
	allowed, _ := json.Marshal(allowedUpdates)
	for ctx.Err() == nil {
		p := tgbotapi.Params{}
		p.AddNonZero("offset", offset)
		p["limit"] = "100"
		p["timeout"] = strconv.Itoa(int(b.opts.PollTimeout / time.Second))
		p["allowed_updates"] = string(allowed)
		resp, err := b.call(ctx, b.pollClient, "getUpdates", p)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			if conflict, wait, stop := b.pollConflict(watch, err); conflict {
				if stop != nil {
					return stop
				}
				if !sleepCtx(ctx, wait) {
					break
				}
				continue
			}
			failures++
			wait := backoff(failures, time.Second, 30*time.Second)
			var te *tgbotapi.Error
			if errors.As(err, &te) && te.RetryAfter > 0 {
				wait = time.Duration(te.RetryAfter) * time.Second
			}
			b.log.Warn("get updates", "err", err, "retry_in", wait)
			if !sleepCtx(ctx, wait) {
				break
			}
			continue
		}
		failures = 0
		var raws []json.RawMessage
		if err := json.Unmarshal(resp.Result, &raws); err != nil {
			b.log.Error("get updates: result is not a list", "err", err)
			if !sleepCtx(ctx, time.Second) {
				break
			}
			continue
		}
		for _, raw := range raws {
			u, id, err := decodeUpdate(raw)
			if id >= offset {
				offset = id + 1
			}
			if err != nil {
				// Skip it for good: Telegram redelivers an unconfirmed
				// update forever, and one bad update must not stop the rest.
				b.log.Warn("skip undecodable update", "update_id", id, "err", err)
				b.obs.Update("undecodable")
				continue
			}
			deliver(u)
		}
	}
	return nil
}

func updateChatID(u tgbotapi.Update) int64 {
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		return u.Message.Chat.ID
	case u.ChannelPost != nil && u.ChannelPost.Chat != nil:
		return u.ChannelPost.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil && u.CallbackQuery.Message.Chat != nil:
		return u.CallbackQuery.Message.Chat.ID
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID
	}
	return 0
}

// handleSafely handles one update once: an update handled before (Telegram
// delivers an update again when our answer to a webhook call or the
// confirming getUpdates got lost, or the process stopped first) is skipped.
// The claim is stored before handling, so a crash in between loses that
// update rather than answering it twice. A panic is logged and the bot goes
// on.
func (b *Bot) handleSafely(ctx context.Context, u *update) {
	defer func() {
		if r := recover(); r != nil {
			b.log.Error("handler panic", "update_id", u.UpdateID, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
		}
	}()
	if b.st.Updates != nil {
		fresh, err := b.st.Updates.ClaimUpdate(ctx, u.UpdateID)
		if err != nil {
			// Answering twice beats not answering: handle it.
			b.log.Warn("claim update", "update_id", u.UpdateID, "err", err)
		} else if !fresh {
			b.log.Debug("update handled before: skipped", "update_id", u.UpdateID)
			b.obs.Update("duplicate")
			return
		}
	}
	b.obs.Update(updateKind(u))
	timeout := handlerTimeout
	if from := u.SentFrom(); from != nil && b.cfg().isAdmin(from.ID) && b.opts.Admin != nil {
		timeout = adminTimeout
	}
	ctx, cancel := context.WithTimeout(withThread(ctx, u.thread), timeout)
	defer cancel()
	if err := b.handle(ctx, u); err != nil {
		b.log.Warn("handle update", "update_id", u.UpdateID, "err", err)
		b.apologize(ctx, u, err)
	}
}

// backoff is exponential with full jitter in [d/2, d).
func backoff(n int, base, max time.Duration) time.Duration {
	d := base
	for i := 1; i < n && d < max; i++ {
		d *= 2
	}
	if d > max {
		d = max
	}
	return d/2 + rand.N(d/2+1)
}

// sleepCtx sleeps for d; it reports false when ctx ended first.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
