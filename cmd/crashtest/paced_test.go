package main

import (
	"bytes"
	"testing"
	"time"
)

// TestPacedShort runs the paced mode small: 40 private chats × 3 briefs
// against the fake enforcing Telegram's limits at the 30/s ceiling. It
// checks what must hold on any machine — no 429, every brief delivered
// exactly once, a clean SIGTERM — and leaves the rate to the command.
func TestPacedShort(t *testing.T) {
	ctx, bins, dir, _ := buildBinaries(t)
	res, err := RunPaced(ctx, PacedOptions{
		Private: 40, Posts: 3, Duration: time.Minute,
		Bins: bins, Dir: dir, Progress: t.Logf,
	})
	if err != nil {
		t.Fatalf("harness: %v", err)
	}
	var report bytes.Buffer
	WritePacedReport(&report, res)
	t.Logf("\n%s", report.String())
	if res.Rejected429 != 0 {
		t.Errorf("429s = %d, want 0", res.Rejected429)
	}
	if !res.AllDelivered() || res.Sent != res.Expected {
		t.Errorf("sent %d, complete chats %d/40, beyond 3 per chat %d: want 120 messages, 3 to each chat",
			res.Sent, res.Complete, res.OverDelivered)
	}
	if res.Enqueued != res.Expected {
		t.Errorf("ledger rows = %d, want %d (one brief per post)", res.Enqueued, res.Expected)
	}
	if !res.Exited || res.Code != 0 {
		t.Errorf("SIGTERM: exited=%v code=%d, want exit 0", res.Exited, res.Code)
	}
}

// TestRateOver checks the window arithmetic the rate goal rests on.
func TestRateOver(t *testing.T) {
	t0 := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	at := func(ms int) time.Time { return t0.Add(time.Duration(ms) * time.Millisecond) }
	ss := []sample{{At: at(0), Sent: 0}, {At: at(100), Sent: 3}, {At: at(1100), Sent: 33}, {At: at(2100), Sent: 63}, {At: at(2200), Sent: 63}}
	tests := []struct {
		name     string
		from, to time.Time
		rate     float64
		sent     int
	}{
		{"whole", at(0), at(2200), 63 / 2.2, 63},
		{"inner second", at(50), at(1150), 30, 30},
		{"empty", at(3000), at(4000), 0, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rate, sent, _ := rateOver(ss, tt.from, tt.to)
			if sent != tt.sent || rate < tt.rate-1e-9 || rate > tt.rate+1e-9 {
				t.Errorf("rateOver = %.3f, %d; want %.3f, %d", rate, sent, tt.rate, tt.sent)
			}
		})
	}
	if got := firstAt(ss, 33); !got.Equal(at(1100)) {
		t.Errorf("firstAt(33) = %v, want %v", got, at(1100))
	}
	if got := firstAt(ss, 64); !got.IsZero() {
		t.Errorf("firstAt(64) = %v, want zero", got)
	}
	if got := pacedCeiling(200, 20); got != 30 {
		t.Errorf("pacedCeiling(200, 20) = %v, want 30", got)
	}
	if got := pacedCeiling(10, 3); got != 11 {
		t.Errorf("pacedCeiling(10, 3) = %v, want 11", got)
	}
}
