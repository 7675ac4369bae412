package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// handlerShards is how many updates are handled at once. Updates of one chat
// always go to the same shard, so a chat's commands are answered in order.
const handlerShards = 4

// handlerTimeout bounds one update's handling.
const handlerTimeout = 30 * time.Second

// allowedUpdates is what the bot asks Telegram for.
var allowedUpdates = []string{"message", "callback_query", "my_chat_member"}

// Run registers the command menu and polls updates until ctx is done.
// Updates already received are handled before it returns.
func (b *Bot) Run(ctx context.Context) error {
	if err := b.setCommands(ctx); err != nil && ctx.Err() == nil {
		b.log.Warn("set my commands", "err", err)
	}
	var wg sync.WaitGroup
	shards := make([]chan tgbotapi.Update, handlerShards)
	// Handlers outlive the poll loop by a little: an update whose offset was
	// already confirmed would otherwise be lost at shutdown.
	hctx, hcancel := context.WithCancel(context.WithoutCancel(ctx))
	defer hcancel()
	for i := range shards {
		shards[i] = make(chan tgbotapi.Update, 64)
		wg.Add(1)
		go func(ch <-chan tgbotapi.Update) {
			defer wg.Done()
			for u := range ch {
				b.handleSafely(hctx, u)
			}
		}(shards[i])
	}
	err := b.poll(ctx, func(u tgbotapi.Update) {
		id := updateChatID(u)
		if id < 0 {
			id = -id
		}
		select {
		case shards[id%handlerShards] <- u:
		case <-ctx.Done():
		}
	})
	for _, ch := range shards {
		close(ch)
	}
	stop := time.AfterFunc(10*time.Second, hcancel)
	wg.Wait()
	stop.Stop()
	return err
}

// poll is the getUpdates loop. tgbotapi's GetUpdatesChan cannot be used: it
// ignores contexts and retry_after and stalls forever on one update it
// cannot decode.
func (b *Bot) poll(ctx context.Context, deliver func(tgbotapi.Update)) error {
	offset := 0
	failures := 0
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
				continue
			}
			deliver(u)
		}
	}
	return nil
}

// decodeUpdate decodes one update. The id is returned even when the rest of
// the update does not decode, so the offset can move past it.
func decodeUpdate(raw json.RawMessage) (tgbotapi.Update, int, error) {
	var head struct {
		UpdateID int `json:"update_id"`
	}
	var u tgbotapi.Update
	if err := json.Unmarshal(raw, &head); err != nil {
		return u, -1, fmt.Errorf("decode update id: %w", err)
	}
	if err := json.Unmarshal(raw, &u); err != nil {
		return u, head.UpdateID, fmt.Errorf("decode update %d: %w", head.UpdateID, err)
	}
	return u, head.UpdateID, nil
}

func updateChatID(u tgbotapi.Update) int64 {
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		return u.Message.Chat.ID
	case u.CallbackQuery != nil && u.CallbackQuery.Message != nil && u.CallbackQuery.Message.Chat != nil:
		return u.CallbackQuery.Message.Chat.ID
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID
	}
	return 0
}

// handleSafely handles one update; a panic is logged and the bot goes on.
func (b *Bot) handleSafely(ctx context.Context, u tgbotapi.Update) {
	defer func() {
		if r := recover(); r != nil {
			b.log.Error("handler panic", "update_id", u.UpdateID, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
		}
	}()
	ctx, cancel := context.WithTimeout(ctx, handlerTimeout)
	defer cancel()
	if err := b.handle(ctx, u); err != nil {
		b.log.Warn("handle update", "update_id", u.UpdateID, "err", err)
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
