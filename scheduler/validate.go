package scheduler

import "time"

// ValidateSchedule reports whether spec is a schedule this package accepts
// (five cron fields or a descriptor such as "@every 10m"), so that config
// validation never disagrees with the scheduler.
func ValidateSchedule(spec string) error {
	_, err := parseSchedule(spec, time.UTC)
	return err
}
