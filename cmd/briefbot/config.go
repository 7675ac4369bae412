package main

import (
	"errors"
	"fmt"
	"io"
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
			return nil, fmt.Errorf("%w (copy config.example.yaml to %s, or pass -config FILE)", err, path)
		}
		return nil, err
	}
	return cfg, nil
}

func checkConfigCommand(args []string, stdout, stderr io.Writer) error {
	fs, path := newFlags("check-config", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(*path)
	if err != nil {
		return err
	}
	mode := "telegram"
	if cfg.Telegram.Token == "" {
		mode = "console (no token)"
	}
	fmt.Fprintf(stdout, "%s: ok — %d feeds, %d topics, %d channels, mode %s\n",
		cfg.File, len(cfg.Feeds), len(cfg.Topics), len(cfg.Channels), mode)
	return nil
}

// configExists reports whether the default config file is there, so that
// preview can run without one.
func configExists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
