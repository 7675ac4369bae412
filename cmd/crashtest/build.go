package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Binaries are the real programs the harness runs as child processes.
type Binaries struct {
	Bot  string // briefbot
	Fake string // fakebotapi
}

// ModuleRoot walks up from the working directory to the folder holding
// go.mod, so the harness runs the same from the root and from its package
// folder (go test).
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("module root: %w", err)
	}
	for range 64 {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return "", errors.New("module root: no go.mod above the working directory")
}

// Build compiles briefbot and fakebotapi into dir with one go build, which
// the build cache makes cheap after the first time.
func Build(ctx context.Context, root, dir string) (*Binaries, error) {
	cmd := exec.CommandContext(ctx, "go", "build", "-tags", "sqlite_fts5", "-o", dir+string(filepath.Separator),
		"./cmd/briefbot", "./cmd/fakebotapi")
	cmd.Dir = root
	cmd.SysProcAttr = childAttr()
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build: %w\n%s", err, out)
	}
	b := &Binaries{Bot: filepath.Join(dir, "briefbot"), Fake: filepath.Join(dir, "fakebotapi")}
	for _, p := range []string{b.Bot, b.Fake} {
		if _, err := os.Stat(p); err != nil {
			return nil, fmt.Errorf("go build: %w", err)
		}
	}
	return b, nil
}
