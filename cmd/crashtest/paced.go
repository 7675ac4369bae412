package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"briefbot"
	"briefbot/internal/telegramtest"
)

// Telegram's flood limits as the fake enforces them with -limits, and the
// rate the paced goal is held to.
const (
	pacedGlobal     = 30  // sendMessage per second overall (any 1 s window)
	pacedPrivate    = 1.0 // per private chat per second (average)
	pacedGroupPerMn = 20  // per group per minute
	pacedRatioGoal  = 0.95
	pacedSkip       = 2 * time.Second
)

// PacedOptions configures one paced measurement.
type PacedOptions struct {
	Private, Groups int
	Posts           int           // briefs per chat (one story per post)
	Duration        time.Duration // SIGTERM after this long, or once all is delivered
	Bins            *Binaries
	Dir             string
	Progress        func(format string, args ...any)
}

// PacedResult is what one paced run measured.
type PacedResult struct {
	Private, Groups, Posts int
	Expected               int     // (Private+Groups) × Posts
	Ceiling                float64 // min(global, Σ per-chat limits)
	Window                 time.Duration
	WindowSent             int
	Rate                   float64 // accepted sends/s over the window
	Ratio                  float64 // Rate / Ceiling
	StoppedBy              string
	TailCut                bool // the work ran out: its last 2 s left out of the window
	Sent                   int  // accepted sendMessage, whole run
	PrivateSent, GroupSent int
	Complete               int // chats that received all Posts briefs
	OverDelivered          int // Σ(count−Posts) over chats that got more
	Rejected429            int
	RejectedOther          int
	Enqueued               int // ledger rows, every state
	PeakKB                 int64
	Exited                 bool
	Code                   int
	Took                   time.Duration
	Ledger                 briefbot.DeliveryStats
	Fake                   telegramtest.Stats
	Note                   string
}

// AllDelivered reports whether every chat got every brief exactly once.
func (r *PacedResult) AllDelivered() bool {
	return r.Complete == r.Private+r.Groups && r.OverDelivered == 0
}

// Failures lists the goals the paced run missed.
func (r *PacedResult) Failures() []string {
	var f []string
	if r.Ratio < pacedRatioGoal {
		f = append(f, fmt.Sprintf("rate %.2f/s is %.1f%% of the %.2f/s ceiling (goal ≥ %.0f%%)", r.Rate, 100*r.Ratio, r.Ceiling, 100*pacedRatioGoal))
	}
	if r.Rejected429 > 0 {
		f = append(f, fmt.Sprintf("%d sends answered 429 (goal 0)", r.Rejected429))
	}
	if r.OverDelivered > 0 {
		f = append(f, fmt.Sprintf("%d messages beyond %d per chat", r.OverDelivered, r.Posts))
	}
	if !r.Exited || r.Code != 0 {
		f = append(f, fmt.Sprintf("SIGTERM: exited=%v code=%d (want exit 0 within 30s)", r.Exited, r.Code))
	}
	if n := r.Ledger[briefbot.DeliverySending]; n > 0 {
		f = append(f, fmt.Sprintf("SIGTERM left %d rows in sending", n))
	}
	if r.Enqueued != r.Expected {
		f = append(f, fmt.Sprintf("ledger holds %d rows, want %d (%d chats × %d posts): stories merged or lost", r.Enqueued, r.Expected, r.Private+r.Groups, r.Posts))
	}
	if r.Note != "" {
		f = append(f, r.Note)
	}
	return f
}

// pacedCeiling is the most a run may achieve: the global limit, or the sum
// of the per-chat limits when the chats are too few to reach it.
func pacedCeiling(private, groups int) float64 {
	return min(float64(pacedGlobal), float64(private)*pacedPrivate+float64(groups)*pacedGroupPerMn/60)
}

