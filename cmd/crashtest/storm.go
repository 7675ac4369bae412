package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"sync"
	"text/tabwriter"
	"time"

	"briefbot/internal/telegramtest"
)

// The storm: chats that each send /start and /subscribe within one second,
// and one chat that sends ten commands within two seconds, while the bot is
// at Telegram's 30/s with briefs.
const (
	stormFirstChat = 100_001 // the storm's chats are 100001, 100002, …
	stormBusyChat  = 200_000
	stormSpread    = time.Second
	stormBusyGap   = 200 * time.Millisecond // ten commands in 1.8 s
	stormReplyWait = 90 * time.Second       // replies older than a minute are dropped: none can come later
)

// stormBusy are the busy chat's commands and whether each answer carries
// a keyboard, which shows their order whatever the language.
var stormBusy = []struct {
	text     string
	keyboard bool
}{
	{"/start", false}, {"/subscribe", true}, {"/help", false}, {"/settings", true},
	{"/subscribe " + topic, false}, {"/today", false}, {"/unsubscribe", true},
	{"/nonsense", false}, {"/subscribe", true}, {"/help", false},
}

// StormOptions configures one storm measurement.
type StormOptions struct {
	Subscribers, Posts int // private chats owed Posts briefs each, sent around the storm
	Chats              int // chats sending /start and /subscribe within a second
	// Warmup is how long the briefs go before the storm (default 3 s);
	// After, how long they are watched once every reply came (default 5 s).
	Warmup, After time.Duration
	Bins          *Binaries
	Dir           string
	Progress      func(format string, args ...any)
}

// window counts what the fake accepted between two moments.
type window struct {
	Span            time.Duration
	Briefs, Replies int
}

func (w window) rate(n int) float64 {
	if w.Span <= 0 {
		return 0
	}
	return float64(n) / w.Span.Seconds()
}

// StormResult is what one storm measured.
type StormResult struct {
	Subscribers, Posts, Chats int
	Commands, Answered        int
	BusyInOrder               bool
	P50, P95, Max             time.Duration // command sent → its answer accepted
	BusyMax                   time.Duration // the same, for the busy chat
	Before, During, After     window
	BriefsSent, BriefsOwed    int
	Rejected429               int
	RejectedOther             int
	Dropped                   int // "reply dropped" lines in the bot's log
	Exited                    bool
	Code                      int
	Took                      time.Duration
	Fake                      telegramtest.Stats
	Note                      string
}

// Failures lists the goals the storm missed.
func (r *StormResult) Failures() []string {
	var f []string
	if r.Answered != r.Commands {
		f = append(f, fmt.Sprintf("%d of %d commands answered", r.Answered, r.Commands))
	}
	if !r.BusyInOrder {
		f = append(f, "the busy chat's answers came out of order")
	}
	if r.Rejected429 > 0 {
		f = append(f, fmt.Sprintf("%d sends answered 429 (goal 0)", r.Rejected429))
	}
	if r.Dropped > 0 {
		f = append(f, fmt.Sprintf("%d replies dropped (bot log)", r.Dropped))
	}
	if during := r.During.rate(r.During.Briefs + r.During.Replies); r.During.Span >= 2*time.Second && during < pacedRatioGoal*pacedGlobal {
		f = append(f, fmt.Sprintf("%.2f/s during the storm, under %.0f%% of %d/s", during, 100*pacedRatioGoal, pacedGlobal))
	}
	if !r.Exited || r.Code != 0 {
		f = append(f, fmt.Sprintf("SIGTERM: exited=%v code=%d (want exit 0 within 30s)", r.Exited, r.Code))
	}
	if r.Note != "" {
		f = append(f, r.Note)
	}
	return f
}

