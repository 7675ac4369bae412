package bot

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"briefbot"
	"briefbot/internal/tgtext"
)

// replyMaxAge is how long a reply may wait for its turn. Whoever sent the
// command a minute ago has stopped waiting for the answer, and sending it
// now would take a slot from answers still awaited.
const replyMaxAge = time.Minute

// replyRetryBase is the first backoff after a transient error; it doubles
// per attempt, up to 16 s, within the reply's minute.
const replyRetryBase = time.Second

// reply is one answer to a command or a button: a sendMessage or an
// editMessageText call.
type reply struct {
	method   string
	chatID   int64
	params   tgbotapi.Params
	queued   time.Time
	attempts int // failed sends, for the backoff
}

// apiCall makes one Bot API request.
type apiCall func(ctx context.Context, method string, p tgbotapi.Params) error

// replyQueue sends the bot's replies: paced with the briefs but ahead of
// them, retried on flood control (after retry_after) and on transient
// errors, in the order they were queued per chat. A chat's replies are sent
// one at a time by a goroutine that ends when the chat has none left, so a
// chat waiting for its slot holds up no other chat and no handler.
//
// The queue lives in memory: what it holds when the process is killed is
// lost. A reply that waited a minute is dropped, and so is one Telegram
// refuses for good; each is logged with its chat id, never its text.
type replyQueue struct {
	pace      *pacer
	call      apiCall
	log       *slog.Logger
	maxAge    time.Duration // replyMaxAge but in tests
	retryBase time.Duration // replyRetryBase but in tests

	mu    sync.Mutex
	chats map[int64]*chatReplies
	idle  chan struct{} // closed whenever chats is empty
	gen   *replyGen
}

// chatReplies are the replies waiting for one chat, the first being sent.
type chatReplies struct {
	waiting []*reply
	tk      *ticket // the first one's place in the pacer
}

// replyGen is the goroutines started since the last flush that gave up:
// that flush cancels their context and waits for them.
type replyGen struct {
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup
}

var (
	// errShutdown ends the replies a flush gave up on.
	errShutdown = errors.New("shutting down")
	errTooOld   = errors.New("waited a minute")
)

func newReplyGen() *replyGen {
	ctx, cancel := context.WithCancelCause(context.Background())
	return &replyGen{ctx: ctx, cancel: func() { cancel(errShutdown) }}
}

func newReplyQueue(pace *pacer, call apiCall, log *slog.Logger) *replyQueue {
	idle := make(chan struct{})
	close(idle)
	return &replyQueue{pace: pace, call: call, log: log, maxAge: replyMaxAge, retryBase: replyRetryBase,
		chats: map[int64]*chatReplies{}, idle: idle, gen: newReplyGen()}
}

// add queues r behind the chat's other replies.
func (q *replyQueue) add(r *reply) {
	r.queued = time.Now()
	q.mu.Lock()
	defer q.mu.Unlock()
	if len(q.chats) == 0 {
		q.idle = make(chan struct{})
	}
	q.pace.holdForReply(r.chatID)
	cr := q.chats[r.chatID]
	if cr == nil {
		cr = &chatReplies{}
		q.chats[r.chatID] = cr
		g := q.gen
		g.wg.Go(func() { q.work(g.ctx, r.chatID, cr) })
	}
	cr.waiting = append(cr.waiting, r)
	if cr.tk != nil {
		q.pace.rerank(cr.tk, q.rank(r.chatID, cr.waiting))
	}
}

// work sends the chat's replies until it has none left.
func (q *replyQueue) work(ctx context.Context, chatID int64, cr *chatReplies) {
	for {
		q.mu.Lock()
		if len(cr.waiting) == 0 {
			delete(q.chats, chatID)
			if len(q.chats) == 0 {
				close(q.idle)
			}
			q.mu.Unlock()
			return
		}
		r := cr.waiting[0]
		cr.tk = &ticket{lane: laneReply, rank: q.rank(chatID, cr.waiting)}
		tk := cr.tk
		q.mu.Unlock()
		q.deliver(ctx, r, tk)
		q.mu.Lock()
		cr.waiting, cr.tk = cr.waiting[1:], nil
		q.mu.Unlock()
		q.pace.replySent(chatID)
	}
}

// replyKind is how a reply's chat is paced: users have positive ids,
// groups and channels negative ones.
func replyKind(chatID int64) briefbot.ChatType {
	if chatID > 0 {
		return briefbot.ChatPrivate
	}
	return briefbot.ChatSupergroup
}

