package db

import (
	"context"
	"fmt"
	"os"
)

// Backup writes a consistent copy of the database to dest while it is in use
// (VACUUM INTO reads one snapshot). The copy is written beside dest and renamed
// so that dest is never a half-written file. VACUUM INTO only reads this
// database (it runs on a read-only one, see OpenReadOnly), so it needs no
// turn of the writer and never holds up the daemon's writes.
func (db *DB) Backup(ctx context.Context, dest string) error {
	tmp := dest + ".tmp"
	_ = os.Remove(tmp)
	if _, err := db.sql.ExecContext(ctx, `VACUUM INTO ?`, tmp); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("backup %s: %w", dest, err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		_ = os.Remove(tmp)
		return fmt.Errorf("backup %s: %w", dest, err)
	}
	return nil
}
