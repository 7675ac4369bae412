package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"briefbot"
	"briefbot/internal/tgtext"
)

// DispatcherOptions configures a Dispatcher. Zero values take the defaults.
type DispatcherOptions struct {
	GlobalPerSecond  float64      // default briefbot.DefaultGlobalPerSecond (paid broadcast: up to 1000)
	PrivatePerSecond float64      // default 1
	GroupPerMinute   float64      // default 20
	Workers          int          // concurrent sends, default 8
	BatchSize        int          // rows claimed per Claim, default 50
	MaxAttempts      int          // informative; the store enforces it
	Logger           *slog.Logger // nil logs nothing
	// Now is the ledger's clock (claims, retries, marks); pacing always
	// runs on the wall clock, as Telegram counts.
	Now func() time.Time
	// Observer is told of each ledger send's outcome; nil tells nobody.
	Observer Observer

	// SendTimeout bounds one send, detached from shutdown (default 15 s).
	SendTimeout time.Duration
	// RetryBase is the first transient-error backoff; it doubles per attempt
	// up to RetryMax, with jitter (defaults 1 s and 15 min).
	RetryBase time.Duration
	RetryMax  time.Duration
	// PollInterval is the longest sleep between claims without Notify
	// (default 1 s).
	PollInterval time.Duration
	// ReplyFlush is how long Run, once stopped, waits for the replies the
	// Bot it sends through still holds; what is left then is dropped and
	// logged (default 15 s).
	ReplyFlush time.Duration
}

// minClaimGap spaces claims after one that found fewer rows than it asked
// for, so that a trickle of sends does not cost a claim transaction each.
const minClaimGap = 10 * time.Millisecond

// Dispatcher works the delivery ledger: it claims due rows, paces them
// (global, per chat), sends them and marks the outcome by Telegram's error
// policy. A chat has at most one row in flight, so its messages arrive in
// the ledger's order, and a row is claimed only when its chat may send:
// the chats with a row in flight or a later pacing slot go to Claim as
// not due, and the store holds rows back for quiet hours.
//
// A Dispatcher sending through a *Bot shares the Bot's pacing: the bot's
// replies to commands go ahead of the briefs within the same limits, and
// Run flushes them when it stops.
//
// Crash safety: a row is claimed (sending) before its HTTP call and marked
// after it. On shutdown in-flight sends finish and are marked; claimed rows
// not yet on the wire are released. After a kill -9 only the sends that were
// on the wire at that instant (at most Workers) can be sent again, when
// RecoverSending returns their rows to pending.
type Dispatcher struct {
	store  briefbot.DeliveryStore
	chats  briefbot.ChatStore
	sender briefbot.Sender
	opts   DispatcherOptions
	log    *slog.Logger
	pace   *pacer
	// replies is the queue of the Bot sent through, flushed when Run
	// stops; nil for other senders.
	replies *replyQueue

	notify chan struct{}
	freed  chan struct{} // a worker finished a row
	held   atomic.Int64  // rows claimed and not yet finished
	// capacity bounds the rows held in memory; the loop claims again once
	// refill of them are free, so that claims come in batches.
	capacity, refill int

	mu       sync.Mutex
	inflight map[int64]int // chat → rows held
	nextWake time.Time
}

// claimed is a row on its way to a worker, with its chat's slot.
type claimed struct {
	row  *briefbot.Delivery
	slot time.Time
}

