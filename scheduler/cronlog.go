package scheduler

import (
	"context"
	"log/slog"

	"github.com/robfig/cron/v3"
)

// cronLogger maps cron's logr-style logger onto slog. Cron reports every
// wake-up and run at Info, which would drown a daemon's log, so those go to
// Debug; a job skipped because its previous run is still going is worth
// seeing, and panics caught by cron.Recover arrive as errors.
type cronLogger struct{ l *slog.Logger }

var _ cron.Logger = cronLogger{}

func (c cronLogger) Info(msg string, kv ...any) {
	lvl := slog.LevelDebug
	if msg == "skip" {
		lvl = slog.LevelInfo
		msg = "cron job still running, run skipped"
	}
	c.l.Log(context.Background(), lvl, "cron "+msg, kv...)
}

func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron "+msg, append([]any{"err", err}, kv...)...)
}
