package main

import (
	"context"
	"errors"

	"briefbot/bot"
)

// claimToken runs the start-up instance check (telegram.instance_check)
// before the dispatcher sends anything: a database restored on another
// machine while the old bot still runs would otherwise send every pending
// and recently sent message a second time. The error says what to do; a
// stop signal during the check is an ordinary stop.
func (a *app) claimToken(ctx context.Context) error {
	window := a.cfg.Telegram.InstanceCheck.D()
	if a.tg == nil || window <= 0 {
		return nil
	}
	a.log.Info("checking that no other instance polls with this bot token", "for", window)
	err := a.tg.CheckSingleInstance(ctx, window)
	if errors.Is(err, bot.ErrConflict) {
		a.log.Error("refusing to start: another instance is using this bot token", "err", err)
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