// NewDispatcher returns a Dispatcher; call Run to start it.
func NewDispatcher(store briefbot.DeliveryStore, chats briefbot.ChatStore, sender briefbot.Sender, opts DispatcherOptions) *Dispatcher {
	if opts.GlobalPerSecond <= 0 {
		opts.GlobalPerSecond = briefbot.DefaultGlobalPerSecond
	}
	if opts.PrivatePerSecond <= 0 {
		opts.PrivatePerSecond = 1
	}
	if opts.GroupPerMinute <= 0 {
		opts.GroupPerMinute = 20
	}
	if opts.Workers <= 0 {
		opts.Workers = 8
	}
	if opts.BatchSize <= 0 {
		opts.BatchSize = 50
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	if opts.Observer == nil {
		opts.Observer = nopObserver{}
	}
	if opts.SendTimeout <= 0 {
		opts.SendTimeout = sendTimeout
	}
	if opts.RetryBase <= 0 {
		opts.RetryBase = time.Second
	}
	if opts.RetryMax <= 0 {
		opts.RetryMax = 15 * time.Minute
	}
	if opts.PollInterval <= 0 {
		opts.PollInterval = time.Second
	}
	if opts.ReplyFlush <= 0 {
		opts.ReplyFlush = 15 * time.Second
	}
	// Rows held in memory wait for global slots; keep that wait short (about
	// two seconds of sending) so per-chat slots booked at claim time stay
	// close to the moment the message actually leaves.
	perSecond := min(opts.BatchSize, max(1, int(opts.GlobalPerSecond)))
	limits := paceLimits{GlobalPerSecond: opts.GlobalPerSecond,
		PrivatePerSecond: opts.PrivatePerSecond, GroupPerMinute: opts.GroupPerMinute}
	var pace *pacer
	var replies *replyQueue
	if b, ok := sender.(*Bot); ok && b != nil {
		pace, replies = b.pace, b.replies
		pace.setLimits(limits)
	} else {
		pace = newPacer(limits)
	}
	return &Dispatcher{
		store:    store,
		chats:    chats,
		sender:   sender,
		opts:     opts,
		log:      opts.Logger,
		pace:     pace,
		replies:  replies,
		notify:   make(chan struct{}, 1),
		freed:    make(chan struct{}, 1),
		capacity: 2*perSecond + opts.Workers,
		refill:   perSecond,
		inflight: map[int64]int{},
	}
}

// Notify wakes the dispatcher: new rows were enqueued.
func (d *Dispatcher) Notify() {
	select {
	case d.notify <- struct{}{}:
	default:
	}
}

// Run recovers rows a crash left in sending, then claims, sends and marks
// until ctx is done. On shutdown it lets in-flight sends finish and mark
// their rows, releases the rows it claimed but did not start, gives the
// Bot's queued replies up to ReplyFlush to go out, and returns.
func (d *Dispatcher) Run(ctx context.Context) error {
	n, err := d.store.RecoverSending(ctx)
	if err != nil {
		return fmt.Errorf("recover sending: %w", err)
	}
	if n > 0 {
		d.log.Warn("recovered deliveries left sending", "count", n)
	}
	work := make(chan claimed, d.capacity)
	var wg sync.WaitGroup
	for range d.opts.Workers {
		wg.Go(func() {
			for c := range work {
				d.process(ctx, c.row, c.slot)
				d.finished(c.row.ChatID)
			}
		})
	}
	defer func() {
		close(work)
		if d.replies != nil {
			fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), d.opts.ReplyFlush)
			wg.Go(func() { d.replies.flush(fctx) })
			defer cancel()
		}
		wg.Wait()
	}()

	failures := 0
	var notDue []int64
	var lastShort time.Time // the last claim that found fewer rows than it asked for
	for ctx.Err() == nil {
		// now is the ledger's clock (Options.Now); wall paces the sends:
		// Telegram counts in real time, whatever clock the ledger keeps.
		now, wall := d.opts.Now(), time.Now()
		free := d.capacity - int(d.held.Load())
		if free < d.refill {
			// Full: a worker's finish makes room.
			select {
			case <-ctx.Done():
			case <-d.freed:
			}
			continue
		}
		if gap := minClaimGap - wall.Sub(lastShort); gap > 0 {
			sleepCtx(ctx, gap)
			continue
		}
		d.pace.sweep(wall)
		var first time.Time
		notDue, first = d.notDue(wall, notDue[:0])
		if !first.IsZero() {
			d.wakeAt(first)
		}
		limit := min(d.opts.BatchSize, free)
		rows, err := d.store.Claim(ctx, briefbot.ClaimRequest{Now: now, Limit: limit, NotDue: notDue})
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			failures++
			wait := backoff(failures, 100*time.Millisecond, 10*time.Second)
			d.log.Error("claim deliveries", "err", err, "retry_in", wait)
			sleepCtx(ctx, wait)
			continue
		}
		failures = 0
		for _, row := range rows {
			if ctx.Err() != nil {
				d.release(ctx, row, now)
				continue
			}
			slot := d.pace.book(row.ChatID, chatKind(row), wall)
			d.mu.Lock()
			d.inflight[row.ChatID]++
			d.mu.Unlock()
			d.held.Add(1)
			work <- claimed{row: row, slot: slot}
		}
		if len(rows) == limit {
			continue // more may be due right now
		}
		lastShort = wall
		d.sleep(ctx, d.opts.PollInterval)
	}
	return nil
}

