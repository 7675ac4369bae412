package db

import (
	"context"
	"strconv"
)

// FillDisk caps the database at its current size on the writer's
// connection (PRAGMA max_page_count, which lasts as long as the
// connection): from then on every write that needs a new page fails as on
// a full disk. full false lifts the cap.
func (db *DB) FillDisk(ctx context.Context, full bool) error {
	return db.tx(ctx, func(tx *stx) error {
		pages := int64(1 << 30)
		if full {
			if err := tx.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
				return err
			}
		}
		_, err := tx.Tx.ExecContext(ctx, `PRAGMA max_page_count = `+strconv.FormatInt(pages, 10))
		return err
	})
}
