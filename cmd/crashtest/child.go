package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"syscall"
	"time"
)

// child is a started process whose exit is watched by a goroutine, so the
// harness can poll, signal and wait with timeouts.
type child struct {
	name string
	cmd  *exec.Cmd
	log  *os.File
	done chan struct{}
	err  error // set before done closes
}

// children tracks every process the harness started, so that all of them are
// killed on any way out, failure and panic included.
type children struct {
	mu   sync.Mutex
	list []*child
}

// start runs path with args; stdout and stderr go to logPath, and stdout is
// also copied to extra when it is not nil (to watch for a ready line).
func (cs *children) start(name, path string, args []string, logPath string, extra io.Writer) (*child, error) {
	return cs.startEnv(name, path, args, nil, logPath, extra)
}

// startEnv is start with env added to the harness's environment.
func (cs *children) startEnv(name, path string, args, env []string, logPath string, extra io.Writer) (*child, error) {
	f, err := os.Create(logPath)
	if err != nil {
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	cmd := exec.Command(path, args...)
	if env != nil {
		cmd.Env = append(os.Environ(), env...)
	}
	cmd.Stderr = f
	cmd.Stdout = f
	if extra != nil {
		cmd.Stdout = io.MultiWriter(f, extra)
	}
	cmd.SysProcAttr = childAttr()
	if err := cmd.Start(); err != nil {
		f.Close()
		return nil, fmt.Errorf("start %s: %w", name, err)
	}
	c := &child{name: name, cmd: cmd, log: f, done: make(chan struct{})}
	go func() {
		c.err = cmd.Wait()
		f.Close()
		close(c.done)
	}()
	cs.mu.Lock()
	cs.list = append(cs.list, c)
	cs.mu.Unlock()
	return c, nil
}

// killAll SIGKILLs every child still running and reaps it.
func (cs *children) killAll() {
	cs.mu.Lock()
	list := append([]*child(nil), cs.list...)
	cs.mu.Unlock()
	for _, c := range list {
		c.kill()
	}
}

// exited reports whether the process has ended.
func (c *child) exited() bool {
	select {
	case <-c.done:
		return true
	default:
		return false
	}
}

// kill sends SIGKILL and waits for the process to be reaped (bounded: the
// kernel does not refuse SIGKILL, but a stuck copy goroutine might).
func (c *child) kill() {
	if c.exited() {
		return
	}
	_ = c.cmd.Process.Signal(syscall.SIGKILL)
	select {
	case <-c.done:
	case <-time.After(10 * time.Second):
	}
}

// wait waits up to timeout (or ctx) for the process to exit and returns its
// exit code; ok is false when it did not exit in time.
func (c *child) wait(ctx context.Context, timeout time.Duration) (code int, ok bool) {
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case <-c.done:
	case <-t.C:
		return 0, false
	case <-ctx.Done():
		return 0, false
	}
	return exitCode(c.err), true
}

// exitCode maps Wait's error to an exit status; -1 means killed by a signal.
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode()
	}
	return -2
}

// terminate sends SIGTERM and waits up to 30 s for a clean exit, killing the
// process when it does not come: it returns the exit code, whether it exited
// by itself, and how long that took.
func (c *child) terminate(ctx context.Context) (code int, exited bool, took time.Duration) {
	began := time.Now()
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	code, exited = c.wait(ctx, 30*time.Second)
	took = time.Since(began)
	if !exited {
		c.kill()
	}
	return code, exited, took
}