// RunPaced runs the bot at Telegram's 30/s against the fake enforcing
// Telegram's flood limits, with private chats and groups each owed Posts
// briefs, and measures the accepted rate over a steady window against the
// ceiling, and the 429s.
func RunPaced(ctx context.Context, opts PacedOptions) (*PacedResult, error) {
	if opts.Private < 0 || opts.Groups < 0 || opts.Private+opts.Groups == 0 || opts.Posts < 1 ||
		opts.Duration <= 0 || opts.Bins == nil || opts.Dir == "" {
		return nil, errors.New("paced: need chats, Posts ≥ 1, Duration > 0, Bins and Dir")
	}
	logf := opts.Progress
	if logf == nil {
		logf = func(string, ...any) {}
	}
	files := newWorkFiles(opts.Dir)
	cs := &children{}
	defer cs.killAll()
	res := &PacedResult{
		Private: opts.Private, Groups: opts.Groups, Posts: opts.Posts,
		Expected: (opts.Private + opts.Groups) * opts.Posts,
		Ceiling:  pacedCeiling(opts.Private, opts.Groups),
	}

	fake, err := startPaced(ctx, cs, opts.Bins, files, opts.Private, opts.Groups, opts.Posts)
	if err != nil {
		return nil, err
	}
	logf("database ready: %d private + %d groups, %d posts; fake with limits at %s", opts.Private, opts.Groups, opts.Posts, fake.url)

	ss := startStatsSampler(ctx, fake, 100*time.Millisecond)
	p, err := cs.start("briefbot run", opts.Bins.Bot, []string{"run", "-config", files.config}, files.botLog(0, "paced"), nil)
	if err != nil {
		ss.finish()
		return nil, err
	}
	rs := startRSSSampler(ctx, p.cmd.Process.Pid, 200*time.Millisecond)
	deadline := time.Now().Add(opts.Duration)
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	lastLog := time.Now()
wait:
	for {
		now := time.Now()
		s := ss.last()
		switch {
		case s.Sent >= res.Expected:
			res.StoppedBy = "all delivered"
			break wait
		case p.exited():
			res.Note = fmt.Sprintf("bot exited by itself: status %d (see %s)", exitCode(p.err), p.log.Name())
			break wait
		case now.After(deadline):
			res.StoppedBy = fmt.Sprintf("after %s", opts.Duration)
			break wait
		}
		if now.Sub(lastLog) >= 10*time.Second {
			logf("sent %d/%d, 429 %d", s.Sent, res.Expected, s.Rej429)
			lastLog = now
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			ss.finish()
			rs.finish()
			return nil, ctx.Err()
		}
	}
	rs.read()
	signalled := time.Now()
	res.Code, res.Exited, res.Took = p.terminate(ctx)
	res.PeakKB, _, _ = rs.finish()
	samples, err := ss.finish()
	if err != nil {
		return nil, err
	}
	// The window skips the first 2 s, and, when the work ran out before the
	// deadline, its last 2 s at the ceiling: there only a few chats are left
	// and their own limits, not the ceiling, bound the rate.
	if first := firstAt(samples, 1); !first.IsZero() {
		from, to := first.Add(pacedSkip), signalled
		if done := firstAt(samples, res.Expected); !done.IsZero() {
			to = firstAt(samples, res.Expected-int(2*res.Ceiling))
			res.TailCut = true
		}
		res.Rate, res.WindowSent, res.Window = rateOver(samples, from, to)
		res.Ratio = res.Rate / res.Ceiling
		if res.Window < time.Second {
			res.Note = fmt.Sprintf("steady window only %s: too little work for a measurement", res.Window.Round(time.Millisecond))
		}
	}
	if res.Ledger, err = ledgerStats(ctx, files.db); err != nil {
		return nil, err
	}
	for _, n := range res.Ledger {
		res.Enqueued += n
	}
	counts, err := fake.counts(ctx)
	if err != nil {
		return nil, err
	}
	if res.Fake, err = fake.stats(ctx); err != nil {
		return nil, err
	}
	res.Sent, res.Rejected429, res.RejectedOther = res.Fake.Sent, res.Fake.Rejected429, res.Fake.RejectedOther
	for id, n := range counts {
		if id > 0 {
			res.PrivateSent += n
		} else {
			res.GroupSent += n
		}
		if n >= opts.Posts {
			res.Complete++
		}
		if n > opts.Posts {
			res.OverDelivered += n - opts.Posts
		}
	}
	logf("paced done: %d sent, %.2f/s in the window, 429 %d, exit %d", res.Sent, res.Rate, res.Rejected429, res.Code)
	return res, nil
}

