package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strconv"
	"time"

	"briefbot"
	"briefbot/internal/telegramtest"
)

// dispatcherWorkers is the default of bot.DispatcherOptions.Workers
// (bot/dispatcher.go), which cmd/briefbot leaves unset. A kill -9 can only
// duplicate the sends on the wire at that instant, at most one per worker:
// rows claimed but not yet sent (up to 2×BatchSize(50)+Workers = 108 at
// 1000/s) sit in sending too, but RecoverSending returns them to pending at
// the next start and they were never delivered.
const dispatcherWorkers = 8

// Options configures one harness run.
type Options struct {
	Chats int   // private chats 1..Chats subscribed to the topic
	Kills int   // SIGKILLs during the fan-out
	Seed  int64 // seeds every random choice (kill modes, delays, targets)
	Bins  *Binaries
	Dir   string // work folder (database, config, feed, logs); must exist
	// Progress receives one line per step; nil discards.
	Progress func(format string, args ...any)
	// KillWait bounds one run's wait for its kill point (default 60 s): a
	// run that does not get there is killed anyway and noted.
	KillWait time.Duration
	// FinishWait bounds the last run (default 10 min).
	FinishWait time.Duration
}

// KillPoint records one SIGKILL.
type KillPoint struct {
	Run        int
	Mode       string        // "delay": after a random delay; "sent": when the fake's Sent reached Target
	Delay      time.Duration // mode delay
	Target     int           // mode sent
	SentBefore int           // fake Sent when the run started
	SentAtKill int           // fake Sent right after the kill (sends on the wire included)
	Uptime     time.Duration // process start to SIGKILL
	Started    time.Time
	Killed     time.Time // when SIGKILL was sent
	Recovered  int       // rows the next start returned from sending to pending (bot log)
	DupSoFar   int       // duplicates the fake had counted after this kill
	Dups       int       // extra copies of sends this kill interrupted (by arrival times)
	Note       string
}

// SigtermCheck records the graceful-shutdown run.
type SigtermCheck struct {
	SentAtSignal int
	Signalled    time.Time
	Dups         int           // extra copies of sends this shutdown interrupted (goal 0)
	Exited       bool          // within 30 s
	Code         int           // exit status
	Took         time.Duration // SIGTERM to exit
	MidFanOut    bool          // chats were still waiting after it exited
	Ledger       briefbot.DeliveryStats
	Note         string
}

// Result is what one harness run measured.
type Result struct {
	Chats, Kills int
	Seed         int64
	Delivered    int // chats 1..Chats with at least one message
	Lost         int // chats with none
	Duplicated   int // sum of (count-1) over chats
	MaxPerChat   int
	Strangers    int // messages to chats outside 1..Chats
	Workers      int
	Bound        int // Workers × Kills
	Recovered    int // rows RecoverSending returned, all starts together
	KillPoints   []KillPoint
	Sigterm      SigtermCheck
	FinalExited  bool
	FinalCode    int
	FinalNote    string
	Ledger       briefbot.DeliveryStats // after the last run
	Fake         telegramtest.Stats
	BotLog       []LogCount // distinct WARN and ERROR messages in the bot logs
	DupChats     []DupChat  // the most duplicated chats, with arrival times
	MaxKillDups  int        // the most extra copies one kill caused (design: ≤ Workers)
	Unattributed int        // extra copies after the last stop (none expected)
	Prepare      time.Duration
	FanOut       time.Duration // first bot start to everything delivered
	FanStart     time.Time
	Wall         time.Duration
	Dir          string
}