// notDue lists the chats Claim must pass over: those with a row in flight
// and those whose pacing slot is later. It also returns when the first of
// the latter may send.
func (d *Dispatcher) notDue(now time.Time, dst []int64) ([]int64, time.Time) {
	d.mu.Lock()
	for id := range d.inflight {
		dst = append(dst, id)
	}
	d.mu.Unlock()
	return d.pace.notDue(now, dst)
}

// finished ends a worker's row: its chat may get the next one, and the
// claim loop may want more.
func (d *Dispatcher) finished(chatID int64) {
	d.mu.Lock()
	if d.inflight[chatID]--; d.inflight[chatID] <= 0 {
		delete(d.inflight, chatID)
	}
	d.mu.Unlock()
	d.held.Add(-1)
	select {
	case d.freed <- struct{}{}:
	default:
	}
}

// sleep waits for Notify, for a worker to finish a row, for the earliest
// known due row, or for wait.
func (d *Dispatcher) sleep(ctx context.Context, wait time.Duration) {
	d.mu.Lock()
	if !d.nextWake.IsZero() {
		if until := time.Until(d.nextWake); until < wait {
			wait = max(until, 5*time.Millisecond)
			d.nextWake = time.Time{}
		}
	}
	d.mu.Unlock()
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-d.notify:
	case <-d.freed:
	case <-t.C:
	}
}

// wall is a ledger instant (Options.Now's clock) on the wall clock that
// pacing and wake-ups run on.
func (d *Dispatcher) wall(t time.Time) time.Time { return time.Now().Add(t.Sub(d.opts.Now())) }

// wakeAt asks the claim loop to look again at t, a wall-clock instant.
func (d *Dispatcher) wakeAt(t time.Time) {
	d.mu.Lock()
	if d.nextWake.IsZero() || t.Before(d.nextWake) {
		d.nextWake = t
	}
	d.mu.Unlock()
}

// markCtx is for ledger writes that must happen even during shutdown.
func (d *Dispatcher) markCtx(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
}

func (d *Dispatcher) release(ctx context.Context, row *briefbot.Delivery, next time.Time) {
	mctx, cancel := d.markCtx(ctx)
	defer cancel()
	if err := d.store.Release(mctx, row.ID, next); err != nil {
		d.log.Error("release delivery", "delivery_id", row.ID, "err", err)
	}
	d.wakeAt(d.wall(next))
}

// process sends one claimed row at its chat's slot and records the
// outcome.
func (d *Dispatcher) process(ctx context.Context, row *briefbot.Delivery, slot time.Time) {
	paced := chatKind(row) != briefbot.ChatConsole
	if paced {
		// The slot is due within slotSlack: Claim passed over every chat
		// whose slot was later.
		sleepCtx(ctx, time.Until(slot))
		if err := d.pace.acquire(ctx, time.Now, &ticket{lane: laneBrief}); err != nil {
			d.release(ctx, row, d.opts.Now())
			return
		}
	}
	if ctx.Err() != nil {
		// Claimed but not started: back to pending, no attempt counted.
		if paced {
			d.pace.release(false, time.Now())
		}
		d.release(ctx, row, d.opts.Now())
		return
	}
	m := briefbot.OutMessage{ChatID: row.ChatID, ThreadID: row.ThreadID, Text: row.HTML, HTML: true,
		Silent: row.Silent, LinkPreviews: row.LinkPreviews}
	id, err := d.send(ctx, row, m)
	if paced {
		d.pace.release(true, time.Now())
	}
	d.settle(ctx, row, m, id, err)
}