// RunStorm runs the bot against the fake enforcing Telegram's flood limits:
// briefs fan out at the 30/s ceiling, then the storm of commands comes, and
// it measures the answers (all, in order, how late), the 429s, and the rate
// of briefs and replies before, during and after the storm.
func RunStorm(ctx context.Context, opts StormOptions) (*StormResult, error) {
	if opts.Subscribers < 1 || opts.Posts < 1 || opts.Chats < 1 || opts.Bins == nil || opts.Dir == "" {
		return nil, errors.New("storm: need Subscribers, Posts and Chats ≥ 1, Bins and Dir")
	}
	if opts.Warmup <= 0 {
		opts.Warmup = 3 * time.Second
	}
	if opts.After <= 0 {
		opts.After = 5 * time.Second
	}
	logf := opts.Progress
	if logf == nil {
		logf = func(string, ...any) {}
	}
	files := newWorkFiles(opts.Dir)
	cs := &children{}
	defer cs.killAll()
	res := &StormResult{Subscribers: opts.Subscribers, Posts: opts.Posts, Chats: opts.Chats,
		Commands: 2*opts.Chats + len(stormBusy), BriefsOwed: opts.Subscribers * opts.Posts}

	fake, err := startPaced(ctx, cs, opts.Bins, files, opts.Subscribers, 0, opts.Posts)
	if err != nil {
		return nil, err
	}
	botLog := files.botLog(0, "storm")
	p, err := cs.start("briefbot run", opts.Bins.Bot, []string{"run", "-config", files.config}, botLog, nil)
	if err != nil {
		return nil, err
	}
	logf("%d subscribers × %d posts; waiting for the first brief", opts.Subscribers, opts.Posts)
	if err := waitStats(ctx, fake, p, time.Minute, func(st telegramtest.Stats) bool { return st.Sent > 0 }); err != nil {
		return nil, err
	}
	if !sleepFor(ctx, opts.Warmup) {
		return nil, ctx.Err()
	}

	logf("storm: %d chats × /start + /subscribe within %s, one chat × %d commands", opts.Chats, stormSpread, len(stormBusy))
	sent, err := injectStorm(ctx, fake, opts.Chats)
	if err != nil {
		return nil, err
	}
	stormStart := sent[stormFirstChat][0]
	err = waitStats(ctx, fake, p, stormReplyWait, func(telegramtest.Stats) bool {
		counts, err := fake.counts(ctx)
		if err != nil {
			return false
		}
		answered := 0
		for id := range sent {
			answered += min(counts[id], len(sent[id]))
		}
		return answered == res.Commands
	})
	if err != nil && ctx.Err() != nil {
		return nil, err
	}
	repliesDone := time.Now()
	if !sleepFor(ctx, opts.After) {
		return nil, ctx.Err()
	}
	res.Code, res.Exited, res.Took = p.terminate(ctx)

	all, err := fake.allMessages(ctx)
	if err != nil {
		return nil, err
	}
	if res.Fake, err = fake.stats(ctx); err != nil {
		return nil, err
	}
	res.Rejected429, res.RejectedOther = res.Fake.Rejected429, res.Fake.RejectedOther
	res.measure(all, sent, stormStart, repliesDone, opts.After)
	if data, err := os.ReadFile(botLog); err == nil {
		res.Dropped = bytes.Count(data, []byte(`msg="reply dropped"`))
	}
	if res.BriefsSent >= res.BriefsOwed {
		res.Note = "every brief went out before SIGTERM: the work, not the ceiling, may bound the rates (more -private or -posts)"
	}
	logf("storm done: %d/%d answered, max %s, 429 %d", res.Answered, res.Commands, res.Max.Round(time.Millisecond), res.Rejected429)
	return res, nil
}

