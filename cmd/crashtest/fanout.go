package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"briefbot"
	"briefbot/internal/telegramtest"
)

// rssGoalKB is the fan-out's memory goal: the bot's peak RSS ≤ 100 MB.
const rssGoalKB = 100 * 1024

// fanoutCeiling is the delivery.global_per_second the fan-out runs at: the
// most config validation allows (paid broadcast), so msgs/s sits at this cap
// unless the ledger or HTTP path is slower.
const fanoutCeiling = 1000

// FanoutOptions configures one fan-out measurement.
type FanoutOptions struct {
	Chats    int
	Bins     *Binaries
	Dir      string
	Progress func(format string, args ...any)
	// Wait bounds the fan-out (default 30 min).
	Wait time.Duration
}

// FanoutResult is what one fan-out measured.
type FanoutResult struct {
	Chats       int
	Prepare     time.Duration
	Startup     time.Duration // bot start to the first accepted send (fetch, digest, enqueue)
	Span        time.Duration // first to last accepted send (100 ms samples)
	Rate        float64       // Chats / Span
	Steady      float64       // msgs/s after the first 2 s
	Delivered   int           // chats with exactly one message
	Missing     int           // chats with none
	Duplicated  int           // Σ(count−1)
	Strangers   int           // messages to chats outside 1..Chats
	PeakKB      int64         // bot's VmHWM, the most of every reading
	LastRSSKB   int64         // VmRSS right before SIGTERM
	RSSReadings int
	BotCPU      time.Duration // user+system of the bot, read right before SIGTERM
	FakeCPU     time.Duration // of the fake, same moment (0 when unreadable)
	Exited      bool
	Code        int
	Took        time.Duration // SIGTERM to exit
	Ledger      briefbot.DeliveryStats
	Fake        telegramtest.Stats
	Note        string
	Wall        time.Duration
}

// Failures lists the goals the fan-out missed.
func (r *FanoutResult) Failures() []string {
	var f []string
	if r.Missing > 0 || r.Duplicated > 0 || r.Strangers > 0 {
		f = append(f, fmt.Sprintf("not exactly once: %d missing, %d duplicated, %d strangers", r.Missing, r.Duplicated, r.Strangers))
	}
	if r.PeakKB > rssGoalKB {
		f = append(f, fmt.Sprintf("peak RSS %.1f MB > 100 MB", float64(r.PeakKB)/1024))
	}
	if r.RSSReadings == 0 {
		f = append(f, "no RSS reading of the bot")
	}
	if !r.Exited || r.Code != 0 {
		f = append(f, fmt.Sprintf("SIGTERM: exited=%v code=%d (want exit 0 within 30s)", r.Exited, r.Code))
	}
	if r.Ledger[briefbot.DeliverySent] != r.Chats || r.Ledger[briefbot.DeliveryPending]+r.Ledger[briefbot.DeliverySending] > 0 {
		f = append(f, fmt.Sprintf("ledger: %s (want sent=%d)", ledgerString(r.Ledger), r.Chats))
	}
	if r.Note != "" {
		f = append(f, r.Note)
	}
	return f
}

