package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"briefbot/config"
	"briefbot/scheduler"
)

// loadConfig reads and validates the config file for a command.
func loadConfig(path string) (*config.Config, error) {
	cfg, err := config.Load(path, config.Options{CheckSchedule: scheduler.ValidateSchedule})
	if err != nil {
		var es config.Errors
		if errors.As(err, &es) {
			return nil, fmt.Errorf("invalid config:\n%w", err)
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("%w (briefbot init -config %s writes a starter config; or pass -config FILE)", err, path)
		}
		return nil, err
	}
	return cfg, nil
}

// configExists reports whether the default config file is there, so that
// preview can run without one.
func configExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
