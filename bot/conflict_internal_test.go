package bot

import (
	"errors"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// TestConflictWatch checks when conflicts stop the poll loop: a starting
// instance's check (one or two 409s) never does; another poller that keeps
// on for the confirm window does; a quiet spell starts the count again.
func TestConflictWatch(t *testing.T) {
	conflict := &tgbotapi.Error{Code: 409, Message: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
	other := &tgbotapi.Error{Code: 502, Message: "Bad Gateway"}
	t0 := time.Date(2026, 12, 6, 9, 0, 0, 0, time.UTC)
	at := func(s ...float64) []time.Time {
		out := make([]time.Time, len(s))
		for i, v := range s {
			out[i] = t0.Add(time.Duration(v * float64(time.Second)))
		}
		return out
	}
	tests := []struct {
		name   string
		err    error
		times  []time.Time
		stopAt int // index of the conflict that stops the loop; -1: none
	}{
		{"one check by a starting instance", conflict, at(0), -1},
		{"a check whose probe met updates", conflict, at(0, 4), -1},
		{"two starts a minute apart", conflict, at(0, 4, 64, 68), -1},
		{"a poller that keeps on", conflict, at(0, 6, 12, 18, 24, 30, 36), 5},
		{"many, but not for long", conflict, at(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), -1},
		{"a quiet spell restarts the count", conflict, at(0, 6, 12, 18, 24, 55, 61, 67, 73, 79, 85), 10},
		{"not a conflict", other, at(0, 10, 20, 30, 40), -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newConflictWatch(0)
			stopped := -1
			for i, now := range tt.times {
				isConflict, wait, stop := w.seen(tt.err, now)
				if isConflict != (tt.err == conflict) {
					t.Fatalf("conflict %d: got %v", i, isConflict)
				}
				if stop != nil {
					if !errors.Is(stop, ErrConflict) {
						t.Fatalf("stop error %v is not ErrConflict", stop)
					}
					stopped = i
					break
				}
				if isConflict && wait != time.Second {
					t.Errorf("wait after conflict %d = %s, want 1s", i, wait)
				}
			}
			if stopped != tt.stopAt {
				t.Errorf("stopped at conflict %d, want %d", stopped, tt.stopAt)
			}
		})
	}
}
