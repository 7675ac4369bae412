package main

import (
	"bytes"
	"testing"
	"time"
)

// TestStormShort runs the storm mode small: 30 chats send /start and
// /subscribe within a second and one chat ten commands in two, while 20
// chats are owed 5 briefs each, against the fake enforcing Telegram's
// limits. It checks what must hold on any machine — every command
// answered, the busy chat's answers in order, no 429, a clean SIGTERM —
// and leaves the rates to the command.
func TestStormShort(t *testing.T) {
	ctx, bins, dir, _ := buildBinaries(t)
	res, err := RunStorm(ctx, StormOptions{
		Subscribers: 20, Posts: 5, Chats: 30, Warmup: time.Second, After: time.Second,
		Bins: bins, Dir: dir, Progress: t.Logf,
	})
	if err != nil {
		t.Fatalf("harness: %v", err)
	}
	var report bytes.Buffer
	WriteStormReport(&report, res)
	t.Logf("\n%s", report.String())
	if res.Answered != res.Commands || res.Commands != 2*30+len(stormBusy) {
		t.Errorf("%d of %d commands answered", res.Answered, res.Commands)
	}
	if !res.BusyInOrder {
		t.Error("the busy chat's answers came out of order")
	}
	if res.Rejected429 != 0 || res.Dropped != 0 {
		t.Errorf("429s = %d, replies dropped = %d; want 0 and 0", res.Rejected429, res.Dropped)
	}
	if !res.Exited || res.Code != 0 {
		t.Errorf("SIGTERM: exited=%v code=%d, want exit 0", res.Exited, res.Code)
	}
}
