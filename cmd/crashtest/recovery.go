package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"briefbot/internal/telegramtest"
	"briefbot/scheduler"
)

// The chat changes made through the fake's updates before the fan-out:
// new chats that subscribe, subscribed chats that leave, and chats that set
// a time zone. After the restore every one of them must be in the database.
const (
	newSubscribers = 50 // chats Chats+1 … Chats+50 send /subscribe
	leavers        = 25 // chats 1 … 25 send /unsubscribe
	zoneSetters    = 25 // chats 26 … 50 send /settings tz
	changedZone    = "Europe/Moscow"
)

// The change made on the new machine once it replicates: chat 26 moves
// from changedZone to goOnZone.
const (
	goOnChat = leavers + 1
	goOnZone = "Asia/Tokyo"
)

// briefMarker is in the fan-out's brief (pacedStories[0]) and in no reply.
const briefMarker = "イスタンブール"

// RecoveryOptions configures the Litestream recovery run.
type RecoveryOptions struct {
	Chats      int     // private chats subscribed before the run
	Rate       int     // delivery.global_per_second, with paid broadcast
	KillAt     float64 // share of the fan-out accepted when both are killed
	Bins       *Binaries
	Litestream *Litestream
	Config     string // examples/litestream.yml
	Dir        string // work folder; must exist
	Progress   func(format string, args ...any)
}

// machine is one bot's folder: what a machine of its own would hold.
type machine struct {
	name, dir, db, config, log string
}

func newMachine(root, name string) machine {
	dir := filepath.Join(root, name)
	return machine{name: name, dir: dir, db: filepath.Join(dir, "briefbot.db"),
		config: filepath.Join(dir, "config.yaml"), log: filepath.Join(dir, "briefbot.log")}
}

// recovery holds one run's moving parts.
type recovery struct {
	opts                RecoveryOptions
	cs                  *children
	fake                *fakeAPI
	feed, replica       string
	old, twin, restored machine
	oldBot, replicator  *child
	res                 *RecoveryResult
	log                 func(format string, args ...any)
	// sentBeforeFan is the fake's Sent before the story: only briefs follow.
	sentBeforeFan int
	expect        int // chats that should get the brief
}

// RunRecovery proves recovery with Litestream: the real bot and Litestream
// replicate to a file replica; chats change their subscriptions and settings
// through the fake's updates; a copy restored while the old bot runs must
// refuse to start; during the fan-out both the bot and Litestream are
// SIGKILLed; the replica is restored into a new folder, the bot starts there
// against the same fake, and the chats are counted. Every child process is
// killed before it returns.
func RunRecovery(ctx context.Context, opts RecoveryOptions) (*RecoveryResult, error) {
	if opts.Chats <= leavers+zoneSetters || opts.Rate <= 0 || opts.KillAt <= 0 || opts.KillAt >= 1 ||
		opts.Bins == nil || opts.Litestream == nil || opts.Config == "" || opts.Dir == "" {
		return nil, fmt.Errorf("recovery: need Chats > %d, Rate > 0, 0 < KillAt < 1, Bins, Litestream, Config and Dir", leavers+zoneSetters)
	}
	r := &recovery{opts: opts, cs: &children{}, log: opts.Progress,
		feed: filepath.Join(opts.Dir, "feed.xml"), replica: filepath.Join(opts.Dir, "replica"),
		old: newMachine(opts.Dir, "old"), twin: newMachine(opts.Dir, "twin"), restored: newMachine(opts.Dir, "restored"),
		res: &RecoveryResult{Chats: opts.Chats, Rate: opts.Rate, Workers: dispatcherWorkers, Dir: opts.Dir}}
	if r.log == nil {
		r.log = func(string, ...any) {}
	}
	defer r.cs.killAll()
	began := time.Now()
	var err error
	if r.res.Monitor, r.res.Sync, err = litestreamIntervals(opts.Config); err != nil {
		return nil, err
	}
	steps := []func(context.Context) error{r.start, r.changeChats, r.startTwin, r.fanOutAndKill, r.restore, r.finish}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return nil, err
		}
	}
	r.res.Wall = time.Since(began)
	return r.res, nil
}

