package db

import (
	"errors"
	"fmt"
	"os"
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

// fileLock is an flock(2) on path+".lock". The kernel drops it when the
// process dies, so a kill -9 never leaves a stale lock behind, unlike a pid
// file checked by hand.
type fileLock struct{ f *os.File }

func acquireLock(path string) (*fileLock, error) {
	name := path + ".lock"
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", name, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		defer f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			b := make([]byte, 32)
			n, _ := f.ReadAt(b, 0)
			pid, _ := strconv.Atoi(strings.TrimSpace(string(b[:n])))
			return nil, &LockedError{Path: path, PID: pid}
		}
		return nil, fmt.Errorf("lock %s: %w", name, err)
	}
	// The pid is informational only (for the error message above).
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &fileLock{f: f}, nil
}

func (l *fileLock) release() {
	_ = syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	_ = l.f.Close()
}