// Failures lists every goal the run missed; empty means it passed.
func (r *Result) Failures() []string {
	var f []string
	if r.Lost > 0 {
		f = append(f, fmt.Sprintf("lost %d chats (goal 0)", r.Lost))
	}
	if r.Duplicated > r.Bound {
		f = append(f, fmt.Sprintf("duplicated %d > bound %d", r.Duplicated, r.Bound))
	}
	if !r.Sigterm.Exited || r.Sigterm.Code != 0 {
		f = append(f, fmt.Sprintf("SIGTERM run: exited=%v code=%d (want exit 0 within 30s)", r.Sigterm.Exited, r.Sigterm.Code))
	}
	if n := r.Sigterm.Ledger[briefbot.DeliverySending]; n > 0 {
		f = append(f, fmt.Sprintf("SIGTERM run left %d rows in sending", n))
	}
	if !r.FinalExited || r.FinalCode != 0 {
		f = append(f, fmt.Sprintf("final run: exited=%v code=%d (want exit 0 after SIGTERM)", r.FinalExited, r.FinalCode))
	}
	if r.Ledger[briefbot.DeliverySent] != r.Chats || r.Ledger[briefbot.DeliveryPending]+r.Ledger[briefbot.DeliverySending] > 0 {
		f = append(f, fmt.Sprintf("ledger after the last run: %s (want sent=%d, nothing pending or sending)", ledgerString(r.Ledger), r.Chats))
	}
	return f
}

// harness holds one run's moving parts.
type harness struct {
	opts  Options
	files workFiles
	cs    *children
	fake  *fakeAPI
	rng   *rand.Rand
	res   *Result
	log   func(format string, args ...any)
}

// Run measures crash safety: it prepares the database, starts the fake Bot
// API, runs the bot and SIGKILLs it Kills times during the fan-out, SIGTERMs
// it once, lets a last run finish and compares what the fake received with
// one message per chat. Every child process is killed before it returns.
func Run(ctx context.Context, opts Options) (*Result, error) {
	if opts.Chats <= 0 || opts.Kills < 0 || opts.Bins == nil || opts.Dir == "" {
		return nil, errors.New("crashtest: need Chats > 0, Kills ≥ 0, Bins and Dir")
	}
	if opts.KillWait <= 0 {
		opts.KillWait = time.Minute
	}
	if opts.FinishWait <= 0 {
		opts.FinishWait = 10 * time.Minute
	}
	logf := opts.Progress
	if logf == nil {
		logf = func(string, ...any) {}
	}
	start := time.Now()
	h := &harness{
		opts:  opts,
		files: newWorkFiles(opts.Dir),
		cs:    &children{},
		rng:   rand.New(rand.NewPCG(uint64(opts.Seed), 0x6272696566626f74)),
		log:   logf,
		res: &Result{
			Chats: opts.Chats, Kills: opts.Kills, Seed: opts.Seed, Dir: opts.Dir,
			Workers: dispatcherWorkers, Bound: dispatcherWorkers * opts.Kills,
		},
	}
	defer h.cs.killAll()

	var err error
	if h.fake, err = startFake(ctx, h.cs, opts.Bins.Fake, botToken, h.files.fakeLog); err != nil {
		return nil, err
	}
	logf("fake Bot API at %s", h.fake.url)
	if err := writeFeed(h.files.feed, time.Now()); err != nil {
		return nil, fmt.Errorf("write feed: %w", err)
	}
	if err := writeConfig(h.files.config, h.fake.url, h.files.db, h.files.feed); err != nil {
		return nil, fmt.Errorf("write config: %w", err)
	}
	if err := prepareDB(ctx, h.files.db, opts.Chats); err != nil {
		return nil, err
	}
	h.res.Prepare = time.Since(start)
	logf("database ready: %d chats subscribed to %s (%s)", opts.Chats, topic, h.res.Prepare.Round(time.Millisecond))

	fanStart := time.Now()
	h.res.FanStart = fanStart
	targets := drawTargets(h.rng, opts.Kills, opts.Chats)
	for i := range opts.Kills {
		kp, err := h.killRun(ctx, i, targets[i])
		if err != nil {
			return nil, err
		}
		h.res.KillPoints = append(h.res.KillPoints, kp)
	}
	if err := h.sigtermRun(ctx, opts.Kills); err != nil {
		return nil, err
	}
	if err := h.finalRun(ctx, opts.Kills+1); err != nil {
		return nil, err
	}
	h.res.FanOut = time.Since(fanStart)
	if err := h.tally(ctx); err != nil {
		return nil, err
	}
	h.scanLogs(opts.Kills + 2)
	h.res.Wall = time.Since(start)
	return h.res, nil
}

