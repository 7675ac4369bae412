package telegramtest

import (
	"fmt"
	"math"
	"time"
)

// floodLocked counts a message against the flood limits, or returns the
// 429 Telegram answers when it is over one. An edit counts like a new
// message: Telegram answers editMessageText with 429 too.
func (s *Server) floodLocked(c *chat, now time.Time) *apiError {
	if !s.opts.EnforceLimits {
		return nil
	}
	if wait := s.limitLocked(c, now); wait > 0 {
		return &apiError{code: 429, description: fmt.Sprintf("Too Many Requests: retry after %d", wait), retryAfter: wait}
	}
	s.takeLocked(c, now)
	return nil
}

// limitLocked returns how many whole seconds (≥1) c must wait before
// another message is within every flood limit, or 0 if it may go now.
func (s *Server) limitLocked(c *chat, now time.Time) int {
	var wait time.Duration
	s.st.global = pruneBefore(s.st.global, now.Add(-time.Second))
	if n := s.opts.GlobalPerSecond; len(s.st.global) >= n {
		wait = max(wait, s.st.global[len(s.st.global)-n].Add(time.Second).Sub(now))
	}
	if c.isPrivate() {
		s.refillLocked(c, now)
		if c.tokens < 1 {
			wait = max(wait, time.Duration((1-c.tokens)/s.opts.PrivatePerSecond*float64(time.Second)))
		}
	} else {
		c.window = pruneBefore(c.window, now.Add(-time.Minute))
		if n := s.opts.GroupPerMinute; len(c.window) >= n {
			wait = max(wait, c.window[len(c.window)-n].Add(time.Minute).Sub(now))
		}
	}
	if wait <= 0 {
		return 0
	}
	return max(1, int(math.Ceil(wait.Seconds())))
}

// takeLocked records an accepted send against the limits.
func (s *Server) takeLocked(c *chat, now time.Time) {
	s.st.global = append(s.st.global, now)
	if c.isPrivate() {
		s.refillLocked(c, now)
		c.tokens--
		return
	}
	c.window = append(c.window, now)
}

// refillLocked tops up a private chat's token bucket.
func (s *Server) refillLocked(c *chat, now time.Time) {
	if c.tokensAt.IsZero() {
		c.tokens, c.tokensAt = privateBurst, now
		return
	}
	if elapsed := now.Sub(c.tokensAt); elapsed > 0 {
		c.tokens = min(privateBurst, c.tokens+elapsed.Seconds()*s.opts.PrivatePerSecond)
		c.tokensAt = now
	}
}

// pruneBefore drops times not after cut; times are in ascending order.
func pruneBefore(ts []time.Time, cut time.Time) []time.Time {
	i := 0
	for i < len(ts) && !ts[i].After(cut) {
		i++
	}
	if i == len(ts) {
		return ts[:0]
	}
	return ts[i:]
}
