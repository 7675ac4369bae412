package db

import (
	"errors"
	"fmt"

	"github.com/mattn/go-sqlite3"

	"briefbot"
)

// Reasons a write fails for lack of storage, as WriteError.Reason.
const (
	ReasonDiskFull = "disk full"
	ReasonReadOnly = "read-only"
	ReasonIO       = "I/O error"
	ReasonCorrupt  = "corrupt"
)

// WriteError is a write the storage refused: the disk or the file's quota is
// full, the file or its folder is read-only, an I/O error, a damaged file.
// Nothing the caller retries at once will help; the daemon reports it
// (health, metrics, admins) and tells users to try later. Its chain holds
// the SQLite error and a briefbot.Error with code EUNAVAILABLE, whose
// message users may see.
type WriteError struct {
	Reason string
	Err    error
}

// errCannotSave is what a user sees when a write of theirs meets a WriteError.
var errCannotSave = briefbot.Errorf(briefbot.EUNAVAILABLE, "The database cannot be written right now.")

func (e *WriteError) Error() string { return fmt.Sprintf("write refused (%s): %v", e.Reason, e.Err) }

// Unwrap returns the SQLite error and the user-facing one.
func (e *WriteError) Unwrap() []error { return []error{e.Err, errCannotSave} }

// writeReason names the storage failure err is, or "" for any other error
// (a constraint, a cancelled context, a bug).
func writeReason(err error) string {
	var se sqlite3.Error
	if !errors.As(err, &se) {
		return ""
	}
	switch se.Code {
	case sqlite3.ErrFull:
		return ReasonDiskFull
	case sqlite3.ErrReadonly:
		return ReasonReadOnly
	case sqlite3.ErrIoErr, sqlite3.ErrCantOpen:
		return ReasonIO
	case sqlite3.ErrCorrupt, sqlite3.ErrNotADB:
		return ReasonCorrupt
	}
	return ""
}

// ObserveWrites calls fn after every write transaction this process runs:
// with nil when it committed, with a *WriteError when the storage refused
// it (other failures are not reported). fn must not block: it runs on the
// writer's turn. A later call replaces fn.
func (db *DB) ObserveWrites(fn func(err error)) { db.w.observe.Store(&fn) }

// outcome reports a write transaction's result to the observer, turning a
// storage failure into a *WriteError.
func (w *writer) outcome(err error) error {
	if reason := writeReason(err); reason != "" {
		err = &WriteError{Reason: reason, Err: err}
	} else if err != nil {
		return err
	}
	if fn := w.observe.Load(); fn != nil {
		(*fn)(err)
	}
	return err
}