// sendPaced is a follow-up send of a row already past its own pacing (plain
// text after bad markup, the parts of a long message): it waits for the
// global bucket even during shutdown, since the row is already in flight.
func (d *Dispatcher) sendPaced(ctx context.Context, row *briefbot.Delivery, m briefbot.OutMessage) (int, error) {
	if chatKind(row) == briefbot.ChatConsole {
		return d.send(ctx, row, m)
	}
	if err := d.pace.acquire(context.WithoutCancel(ctx), time.Now, &ticket{lane: laneBrief}); err != nil {
		return 0, err
	}
	id, err := d.send(ctx, row, m)
	d.pace.release(true, time.Now())
	return id, err
}

// send runs one HTTP call on a context detached from shutdown: a message on
// the wire is finished and marked rather than abandoned half-way.
func (d *Dispatcher) send(ctx context.Context, row *briefbot.Delivery, m briefbot.OutMessage) (int, error) {
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), d.opts.SendTimeout)
	defer cancel()
	start := time.Now()
	id, err := d.sender.Send(sctx, m)
	if err != nil {
		d.opts.Observer.SendError(asSendError(err).Kind)
	} else {
		d.opts.Observer.Sent(chatKind(row), time.Since(start))
	}
	return id, err
}

func asSendError(err error) *briefbot.SendError {
	var se *briefbot.SendError
	if errors.As(err, &se) {
		return se
	}
	return &briefbot.SendError{Kind: briefbot.SendTransient, Description: "unclassified", Err: err}
}

// settle applies Telegram's error policy to one send's outcome.
func (d *Dispatcher) settle(ctx context.Context, row *briefbot.Delivery, m briefbot.OutMessage, msgID int, err error) {
	mctx, cancel := d.markCtx(ctx)
	defer cancel()
	now := d.opts.Now()
	log := d.log.With("delivery_id", row.ID, "chat_id", m.ChatID, "brief_id", row.BriefID)
	if err == nil {
		if err := d.store.MarkSent(mctx, row.ID, msgID, now); err != nil {
			log.Error("mark sent", "err", err)
		}
		return
	}
	se := asSendError(err)
	var markErr error
	switch se.Kind {
	case briefbot.SendRateLimited:
		retry := max(se.RetryAfter, time.Second)
		until := now.Add(retry)
		log.Info("flood control", "retry_after", retry, "chat_type", chatKind(row))
		if d.pace.floodControl(m.ChatID, time.Now().Add(retry), time.Now()) {
			log.Warn("flood control on several chats: pausing all sends", "retry_after", retry)
		}
		markErr = d.store.Release(mctx, row.ID, until)
		d.wakeAt(d.wall(until))
	case briefbot.SendChatGone:
		log.Info("chat gone", "reason", se.Description)
		markErr = d.store.MarkDead(mctx, row.ID, se.Error())
		if err := d.chats.DeactivateChat(mctx, m.ChatID, se.Description); err != nil {
			log.Error("deactivate chat", "err", err)
		}
	case briefbot.SendMigrated:
		log.Info("chat migrated", "to", se.MigrateTo)
		if err := d.chats.MigrateChat(mctx, m.ChatID, se.MigrateTo); err != nil {
			log.Error("migrate chat", "err", err)
			markErr = d.store.MarkFailed(mctx, row.ID, se.Error(), now.Add(d.retryDelay(row)))
			break
		}
		// The store moved the row to the new id; claimed again, it goes there.
		markErr = d.store.Release(mctx, row.ID, now)
		d.Notify()
	case briefbot.SendBadMarkup:
		if !m.HTML {
			markErr = d.store.MarkDead(mctx, row.ID, se.Error())
			break
		}
		log.Warn("telegram refused the markup: sending plain text", "err", se.Description)
		plain := m
		plain.Text, plain.HTML = tgtext.PlainText(m.Text), false
		id, err := d.sendPaced(ctx, row, plain)
		d.settle(ctx, row, plain, id, err)
		return
	case briefbot.SendTooLong:
		d.sendSplit(ctx, row, m, log)
		return
	case briefbot.SendPermanent:
		log.Warn("delivery dead", "err", se.Error())
		markErr = d.store.MarkDead(mctx, row.ID, se.Error())
	default: // SendTransient and anything unknown
		next := now.Add(d.retryDelay(row))
		log.Warn("send failed, will retry", "err", se.Error(), "attempts", row.Attempts+1, "next_attempt_at", next)
		markErr = d.store.MarkFailed(mctx, row.ID, se.Error(), next)
		d.wakeAt(d.wall(next))
	}
	if markErr != nil {
		log.Error("mark delivery", "kind", se.Kind, "err", markErr)
	}
}

