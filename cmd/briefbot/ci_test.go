package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestCIExampleConfig: CI's copy of the example config is the example with
// only its database, listener and feed path changed, and check-config
// accepts it; an example whose lines no longer match fails loudly.
func TestCIExampleConfig(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("no bash")
	}
	example, err := filepath.Abs(filepath.Join("..", "..", "config.example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	script := filepath.Join("..", "..", ".ci", "example-config")
	dir := t.TempDir()
	if out, err := exec.Command("bash", script, example, dir).CombinedOutput(); err != nil {
		t.Fatalf("example-config: %v\n%s", err, out)
	}
	var stdout, stderr syncBuffer
	if code := run(context.Background(), []string{"check-config", "-config", filepath.Join(dir, "config.yaml")}, &stdout, &stderr); code != 0 {
		t.Fatalf("check-config of CI's config exited %d: %s", code, stderr.String())
	}
	cfg, err := loadConfig(filepath.Join(dir, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.HTTP.Listen != "" || cfg.Database.Path != filepath.Join(dir, "briefbot.db") || cfg.Feeds[0].URL != filepath.Join(filepath.Dir(example), "examples", "sample-feed.xml") {
		t.Errorf("CI's config: listen %q, database %q, feed %q", cfg.HTTP.Listen, cfg.Database.Path, cfg.Feeds[0].URL)
	}

	// The example edited so that the listener line no longer matches.
	text, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	edited := filepath.Join(t.TempDir(), "config.example.yaml")
	if err := os.WriteFile(edited, []byte(strings.Replace(string(text), `listen: "127.0.0.1:9090"`, `listen: "127.0.0.1:9091"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("bash", script, edited, t.TempDir()).CombinedOutput()
	if err == nil || !strings.Contains(string(out), `matches 0 lines of `+edited+`, want 1: update .ci/example-config`) {
		t.Errorf("a pattern that no longer matches: err %v, output %q; want a loud failure", err, out)
	}
}