// RunFanout delivers one brief to Chats private chats with no kills, at the
// 1000/s paid-broadcast cap against the unthrottled fake, and measures the
// rate (the fake's Sent sampled every 100 ms) and the bot's peak RSS
// (VmHWM every 200 ms and right before SIGTERM).
func RunFanout(ctx context.Context, opts FanoutOptions) (*FanoutResult, error) {
	if opts.Chats <= 0 || opts.Bins == nil || opts.Dir == "" {
		return nil, errors.New("fanout: need Chats > 0, Bins and Dir")
	}
	if opts.Wait <= 0 {
		opts.Wait = 30 * time.Minute
	}
	logf := opts.Progress
	if logf == nil {
		logf = func(string, ...any) {}
	}
	start := time.Now()
	files := newWorkFiles(opts.Dir)
	cs := &children{}
	defer cs.killAll()
	res := &FanoutResult{Chats: opts.Chats}

	fake, err := startFake(ctx, cs, opts.Bins.Fake, botToken, files.fakeLog)
	if err != nil {
		return nil, err
	}
	if err := writeFeed(files.feed, time.Now()); err != nil {
		return nil, fmt.Errorf("write feed: %w", err)
	}
	if err := writeConfigPaced(files.config, fake.url, files.db, files.feed, fanoutCeiling, true); err != nil {
		return nil, fmt.Errorf("write config: %w", err)
	}
	if err := prepareDB(ctx, files.db, opts.Chats); err != nil {
		return nil, err
	}
	res.Prepare = time.Since(start)
	logf("database ready: %d chats (%s); fake at %s", opts.Chats, res.Prepare.Round(time.Millisecond), fake.url)

	ss := startStatsSampler(ctx, fake, 100*time.Millisecond)
	botStart := time.Now()
	p, err := cs.start("briefbot run", opts.Bins.Bot, []string{"run", "-config", files.config}, files.botLog(0, "fanout"), nil)
	if err != nil {
		ss.finish()
		return nil, err
	}
	rs := startRSSSampler(ctx, p.cmd.Process.Pid, 200*time.Millisecond)
	deadline := botStart.Add(opts.Wait)
	lastSent, lastChange, lastLog := -1, time.Now(), time.Now()
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
wait:
	for {
		now := time.Now()
		s := ss.last()
		switch {
		case s.Sent >= opts.Chats:
			break wait
		case p.exited():
			res.Note = fmt.Sprintf("bot exited by itself: status %d (see %s)", exitCode(p.err), p.log.Name())
			break wait
		case now.After(deadline):
			res.Note = fmt.Sprintf("gave up after %s at %d/%d", opts.Wait, s.Sent, opts.Chats)
			break wait
		case lastSent >= 0 && now.Sub(lastChange) > 30*time.Second:
			res.Note = fmt.Sprintf("stalled: no send for 30s at %d/%d", s.Sent, opts.Chats)
			break wait
		}
		if s.Sent != lastSent {
			lastSent, lastChange = s.Sent, now
		}
		if now.Sub(lastLog) >= 10*time.Second {
			logf("sent %d/%d", s.Sent, opts.Chats)
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
	res.BotCPU, _ = procCPU(p.cmd.Process.Pid)
	res.FakeCPU, _ = procCPU(fake.proc.cmd.Process.Pid)
	res.Code, res.Exited, res.Took = p.terminate(ctx)
	res.PeakKB, res.LastRSSKB, res.RSSReadings = rs.finish()
	samples, err := ss.finish()
	if err != nil {
		return nil, err
	}
	first, last := firstAt(samples, 1), firstAt(samples, opts.Chats)
	if !first.IsZero() {
		res.Startup = first.Sub(botStart)
	}
	if !first.IsZero() && !last.IsZero() && last.After(first) {
		res.Span = last.Sub(first)
		res.Rate = float64(opts.Chats) / res.Span.Seconds()
		res.Steady, _, _ = rateOver(samples, first.Add(2*time.Second), last)
	}
	if res.Ledger, err = ledgerStats(ctx, files.db); err != nil {
		return nil, err
	}
	counts, err := fake.counts(ctx)
	if err != nil {
		return nil, err
	}
	if res.Fake, err = fake.stats(ctx); err != nil {
		return nil, err
	}
	for id, n := range counts {
		switch {
		case id < 1 || id > int64(opts.Chats):
			res.Strangers += n
		case n == 1:
			res.Delivered++
		}
	}
	res.Duplicated, _ = duplicates(counts)
	res.Missing = opts.Chats - delivered(counts, opts.Chats)
	res.Wall = time.Since(start)
	logf("fan-out done: %d sent in %s, exit %d", res.Fake.Sent, res.Span.Round(time.Millisecond), res.Code)
	return res, nil
}

// WriteFanoutReport prints the fan-out table.
func WriteFanoutReport(w io.Writer, r *FanoutResult) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(k, v, note string) { fmt.Fprintf(tw, "%s\t%s\t%s\n", k, v, note) }
	row("chats", fmt.Sprint(r.Chats), fmt.Sprintf("private, one brief each; delivery.global_per_second %d (paid broadcast cap), unthrottled fake", fanoutCeiling))
	row("msgs/s", fmt.Sprintf("%.0f", r.Rate), fmt.Sprintf("first→last accepted send, %s (%.0f%% of the %d/s cap)", r.Span.Round(time.Millisecond), 100*r.Rate/fanoutCeiling, fanoutCeiling))
	row("steady msgs/s", fmt.Sprintf("%.0f", r.Steady), "first 2 s skipped")
	row("cpu/msg", fmt.Sprintf("%.0f µs", perMsg(r.BotCPU, r.Chats)), fmt.Sprintf("bot user+sys %s for the whole run (fake %s, %.0f µs/msg): the wall rate also depends on the neighbours on a shared box",
		r.BotCPU.Round(10*time.Millisecond), r.FakeCPU.Round(10*time.Millisecond), perMsg(r.FakeCPU, r.Chats)))
	row("startup", r.Startup.Round(time.Millisecond).String(), "bot start → first accepted send (fetch, digest, enqueue)")
	row("exactly once", fmt.Sprint(r.Delivered), fmt.Sprintf("chats with 1 message; missing %d, duplicated %d, strangers %d (goal 0)", r.Missing, r.Duplicated, r.Strangers))
	row("peak RSS", fmt.Sprintf("%.1f MB", float64(r.PeakKB)/1024), fmt.Sprintf("bot VmHWM, %d readings every 200 ms + before SIGTERM (goal ≤ 100 MB); VmRSS at the end %.1f MB", r.RSSReadings, float64(r.LastRSSKB)/1024))
	row("sigterm", fmt.Sprintf("exit %d", r.Code), fmt.Sprintf("exited=%v in %s", r.Exited, r.Took.Round(time.Millisecond)))
	row("ledger", fmt.Sprint(r.Ledger[briefbot.DeliverySent]), ledgerString(r.Ledger))
	row("fake", fmt.Sprint(r.Fake.Sent), fmt.Sprintf("sendMessage accepted; requests %d, 429 %d, other errors %d", r.Fake.Requests, r.Fake.Rejected429, r.Fake.RejectedOther))
	row("wall", r.Wall.Round(time.Millisecond).String(), fmt.Sprintf("prepare %s", r.Prepare.Round(time.Millisecond)))
	tw.Flush()
}

// perMsg is d per message in microseconds.
func perMsg(d time.Duration, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(d.Microseconds()) / float64(n)
}
