package bot

import (
	"context"
	"slices"
	"time"

	"briefbot"
)

// The pacer's gate: the sends waiting for a global slot, and which of them
// is served next.

// lane is a class of sends waiting for a global slot.
type lane int

const (
	laneReply lane = iota // someone is waiting for the answer
	laneBrief
	lanes
)

// ticket is one send waiting in acquire.
type ticket struct {
	lane lane
	// chat, when set, is the chat whose slot the send takes together with
	// its global one, and the ticket is not served before that slot.
	// Replies book so: their chat's pacing then counts the moment a
	// message leaves, however long it waited for a global slot. (The
	// dispatcher books a brief's chat slot when it claims the row.)
	chat int64
	kind briefbot.ChatType
	// rank orders the reply lane, earliest first: a deadline, derived
	// from when the reply was queued (replyQueue.rank).
	rank time.Time
	seq  uint64
	wake chan struct{} // look again
}

// acquire waits for a global slot and for room in the flight window, and
// for the ticket's chat slot if it names a chat. It serves the waiting
// sends one at a time: the reply of the earliest rank whose chat may send,
// else the first brief. Only the send to be served next watches the
// global clock; the others wait for their own chat's slot or to be woken.
// A send that finds another next wakes it, since a pause or a slot taken
// may have changed which is. A nil error must be followed by release.
func (p *pacer) acquire(ctx context.Context, now func() time.Time, tk *ticket) error {
	tk.wake = make(chan struct{}, 1)
	p.mu.Lock()
	p.seq++
	tk.seq = p.seq
	p.waiting[tk.lane] = append(p.waiting[tk.lane], tk)
	for {
		t := now()
		wait := time.Duration(-1) // until woken
		next := p.nextLocked(t)
		if next == tk {
			if due := latest(p.global.next(), p.globalPause); due.After(t) {
				wait = due.Sub(t)
			} else if wait = p.window.acquire(t); wait == 0 {
				p.global.reserve(t.Add(-timerSlack), p.globalPause)
				if tk.lane == laneReply {
					p.free.reserve(t.Add(-timerSlack), time.Time{})
				}
				if tk.chat != 0 {
					cp := p.chatLocked(tk.chat, tk.kind)
					cp.g.reserve(t, cp.paused)
					p.markBusy(tk.chat, cp, t)
				}
				p.leaveLocked(tk, t)
				p.mu.Unlock()
				return nil
			}
		} else {
			if due := p.dueLocked(tk); due.After(t) {
				wait = due.Sub(t)
			}
			if next != nil {
				next.signal()
			}
		}
		p.mu.Unlock()
		if !park(ctx, tk.wake, wait) {
			p.mu.Lock()
			p.leaveLocked(tk, now())
			p.mu.Unlock()
			return ctx.Err()
		}
		p.mu.Lock()
	}
}

// rerank moves a waiting ticket's rank earlier.
func (p *pacer) rerank(tk *ticket, rank time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if rank.Before(tk.rank) {
		tk.rank = rank
		p.wakeNextLocked(time.Now())
	}
}

// dueLocked is when the ticket may be served but for the global slot:
// when its chat may send, and for a reply, the free rate allows one.
func (p *pacer) dueLocked(tk *ticket) time.Time {
	var due time.Time
	if tk.lane == laneReply {
		due = p.free.next()
	}
	if cp := p.chats[tk.chat]; tk.chat != 0 && cp != nil {
		due = latest(due, cp.g.next(), cp.paused)
	}
	return due
}

// nextLocked is the send acquire serves next at now: the reply of the
// earliest rank whose chat may send, else the first brief; nil when none
// may go.
func (p *pacer) nextLocked(now time.Time) *ticket {
	var best *ticket
	for _, tk := range p.waiting[laneReply] {
		if p.dueLocked(tk).After(now) {
			continue
		}
		if best == nil || tk.rank.Before(best.rank) || tk.rank.Equal(best.rank) && tk.seq < best.seq {
			best = tk
		}
	}
	if best != nil {
		return best
	}
	if bs := p.waiting[laneBrief]; len(bs) > 0 {
		return bs[0]
	}
	return nil
}

// leaveLocked takes tk out of its lane and wakes whoever is served next.
func (p *pacer) leaveLocked(tk *ticket, now time.Time) {
	ws := p.waiting[tk.lane]
	if i := slices.Index(ws, tk); i >= 0 {
		p.waiting[tk.lane] = slices.Delete(ws, i, i+1)
	}
	p.wakeNextLocked(now)
}

// wakeNextLocked wakes the send to serve next, or, when none may go now,
// the first that may: one of them must watch the clock.
func (p *pacer) wakeNextLocked(now time.Time) {
	tk := p.nextLocked(now)
	if tk == nil {
		var first time.Time
		for _, r := range p.waiting[laneReply] {
			if due := p.dueLocked(r); tk == nil || due.Before(first) {
				tk, first = r, due
			}
		}
	}
	if tk != nil {
		tk.signal()
	}
}

func (tk *ticket) signal() {
	select {
	case tk.wake <- struct{}{}:
	default: // already told
	}
}

// park waits for wake, for wait (none when negative) or for ctx; it
// reports false when ctx ended.
func park(ctx context.Context, wake <-chan struct{}, wait time.Duration) bool {
	var timeout <-chan time.Time
	if wait >= 0 {
		t := time.NewTimer(wait)
		defer t.Stop()
		timeout = t.C
	}
	select {
	case <-ctx.Done():
		return false
	case <-wake:
	case <-timeout:
	}
	return true
}

// release ends a send admitted by acquire; sent is false when the request
// never left. The sender served next may find room in the window now.
func (p *pacer) release(sent bool, now time.Time) {
	p.mu.Lock()
	p.window.release(sent, now)
	p.wakeNextLocked(now)
	p.mu.Unlock()
}
