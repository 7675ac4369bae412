package scheduler

import (
	"fmt"
	"testing"
	"time"
)

func TestStagger(t *testing.T) {
	tests := []struct {
		spec string
		max  time.Duration
	}{
		{"*/15 * * * *", 5 * time.Minute}, // half of 15 min, capped at 5
		{"*/4 * * * *", 2 * time.Minute},
		{"@every 10s", 5 * time.Second},
		{"@every 1s", 500 * time.Millisecond},
	}
	for _, tt := range tests {
		sched, err := parseSchedule(tt.spec, time.UTC)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[time.Duration]bool{}
		for i := range 50 {
			name := fmt.Sprintf("feed-%d", i)
			d := stagger(name, sched, time.UTC)
			if d < 0 || d >= tt.max {
				t.Errorf("%s: stagger(%s) = %v, want in [0, %v)", tt.spec, name, d, tt.max)
			}
			if again := stagger(name, sched, time.UTC); again != d {
				t.Errorf("%s: stagger(%s) not stable: %v then %v", tt.spec, name, d, again)
			}
			seen[d] = true
		}
		if len(seen) < 40 {
			t.Errorf("%s: 50 feeds got only %d distinct offsets: not spread", tt.spec, len(seen))
		}
	}
}
