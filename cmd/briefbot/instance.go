package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"briefbot/bot"
)

// conflictMark is the file a start refused for another instance leaves
// beside the database.
func conflictMark(dbPath string) string { return dbPath + ".conflict" }

// claimToken runs the start-up instance check (telegram.instance_check)
// before the dispatcher sends anything: a database restored on another
// machine while the old bot still runs would otherwise send every pending
// and recently sent message a second time.
//
// A refused start leaves conflictMark, and every later start refuses at
// once while it is there. The database may be an older copy of the other
// instance's: started once that one stops (by a supervisor's restart, say),
// it would resend all that the other sent since the copy was made. Nor does
// a supervisor restarting the bot keep interrupting the other's polls.
// A stop signal during the check is an ordinary stop.
func (a *app) claimToken(ctx context.Context) error {
	if a.tg == nil {
		return nil
	}
	mark := conflictMark(a.cfg.Database.Path)
	if b, err := os.ReadFile(mark); err == nil {
		err := fmt.Errorf("an earlier start found another instance using this bot token (%s), so this database may be an older copy of the other one's: "+
			"once the other instance is stopped, restore the database again (litestream restore), or delete %s if it is no copy, and start again",
			strings.TrimSpace(string(b)), mark)
		a.log.Error("refusing to start", "err", err)
		return err
	}
	window := a.cfg.Telegram.InstanceCheck.D()
	if window <= 0 {
		return nil
	}
	a.log.Info("checking that no other instance polls with this bot token", "for", window)
	err := a.tg.CheckSingleInstance(ctx, window)
	if errors.Is(err, bot.ErrConflict) {
		if werr := os.WriteFile(mark, []byte(time.Now().UTC().Format(time.RFC3339)+"\n"), 0o600); werr != nil {
			a.log.Warn("conflict mark", "err", werr)
		}
		a.log.Error("refusing to start: another instance is using this bot token", "err", err, "mark", mark)
	}
	return err
}

// botStopped ends the daemon when the poll loop gives up for good (another
// instance kept polling with the token): without it the dispatcher would go
// on sending beside the other instance, and the exit status would hide it.
func (a *app) botStopped(err error) {
	a.log.Error("bot stopped, shutting down", "err", err)
	a.fail(err)
}

// failure is why the run was stopped from inside (botStopped), or nil for
// a stop by signal.
func failure(ctx context.Context) error {
	if err := context.Cause(ctx); err != nil && !errors.Is(err, context.Canceled) {
		return err
	}
	return nil
}
