package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"briefbot"
)

// TestRecoveryTally checks how the recovery verdict counts: lost chats,
// briefs to chats that left, and each extra copy put down to a send in
// flight, a mark within the lag, or nothing the design allows.
func TestRecoveryTally(t *testing.T) {
	t0 := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	sent := func(ms int) ledgerRow {
		return ledgerRow{state: string(briefbot.DeliverySent), marked: t0.Add(time.Duration(ms) * time.Millisecond)}
	}
	sending := ledgerRow{state: string(briefbot.DeliverySending)}
	const chats = 60 // expected: 26…60 and the new subscribers 61…110
	r := &RecoveryResult{Chats: chats, Workers: dispatcherWorkers, FanStart: t0}
	r.Orig = ledger{26: sent(100), 27: sent(900), 28: sent(950), 29: sending, 30: sent(120)}
	r.Restored.Ledger = ledger{26: sent(100), 27: sending, 28: sending, 29: sending, 30: sent(120)}
	counts := map[int64]int{}
	for id := int64(leavers + 1); id <= chats+newSubscribers; id++ {
		counts[id] = 1
	}
	counts[27], counts[28] = 2, 2 // marked on the lost machine only: resent
	counts[29] = 2                // on the wire at the kill, not marked: resent
	counts[30] = 2                // marked in the replica too: must not happen
	counts[1] = 1                 // a chat that had left
	delete(counts, 60)            // never served
	r.tally(counts, chats-leavers+newSubscribers)

	if r.Lost != 1 || r.Unwanted != 1 {
		t.Errorf("lost %d, unwanted %d; want 1, 1", r.Lost, r.Unwanted)
	}
	if r.Duplicated != 4 || r.DupLag != 2 || r.DupInFlight != 1 || r.DupOther != 1 {
		t.Errorf("duplicated %d (lag %d, in flight %d, other %d); want 4 (2, 1, 1)", r.Duplicated, r.DupLag, r.DupInFlight, r.DupOther)
	}
	if r.MarkedInLag != 2 || r.Bound() != dispatcherWorkers+2 {
		t.Errorf("marked in lag %d, bound %d; want 2, %d", r.MarkedInLag, r.Bound(), dispatcherWorkers+2)
	}
	if lag := r.Lag(); lag != 830*time.Millisecond {
		t.Errorf("lag %s, want 830ms (950ms − 120ms)", lag)
	}
}

// TestLitestreamIntervals reads the shipped example, so the report states
// the intervals the README's command really runs with.
func TestLitestreamIntervals(t *testing.T) {
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	monitor, sync, err := litestreamIntervals(filepath.Join(root, "examples", "litestream.yml"))
	if err != nil || monitor != time.Second || sync != time.Second {
		t.Fatalf("examples/litestream.yml: monitor %s, sync %s, %v; want 1s, 1s", monitor, sync, err)
	}
	bare := filepath.Join(t.TempDir(), "litestream.yml")
	if err := os.WriteFile(bare, []byte("dbs:\n  - path: /data/briefbot.db\n    replica:\n      url: s3://bucket/briefbot\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if monitor, sync, err = litestreamIntervals(bare); err != nil || monitor != time.Second || sync != time.Second {
		t.Fatalf("defaults: monitor %s, sync %s, %v; want 1s, 1s", monitor, sync, err)
	}
}
