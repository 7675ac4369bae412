package scheduler

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// ErrInvalidSchedule is wrapped by SetFeeds' errors for a schedule that does
// not parse or can never fire.
var ErrInvalidSchedule = errors.New("invalid schedule")

// specParser accepts what the config documents: five cron fields or a
// descriptor (@every 10m, @hourly, ...), optionally after CRON_TZ=.
var specParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// parseSchedule parses a feed's schedule, refusing what cron would accept
// but misbehave on: a non-positive @every (cron silently runs it every
// second) and a date that never comes ("0 0 30 2 *" would never fetch).
func parseSchedule(spec string, loc *time.Location) (sched cron.Schedule, err error) {
	spec = strings.TrimSpace(spec)
	// cron v3.0.1 slices out of range on "TZ=X" without a following field.
	defer func() {
		if r := recover(); r != nil {
			sched, err = nil, fmt.Errorf("%w %q: %v", ErrInvalidSchedule, spec, r)
		}
	}()
	if rest, ok := strings.CutPrefix(spec, "@every"); ok {
		d, perr := time.ParseDuration(strings.TrimSpace(rest))
		if perr != nil || d < time.Second {
			return nil, fmt.Errorf("%w %q: @every needs a duration of at least 1s", ErrInvalidSchedule, spec)
		}
	}
	sched, err = specParser.Parse(spec)
	if err != nil {
		return nil, fmt.Errorf("%w %q: %v", ErrInvalidSchedule, spec, err)
	}
	if sched.Next(time.Now().In(loc)).IsZero() {
		return nil, fmt.Errorf("%w %q: never fires", ErrInvalidSchedule, spec)
	}
	return sched, nil
}