// start prepares the old machine's database, starts the fake, the bot on an
// empty feed and Litestream beside it, and waits until the bot polls.
func (r *recovery) start(ctx context.Context) error {
	var err error
	if r.fake, err = startFake(ctx, r.cs, r.opts.Bins.Fake, botToken, filepath.Join(r.opts.Dir, "fakebotapi.log")); err != nil {
		return err
	}
	if err := writeFeedPosts(r.feed, time.Now(), 0); err != nil {
		return fmt.Errorf("write feed: %w", err)
	}
	for _, m := range []machine{r.old, r.twin, r.restored} {
		if err := os.MkdirAll(m.dir, 0o755); err != nil {
			return err
		}
		if err := r.writeConfig(m); err != nil {
			return err
		}
	}
	if err := prepareDB(ctx, r.old.db, r.opts.Chats); err != nil {
		return err
	}
	if r.replicator, err = r.cs.startEnv("litestream replicate", r.opts.Litestream.Path, []string{"replicate", "-config", r.opts.Config},
		replicaEnv(r.old.db, r.replica), filepath.Join(r.opts.Dir, "litestream.log"), nil); err != nil {
		return err
	}
	if r.oldBot, err = r.startBot(r.old); err != nil {
		return err
	}
	// Run registers the command menu right before its first poll.
	if err := r.waitFake(ctx, r.oldBot, time.Minute, "the old bot to poll", func(st telegramtest.Stats) bool { return st.ByMethod["setMyCommands"] > 0 }); err != nil {
		return err
	}
	r.log("fake at %s; old bot polling on %d chats; litestream replicating to %s", r.fake.url, r.opts.Chats, r.replica)
	return nil
}

// writeConfig writes a machine's bot config: the same token, fake and feed
// for all, the instance check at its default, a feed fetched every second.
func (r *recovery) writeConfig(m machine) error {
	return botConfig{apiURL: r.fake.url, dbPath: m.db, feedPath: r.feed, perSecond: r.opts.Rate,
		paid: true, schedule: "@every 1s"}.write(m.config)
}

func (r *recovery) startBot(m machine) (*child, error) {
	return r.cs.start("briefbot ("+m.name+")", r.opts.Bins.Bot, []string{"run", "-config", m.config}, m.log, nil)
}

// changeChats sends the subscription and settings changes as users would,
// and waits until every one is answered (answered means committed).
func (r *recovery) changeChats(ctx context.Context) error {
	changes := map[int64]string{}
	for i := range newSubscribers {
		changes[int64(r.opts.Chats+1+i)] = "/subscribe " + topic
	}
	for id := int64(1); id <= leavers; id++ {
		changes[id] = "/unsubscribe " + topic
	}
	for id := int64(leavers + 1); id <= leavers+zoneSetters; id++ {
		changes[id] = "/settings tz " + changedZone
	}
	for id, text := range changes {
		if err := r.fake.userMessage(ctx, id, text); err != nil {
			return err
		}
	}
	err := r.waitFake(ctx, r.oldBot, time.Minute, "answers to every change", func(telegramtest.Stats) bool {
		counts, err := r.fake.counts(ctx)
		if err != nil {
			return false
		}
		for id := range changes {
			if counts[id] == 0 {
				return false
			}
		}
		return true
	})
	if err != nil {
		return err
	}
	r.res.ChangesAt, r.res.Changes = time.Now(), len(changes)
	r.expect = r.opts.Chats - leavers + newSubscribers
	r.log("%d chats changed subscriptions or settings through updates", len(changes))
	return nil
}

// startTwin restores the replica into a second folder while the old bot
// still runs, as an operator restoring on another machine too early would,
// and starts the bot there: it must refuse to start, sending nothing.
func (r *recovery) startTwin(ctx context.Context) error {
	if _, err := r.opts.Litestream.Restore(ctx, r.opts.Config, r.twin.db, r.replica); err != nil {
		return err
	}
	before, err := r.fake.stats(ctx)
	if err != nil {
		return err
	}
	began := time.Now()
	twin, err := r.startBot(r.twin)
	if err != nil {
		return err
	}
	t := &r.res.Twin
	t.Code, t.Exited = twin.wait(ctx, time.Minute)
	t.Took = time.Since(began)
	if !t.Exited {
		twin.kill()
	}
	after, err := r.fake.stats(ctx)
	if err != nil {
		return err
	}
	t.Sent = after.Sent - before.Sent
	t.Refused = fileHas(r.twin.log, "refusing to start: another instance is using this bot token")
	_, err = os.Stat(r.twin.db + ".conflict")
	t.Marked = err == nil
	t.OldSawConflict = fileHas(r.old.log, "another instance polled with this bot token")
	r.log("twin restored while the old bot runs: exit %d after %s, refused %v, sent %d", t.Code, t.Took.Round(time.Millisecond), t.Refused, t.Sent)
	return nil
}