// startPaced starts the fake enforcing Telegram's limits, and writes the
// feed of posts, the bot's config at Telegram's 30/s and the database of
// chats, each subscribed to the feed's topic.
func startPaced(ctx context.Context, cs *children, bins *Binaries, files workFiles, private, groups, posts int) (*fakeAPI, error) {
	fake, err := startFake(ctx, cs, bins.Fake, botToken, files.fakeLog, "-limits",
		"-global", strconv.Itoa(pacedGlobal), "-private", strconv.FormatFloat(pacedPrivate, 'f', -1, 64),
		"-group", strconv.Itoa(pacedGroupPerMn))
	if err != nil {
		return nil, err
	}
	if err := writeFeedPosts(files.feed, time.Now(), posts); err != nil {
		return nil, fmt.Errorf("write feed: %w", err)
	}
	if err := writeConfigPaced(files.config, fake.url, files.db, files.feed, pacedGlobal, false); err != nil {
		return nil, fmt.Errorf("write config: %w", err)
	}
	if err := prepareChats(ctx, files.db, private, groups); err != nil {
		return nil, err
	}
	return fake, nil
}

// WritePacedReport prints the paced table.
func WritePacedReport(w io.Writer, r *PacedResult) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(k, v, note string) { fmt.Fprintf(tw, "%s\t%s\t%s\n", k, v, note) }
	row("chats", fmt.Sprintf("%d + %d", r.Private, r.Groups), fmt.Sprintf("private + groups, %d briefs each = %d messages; fake -limits (%d/s, %.0f/s per private, %d/min per group)",
		r.Posts, r.Expected, pacedGlobal, pacedPrivate, pacedGroupPerMn))
	row("ceiling", fmt.Sprintf("%.2f/s", r.Ceiling), fmt.Sprintf("min(%d/s, %d×%.0f/s + %d×%d/60 s)", pacedGlobal, r.Private, pacedPrivate, r.Groups, pacedGroupPerMn))
	if r.Window < time.Second {
		row("achieved", "n/a", fmt.Sprintf("steady window %s: too little work to measure a rate", r.Window.Round(time.Millisecond)))
	} else {
		skipped := fmt.Sprintf("first %s skipped", pacedSkip)
		if r.TailCut {
			skipped += ", and the last 2 s of work"
		}
		row("achieved", fmt.Sprintf("%.2f/s", r.Rate), fmt.Sprintf("%d sends over %s (%s)", r.WindowSent, r.Window.Round(time.Millisecond), skipped))
		row("ratio", fmt.Sprintf("%.1f%%", 100*r.Ratio), fmt.Sprintf("goal ≥ %.0f%%", 100*pacedRatioGoal))
	}
	row("429s", fmt.Sprint(r.Rejected429), fmt.Sprintf("goal 0; other errors %d", r.RejectedOther))
	row("sent", fmt.Sprint(r.Sent), fmt.Sprintf("private %d, groups %d; chats complete %d/%d, beyond %d per chat %d; stopped: %s",
		r.PrivateSent, r.GroupSent, r.Complete, r.Private+r.Groups, r.Posts, r.OverDelivered, r.StoppedBy))
	row("sigterm", fmt.Sprintf("exit %d", r.Code), fmt.Sprintf("exited=%v in %s", r.Exited, r.Took.Round(time.Millisecond)))
	row("ledger", fmt.Sprint(r.Enqueued), ledgerString(r.Ledger))
	row("peak RSS", fmt.Sprintf("%.1f MB", float64(r.PeakKB)/1024), "bot VmHWM")
	tw.Flush()
}
