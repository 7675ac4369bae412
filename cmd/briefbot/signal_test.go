package main

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"briefbot/internal/telegramtest"
)

// childEnv makes the test binary run briefbot's main instead of the tests:
// the signal tests need a real process, with main's own signal handling.
const childEnv = "BRIEFBOT_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) == "1" {
		main() // exits
	}
	os.Exit(m.Run())
}

// child is briefbot running as its own process.
type child struct {
	cmd    *exec.Cmd
	stderr *watchBuffer
	done   chan error
}

func startChild(t *testing.T, args ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), childEnv+"=1", "TELEGRAM_BOT_TOKEN=")
	c := &child{cmd: cmd, stderr: newWatchBuffer(), done: make(chan error, 1)}
	cmd.Stderr = c.stderr
	cmd.Stdout = &bytes.Buffer{}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { c.done <- cmd.Wait() }()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			<-c.done
		}
	})
	return c
}

func (c *child) signal(t *testing.T, sig syscall.Signal) {
	t.Helper()
	if err := c.cmd.Process.Signal(sig); err != nil {
		t.Fatalf("signal %v: %v", sig, err)
	}
}

// wait waits for the child to exit and returns its status.
func (c *child) wait(t *testing.T) int {
	t.Helper()
	select {
	case err := <-c.done:
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(30 * time.Second):
		t.Fatalf("the child did not exit; stderr:\n%s", c.stderr.String())
		return -1
	}
}

// watchBuffer collects output and lets a test wait for a text in it.
type watchBuffer struct {
	mu      sync.Mutex
	b       bytes.Buffer
	changed chan struct{}
}

func newWatchBuffer() *watchBuffer { return &watchBuffer{changed: make(chan struct{})} }

func (w *watchBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.b.Write(p)
	close(w.changed)
	w.changed = make(chan struct{})
	return len(p), nil
}

func (w *watchBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// waitFor waits until the output holds text.
func (w *watchBuffer) waitFor(t *testing.T, text string) {
	t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		w.mu.Lock()
		has, changed := strings.Contains(w.b.String(), text), w.changed
		w.mu.Unlock()
		if has {
			return
		}
		select {
		case <-changed:
		case <-deadline:
			t.Fatalf("no %q in the output:\n%s", text, w.String())
		}
	}
}

// gatedAPI is the fake Bot API with getMe held until release is closed, so
// a test can act while the daemon is still starting.
func gatedAPI(t *testing.T) (url string, inGetMe <-chan struct{}, release func()) {
	t.Helper()
	tg := telegramtest.New(telegramtest.Options{Token: startupToken})
	t.Cleanup(tg.Close)
	in, gate := make(chan struct{}), make(chan struct{})
	var once, rel sync.Once
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/getMe") {
			once.Do(func() { close(in) })
			select {
			case <-gate:
			case <-r.Context().Done():
				return
			}
		}
		tg.Handler().ServeHTTP(w, r)
	}))
	release = func() { rel.Do(func() { close(gate) }) }
	t.Cleanup(func() { release(); srv.Close() })
	return srv.URL, in, release
}

// TestSignalsDuringStartup: SIGHUP while the daemon is still connecting to
// Telegram is a reload applied once it runs, not a kill (exit 129); SIGTERM
// at that moment is an orderly stop; SIGHUP during the first round, with a
// feed hanging, is a reload too.
func TestSignalsDuringStartup(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	t.Run("SIGHUP while connecting", func(t *testing.T) {
		api, inGetMe, release := gatedAPI(t)
		dir := t.TempDir()
		path := startupConfig(t, dir, startupToken, api, "")
		c := startChild(t, "run", "-config", path)
		<-inGetMe
		// An edit the reload must pick up: a second topic.
		b, _ := os.ReadFile(path)
		os.WriteFile(path, bytes.Replace(b, []byte("  - {name: world}"), []byte("  - {name: world}\n  - {name: economy}"), 1), 0o600)
		c.signal(t, syscall.SIGHUP)
		release()
		c.stderr.waitFor(t, "trigger=sighup")
		c.stderr.waitFor(t, "topics=2")
		c.signal(t, syscall.SIGTERM)
		if code := c.wait(t); code != 0 {
			t.Errorf("exit %d after SIGTERM, want 0; stderr:\n%s", code, c.stderr.String())
		}
	})
	t.Run("SIGTERM while connecting", func(t *testing.T) {
		api, inGetMe, _ := gatedAPI(t)
		c := startChild(t, "run", "-config", startupConfig(t, t.TempDir(), startupToken, api, ""))
		<-inGetMe
		c.signal(t, syscall.SIGTERM)
		if code := c.wait(t); code != 0 {
			t.Errorf("exit %d, want 0; stderr:\n%s", code, c.stderr.String())
		}
		if out := c.stderr.String(); !strings.Contains(out, "stopped during start-up") || strings.Contains(out, "panic") {
			t.Errorf("stderr:\n%s", out)
		}
	})
	t.Run("SIGHUP and SIGINT in the first round", func(t *testing.T) {
		hang := newHangServer(t)
		dir := t.TempDir()
		path := filepath.Join(dir, "config.yaml")
		cfg := fmt.Sprintf("database: {path: bot.db}\nhttp: {listen: \"\"}\ntopics: [{name: world}]\n"+
			"feeds: [{name: hanging, url: %s, topics: [world], schedule: \"0 0 1 1 *\"}]\n"+
			"fetch: {allow_private_addresses: true, timeout: 60s}\n", hang.srv.URL)
		if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
			t.Fatal(err)
		}
		c := startChild(t, "run", "-config", path)
		<-hang.started // the first round is under way, and stays so
		c.signal(t, syscall.SIGHUP)
		c.stderr.waitFor(t, "trigger=sighup")
		if hang.hasEnded() {
			t.Error("the first round ended before the reload")
		}
		c.signal(t, syscall.SIGINT)
		if code := c.wait(t); code != 0 {
			t.Errorf("exit %d after SIGINT, want 0; stderr:\n%s", code, c.stderr.String())
		}
		if out := c.stderr.String(); !strings.Contains(out, "shutting down") {
			t.Errorf("no ordered shutdown in stderr:\n%s", out)
		}
	})
}
