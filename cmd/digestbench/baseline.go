package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"time"
)

// baselineRows times another commit's clustering in this run: it checks
// ref out into a temporary worktree, builds that tree's digestbench and
// runs its speed rows (median of 5 each), and reads their times.
func baselineRows(ctx context.Context, ref, shared string, maxN int) ([]speedRow, error) {
	dir, err := os.MkdirTemp("", "digestbench-baseline-")
	if err != nil {
		return nil, fmt.Errorf("baseline: %w", err)
	}
	defer os.RemoveAll(dir)
	tree := filepath.Join(dir, "tree")
	if out, err := exec.CommandContext(ctx, "git", "worktree", "add", "--detach", tree, ref).CombinedOutput(); err != nil {
		return nil, fmt.Errorf("baseline: git worktree add %s: %w: %s", ref, err, out)
	}
	defer exec.Command("git", "worktree", "remove", "--force", tree).Run()
	bin := filepath.Join(dir, "digestbench")
	build := exec.CommandContext(ctx, "go", "build", "-tags", "sqlite_fts5", "-o", bin, "./cmd/digestbench")
	build.Dir = tree
	if out, err := build.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("baseline: build %s: %w: %s", ref, err, out)
	}
	run := exec.CommandContext(ctx, bin, "-quality=false", "-n", strconv.Itoa(maxN))
	run.Dir = tree
	// The tree sits in a temporary folder: it finds no ../shared of its own.
	run.Env = append(os.Environ(), "BRIEFBOT_SHARED="+shared)
	var out bytes.Buffer
	run.Stdout, run.Stderr = &out, &out
	if err := run.Run(); err != nil {
		return nil, fmt.Errorf("baseline: run %s: %w: %s", ref, err, out.String())
	}
	rows := parseSpeedRows(out.Bytes())
	if len(rows) == 0 {
		return nil, fmt.Errorf("baseline: no clustering rows in %s's output:\n%s", ref, out.String())
	}
	fmt.Printf("Baseline %s (its own digestbench, run first):\n%s\n", ref, bytes.TrimSpace(out.Bytes()))
	return rows, nil
}

// speedRowRe matches a clustering row: "cluster N synthetic posts over 7
// days   1.916s   1.906s …".
var speedRowRe = regexp.MustCompile(`(?m)^cluster (\d+) synthetic posts over 7 days\s+(\S+)\s+(\S+)`)

func parseSpeedRows(out []byte) []speedRow {
	var rows []speedRow
	for _, m := range speedRowRe.FindAllSubmatch(out, -1) {
		n, _ := strconv.Atoi(string(m[1]))
		w, err1 := time.ParseDuration(string(m[2]))
		c, err2 := time.ParseDuration(string(m[3]))
		if err1 == nil && err2 == nil {
			rows = append(rows, speedRow{n, w, c})
		}
	}
	return rows
}
