package db_test

import (
	"context"
	"testing"
	"time"
)

func TestClaimUpdate(t *testing.T) {
	ctx := context.Background()
	d, clk := openTest(t, quiet)
	claim := func(id int) bool {
		t.Helper()
		fresh, err := d.ClaimUpdate(ctx, id)
		if err != nil {
			t.Fatalf("claim %d: %v", id, err)
		}
		return fresh
	}
	steps := []struct {
		after time.Duration // clock advance before the claim
		id    int
		fresh bool
		why   string
	}{
		{0, 100, true, "first update"},
		{0, 100, false, "the same again"},
		{0, 102, true, "newer"},
		{0, 101, true, "out of order but never seen (webhooks deliver in parallel)"},
		{0, 99, false, "older than every update remembered"},
		{49 * time.Hour, 103, true, "two days later; prunes 100-101"},
		{0, 101, false, "pruned, and older than what is kept"},
		{0, 102, false, "pruned too: older than the newest, 103, by two days"},
		{7 * 24 * time.Hour, 5, true, "a week idle: Telegram may number from anywhere"},
		{0, 5, false, "and that one is remembered"},
	}
	for _, s := range steps {
		clk.t = clk.t.Add(s.after)
		if got := claim(s.id); got != s.fresh {
			t.Errorf("%s: claim %d = %v, want %v", s.why, s.id, got, s.fresh)
		}
	}
}
