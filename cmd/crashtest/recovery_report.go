package main

import (
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"briefbot"
)

// TwinCheck is the copy restored and started while the old bot still ran.
type TwinCheck struct {
	Exited         bool
	Code           int
	Took           time.Duration
	Refused        bool // its log says it refused to start
	Marked         bool // it left the mark that keeps its copy from starting later
	Sent           int  // messages the fake accepted meanwhile (goal 0)
	OldSawConflict bool // the old bot logged the conflict (and kept running)
}

// GoOnCheck is the new machine replicating to the same replica.
type GoOnCheck struct {
	Restores  int           // restores tried until one held the change
	Lag       time.Duration // the change's answer to the first restore holding it
	Integrity string        // of that restore
	Zone      string        // the chat's time zone in the last restore tried
	Err       string        // of the last failed restore
}

// RecoveryResult is what one recovery run measured.
type RecoveryResult struct {
	Chats, Rate, Workers int
	Expect               int // chats that should get the brief
	LitestreamTook       time.Duration
	LitestreamCached     bool
	Monitor, Sync        time.Duration // from the Litestream config
	Changes              int
	ChangesAt            time.Time
	Twin                 TwinCheck
	FanStart, Killed     time.Time
	SentAtKill           int // briefs accepted when both were killed
	Maintenance          Maintenance
	Orig                 ledger // the lost machine's ledger, read after the kill
	RestoreTook          time.Duration
	Restored             RestoredDB
	Resumed              time.Time     // first send after the restored bot started
	ResumeAfter          time.Duration // its start to that send (instance check included)
	FinalExited          bool
	FinalCode            int
	FinalLedger          briefbot.DeliveryStats
	GoOn                 GoOnCheck
	Litestream           LitestreamLog

	// Counts (tally).
	Lost, Unwanted int
	Duplicated     int // Σ(count−1) over chats
	DupInFlight    int // extra copies of sends the old ledger had not marked
	DupLag         int // extra copies of sends marked, but not yet replicated
	DupOther       int // extra copies the restored ledger had marked (goal 0)
	MarkedInLag    int // sends marked in the old ledger, not in the replica
	Wall           time.Duration
	Dir            string
}

// Lag is the replication lag at the kill: the newest "sent" commit on the
// lost machine minus the newest that reached the replica.
func (r *RecoveryResult) Lag() time.Duration {
	last := r.Restored.Ledger.lastMark()
	if last.IsZero() {
		return r.Orig.lastMark().Sub(r.FanStart) // no mark replicated: at least this
	}
	return r.Orig.lastMark().Sub(last)
}

// InFlight is how many briefs the fake had accepted at the kill that the
// old ledger had not marked sent.
func (r *RecoveryResult) InFlight() int { return max(0, r.SentAtKill-r.Orig.sent()) }

// Bound is the most duplicates the design allows: the sends on the wire
// (one per dispatcher worker) plus the sends marked within the lag.
func (r *RecoveryResult) Bound() int { return r.Workers + r.MarkedInLag }

// tally counts the brief per chat: expected chats are 26…Chats and the new
// subscribers; the leavers must get nothing. Each extra copy is put down to
// what the ledgers say of its chat.
func (r *RecoveryResult) tally(counts map[int64]int, expect int) {
	r.Expect = expect
	isExpected := func(id int64) bool {
		return id > leavers && id <= int64(r.Chats+newSubscribers)
	}
	for id := int64(leavers + 1); id <= int64(r.Chats+newSubscribers); id++ {
		if counts[id] == 0 {
			r.Lost++
		}
	}
	for id, n := range counts {
		if !isExpected(id) {
			r.Unwanted += n
		}
		if n < 2 {
			continue
		}
		extra := n - 1
		r.Duplicated += extra
		switch {
		case r.Restored.Ledger[id].state == string(briefbot.DeliverySent):
			r.DupOther += extra
		case r.Orig[id].state == string(briefbot.DeliverySent):
			r.DupLag += extra
		default:
			r.DupInFlight += extra
		}
	}
	for id, row := range r.Orig {
		if row.state == string(briefbot.DeliverySent) && r.Restored.Ledger[id].state != string(briefbot.DeliverySent) {
			r.MarkedInLag++
		}
	}
}

