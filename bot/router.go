package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// handlerShards is how many updates are handled at once. Updates of one chat
// always go to the same shard, so a chat's commands are answered in order.
const handlerShards = 4

// shardQueue bounds the updates waiting in one shard; a full queue makes the
// poll loop (or Telegram's webhook calls) wait.
const shardQueue = 64

// update is one decoded update with what tgbotapi 5.5's types cannot hold.
type update struct {
	tgbotapi.Update
	// thread is the forum topic the message was written in (or, for a
	// button, the topic of the message it is on); 0 outside forum topics.
	thread int
	// origin is the channel a message was forwarded from, nil for any
	// other message.
	origin *tgbotapi.Chat
}

// rawMessage is the part of a message tgbotapi 5.5 predates.
type rawMessage struct {
	ThreadID int  `json:"message_thread_id"`
	IsTopic  bool `json:"is_topic_message"`
	Chat     struct {
		IsForum bool `json:"is_forum"`
	} `json:"chat"`
	// ForwardOrigin replaced forward_from_chat in Bot API 7.0; a post
	// forwarded from a channel has type "channel" and the channel as chat.
	ForwardOrigin *struct {
		Type string         `json:"type"`
		Chat *tgbotapi.Chat `json:"chat"`
	} `json:"forward_origin"`
}

// forwardedFrom is the channel the message was forwarded from: its
// forward_origin, else the older forward_from_chat (which tgbotapi reads);
// nil when it is no post forwarded from a channel.
func (m *rawMessage) forwardedFrom(legacy *tgbotapi.Message) *tgbotapi.Chat {
	if o := m.ForwardOrigin; o != nil && o.Type == "channel" && o.Chat != nil {
		return o.Chat
	}
	if legacy != nil && legacy.ForwardFromChat != nil && legacy.ForwardFromChat.IsChannel() {
		return legacy.ForwardFromChat
	}
	return nil
}

// forumThread is the message's topic. In ordinary supergroups a reply also
// carries message_thread_id (the reply thread), which is no place to send
// briefs to: only forum messages count.
func (m *rawMessage) forumThread() int {
	if m == nil || !(m.IsTopic || m.Chat.IsForum) {
		return 0
	}
	return m.ThreadID
}

// decodeUpdate decodes one update. The id is returned even when the rest of
// the update does not decode, so the offset can move past it.
func decodeUpdate(raw json.RawMessage) (*update, int, error) {
	var head struct {
		UpdateID      int         `json:"update_id"`
		Message       *rawMessage `json:"message"`
		CallbackQuery *struct {
			Message *rawMessage `json:"message"`
		} `json:"callback_query"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return nil, -1, fmt.Errorf("decode update id: %w", err)
	}
	u := &update{}
	if err := json.Unmarshal(raw, &u.Update); err != nil {
		return nil, head.UpdateID, fmt.Errorf("decode update %d: %w", head.UpdateID, err)
	}
	switch {
	case head.Message != nil:
		u.thread = head.Message.forumThread()
		u.origin = head.Message.forwardedFrom(u.Message)
	case head.CallbackQuery != nil:
		u.thread = head.CallbackQuery.Message.forumThread()
	}
	return u, head.UpdateID, nil
}

// router hands updates to the handler shards. The poll loop and the webhook
// handler both feed it, so both modes behave alike.
type router struct {
	b      *Bot
	shards []chan *update
	wg     sync.WaitGroup

	mu     sync.RWMutex // held for reading while queueing, for writing by stop
	closed bool

	cancel context.CancelFunc
}

// startRouter starts the shards and publishes the router for the webhook
// handler. Handlers run on a context detached from ctx: an update already
// confirmed to Telegram would otherwise be lost at shutdown; stop bounds them.
func (b *Bot) startRouter(ctx context.Context) *router {
	hctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	r := &router{b: b, shards: make([]chan *update, handlerShards), cancel: cancel}
	for i := range r.shards {
		ch := make(chan *update, shardQueue)
		r.shards[i] = ch
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			for u := range ch {
				b.handleSafely(hctx, u)
			}
		}()
	}
	b.router.Store(r)
	return r
}

// route queues u on its chat's shard; false when ctx ended or the router
// stopped first.
func (r *router) route(ctx context.Context, u *update) bool {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if r.closed {
		return false
	}
	id := updateChatID(u.Update)
	if id < 0 {
		id = -id
	}
	select {
	case r.shards[id%handlerShards] <- u:
		return true
	case <-ctx.Done():
		return false
	}
}

// stop lets queued updates be handled (for up to 10 s) and returns when the
// shards are done.
func (r *router) stop() {
	r.b.router.CompareAndSwap(r, nil)
	r.mu.Lock()
	if !r.closed {
		r.closed = true
		for _, ch := range r.shards {
			close(ch)
		}
	}
	r.mu.Unlock()
	t := time.AfterFunc(10*time.Second, r.cancel)
	r.wg.Wait()
	t.Stop()
	r.cancel()
}
