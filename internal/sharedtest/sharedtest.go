// Package sharedtest locates the project's shared folder (../shared beside
// the repository) for tests and benchmarks that read its seed and data in
// place. Where the folder is absent the caller is skipped with a message.
package sharedtest

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the absolute path of the shared folder, or "" when absent.
// BRIEFBOT_SHARED overrides the lookup.
func Dir() string {
	if d := os.Getenv("BRIEFBOT_SHARED"); d != "" {
		return d
	}
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	// Walk up to the module root (the folder holding go.mod); shared sits beside it.
	for d := wd; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			s := filepath.Join(filepath.Dir(d), "shared")
			if fi, err := os.Stat(s); err == nil && fi.IsDir() {
				return s
			}
			return ""
		}
		if filepath.Dir(d) == d {
			return ""
		}
	}
}

// Path returns the path of rel inside the shared folder, skipping tb when the
// folder or the file is absent.
func Path(tb testing.TB, rel string) string {
	tb.Helper()
	d := Dir()
	if d == "" {
		tb.Skipf("skipping: ../shared is absent (set BRIEFBOT_SHARED to its path)")
	}
	p := filepath.Join(d, rel)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("skipping: %s is absent: %v", p, err)
	}
	return p
}