// drawTargets draws the Sent counts the "sent"-mode kills wait for: sorted,
// within the first 80% of the fan-out, so the SIGTERM run still finds work.
func drawTargets(rng *rand.Rand, kills, chats int) []int {
	span := max(1, chats*8/10)
	t := make([]int, kills)
	for i := range t {
		t[i] = 1 + rng.IntN(span)
	}
	slices.Sort(t)
	return t
}

func (h *harness) startBot(run int, kind string) (*child, error) {
	return h.cs.start(fmt.Sprintf("briefbot run %d", run), h.opts.Bins.Bot,
		[]string{"run", "-config", h.files.config}, h.files.botLog(run, kind), nil)
}

// killRun starts the bot and SIGKILLs it after a random delay (one run in
// four, to hit start-up and the enqueue too) or when the fake's Sent counter
// reaches target.
func (h *harness) killRun(ctx context.Context, run, target int) (KillPoint, error) {
	kp := KillPoint{Run: run, Mode: "sent"}
	if h.rng.IntN(4) == 0 {
		kp.Mode, kp.Delay = "delay", time.Duration(h.rng.Int64N(int64(1500*time.Millisecond)))
	}
	st, err := h.fake.stats(ctx)
	if err != nil {
		return kp, err
	}
	kp.SentBefore = st.Sent
	kp.Target = max(target, st.Sent+1)
	p, err := h.startBot(run, "kill")
	if err != nil {
		return kp, err
	}
	began := time.Now()
	// A delay-mode kill still comes no later than the target, so that every
	// kill lands before the fan-out ends even when it is fast.
	wait := h.opts.KillWait
	if kp.Mode == "delay" {
		wait = kp.Delay
	}
	reached, err := h.waitSent(ctx, p, kp.Target, wait)
	if err != nil {
		return kp, err
	}
	switch {
	case kp.Mode == "delay" && reached:
		kp.Note = "target reached first"
	case kp.Mode == "sent" && !reached && !p.exited():
		kp.Note = fmt.Sprintf("Sent did not reach %d within %s", kp.Target, h.opts.KillWait)
	}
	if p.exited() {
		kp.Note = fmt.Sprintf("bot exited by itself before the kill: status %d (see %s)", exitCode(p.err), p.log.Name())
	}
	kp.Started, kp.Killed = began, time.Now()
	kp.Uptime = kp.Killed.Sub(began)
	p.kill()
	if st, err = h.fake.stats(ctx); err != nil {
		return kp, err
	}
	kp.SentAtKill = st.Sent
	counts, err := h.fake.counts(ctx)
	if err != nil {
		return kp, err
	}
	kp.DupSoFar, _ = duplicates(counts)
	h.log("kill %2d: %-5s uptime %6s  sent %5d → %5d  dup so far %d %s", run, kp.Mode,
		kp.Uptime.Round(time.Millisecond), kp.SentBefore, kp.SentAtKill, kp.DupSoFar, kp.Note)
	return kp, nil
}

// waitSent polls the fake until its Sent counter reaches target, the
// process exits, or wait passes.
func (h *harness) waitSent(ctx context.Context, p *child, target int, wait time.Duration) (bool, error) {
	deadline := time.Now().Add(wait)
	tick := time.NewTicker(3 * time.Millisecond)
	defer tick.Stop()
	for time.Now().Before(deadline) {
		st, err := h.fake.stats(ctx)
		if err != nil {
			return false, err
		}
		if st.Sent >= target {
			return true, nil
		}
		select {
		case <-tick.C:
		case <-p.done:
			return false, nil
		case <-ctx.Done():
			return false, ctx.Err()
		}
	}
	return false, nil
}

