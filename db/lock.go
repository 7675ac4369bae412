package db

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// LockedError is returned by Open when another process holds the
// single-instance lock; errors.Is(err, ErrLocked) reports true for it.
type LockedError struct {
	Path string
	PID  int // 0 when the holder did not record its pid
}

// Error implements error.
func (e *LockedError) Error() string {
	if e.PID > 0 {
		return fmt.Sprintf("database %s is in use by another briefbot process (pid %d)", e.Path, e.PID)
	}
	return fmt.Sprintf("database %s is in use by another briefbot process", e.Path)
}

// Is makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// fileLock is the single-instance lock: an flock(2) on the database file
// itself, so every path that reaches the file (a symlink, ./x and /abs/x, a
// bind mount) meets the same lock, plus one on PATH.lock for each spelling of
// the path, which is all that binaries older than this lock take: an old and
// a new binary given the same path, or the new one given any path to a file
// the old one holds by its real path, refuse each other. The kernel drops
// flocks when the process dies, so a kill -9 never leaves a stale lock.
//
// The database file's descriptor stays open until the lock is released after
// SQLite closed the file: closing another descriptor of a file drops the
// POSIX locks SQLite holds on it (flock and POSIX locks are independent on
// Linux, so the flock itself never disturbs SQLite).
type fileLock struct{ files []*os.File }

func acquireLock(path string) (*fileLock, error) {
	l := &fileLock{}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	l.files = append(l.files, f)
	if err := flock(f, path); err != nil {
		l.release()
		return nil, err
	}
	names := []string{path + ".lock"}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		if abs, err := filepath.Abs(real); err == nil && abs+".lock" != names[0] {
			names = append(names, abs+".lock")
		}
	}
	for _, name := range names {
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			l.release()
			return nil, fmt.Errorf("lock %s: %w", name, err)
		}
		l.files = append(l.files, f)
		if err := flock(f, path); err != nil {
			l.release()
			return nil, err
		}
		// The pid is informational only (for the error message above).
		if err := f.Truncate(0); err == nil {
			_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
		}
	}
	return l, nil
}

// flock takes an exclusive lock on f without waiting; a lock held elsewhere
// is a LockedError naming path and, when a pid file says so, the holder.
func flock(f *os.File, path string) error {
	err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if err == nil {
		return nil
	}
	if !errors.Is(err, syscall.EWOULDBLOCK) {
		return fmt.Errorf("lock %s: %w", f.Name(), err)
	}
	pid := 0
	for _, name := range []string{f.Name(), path + ".lock"} {
		if !strings.HasSuffix(name, ".lock") {
			continue
		}
		if b, err := os.ReadFile(name); err == nil {
			if pid, _ = strconv.Atoi(strings.TrimSpace(string(b))); pid > 0 {
				break
			}
		}
	}
	return &LockedError{Path: path, PID: pid}
}

func (l *fileLock) release() {
	for _, f := range l.files {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		_ = f.Close()
	}
	l.files = nil
}
