package main

import (
	"bytes"
	"context"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// TestCrashShort runs the crash harness small enough for CI: 300 chats, 3
// SIGKILLs, one SIGTERM. It builds the real binaries (the build cache keeps
// that cheap) and runs them as child processes on loopback.
func TestCrashShort(t *testing.T) {
	ctx, bins, dir, build := buildBinaries(t)
	seed := rand.Int64N(1_000_000_000)
	res, err := Run(ctx, Options{
		Chats: 300, Kills: 3, Seed: seed, Bins: bins, Dir: dir,
		Progress:   t.Logf,
		KillWait:   20 * time.Second,
		FinishWait: 60 * time.Second,
	})
	if err != nil {
		t.Fatalf("harness (seed %d): %v", seed, err)
	}
	var report bytes.Buffer
	WriteReport(&report, res, build)
	t.Logf("seed %d\n%s", seed, report.String())
	if res.Lost != 0 {
		t.Errorf("lost = %d chats, want 0", res.Lost)
	}
	if res.Duplicated > res.Bound {
		t.Errorf("duplicated = %d, want ≤ %d", res.Duplicated, res.Bound)
	}
	for _, f := range res.Failures() {
		t.Errorf("seed %d: %s", seed, f)
	}
}

// buildBinaries skips in -short mode, else builds the real binaries into a
// temporary directory (the build cache keeps that cheap) and returns a
// context bounding the whole test, the binaries, the directory and the
// build time.
func buildBinaries(t *testing.T) (context.Context, *Binaries, string, time.Duration) {
	t.Helper()
	if testing.Short() {
		t.Skip("builds and runs the daemon as separate processes")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	root, err := ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	began := time.Now()
	bins, err := Build(ctx, root, filepath.Join(dir, "bin"))
	if err != nil {
		t.Fatal(err)
	}
	return ctx, bins, dir, time.Since(began)
}

// TestHelpers checks the counting the verdict rests on.
func TestHelpers(t *testing.T) {
	tests := []struct {
		name              string
		counts            map[int64]int
		chats             int
		dup, most, served int
	}{
		{"empty", map[int64]int{}, 3, 0, 0, 0},
		{"one each", map[int64]int{1: 1, 2: 1, 3: 1}, 3, 0, 1, 3},
		{"duplicates and a stranger", map[int64]int{1: 3, 3: 1, 99: 2}, 3, 3, 3, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dup, most := duplicates(tt.counts)
			if dup != tt.dup || most != tt.most {
				t.Errorf("duplicates = %d, %d; want %d, %d", dup, most, tt.dup, tt.most)
			}
			if got := delivered(tt.counts, tt.chats); got != tt.served {
				t.Errorf("delivered = %d, want %d", got, tt.served)
			}
		})
	}
	r := rand.New(rand.NewPCG(1, 2))
	got := drawTargets(r, 50, 100)
	for i, v := range got {
		if v < 1 || v > 80 || (i > 0 && v < got[i-1]) {
			t.Fatalf("drawTargets = %v: want sorted values in [1, 80]", got)
		}
	}
}

// TestAttribute checks that an extra copy is charged to the first stop after
// the copy before it, allowing for a send accepted just after a SIGKILL.
func TestAttribute(t *testing.T) {
	t0 := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	ms := func(n int) time.Time { return t0.Add(time.Duration(n) * time.Millisecond) }
	h := &harness{res: &Result{
		KillPoints: []KillPoint{{Killed: ms(100)}, {Killed: ms(400)}},
		Sigterm:    SigtermCheck{Signalled: ms(700)},
	}}
	h.attribute(DupChat{Chat: 1, At: []time.Time{ms(99), ms(200)}})           // on the wire at kill 0
	h.attribute(DupChat{Chat: 2, At: []time.Time{ms(130), ms(250)}})          // accepted 30ms after kill 0
	h.attribute(DupChat{Chat: 3, At: []time.Time{ms(390), ms(500), ms(600)}}) // kill 1, then the resend itself cut by SIGTERM
	h.attribute(DupChat{Chat: 4, At: []time.Time{ms(800), ms(900)}})          // after every stop
	got := []int{h.res.KillPoints[0].Dups, h.res.KillPoints[1].Dups, h.res.Sigterm.Dups, h.res.Unattributed}
	if want := []int{2, 1, 1, 1}; !slices.Equal(got, want) {
		t.Errorf("kill 0, kill 1, sigterm, unattributed = %v, want %v", got, want)
	}
}
