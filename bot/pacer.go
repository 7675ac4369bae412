package bot

import (
	"context"
	"sync"
	"time"

	"briefbot"
)

// Headroom keeps the dispatcher a little under Telegram's published limits:
// requests issued on an exact schedule reach the server with jitter, and a
// sliding-window limit counts arrivals, not departures.
const (
	globalHeadroom = 1.0
	groupHeadroom  = 1.05 // interval stretch for per-minute group limits
	privateBurst   = 2    // Telegram tolerates short bursts to one user
	slotSlack      = 20 * time.Millisecond
)

// gcra is a virtual-scheduling rate limiter (the generic cell rate
// algorithm): tat is the theoretical arrival time of the next send. It
// reserves future slots instead of refusing, so a queue never spins.
type gcra struct {
	interval time.Duration
	burst    int
	tat      time.Time
}

// reserve returns the earliest time a send may go at or after notBefore,
// and books it.
func (g *gcra) reserve(now, notBefore time.Time) time.Time {
	slot := latest(now, g.next(), notBefore)
	g.tat = latest(g.tat, slot).Add(g.interval)
	return slot
}

func latest(t time.Time, more ...time.Time) time.Time {
	for _, u := range more {
		if u.After(t) {
			t = u
		}
	}
	return t
}

// next is the earliest time the bucket allows a send, without booking it.
func (g *gcra) next() time.Time {
	return g.tat.Add(-time.Duration(g.burst-1) * g.interval)
}

// paceLimits are the rates a pacer keeps.
type paceLimits struct {
	GlobalPerSecond  float64
	PrivatePerSecond float64
	GroupPerMinute   float64
}

// pacer spaces sends to Telegram's limits: a global rate, kept at the
// server by a flight window, and a bucket per chat. It is a method set:
// callers ask it for slots and tell it of Telegram's retry_after, and never
// touch its state.
//
// Its callers today are the dispatcher's workers. Replies to commands are
// to share it, ahead of briefs: acquire is the one place where senders wait
// for a global slot, so giving replies their own queue there, served
// first, changes nothing else; book and notDue already count whatever is
// sent to a chat.
type pacer struct {
	mu          sync.Mutex
	global      gcra
	globalPause time.Time
	window      flight
	privateIv   time.Duration
	groupIv     time.Duration
	chats       map[int64]*chatPace
	// busy holds the chats whose next slot is later than the slack: when it
	// comes. It stays small (the chats sent to in the last few seconds),
	// so notDue never walks every chat of a fan-out.
	busy      map[int64]time.Time
	lastSweep time.Time
}

type chatPace struct {
	g      gcra
	paused time.Time // retry_after of this chat
}

func newPacer(l paceLimits) *pacer {
	return &pacer{
		global:    gcra{interval: time.Duration(float64(time.Second) / (l.GlobalPerSecond * globalHeadroom)), burst: 1},
		window:    flight{n: max(1, int(l.GlobalPerSecond))},
		privateIv: time.Duration(float64(time.Second) / l.PrivatePerSecond),
		groupIv:   time.Duration(float64(time.Minute) / l.GroupPerMinute * groupHeadroom),
		chats:     map[int64]*chatPace{},
		busy:      map[int64]time.Time{},
	}
}

func chatKind(d *briefbot.Delivery) briefbot.ChatType {
	if d.ChatType != "" {
		return d.ChatType
	}
	if d.ChatID > 0 {
		return briefbot.ChatPrivate
	}
	return briefbot.ChatSupergroup
}