// sigtermRun starts the bot, lets part of what is left go out, sends
// SIGTERM and checks it exits 0 within 30 s leaving nothing in sending.
func (h *harness) sigtermRun(ctx context.Context, run int) error {
	c := &h.res.Sigterm
	st, err := h.fake.stats(ctx)
	if err != nil {
		return err
	}
	left := h.opts.Chats - st.Sent
	target := st.Sent + 1 + h.rng.IntN(max(1, left/2))
	p, err := h.startBot(run, "sigterm")
	if err != nil {
		return err
	}
	if _, err := h.waitSent(ctx, p, target, h.opts.KillWait); err != nil {
		return err
	}
	if st, err = h.fake.stats(ctx); err != nil {
		return err
	}
	c.SentAtSignal = st.Sent
	if p.exited() {
		c.Note = fmt.Sprintf("bot exited before SIGTERM: status %d", exitCode(p.err))
	}
	c.Signalled = time.Now()
	c.Code, c.Exited, c.Took = p.terminate(ctx)
	if !c.Exited {
		c.Code = exitCode(p.err)
	}
	if c.Ledger, err = ledgerStats(ctx, h.files.db); err != nil {
		return err
	}
	counts, err := h.fake.counts(ctx)
	if err != nil {
		return err
	}
	c.MidFanOut = delivered(counts, h.opts.Chats) < h.opts.Chats
	h.log("sigterm: sent %d at signal, exited=%v code %d in %s, mid fan-out %v, ledger %s",
		c.SentAtSignal, c.Exited, c.Code, c.Took.Round(time.Millisecond), c.MidFanOut, ledgerString(c.Ledger))
	return nil
}

