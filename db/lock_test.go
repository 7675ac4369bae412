package db_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"briefbot/db"
)

// TestLockAnyPath: every way of naming the database file meets the same
// lock, since it is taken on the file itself.
func TestLockAnyPath(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "data", "b.db")
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	d, err := db.Open(ctx, path, quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()

	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	dirLink := filepath.Join(dir, "datalink")
	if err := os.Symlink(filepath.Join(dir, "data"), dirLink); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.db")
	if err := os.Link(path, hard); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	for _, p := range []string{path, link, filepath.Join(dirLink, "b.db"), "./data/b.db", "data/../data/b.db", hard} {
		other, err := db.Open(ctx, p, quiet)
		if err == nil {
			other.Close()
			t.Errorf("open %s beside the running one succeeded", p)
			continue
		}
		if !errors.Is(err, db.ErrLocked) {
			t.Errorf("open %s: err = %v, want ErrLocked", p, err)
		}
	}
}

// oldLock takes the lock a binary from before the lock moved onto the
// database file took: an flock on PATH.lock, for the path as given.
func oldLock(t *testing.T, path string) (*os.File, error) {
	t.Helper()
	f, err := os.OpenFile(path+".lock", os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		return nil, err
	}
	t.Cleanup(func() { f.Close() })
	return f, nil
}

// TestLockOldBinary: an old binary and a new one refuse each other on the
// same path, and on any path to the file when the old one was given the
// file's real path.
func TestLockOldBinary(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "b.db")
	link := filepath.Join(dir, "link.db")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}

	t.Run("old running, new starts", func(t *testing.T) {
		for _, oldPath := range []string{path, link} {
			f, err := oldLock(t, oldPath)
			if err != nil {
				t.Fatal(err)
			}
			newPaths := []string{oldPath}
			if oldPath == path {
				newPaths = append(newPaths, link) // the new binary resolves the link
			}
			for _, p := range newPaths {
				if d, err := db.Open(ctx, p, quiet); !errors.Is(err, db.ErrLocked) {
					if err == nil {
						d.Close()
					}
					t.Errorf("old binary holds %s: new open of %s = %v, want ErrLocked", oldPath, p, err)
				}
			}
			f.Close()
		}
	})
	t.Run("new running, old starts", func(t *testing.T) {
		for _, newPath := range []string{path, link} {
			d, err := db.Open(ctx, newPath, quiet)
			if err != nil {
				t.Fatal(err)
			}
			oldPaths := []string{newPath}
			if newPath == link {
				oldPaths = append(oldPaths, path)
			}
			for _, p := range oldPaths {
				if _, err := oldLock(t, p); !errors.Is(err, syscall.EWOULDBLOCK) {
					t.Errorf("new binary holds %s: old lock of %s = %v, want EWOULDBLOCK", newPath, p, err)
				}
			}
			d.Close()
		}
	})
}