// book takes the chat's next slot and returns it: now, or later when the
// chat's bucket is empty or Telegram paused the chat. The console has no
// limit.
func (p *pacer) book(chatID int64, kind briefbot.ChatType, now time.Time) time.Time {
	if kind == briefbot.ChatConsole {
		return now
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	cp := p.chats[chatID]
	if cp == nil {
		cp = &chatPace{g: gcra{interval: p.groupIv, burst: 1}}
		if kind == briefbot.ChatPrivate {
			cp.g = gcra{interval: p.privateIv, burst: privateBurst}
		}
		p.chats[chatID] = cp
	}
	slot := cp.g.reserve(now, cp.paused)
	p.markBusy(chatID, cp, now)
	return slot
}

// markBusy records when the chat may send again, if that is later than
// the slack allows now.
func (p *pacer) markBusy(chatID int64, cp *chatPace, now time.Time) {
	if next := latest(cp.g.next(), cp.paused); next.After(now.Add(slotSlack)) {
		p.busy[chatID] = next
	}
}

// notDue appends to dst the chats that may not send at now, and returns
// with them when the first of them may.
func (p *pacer) notDue(now time.Time, dst []int64) ([]int64, time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	var first time.Time
	cut := now.Add(slotSlack)
	for id, next := range p.busy {
		if !next.After(cut) {
			delete(p.busy, id)
			continue
		}
		dst = append(dst, id)
		if first.IsZero() || next.Before(first) {
			first = next
		}
	}
	return dst, first
}

// pauseChat holds a chat until until (Telegram's retry_after).
func (p *pacer) pauseChat(chatID int64, until time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if cp := p.chats[chatID]; cp != nil && until.After(cp.paused) {
		cp.paused = until
	}
	p.busy[chatID] = latest(p.busy[chatID], until)
}

// pauseAll holds every send until until.
func (p *pacer) pauseAll(until time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if until.After(p.globalPause) {
		p.globalPause = until
	}
}

// acquire waits for a global slot, then for room in the flight window. A
// nil error must be followed by release.
func (p *pacer) acquire(ctx context.Context, now func() time.Time) error {
	p.mu.Lock()
	slot := p.global.reserve(now(), p.globalPause)
	p.mu.Unlock()
	if !sleepCtx(ctx, slot.Sub(now())) {
		return ctx.Err()
	}
	for {
		p.mu.Lock()
		wait := p.window.acquire(now())
		p.mu.Unlock()
		if wait == 0 {
			return nil
		}
		if !sleepCtx(ctx, wait) {
			return ctx.Err()
		}
	}
}

// release ends a send admitted by acquire; sent is false when the request
// never left.
func (p *pacer) release(sent bool, now time.Time) {
	p.mu.Lock()
	p.window.release(sent, now)
	p.mu.Unlock()
}

// flight is the guard that makes the global limit hold at the server, not
// just at our clock. Telegram (and the fake) count arrivals in a sliding
// second; arrivals jitter, so an evenly spaced schedule still puts 31
// requests into some second on a busy machine. A request is counted from
// the moment it leaves until one second after its answer came back: any
// request the server saw within a second before ours is then in flight or
// answered less than a second before ours leaves, so the server never
// counts more than n. The cost is the round trip: the rate is n/(1 s + RTT).
type flight struct {
	n        int
	inflight int
	done     []time.Time // answer times within the last second, oldest first from head
	head     int
}

// acquire admits a request now (0) or says how long to wait.
func (f *flight) acquire(now time.Time) time.Duration {
	cut := now.Add(-time.Second)
	for f.head < len(f.done) && !f.done[f.head].After(cut) {
		f.head++
	}
	if f.head > len(f.done)/2 {
		// Compact now and then rather than shifting on every request.
		f.done = f.done[:copy(f.done, f.done[f.head:])]
		f.head = 0
	}
	answered := len(f.done) - f.head
	if f.inflight+answered < f.n {
		f.inflight++
		return 0
	}
	if answered > 0 {
		return max(f.done[f.head].Sub(cut), time.Millisecond)
	}
	return 2 * time.Millisecond // all in flight: an answer frees a place
}

func (f *flight) release(sent bool, now time.Time) {
	f.inflight--
	if sent {
		f.done = append(f.done, now)
	}
}

// sweep forgets chats that have been quiet for a while, so a fan-out to
// 100k chats does not keep 100k buckets.
func (p *pacer) sweep(now time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if now.Sub(p.lastSweep) < time.Minute {
		return
	}
	p.lastSweep = now
	cut := now.Add(-2 * time.Minute)
	for id, cp := range p.chats {
		if cp.g.tat.Before(cut) && cp.paused.Before(cut) {
			delete(p.chats, id)
		}
	}
}
