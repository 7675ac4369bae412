package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// ErrConflict means another process receives this bot token's updates:
// Telegram answered getUpdates with 409 Conflict. Two instances would both
// work the ledger and send every brief twice, so one of them must stop.
var ErrConflict = errors.New("another instance is using this bot token")

// ConflictError is ErrConflict with Telegram's words, for the log.
type ConflictError struct {
	Telegram  string        // Telegram's description of the 409
	AtStartup bool          // seen by CheckSingleInstance, before anything was sent
	Lasted    time.Duration // while polling: how long the conflicts went on
}

// Error says what happened and what to do.
func (e *ConflictError) Error() string {
	if e.AtStartup {
		return fmt.Sprintf("another instance is polling Telegram with this bot token (%q): "+
			"stop it before starting this one; if this database was restored from a replica, restore it again after that, "+
			"as the other instance has sent more meanwhile", e.Telegram)
	}
	return fmt.Sprintf("another instance kept polling Telegram with this bot token for %s (%q): "+
		"this one stops rather than fight over updates; run one instance per token",
		e.Lasted.Round(time.Second), e.Telegram)
}

// Is makes errors.Is(err, ErrConflict) true.
func (e *ConflictError) Is(target error) bool { return target == ErrConflict }

// conflictOf returns Telegram's description when err is a 409 Conflict.
func conflictOf(err error) (string, bool) {
	var te *tgbotapi.Error
	if errors.As(err, &te) && te.Code == 409 {
		return te.Message, true
	}
	return "", false
}

// webhookConflict reports a 409 that says a webhook is set, rather than
// that another getUpdates is running.
func webhookConflict(desc string) bool { return strings.Contains(desc, "webhook") }

// probeRepeat is the pause between probes that came back at once because
// updates were waiting.
const probeRepeat = 500 * time.Millisecond

// CheckSingleInstance listens for window (up to 50 s) for another process
// polling Telegram with this token, and returns a *ConflictError if one is.
// Call it before anything is sent: a bot restored from a replica while the
// old one still runs would otherwise send its whole ledger a second time.
//
// Telegram keeps one long poll per bot: a newer getUpdates that waits ends
// the waiting one with 409 "terminated by other getUpdates request". The
// probe is such a long poll. A running instance whose poll it ended polls
// again within about a second and ends the probe the same way, so a 409
// here means another poller; a probe that waits out its timeout means none.
// The probe sends no offset (that would confirm, and so drop, the other
// instance's updates) and no allowed_updates (that would change them).
// A webhook that is set makes Telegram refuse getUpdates altogether; that
// is not taken for another instance (Run deletes a stale webhook anyway).
func (b *Bot) CheckSingleInstance(ctx context.Context, window time.Duration) error {
	deadline := time.Now().Add(min(window, 50*time.Second))
	for ctx.Err() == nil {
		left := time.Until(deadline)
		if left <= 0 {
			return nil
		}
		p := tgbotapi.Params{"limit": "1", "timeout": strconv.Itoa(int(math.Ceil(left.Seconds())))}
		resp, err := b.call(ctx, b.pollClient, "getUpdates", p)
		switch {
		case ctx.Err() != nil:
			return nil
		case err != nil:
			desc, ok := conflictOf(err)
			if ok && !webhookConflict(desc) {
				return &ConflictError{Telegram: desc, AtStartup: true}
			}
			if ok {
				b.log.Info("instance check: a webhook is set, so Telegram cannot tell whether another instance runs", "telegram", desc)
				return nil
			}
			b.log.Warn("instance check", "err", err)
			if !sleepCtx(ctx, time.Second) {
				return nil
			}
			continue
		}
		var ups []json.RawMessage
		if json.Unmarshal(resp.Result, &ups) == nil && len(ups) == 0 {
			return nil // waited its whole timeout: nobody else is polling
		}
		// Updates were waiting, so the request did not wait and proved
		// nothing: ask again (nothing is confirmed, nothing lost).
		if !sleepCtx(ctx, probeRepeat) {
			return nil
		}
	}
	return nil
}

// Defaults of the running check.
const (
	defaultConflictConfirm = 30 * time.Second
	// conflictsToStop is the fewest conflicts that stop Run: an instance
	// starting up and checking causes one or two (see CheckSingleInstance).
	conflictsToStop = 4
)

// conflictWatch decides when 409 Conflicts seen while polling mean another
// instance that keeps polling, not one that starts, checks and leaves: Run
// stops when conflicts went on for confirm (30 s by default), at least
// conflictsToStop of them and none more than confirm apart. Until then the
// poll loop polls again after retry, so that a starting instance's check
// sees this one at once.
type conflictWatch struct {
	confirm, retry time.Duration
	first, last    time.Time
	n              int
}

func newConflictWatch(confirm time.Duration) *conflictWatch {
	if confirm <= 0 {
		confirm = defaultConflictConfirm
	}
	return &conflictWatch{confirm: confirm, retry: min(time.Second, confirm/30)}
}

// seen classifies one getUpdates error: conflict is false for every error
// that is not a 409. For a conflict it returns the wait before the next
// poll, or the error that ends Run.
func (w *conflictWatch) seen(err error, now time.Time) (conflict bool, wait time.Duration, stop error) {
	desc, ok := conflictOf(err)
	if !ok {
		return false, 0, nil
	}
	if w.n == 0 || now.Sub(w.last) > w.confirm {
		w.first, w.n = now, 0
	}
	w.last = now
	w.n++
	if lasted := now.Sub(w.first); w.n >= conflictsToStop && lasted >= w.confirm {
		return true, 0, &ConflictError{Telegram: desc, Lasted: lasted}
	}
	return true, w.retry, nil
}

// pollConflict is seen for the poll loop, with a warning while the
// conflicts have not yet stopped it.
func (b *Bot) pollConflict(w *conflictWatch, err error) (conflict bool, wait time.Duration, stop error) {
	conflict, wait, stop = w.seen(err, time.Now())
	if conflict && stop == nil {
		desc, _ := conflictOf(err)
		b.log.Warn("get updates: another instance polled with this bot token",
			"telegram", desc, "conflicts", w.n, "stop_if_it_goes_on_for", w.confirm)
	}
	return conflict, wait, stop
}