// finalRun lets the bot deliver everything, waits until the fake has been
// quiet for a second (or stalls 20 s without all chats served), then stops
// it with SIGTERM and reads the ledger.
func (h *harness) finalRun(ctx context.Context, run int) error {
	p, err := h.startBot(run, "final")
	if err != nil {
		return err
	}
	deadline := time.Now().Add(h.opts.FinishWait)
	lastSent, lastChange, lastCount := -1, time.Now(), time.Time{}
	got := 0
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		now := time.Now()
		if now.After(deadline) {
			h.res.FinalNote = fmt.Sprintf("gave up after %s with %d/%d chats served", h.opts.FinishWait, got, h.opts.Chats)
			break
		}
		if p.exited() {
			h.res.FinalNote = fmt.Sprintf("bot exited by itself: status %d", exitCode(p.err))
			break
		}
		st, err := h.fake.stats(ctx)
		if err != nil {
			return err
		}
		if st.Sent != lastSent {
			lastSent, lastChange = st.Sent, now
		}
		if got < h.opts.Chats && now.Sub(lastCount) >= 500*time.Millisecond {
			counts, err := h.fake.counts(ctx)
			if err != nil {
				return err
			}
			got, lastCount = delivered(counts, h.opts.Chats), now
		}
		quiet := now.Sub(lastChange)
		if got == h.opts.Chats && quiet >= time.Second {
			break
		}
		if quiet >= 20*time.Second {
			h.res.FinalNote = fmt.Sprintf("stalled: no send for 20s with %d/%d chats served", got, h.opts.Chats)
			break
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	h.res.FinalCode, h.res.FinalExited, _ = p.terminate(ctx)
	if h.res.Ledger, err = ledgerStats(ctx, h.files.db); err != nil {
		return err
	}
	h.log("final: %d/%d chats served, exit %d, ledger %s %s", got, h.opts.Chats, h.res.FinalCode, ledgerString(h.res.Ledger), h.res.FinalNote)
	return nil
}

// tally reads the fake's per-chat counts and stats into the result.
func (h *harness) tally(ctx context.Context) error {
	counts, err := h.fake.counts(ctx)
	if err != nil {
		return err
	}
	if h.res.Fake, err = h.fake.stats(ctx); err != nil {
		return err
	}
	r := h.res
	r.Duplicated, r.MaxPerChat = duplicates(counts)
	r.Delivered = delivered(counts, r.Chats)
	r.Lost = r.Chats - r.Delivered
	var dups []int64
	for id, n := range counts {
		if id < 1 || id > int64(r.Chats) {
			r.Strangers += n
		}
		if n > 1 {
			dups = append(dups, id)
		}
	}
	// The most duplicated first, then by id; a few are enough to see a pattern.
	slices.SortFunc(dups, func(a, b int64) int {
		if counts[a] != counts[b] {
			return counts[b] - counts[a]
		}
		return int(a - b)
	})
	for i, id := range dups[:min(len(dups), 2000)] {
		msgs, err := h.fake.messages(ctx, id)
		if err != nil {
			return err
		}
		d := DupChat{Chat: id}
		for _, m := range msgs {
			d.At = append(d.At, m.At)
		}
		h.attribute(d)
		if i < 12 {
			r.DupChats = append(r.DupChats, d)
		}
	}
	for _, k := range r.KillPoints {
		r.MaxKillDups = max(r.MaxKillDups, k.Dups)
	}
	return nil
}

// attributeSlack covers a send the fake accepted just after the SIGKILL
// left: the request was on the wire, its answer had nowhere to go.
const attributeSlack = 50 * time.Millisecond

// attribute charges each extra copy a chat received to the first stop
// (SIGKILL, or the SIGTERM) after the copy before it arrived: that copy was
// on the wire, or sent and not yet marked, when the process stopped.
func (h *harness) attribute(d DupChat) {
	r := h.res
	for j := 1; j < len(d.At); j++ {
		prev, found := d.At[j-1], false
		for k := range r.KillPoints {
			if !r.KillPoints[k].Killed.Add(attributeSlack).Before(prev) {
				r.KillPoints[k].Dups++
				found = true
				break
			}
		}
		if !found && !r.Sigterm.Signalled.IsZero() && !r.Sigterm.Signalled.Add(attributeSlack).Before(prev) {
			r.Sigterm.Dups++
			found = true
		}
		if !found {
			r.Unattributed++
		}
	}
}

// duplicates sums count-1 over chats and returns the largest count.
func duplicates(counts map[int64]int) (dup, most int) {
	for _, n := range counts {
		if n > 1 {
			dup += n - 1
		}
		most = max(most, n)
	}
	return dup, most
}

// delivered counts chats 1..chats with at least one message.
func delivered(counts map[int64]int, chats int) int {
	n := 0
	for id, c := range counts {
		if id >= 1 && id <= int64(chats) && c > 0 {
			n++
		}
	}
	return n
}

// DupChat is a chat that received more than one message, and when each
// arrived (the fake's clock), to line them up with the kills.
type DupChat struct {
	Chat int64
	At   []time.Time
}

// LogCount is one distinct warning or error of the bot, with how often and
// in which run it first appeared.
type LogCount struct {
	Level, Msg string
	Count      int
	FirstRun   int
}

var (
	recoveredLine = regexp.MustCompile(`recovered deliveries left sending.*\bcount=(\d+)`)
	problemLine   = regexp.MustCompile(`level=(WARN|ERROR) msg=("(?:[^"\\]|\\.)*"|\S+)`)
)

// scanLogs reads every bot log: the rows each start recovered (attributed
// to the kill before it) and the distinct error messages.
func (h *harness) scanLogs(runs int) {
	seen := map[string]int{}
	for run := range runs {
		kind := "kill"
		switch {
		case run == h.opts.Kills:
			kind = "sigterm"
		case run > h.opts.Kills:
			kind = "final"
		}
		f, err := os.Open(h.files.botLog(run, kind))
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if m := recoveredLine.FindStringSubmatch(line); m != nil {
				n, _ := strconv.Atoi(m[1])
				h.res.Recovered += n
				if run > 0 && run-1 < len(h.res.KillPoints) {
					h.res.KillPoints[run-1].Recovered += n
				}
			}
			if m := problemLine.FindStringSubmatch(line); m != nil {
				key := m[1] + " " + m[2]
				if i, ok := seen[key]; ok {
					h.res.BotLog[i].Count++
				} else if len(seen) < 50 {
					seen[key] = len(h.res.BotLog)
					h.res.BotLog = append(h.res.BotLog, LogCount{Level: m[1], Msg: m[2], Count: 1, FirstRun: run})
				}
			}
		}
		f.Close()
	}
}

func ledgerString(st briefbot.DeliveryStats) string {
	if st == nil {
		return "unknown"
	}
	return fmt.Sprintf("sent=%d pending=%d sending=%d failed=%d dead=%d",
		st[briefbot.DeliverySent], st[briefbot.DeliveryPending], st[briefbot.DeliverySending],
		st[briefbot.DeliveryFailed], st[briefbot.DeliveryDead])
}
