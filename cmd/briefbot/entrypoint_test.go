package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// entrypointEnv is a folder, readable by any user, holding a copy of the
// image's entrypoint and a stub briefbot that logs its arguments (and, for
// init, creates the config).
type entrypointEnv struct {
	root, script, log string
}

func newEntrypointEnv(t *testing.T) *entrypointEnv {
	t.Helper()
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh")
	}
	root, err := os.MkdirTemp("", "entrypoint")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(root) })
	e := &entrypointEnv{root: root, script: filepath.Join(root, "entrypoint.sh"), log: filepath.Join(root, "calls.log")}
	src, err := os.ReadFile(filepath.Join("..", "..", "docker-entrypoint.sh"))
	if err != nil {
		t.Fatal(err)
	}
	stub := `#!/bin/sh
echo "$*" >> ` + e.log + `
if [ "$1" = init ]; then echo starter > "$3"; fi
`
	for path, text := range map[string]string{e.script: string(src), filepath.Join(root, "bin", "briefbot"): stub, e.log: ""} {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o777); err != nil { // the log too: any uid appends
			t.Fatal(err)
		}
		if err := os.Chmod(path, 0o777); err != nil { // past the umask
			t.Fatal(err)
		}
	}
	if err := os.Chmod(root, 0o755); err != nil {
		t.Fatal(err)
	}
	return e
}

// dataDir makes a data folder holding files.
func (e *entrypointEnv) dataDir(t *testing.T, name string, files ...string) string {
	t.Helper()
	dir := filepath.Join(e.root, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// run runs the entrypoint with args, as uid 10001 (the image's user) when
// asUser and the test runs as root, and returns its exit code, stderr and
// the stub's calls.
func (e *entrypointEnv) run(t *testing.T, asUser bool, args ...string) (int, string, []string) {
	t.Helper()
	if err := os.WriteFile(e.log, nil, 0o666); err != nil {
		t.Fatal(err)
	}
	argv := append([]string{"sh", e.script}, args...)
	if asUser && os.Getuid() == 0 {
		setpriv, err := exec.LookPath("setpriv")
		if err != nil {
			t.Skip("running as root without setpriv: cannot run as the image's user")
		}
		argv = append([]string{setpriv, "--reuid=10001", "--regid=10001", "--clear-groups"}, argv...)
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = []string{"PATH=" + filepath.Join(e.root, "bin") + ":/usr/bin:/bin"}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	code := 0
	if err := cmd.Run(); err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatal(err)
		}
		code = ee.ExitCode()
	}
	logged, _ := os.ReadFile(e.log)
	calls := strings.Split(strings.TrimSpace(string(logged)), "\n")
	if calls[0] == "" {
		calls = nil
	}
	return code, stderr.String(), calls
}

func TestDockerEntrypoint(t *testing.T) {
	e := newEntrypointEnv(t)

	t.Run("empty volume gets a starter", func(t *testing.T) {
		dir := e.dataDir(t, "empty", "lost+found")
		cfg := filepath.Join(dir, "config.yaml")
		code, stderr, calls := e.run(t, false, "run", "-config", cfg)
		want := []string{"init -config " + cfg + " -listen 0.0.0.0:9090", "run -config " + cfg}
		if code != 0 || strings.Join(calls, "|") != strings.Join(want, "|") {
			t.Errorf("exit %d, calls %q, stderr %q; want %q", code, calls, stderr, want)
		}
	})
	t.Run("-config=FILE", func(t *testing.T) {
		cfg := filepath.Join(e.dataDir(t, "other"), "bot.yaml")
		if _, _, calls := e.run(t, false, "run", "-once", "-config="+cfg); len(calls) != 2 || calls[0] != "init -config "+cfg+" -listen 0.0.0.0:9090" {
			t.Errorf("calls %q", calls)
		}
	})
	t.Run("existing config is used as it is", func(t *testing.T) {
		cfg := filepath.Join(e.dataDir(t, "configured", "config.yaml"), "config.yaml")
		if code, _, calls := e.run(t, false, "run", "-config", cfg); code != 0 || strings.Join(calls, "|") != "run -config "+cfg {
			t.Errorf("exit %d, calls %q", code, calls)
		}
	})
	t.Run("restored database without a config", func(t *testing.T) {
		dir := e.dataDir(t, "restored", "briefbot.db")
		code, stderr, calls := e.run(t, false, "run", "-config", filepath.Join(dir, "config.yaml"))
		if code != 0 || len(calls) != 1 || !strings.HasPrefix(calls[0], "run ") || !strings.Contains(stderr, "holds files but no config.yaml") {
			t.Errorf("exit %d, calls %q, stderr %q; want no init and a word why", code, calls, stderr)
		}
	})
	t.Run("other commands never init", func(t *testing.T) {
		cfg := filepath.Join(e.dataDir(t, "probe"), "config.yaml")
		if _, _, calls := e.run(t, false, "healthcheck", "-config", cfg); strings.Join(calls, "|") != "healthcheck -config "+cfg {
			t.Errorf("calls %q", calls)
		}
	})
	t.Run("volume not writable by the image's user", func(t *testing.T) {
		dir := e.dataDir(t, "readonly")
		if os.Getuid() != 0 {
			if err := os.Chmod(dir, 0o555); err != nil {
				t.Fatal(err)
			}
		} // as root the folder stays root's, which uid 10001 cannot write
		code, stderr, calls := e.run(t, true, "run", "-config", filepath.Join(dir, "config.yaml"))
		if code != 1 || len(calls) != 0 || !strings.Contains(stderr, "is not writable by uid") ||
			!strings.Contains(stderr, "uid 10001") || !strings.Contains(stderr, "chown -R 10001:10001") {
			t.Errorf("exit %d, calls %q, stderr %q; want 1, nothing run, and uid 10001 named", code, calls, stderr)
		}
	})
}