// Failures lists every goal the run missed; empty means it passed.
func (r *RecoveryResult) Failures() []string {
	var f []string
	add := func(format string, a ...any) { f = append(f, fmt.Sprintf(format, a...)) }
	if t := r.Twin; !t.Exited || t.Code != 1 || !t.Refused || !t.Marked || t.Sent > 0 {
		add("copy restored while the old bot ran: exited=%v status %d refused=%v marked=%v sent %d (want status 1, refused, marked, 0 sent)",
			t.Exited, t.Code, t.Refused, t.Marked, t.Sent)
	}
	if m := r.Maintenance; m.Err != nil || m.BackupIntegrity != "ok" {
		add("backup or search compaction beside Litestream: %v (copy integrity %q)", m.Err, m.BackupIntegrity)
	}
	if d := r.Restored; d.Integrity != "ok" || d.FTS != "ok" {
		add("restored database: integrity %q, search index %q", d.Integrity, d.FTS)
	}
	if d := r.Restored; d.Subscribers != newSubscribers || d.LeaversGone != leavers || d.Zones != zoneSetters {
		add("changes made before the fan-out, restored: %d/%d subscriptions, %d/%d unsubscriptions, %d/%d time zones",
			d.Subscribers, newSubscribers, d.LeaversGone, leavers, d.Zones, zoneSetters)
	}
	if age := r.Killed.Sub(r.ChangesAt); age <= r.Lag() {
		add("the changes were made %s before the kill, within the %s lag: their check proves nothing", age.Round(time.Millisecond), r.Lag().Round(time.Millisecond))
	}
	if r.Lost > 0 {
		add("lost %d chats (goal 0)", r.Lost)
	}
	if r.Unwanted > 0 {
		add("%d briefs went to chats that had unsubscribed or never subscribed", r.Unwanted)
	}
	if r.DupInFlight > r.Workers {
		add("%d duplicates of sends in flight > %d workers", r.DupInFlight, r.Workers)
	}
	if r.Duplicated > r.Bound() {
		add("duplicated %d > bound %d (%d in flight + %d marked within the lag)", r.Duplicated, r.Bound(), r.Workers, r.MarkedInLag)
	}
	if r.DupOther > 0 {
		add("%d duplicates of sends the restored ledger had marked", r.DupOther)
	}
	if g := r.GoOn; g.Zone != goOnZone || g.Integrity != "ok" {
		add("the new machine's replication: a change made there is not in a restore after 30 s (zone %q, integrity %q, %s)", g.Zone, g.Integrity, g.Err)
	}
	if !r.FinalExited || r.FinalCode != 0 {
		add("restored bot: exited=%v status %d (want 0 after SIGTERM)", r.FinalExited, r.FinalCode)
	}
	if st := r.FinalLedger; st[briefbot.DeliverySent] != r.Expect || st[briefbot.DeliveryPending]+st[briefbot.DeliverySending] > 0 {
		add("restored ledger at the end: %s (want sent=%d)", ledgerString(st), r.Expect)
	}
	return f
}

// WriteRecoveryReport prints the recovery table.
func WriteRecoveryReport(w io.Writer, r *RecoveryResult) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(k, v, note string, a ...any) { fmt.Fprintf(tw, "%s\t%s\t%s\n", k, v, fmt.Sprintf(note, a...)) }
	ms := func(d time.Duration) string { return d.Round(time.Millisecond).String() }
	build := "go install took " + ms(r.LitestreamTook)
	if r.LitestreamCached {
		build = "cached build"
	}
	row("litestream", litestreamVersion, "%s; monitor-interval %s, sync-interval %s, file replica", build, r.Monitor, r.Sync)
	row("chats", fmt.Sprint(r.Expect), "to serve: %d subscribed − %d unsubscribed + %d new; %d/s (paid broadcast), %d send workers",
		r.Chats, leavers, newSubscribers, r.Rate, r.Workers)
	row("changes", fmt.Sprint(r.Changes), "through updates before the fan-out (%d /subscribe, %d /unsubscribe, %d /settings tz), %s before the kill",
		newSubscribers, leavers, zoneSetters, ms(r.Killed.Sub(r.ChangesAt)))
	old := "it kept running"
	if r.Twin.OldSawConflict {
		old = "the old bot saw its check as a conflict and kept running"
	}
	row("early restore", fmt.Sprintf("exit %d", r.Twin.Code), "a copy restored and started while the old bot ran: refused=%v after %s (marked %v), sent %d; %s",
		r.Twin.Refused, ms(r.Twin.Took), r.Twin.Marked, r.Twin.Sent, old)
	m := r.Maintenance
	row("maintenance", errString(m.Err), "beside the bot and Litestream: VACUUM INTO backup %s (copy integrity %s, %d ledger rows), CompactSearch %s",
		ms(m.Backup), m.BackupIntegrity, m.BackupDeliveries, ms(m.Compact))
	row("kill", ms(r.Killed.Sub(r.FanStart)), "into the fan-out, bot and Litestream SIGKILLed together: %d of %d briefs accepted, %d marked sent in the old ledger, %d accepted but not marked",
		r.SentAtKill, r.Expect, r.Orig.sent(), r.InFlight())
	d := r.Restored
	row("restore", ms(r.RestoreTook), "into a new folder: integrity %s, search index %s; %d/%d subscriptions, %d/%d unsubscriptions, %d/%d time zones kept",
		d.Integrity, d.FTS, d.Subscribers, newSubscribers, d.LeaversGone, leavers, d.Zones, zoneSetters)
	row("lag", ms(r.Lag()), "newest sent mark on the lost machine − newest in the replica; the replica's newest was %s old at the kill; %d sends marked within the lag",
		ms(r.Killed.Sub(d.Ledger.lastMark())), r.MarkedInLag)
	row("restored bot", ms(r.ResumeAfter), "start → first send (the instance check included); SIGTERM: exited=%v status %d; ledger %s",
		r.FinalExited, r.FinalCode, ledgerString(r.FinalLedger))
	row("replicating on", ms(r.GoOn.Lag), "the new machine's Litestream on the same replica, started after its bot's check: a change made there in restore %d (integrity %s)",
		r.GoOn.Restores, r.GoOn.Integrity)
	row("lost", fmt.Sprint(r.Lost), "chats that never got the brief (goal 0); briefs to chats that had left: %d", r.Unwanted)
	row("duplicates", fmt.Sprint(r.Duplicated), "bound %d = %d in flight + %d marked within the lag; of them %d in flight, %d within the lag, %d unexplained",
		r.Bound(), r.Workers, r.MarkedInLag, r.DupInFlight, r.DupLag, r.DupOther)
	row("litestream log", fmt.Sprintf("%d snapshots", r.Litestream.Snapshots), "WAL positions lost to another checkpointer: %d; errors: %d",
		r.Litestream.Overwritten, r.Litestream.Errors)
	row("wall", ms(r.Wall), "%s", r.Dir)
	tw.Flush()
}

func errString(err error) string {
	if err == nil {
		return "ok"
	}
	return err.Error()
}
