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

// reserve returns the earliest time a send may go at or after not, and books it.
func (g *gcra) reserve(now, notBefore time.Time) time.Time {
	slot := now
	if early := g.tat.Add(-time.Duration(g.burst-1) * g.interval); early.After(slot) {
		slot = early
	}
	if notBefore.After(slot) {
		slot = notBefore
	}
	base := g.tat
	if slot.After(base) {
		base = slot
	}
	g.tat = base.Add(g.interval)
	return slot
}

type chatPace struct {
	g        gcra
	paused   time.Time           // retry_after of this chat
	reserved map[int64]time.Time // delivery id → its booked slot
}

// pacer holds the global and per-chat buckets of the dispatcher.
type pacer struct {
	mu          sync.Mutex
	global      gcra
	globalPause time.Time
	window      flight
	privateIv   time.Duration
	groupIv     time.Duration
	chats       map[int64]*chatPace
	lastSweep   time.Time
}

func newPacer(o DispatcherOptions) *pacer {
	return &pacer{
		global:    gcra{interval: time.Duration(float64(time.Second) / (o.GlobalPerSecond * globalHeadroom)), burst: 1},
		window:    flight{n: max(1, int(o.GlobalPerSecond))},
		privateIv: time.Duration(float64(time.Second) / o.PrivatePerSecond),
		groupIv:   time.Duration(float64(time.Minute) / o.GroupPerMinute * groupHeadroom),
		chats:     map[int64]*chatPace{},
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

// reserveChat books the row's slot in its chat's bucket. A row released for
// pacing keeps its booking, so coming back it neither pays twice nor loses
// its place to rows claimed after it.
func (p *pacer) reserveChat(d *briefbot.Delivery, now time.Time) time.Time {
	kind := chatKind(d)
	if kind == briefbot.ChatConsole {
		return now
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	cp := p.chats[d.ChatID]
	if cp == nil {
		cp = &chatPace{g: gcra{interval: p.groupIv, burst: 1}}
		if kind == briefbot.ChatPrivate {
			cp.g = gcra{interval: p.privateIv, burst: privateBurst}
		}
		p.chats[d.ChatID] = cp
	}
	if slot, ok := cp.reserved[d.ID]; ok {
		if !slot.After(now.Add(slotSlack)) {
			delete(cp.reserved, d.ID)
		}
		return slot
	}
	slot := cp.g.reserve(now, cp.paused)
	if slot.After(now.Add(slotSlack)) {
		if cp.reserved == nil {
			cp.reserved = map[int64]time.Time{}
		}
		cp.reserved[d.ID] = slot
	}
	return slot
}

// pauseChat holds a chat until until (Telegram's retry_after).
func (p *pacer) pauseChat(id int64, until time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if cp := p.chats[id]; cp != nil && until.After(cp.paused) {
		cp.paused = until
		// Bookings made before the 429 are no longer valid.
		clear(cp.reserved)
	}
}

// pauseGlobal holds every send until until.
func (p *pacer) pauseGlobal(until time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if until.After(p.globalPause) {
		p.globalPause = until
	}
}

// waitGlobal books a global slot and sleeps until it, then waits for room
// in the flight window. A nil error must be followed by globalDone.
func (p *pacer) waitGlobal(ctx context.Context, now func() time.Time) error {
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

// globalDone ends a send admitted by waitGlobal; sent is false when the
// request never left.
func (p *pacer) globalDone(sent bool, now time.Time) {
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
	done     []time.Time // answer times within the last second, oldest first
}

// acquire admits a request now (0) or says how long to wait.
func (f *flight) acquire(now time.Time) time.Duration {
	cut := now.Add(-time.Second)
	i := 0
	for i < len(f.done) && !f.done[i].After(cut) {
		i++
	}
	if i > 0 {
		f.done = append(f.done[:0], f.done[i:]...)
	}
	if f.inflight+len(f.done) < f.n {
		f.inflight++
		return 0
	}
	if len(f.done) > 0 {
		return max(f.done[0].Sub(cut), time.Millisecond)
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
		for rid, slot := range cp.reserved {
			if slot.Before(cut) {
				delete(cp.reserved, rid)
			}
		}
		if cp.g.tat.Before(cut) && cp.paused.Before(cut) && len(cp.reserved) == 0 {
			delete(p.chats, id)
		}
	}
}
