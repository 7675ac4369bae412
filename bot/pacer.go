package bot

import (
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
	// timerSlack: a send served up to this late for its global slot keeps
	// the schedule, as if it had left on time. Timers fire late, and
	// counting from the moment they fired would let the rate drift below
	// the limit by their lateness; the flight window keeps the server's
	// count within the limit all the same.
	timerSlack = 20 * time.Millisecond
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
// A Bot owns one, and a Dispatcher sending through that Bot shares it: the
// bot's replies to commands and the ledger's briefs are counted together by
// Telegram, so they are paced together. Replies go first: acquire serves
// any reply whose chat may send before any brief, and no brief is claimed
// for a chat while replies to it wait (holdForReply). Every instant it is
// given is on the wall clock (time.Now), never a test's ledger clock.
type pacer struct {
	mu     sync.Mutex
	global gcra
	// free spaces the replies at Telegram's free rate when paid broadcast
	// raises the global one: replies are not sent as paid broadcasts.
	free        gcra
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
	// waiting are the sends in acquire, per lane, in arrival order.
	waiting [lanes][]*ticket
	seq     uint64
	// replying counts the replies queued per chat.
	replying map[int64]int
	recent   []rateHit // recent 429s, to tell a global flood from one chat's
}

type rateHit struct {
	chat int64
	at   time.Time
}

type chatPace struct {
	g       gcra
	paused  time.Time // retry_after of this chat
	private bool
}

// defaultPaceLimits are Telegram's free limits.
var defaultPaceLimits = paceLimits{GlobalPerSecond: briefbot.DefaultGlobalPerSecond, PrivatePerSecond: 1, GroupPerMinute: 20}

func newPacer(l paceLimits) *pacer {
	p := &pacer{
		chats:    map[int64]*chatPace{},
		busy:     map[int64]time.Time{},
		replying: map[int64]int{},
	}
	p.setLimits(l)
	return p
}

// setLimits changes the rates, also of the chats already paced.
func (p *pacer) setLimits(l paceLimits) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.global = gcra{interval: time.Duration(float64(time.Second) / (l.GlobalPerSecond * globalHeadroom)), burst: 1, tat: p.global.tat}
	freeRate := min(l.GlobalPerSecond, briefbot.DefaultGlobalPerSecond)
	p.free = gcra{interval: time.Duration(float64(time.Second) / (freeRate * globalHeadroom)), burst: 1, tat: p.free.tat}
	p.window.n = max(1, int(l.GlobalPerSecond))
	p.privateIv = time.Duration(float64(time.Second) / l.PrivatePerSecond)
	p.groupIv = time.Duration(float64(time.Minute) / l.GroupPerMinute * groupHeadroom)
	for _, cp := range p.chats {
		cp.g.interval = p.chatInterval(cp.private)
	}
}

// interval is how far apart a chat of the kind is sent to.
func (p *pacer) interval(kind briefbot.ChatType) time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.chatInterval(kind == briefbot.ChatPrivate)
}

func (p *pacer) chatInterval(private bool) time.Duration {
	if private {
		return p.privateIv
	}
	return p.groupIv
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
	cp := p.chatLocked(chatID, kind)
	slot := cp.g.reserve(now, cp.paused)
	p.markBusy(chatID, cp, now)
	return slot
}

func (p *pacer) chatLocked(chatID int64, kind briefbot.ChatType) *chatPace {
	cp := p.chats[chatID]
	if cp == nil {
		private := kind == briefbot.ChatPrivate
		cp = &chatPace{g: gcra{interval: p.chatInterval(private), burst: 1}, private: private}
		if private {
			cp.g.burst = privateBurst
		}
		p.chats[chatID] = cp
	}
	return cp
}

// markBusy records when the chat may send again, if that is later than
// the slack allows now.
func (p *pacer) markBusy(chatID int64, cp *chatPace, now time.Time) {
	if next := latest(cp.g.next(), cp.paused); next.After(now.Add(slotSlack)) {
		p.busy[chatID] = next
	}
}

// notDue appends to dst the chats that may not send at now, and returns
// with them when the first of them may. A chat with replies queued is not
// due until they are sent: its briefs wait behind them.
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
	for id := range p.replying {
		dst = append(dst, id)
	}
	return dst, first
}

// holdForReply counts a reply queued for the chat: until the matching
// replySent, notDue holds the chat's briefs back.
func (p *pacer) holdForReply(chatID int64) {
	p.mu.Lock()
	p.replying[chatID]++
	p.mu.Unlock()
}

// replySent ends one holdForReply.
func (p *pacer) replySent(chatID int64) {
	p.mu.Lock()
	if p.replying[chatID]--; p.replying[chatID] <= 0 {
		delete(p.replying, chatID)
	}
	p.mu.Unlock()
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

// floodControl holds a chat Telegram answered 429 until until (its
// retry_after), and every chat when three or more met flood control
// within the last second: then the bot as a whole is over the limit. It
// reports the latter.
func (p *pacer) floodControl(chatID int64, until, now time.Time) (all bool) {
	p.pauseChat(chatID, until)
	p.mu.Lock()
	keep := p.recent[:0]
	for _, h := range p.recent {
		if now.Sub(h.at) < time.Second {
			keep = append(keep, h)
		}
	}
	p.recent = append(keep, rateHit{chat: chatID, at: now})
	seen := map[int64]bool{}
	for _, h := range p.recent {
		seen[h.chat] = true
	}
	p.mu.Unlock()
	if len(seen) < 3 {
		return false
	}
	p.pauseAll(until)
	return true
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