// fanOutAndKill puts the story in the feed, runs a backup and the search
// compaction on the live database during the fan-out, and SIGKILLs
// Litestream and the bot together once KillAt of the fan-out is accepted.
func (r *recovery) fanOutAndKill(ctx context.Context) error {
	st, err := r.fake.stats(ctx)
	if err != nil {
		return err
	}
	r.sentBeforeFan = st.Sent
	if err := writeFeedPosts(r.feed, time.Now(), 1); err != nil {
		return fmt.Errorf("write feed: %w", err)
	}
	bot := r.oldBot
	r.log("story in the feed; the fan-out starts at the scheduler's next publish tick (every %s)", scheduler.DefaultPublishEvery)
	if err := r.waitFake(ctx, bot, time.Minute, "the first brief", func(st telegramtest.Stats) bool { return st.Sent > r.sentBeforeFan }); err != nil {
		return err
	}
	r.res.FanStart = time.Now()
	maint := make(chan Maintenance, 1)
	go func() { maint <- liveMaintenance(ctx, r.old.db, filepath.Join(r.opts.Dir, "backup.db")) }()

	target := r.sentBeforeFan + int(r.opts.KillAt*float64(r.expect))
	if err := r.waitFake(ctx, bot, 5*time.Minute, fmt.Sprintf("%d briefs", target-r.sentBeforeFan), func(st telegramtest.Stats) bool { return st.Sent >= target }); err != nil {
		return err
	}
	if r.replicator.exited() {
		return fmt.Errorf("litestream exited during the fan-out: status %d (log %s)", exitCode(r.replicator.err), r.replicator.log.Name())
	}
	// Both at once, as when the machine is lost: signals first, reaping after.
	r.res.Killed = time.Now()
	_ = r.replicator.cmd.Process.Signal(syscall.SIGKILL)
	_ = bot.cmd.Process.Signal(syscall.SIGKILL)
	r.replicator.kill()
	bot.kill()
	if st, err = r.fake.stats(ctx); err != nil {
		return err
	}
	r.res.SentAtKill = st.Sent - r.sentBeforeFan
	r.res.Maintenance = <-maint
	r.log("SIGKILL to bot and litestream %s into the fan-out, %d of %d briefs accepted",
		r.res.Killed.Sub(r.res.FanStart).Round(time.Millisecond), r.res.SentAtKill, r.expect)
	if r.res.Orig, err = readLedger(ctx, r.old.db); err != nil {
		return fmt.Errorf("old ledger: %w", err)
	}
	return nil
}

// restore runs the README's restore into the new folder and reads what the
// replica held: integrity, ledger, and the chats' changes.
func (r *recovery) restore(ctx context.Context) error {
	var err error
	if r.res.RestoreTook, err = r.opts.Litestream.Restore(ctx, r.opts.Config, r.restored.db, r.replica); err != nil {
		return err
	}
	if r.res.Restored, err = readRestored(ctx, r.restored.db, r.opts.Chats); err != nil {
		return fmt.Errorf("restored database: %w", err)
	}
	r.log("restored in %s: integrity %s, %d briefs marked sent (the old ledger had %d)",
		r.res.RestoreTook.Round(time.Millisecond), r.res.Restored.Integrity, r.res.Restored.Ledger.sent(), r.res.Orig.sent())
	return nil
}

// finish starts the bot on the restored database against the same fake,
// waits until every chat is served and the fake is quiet, stops it with
// SIGTERM and counts.
func (r *recovery) finish(ctx context.Context) error {
	st, err := r.fake.stats(ctx)
	if err != nil {
		return err
	}
	began := time.Now()
	bot, err := r.startBot(r.restored)
	if err != nil {
		return err
	}
	want := r.sentBeforeFan + r.expect
	lastSent, lastChange := st.Sent, time.Now()
	err = r.waitFake(ctx, nil, 5*time.Minute, "the restored bot to finish", func(st telegramtest.Stats) bool {
		now := time.Now()
		if st.Sent != lastSent {
			lastSent, lastChange = st.Sent, now
			if r.res.Resumed.IsZero() {
				r.res.Resumed = now
			}
		}
		quiet := now.Sub(lastChange)
		if bot.exited() || (quiet >= 20*time.Second && now.Sub(began) >= 30*time.Second) {
			return true // counted below as lost chats or a bad exit
		}
		return st.Sent >= want && quiet >= time.Second
	})
	if err != nil {
		return err
	}
	if !r.res.Resumed.IsZero() {
		r.res.ResumeAfter = r.res.Resumed.Sub(began)
	}
	if err := r.goOn(ctx); err != nil {
		return err
	}
	r.res.FinalCode, r.res.FinalExited, _ = bot.terminate(ctx)
	if r.res.FinalLedger, err = ledgerStats(ctx, r.restored.db); err != nil {
		return err
	}
	msgs, err := r.fake.allMessages(ctx)
	if err != nil {
		return err
	}
	r.res.tally(briefCounts(msgs), r.expect)
	r.res.Litestream = scanLitestreamLog(filepath.Join(r.opts.Dir, "litestream.log"))
	r.log("restored bot: exit %d; lost %d, duplicated %d (in flight %d, marked within the lag %d)",
		r.res.FinalCode, r.res.Lost, r.res.Duplicated, r.res.DupInFlight, r.res.DupLag)
	return nil
}

