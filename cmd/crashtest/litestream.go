package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// litestreamVersion is the Litestream the recovery mode runs, and the one
// examples/litestream.yml and the compose example are written for.
const litestreamVersion = "v0.5.18"

// litestreamModule is what go install builds.
const litestreamModule = "github.com/benbjohnson/litestream/cmd/litestream"

// Litestream is an installed litestream binary.
type Litestream struct {
	Path   string
	Cached bool          // found in the cache; no build
	Took   time.Duration // go install (download and build), when not cached
}

// InstallLitestream returns litestream at litestreamVersion from
// cacheDir/litestream-VERSION, building it there with go install when it is
// missing or another version. A failed install is an error, never a skip:
// the recovery check must not pass without Litestream.
func InstallLitestream(ctx context.Context, cacheDir string) (*Litestream, error) {
	dir := filepath.Join(cacheDir, "litestream-"+litestreamVersion)
	ls := &Litestream{Path: filepath.Join(dir, "litestream")}
	if v, err := ls.version(ctx); err == nil && v == litestreamVersion {
		ls.Cached = true
		return ls, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("install litestream: %w", err)
	}
	began := time.Now()
	cmd := exec.CommandContext(ctx, "go", "install", litestreamModule+"@"+litestreamVersion)
	cmd.Env = append(os.Environ(), "GOBIN="+dir)
	cmd.Dir = dir // outside any module: go install pkg@version needs none
	cmd.SysProcAttr = childAttr()
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go install %s@%s: %w\n%s", litestreamModule, litestreamVersion, err, out)
	}
	ls.Took = time.Since(began)
	v, err := ls.version(ctx)
	if err != nil {
		return nil, fmt.Errorf("installed litestream: %w", err)
	}
	if v != litestreamVersion {
		return nil, fmt.Errorf("installed litestream says %q, want %s", v, litestreamVersion)
	}
	return ls, nil
}

func (ls *Litestream) version(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, ls.Path, "version").Output()
	return strings.TrimSpace(string(out)), err
}

// replicaEnv is the environment examples/litestream.yml reads: the database
// to replicate or restore, and the replica folder.
func replicaEnv(dbPath, replica string) []string {
	return []string{"BRIEFBOT_DB=" + dbPath, "BRIEFBOT_REPLICA=" + replica}
}

// Restore runs the README's restore command: litestream restore -config
// CONFIG DB, with DB (a path on the "other machine") and the replica in the
// environment the config expands.
func (ls *Litestream) Restore(ctx context.Context, config, dbPath, replica string) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Minute)
	defer cancel()
	began := time.Now()
	cmd := exec.CommandContext(ctx, ls.Path, "restore", "-config", config, dbPath)
	cmd.Env = append(os.Environ(), replicaEnv(dbPath, replica)...)
	cmd.SysProcAttr = childAttr()
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("litestream restore %s: %w\n%s", dbPath, err, out.String())
	}
	if _, err := os.Stat(dbPath); err != nil {
		return 0, fmt.Errorf("litestream restore %s wrote no database\n%s", dbPath, out.String())
	}
	return time.Since(began), nil
}
