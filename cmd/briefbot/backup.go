package main

import (
	"context"
	"fmt"
	"io"

	"briefbot/db"
)

// backupCommand writes a consistent copy of the database, safe while the bot
// runs: it opens the file read-only, without the single-instance lock, and
// lets SQLite copy a snapshot. It never migrates or reindexes: the running
// daemon owns the schema, and a backup tool of another version must not
// change it underneath.
func backupCommand(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, path := newFlags("backup", stderr)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: briefbot backup [-config FILE] DEST")
		return errUsage
	}
	cfg, err := loadConfig(*path)
	if err != nil {
		return err
	}
	store, err := db.OpenReadOnly(ctx, cfg.Database.Path)
	if err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	defer store.Close()
	if err := store.Backup(ctx, fs.Arg(0)); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fmt.Fprintf(stdout, "backed up %s to %s\n", cfg.Database.Path, fs.Arg(0))
	return nil
}