// goOn is what the new machine does once its bot runs: Litestream
// replicates the restored database to the same replica (not before the bot
// has passed its instance check: a second Litestream on a replica the old
// machine still writes breaks it), a chat changes its time zone, and
// restores from the replica into yet another folder are tried until one
// holds the change.
func (r *recovery) goOn(ctx context.Context) error {
	g := &r.res.GoOn
	ls, err := r.cs.startEnv("litestream replicate (restored)", r.opts.Litestream.Path, []string{"replicate", "-config", r.opts.Config},
		replicaEnv(r.restored.db, r.replica), filepath.Join(r.opts.Dir, "litestream-restored.log"), nil)
	if err != nil {
		return err
	}
	counts, err := r.fake.counts(ctx)
	if err != nil {
		return err
	}
	before := counts[goOnChat]
	if err := r.fake.userMessage(ctx, goOnChat, "/settings tz "+goOnZone); err != nil {
		return err
	}
	if err := r.waitFake(ctx, nil, time.Minute, "the answer to the change", func(telegramtest.Stats) bool {
		counts, err := r.fake.counts(ctx)
		return err == nil && counts[goOnChat] > before
	}); err != nil {
		return err
	}
	answered := time.Now()
	again := filepath.Join(r.opts.Dir, "again")
	if err := os.MkdirAll(again, 0o755); err != nil {
		return err
	}
	for g.Restores = 1; ; g.Restores++ {
		path := filepath.Join(again, fmt.Sprintf("briefbot-%d.db", g.Restores))
		if _, err := r.opts.Litestream.Restore(ctx, r.opts.Config, path, r.replica); err != nil {
			g.Err = err.Error()
		} else if g.Integrity, g.Zone, err = zoneOf(ctx, path, goOnChat); err != nil {
			g.Err = err.Error()
		} else if g.Zone == goOnZone {
			g.Err, g.Lag = "", time.Since(answered)
			break
		}
		if time.Since(answered) > 30*time.Second {
			break
		}
		select {
		case <-time.After(200 * time.Millisecond):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	ls.terminate(ctx)
	r.log("the new machine replicates on: a change made there restored after %s (%d restores), integrity %s",
		g.Lag.Round(time.Millisecond), g.Restores, g.Integrity)
	return nil
}

// waitFake polls the fake every 20 ms until done holds. It fails when
// proc (if not nil) exits first, or after limit.
func (r *recovery) waitFake(ctx context.Context, proc *child, limit time.Duration, what string, done func(telegramtest.Stats) bool) error {
	deadline := time.Now().Add(limit)
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		st, err := r.fake.stats(ctx)
		if err != nil {
			return err
		}
		if done(st) {
			return nil
		}
		if proc != nil && proc.exited() {
			return fmt.Errorf("waiting for %s: %s exited with status %d (log %s)", what, proc.name, exitCode(proc.err), proc.log.Name())
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("waiting for %s: gave up after %s", what, limit)
		}
		select {
		case <-tick.C:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// fileHas reports whether the file contains s.
func fileHas(path, s string) bool {
	b, err := os.ReadFile(path)
	return err == nil && strings.Contains(string(b), s)
}

// briefCounts counts the fan-out's brief per chat among the fake's
// messages (command answers do not carry the marker).
func briefCounts(msgs []telegramtest.Message) map[int64]int {
	counts := map[int64]int{}
	for _, m := range msgs {
		if strings.Contains(m.Text, briefMarker) {
			counts[m.ChatID]++
		}
	}
	return counts
}