func (d *Dispatcher) retryDelay(row *briefbot.Delivery) time.Duration {
	return backoff(row.Attempts+1, d.opts.RetryBase, d.opts.RetryMax)
}

// sendSplit sends a message Telegram found too long as several parts cut at
// line and sentence boundaries; the row records the first part's id. Parts
// after the first are retried in place on flood control or transient errors,
// since resending the whole row would repeat the parts already delivered.
func (d *Dispatcher) sendSplit(ctx context.Context, row *briefbot.Delivery, m briefbot.OutMessage, log *slog.Logger) {
	mctx, cancel := d.markCtx(ctx)
	defer cancel()
	var parts []string
	if m.HTML {
		parts = tgtext.Split(m.Text, tgtext.MaxLen)
	} else {
		parts = tgtext.SplitPlain(m.Text, tgtext.MaxLen)
	}
	if len(parts) < 2 {
		if err := d.store.MarkDead(mctx, row.ID, "message is too long and cannot be split"); err != nil {
			log.Error("mark dead", "err", err)
		}
		return
	}
	log.Info("message too long: sending in parts", "parts", len(parts))
	first := 0
	for i, p := range parts {
		pm := m
		pm.Text = p
		var id int
		var err error
		for attempt := 0; attempt < 4; attempt++ {
			if i > 0 || attempt > 0 {
				d.waitChat(ctx, row)
			}
			id, err = d.sendPaced(ctx, row, pm)
			if err == nil {
				break
			}
			se := asSendError(err)
			if i == 0 || (se.Kind != briefbot.SendRateLimited && se.Kind != briefbot.SendTransient) {
				break
			}
			wait := max(se.RetryAfter, d.retryDelay(row))
			if se.Kind == briefbot.SendRateLimited {
				wait = max(se.RetryAfter, time.Second)
				d.pace.pauseChat(pm.ChatID, time.Now().Add(wait))
			}
			sleepCtx(context.WithoutCancel(ctx), wait)
		}
		if err != nil {
			if i == 0 {
				// Nothing went out: the ordinary policy decides, on the parts.
				d.settle(ctx, row, pm, 0, err)
				return
			}
			log.Error("part of a split message lost", "part", i+1, "parts", len(parts), "err", err)
			break
		}
		if i == 0 {
			first = id
		}
	}
	if err := d.store.MarkSent(mctx, row.ID, first, d.opts.Now()); err != nil {
		log.Error("mark sent", "err", err)
	}
}

// waitChat sleeps until the chat's bucket allows one more part.
func (d *Dispatcher) waitChat(ctx context.Context, row *briefbot.Delivery) {
	now := time.Now()
	slot := d.pace.book(row.ChatID, chatKind(row), now)
	sleepCtx(context.WithoutCancel(ctx), slot.Sub(now))
}