// rank is the deadline by which the first of a chat's waiting replies
// should go: when it was queued, or earlier when the chat has more replies
// waiting than its pacing sends in the time between them. Served earliest
// rank first, one chat with ten commands is answered at its own pace from
// the start, while the answers to a storm of other chats fill the slots
// between, and each chat's last answer comes about as soon as the limits
// allow.
func (q *replyQueue) rank(chatID int64, waiting []*reply) time.Time {
	iv := q.pace.interval(replyKind(chatID))
	rank := waiting[0].queued
	for j, r := range waiting[1:] {
		if t := r.queued.Add(-time.Duration(j+1) * iv); t.Before(rank) {
			rank = t
		}
	}
	return rank
}

// deliver sends r at its chat's next slot, ahead of any brief waiting for
// a global one, and follows Telegram's answer until r is sent or dropped.
func (q *replyQueue) deliver(ctx context.Context, r *reply, tk *ticket) {
	for {
		tk.chat, tk.kind = r.chatID, replyKind(r.chatID)
		actx, cancel := context.WithDeadline(ctx, r.queued.Add(q.maxAge))
		err := q.pace.acquire(actx, time.Now, tk)
		cancel()
		if err != nil {
			q.drop(r, cmp.Or(context.Cause(ctx), errTooOld).Error())
			return
		}
		sctx, cancel := context.WithTimeout(ctx, sendTimeout)
		err = q.call(sctx, r.method, r.params)
		cancel()
		q.pace.release(true, time.Now())
		if err == nil || !q.retry(ctx, r, classify(err)) {
			return
		}
	}
}

// retry applies Telegram's error policy to a reply that failed with se; it
// reports whether to send r again (it waited for that already).
func (q *replyQueue) retry(ctx context.Context, r *reply, se *briefbot.SendError) bool {
	log := q.log.With("chat_id", r.chatID, "method", r.method)
	r.attempts++
	switch se.Kind {
	case briefbot.SendRateLimited:
		retry := max(se.RetryAfter, time.Second)
		now := time.Now()
		log.Info("flood control on a reply", "retry_after", retry)
		if q.pace.floodControl(r.chatID, now.Add(retry), now) {
			log.Warn("flood control on several chats: pausing all sends", "retry_after", retry)
		}
		return true // acquire waits out the pause, or r's minute ends first
	case briefbot.SendTransient:
		wait := backoff(r.attempts, q.retryBase, 16*q.retryBase)
		if time.Now().Add(wait).After(r.queued.Add(q.maxAge)) {
			q.drop(r, errTooOld.Error()+": "+se.Error())
			return false
		}
		log.Warn("reply failed, will retry", "err", se.Error(), "attempts", r.attempts, "retry_in", wait)
		if !sleepCtx(ctx, wait) {
			q.drop(r, context.Cause(ctx).Error())
			return false
		}
		return true
	case briefbot.SendMigrated:
		log.Info("reply to a migrated chat: sending it there", "to", se.MigrateTo)
		r.chatID = se.MigrateTo
		r.params.AddNonZero64("chat_id", se.MigrateTo)
		return true
	case briefbot.SendBadMarkup:
		if r.params["parse_mode"] == "" {
			break
		}
		log.Error("telegram refused a reply's markup: sending plain text", "err", se.Description)
		r.params["text"] = tgtext.PlainText(r.params["text"])
		delete(r.params, "parse_mode")
		return true
	}
	if r.method == "editMessageText" && strings.Contains(se.Description, "message is not modified") {
		return false // the message already reads so: a second tap on a button
	}
	q.drop(r, se.Error())
	return false
}

// drop logs a reply given up; its text stays out of the log.
func (q *replyQueue) drop(r *reply, why string) {
	q.log.Warn("reply dropped", "chat_id", r.chatID, "method", r.method,
		"age", time.Since(r.queued).Round(time.Millisecond), "attempts", r.attempts, "reason", why)
}

// flush waits until every reply queued is sent or dropped, or until ctx
// ends; then it drops what is left, each with a log line, and returns once
// the goroutines sending them have ended. Replies queued later are sent as
// usual.
func (q *replyQueue) flush(ctx context.Context) {
	q.mu.Lock()
	idle := q.idle
	q.mu.Unlock()
	select {
	case <-idle:
		return
	case <-ctx.Done():
	}
	q.mu.Lock()
	g := q.gen
	q.gen = newReplyGen()
	q.mu.Unlock()
	g.cancel()
	g.wg.Wait()
}
