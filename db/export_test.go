package db

// Rebuilding reports whether the search index is being rebuilt.
func (db *DB) Rebuilding() bool { return db.rebuilding.Load() }
