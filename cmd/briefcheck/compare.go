package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// compareWith runs this checker's own code against the renderer of git
// ref: it checks ref out in a temporary worktree, copies the checker into
// it (so both runs judge by the same rules and read the same inputs from
// this checkout), runs it with -json and reads its summaries back. The
// worktree is removed afterwards. ref must have scheduler.Preview with
// Push (main since the preview learned to say whether it pushes).
func compareWith(ctx context.Context, p paths, ref string, names []string, stderr io.Writer) (map[string]summary, error) {
	tmp, err := os.MkdirTemp("", "briefcheck-ref-")
	if err != nil {
		return nil, fmt.Errorf("temporary folder: %w", err)
	}
	defer os.RemoveAll(tmp)
	wt := filepath.Join(tmp, "wt")
	git := func(args ...string) error {
		cmd := exec.CommandContext(ctx, "git", append([]string{"-C", p.repo}, args...)...)
		cmd.Stderr = stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("git %s: %w", strings.Join(args, " "), err)
		}
		return nil
	}
	if err := git("worktree", "add", "--detach", "--quiet", wt, ref); err != nil {
		return nil, err
	}
	defer func() { _ = git("worktree", "remove", "--force", wt) }()

	dst := filepath.Join(wt, "cmd", "briefcheck")
	if err := os.RemoveAll(dst); err != nil {
		return nil, fmt.Errorf("clear %s: %w", dst, err)
	}
	if err := copyChecker(filepath.Join(p.repo, "cmd", "briefcheck"), dst); err != nil {
		return nil, err
	}
	fmt.Fprintf(stderr, "briefcheck: running the checker on %s in %s\n", ref, wt)
	cmd := exec.CommandContext(ctx, "go", "run", "-tags", "sqlite_fts5", "./cmd/briefcheck", "-json",
		"-inputs", strings.Join(names, ","), "-repo", p.repo, "-shared", p.shared)
	cmd.Dir = wt
	cmd.Stderr = stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("checker at %s: %w", ref, err)
	}
	sums := map[string]summary{}
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		var s summary
		if err := json.Unmarshal(sc.Bytes(), &s); err != nil {
			return nil, fmt.Errorf("read summary of %s: %w", ref, err)
		}
		sums[s.Input] = s
	}
	return sums, sc.Err()
}

// copyChecker copies the checker's sources (tests aside) and testdata.
func copyChecker(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return fmt.Errorf("copy checker: %w", err)
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
}