// injectStorm posts the storm's updates to the fake and returns when each
// chat's commands were sent, in order.
func injectStorm(ctx context.Context, fake *fakeAPI, chats int) (map[int64][]time.Time, error) {
	var mu sync.Mutex
	sent := map[int64][]time.Time{}
	// Each chat's commands are posted by one goroutine, one after the
	// other: the fake queues them in that order.
	post := func(chat int64, text string) error {
		at := time.Now()
		if err := fake.userMessage(ctx, chat, text); err != nil {
			return err
		}
		mu.Lock()
		sent[chat] = append(sent[chat], at)
		mu.Unlock()
		return nil
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	start := time.Now()
	wg.Go(func() {
		for i := range chats {
			chat := int64(stormFirstChat + i)
			sleepUntil(ctx, start.Add(stormSpread*time.Duration(i)/time.Duration(chats)))
			for _, cmd := range []string{"/start", "/subscribe " + topic} {
				if err := post(chat, cmd); err != nil {
					errs <- err
					return
				}
			}
		}
	})
	wg.Go(func() {
		for i, c := range stormBusy {
			sleepUntil(ctx, start.Add(stormBusyGap*time.Duration(i)))
			if err := post(stormBusyChat, c.text); err != nil {
				errs <- err
				return
			}
		}
	})
	wg.Wait()
	close(errs)
	return sent, <-errs
}

// measure reads the fake's messages: which commands were answered and how
// late, whether the busy chat's answers kept their order, and the rates.
func (r *StormResult) measure(all []telegramtest.Message, sent map[int64][]time.Time, stormStart, repliesDone time.Time, after time.Duration) {
	byChat := map[int64][]telegramtest.Message{}
	var lastReply time.Time
	for _, m := range all {
		if _, storm := sent[m.ChatID]; !storm {
			r.BriefsSent++
			continue
		}
		byChat[m.ChatID] = append(byChat[m.ChatID], m)
		lastReply = latestOf(lastReply, m.At)
	}
	var lat []time.Duration
	for chat, times := range sent {
		ms := byChat[chat]
		for k := 0; k < len(times) && k < len(ms); k++ {
			d := ms[k].At.Sub(times[k])
			lat = append(lat, d)
			if chat == stormBusyChat {
				r.BusyMax = max(r.BusyMax, d)
			}
		}
		r.Answered += min(len(ms), len(times))
	}
	slices.Sort(lat)
	if n := len(lat); n > 0 {
		r.P50, r.P95, r.Max = lat[n/2], lat[(n*95)/100], lat[n-1]
	}
	r.BusyInOrder = len(byChat[stormBusyChat]) == len(stormBusy)
	for k, m := range byChat[stormBusyChat] {
		if k < len(stormBusy) && (len(m.ReplyMarkup) > 0) != stormBusy[k].keyboard {
			r.BusyInOrder = false
		}
	}
	if lastReply.IsZero() {
		lastReply = repliesDone
	}
	// The last reply closes the storm: it counts in its window, not after.
	end := lastReply.Add(time.Nanosecond)
	r.Before = count(all, sent, stormStart.Add(-2*time.Second), stormStart)
	r.During = count(all, sent, stormStart, end)
	r.After = count(all, sent, end, end.Add(after))
}

// count splits the messages accepted in [from, to) into briefs and replies.
func count(all []telegramtest.Message, sent map[int64][]time.Time, from, to time.Time) window {
	w := window{Span: to.Sub(from)}
	for _, m := range all {
		if m.At.Before(from) || !m.At.Before(to) {
			continue
		}
		if _, storm := sent[m.ChatID]; storm {
			w.Replies++
		} else {
			w.Briefs++
		}
	}
	return w
}

func latestOf(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// waitStats polls the fake until done holds, the bot exits, or wait ends.
func waitStats(ctx context.Context, fake *fakeAPI, p *child, wait time.Duration, done func(telegramtest.Stats) bool) error {
	deadline := time.Now().Add(wait)
	for {
		st, err := fake.stats(ctx)
		if err == nil && done(st) {
			return nil
		}
		switch {
		case p.exited():
			return fmt.Errorf("bot exited: status %d (see %s)", exitCode(p.err), p.log.Name())
		case time.Now().After(deadline):
			return fmt.Errorf("not done after %s", wait)
		}
		if !sleepFor(ctx, 50*time.Millisecond) {
			return ctx.Err()
		}
	}
}

func sleepFor(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

func sleepUntil(ctx context.Context, t time.Time) { sleepFor(ctx, time.Until(t)) }

// WriteStormReport prints the storm table.
func WriteStormReport(w io.Writer, r *StormResult) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(k, v, note string) { fmt.Fprintf(tw, "%s\t%s\t%s\n", k, v, note) }
	row("storm", fmt.Sprintf("%d + 1 chats", r.Chats), fmt.Sprintf("/start and /subscribe from each within %s; one chat sends %d commands in %s; fake -limits (%d/s, %.0f/s per private, %d/min per group)",
		stormSpread, len(stormBusy), stormBusyGap*time.Duration(len(stormBusy)-1), pacedGlobal, pacedPrivate, pacedGroupPerMn))
	row("answered", fmt.Sprintf("%d/%d", r.Answered, r.Commands), fmt.Sprintf("busy chat in order: %v; replies dropped (log): %d", r.BusyInOrder, r.Dropped))
	row("latency", fmt.Sprintf("max %s", r.Max.Round(time.Millisecond)), fmt.Sprintf("p50 %s, p95 %s; busy chat's max %s (command sent → answer accepted)",
		r.P50.Round(time.Millisecond), r.P95.Round(time.Millisecond), r.BusyMax.Round(time.Millisecond)))
	row("429s", fmt.Sprint(r.Rejected429), fmt.Sprintf("goal 0; other errors %d", r.RejectedOther))
	for _, x := range []struct {
		name string
		w    window
	}{{"before", r.Before}, {"during", r.During}, {"after", r.After}} {
		row(x.name, fmt.Sprintf("%.2f/s", x.w.rate(x.w.Briefs+x.w.Replies)), fmt.Sprintf("briefs %.2f/s + replies %.2f/s over %s (ceiling %d/s)",
			x.w.rate(x.w.Briefs), x.w.rate(x.w.Replies), x.w.Span.Round(time.Millisecond), pacedGlobal))
	}
	row("briefs", fmt.Sprintf("%d/%d", r.BriefsSent, r.BriefsOwed), fmt.Sprintf("%d subscribers × %d posts; the rest stays in the ledger at SIGTERM", r.Subscribers, r.Posts))
	row("sigterm", fmt.Sprintf("exit %d", r.Code), fmt.Sprintf("exited=%v in %s", r.Exited, r.Took.Round(time.Millisecond)))
	tw.Flush()
}
