package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// clusterOnceMain is a program built inside each tree compared: it makes
// the synthetic posts, splits them, and times one clustering of them,
// printing wall and CPU nanoseconds. The result is dropped, so one source
// builds against any version of digest.Cluster.
const clusterOnceMain = `package main

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"briefbot"
	"briefbot/digest"
	"briefbot/internal/synth"
)

func cpu() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func main() {
	n, _ := strconv.Atoi(os.Args[1])
	posts, _ := synth.Posts(n, 7*24*time.Hour, 1)
	var items []briefbot.Item
	for _, p := range posts {
		items = append(items, digest.Split(p)...)
	}
	runtime.GC()
	c0, t0 := cpu(), time.Now()
	_ = digest.Cluster(nil, items, digest.ClusterOptions{Window: 36 * time.Hour})
	fmt.Println(time.Since(t0).Nanoseconds(), (cpu() - c0).Nanoseconds())
}
`

// buildClusterOnce builds clusterOnceMain in tree with go build -overlay,
// so no file is written into the tree; a tree without internal/synth (an
// older commit) gets this tree's generator through the same overlay.
func buildClusterOnce(ctx context.Context, tree, tmp, bin string) error {
	mainSrc := filepath.Join(tmp, filepath.Base(bin)+"-main.go")
	if err := os.WriteFile(mainSrc, []byte(clusterOnceMain), 0o644); err != nil {
		return err
	}
	replace := map[string]string{filepath.Join(tree, "cmd", "clusteronce", "main.go"): mainSrc}
	synthPath := filepath.Join(tree, "internal", "synth", "synth.go")
	if _, err := os.Stat(synthPath); err != nil {
		own, err := filepath.Abs(filepath.Join("internal", "synth", "synth.go"))
		if err != nil {
			return err
		}
		replace[synthPath] = own
	}
	overlay, err := json.Marshal(map[string]any{"Replace": replace})
	if err != nil {
		return err
	}
	ov := filepath.Join(tmp, filepath.Base(bin)+"-overlay.json")
	if err := os.WriteFile(ov, overlay, 0o644); err != nil {
		return err
	}
	build := exec.CommandContext(ctx, "go", "build", "-tags", "sqlite_fts5", "-overlay", ov, "-o", bin, "./cmd/clusteronce")
	build.Dir = tree
	if out, err := build.CombinedOutput(); err != nil {
		return fmt.Errorf("build in %s: %w: %s", tree, err, out)
	}
	return nil
}

// runClusterOnce runs a built clusterOnceMain on n posts.
func runClusterOnce(ctx context.Context, bin string, n int) (speedRow, error) {
	out, err := exec.CommandContext(ctx, bin, strconv.Itoa(n)).Output()
	if err != nil {
		return speedRow{}, fmt.Errorf("run %s: %w", bin, err)
	}
	var w, c int64
	if _, err := fmt.Sscan(string(out), &w, &c); err != nil {
		return speedRow{}, fmt.Errorf("read %s's times %q: %w", bin, out, err)
	}
	return speedRow{n, time.Duration(w), time.Duration(c)}, nil
}

// compareBaseline times this tree's clustering against commit ref's in
// one run: both are built as clusterOnceMain (ref in a temporary
// worktree), and their runs alternate, ref first, runs times per size, so
// that the neighbours on a shared machine weigh on both alike. It prints
// the medians and their ratios.
func compareBaseline(ctx context.Context, ref string, sizes []int, runs int) error {
	tmp, err := os.MkdirTemp("", "digestbench-baseline-")
	if err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	defer os.RemoveAll(tmp)
	tree := filepath.Join(tmp, "tree")
	if out, err := exec.CommandContext(ctx, "git", "worktree", "add", "--detach", tree, ref).CombinedOutput(); err != nil {
		return fmt.Errorf("baseline: git worktree add %s: %w: %s", ref, err, out)
	}
	defer exec.Command("git", "worktree", "remove", "--force", tree).Run()
	here, err := os.Getwd()
	if err != nil {
		return err
	}
	baseBin, oursBin := filepath.Join(tmp, "base"), filepath.Join(tmp, "ours")
	if err := buildClusterOnce(ctx, tree, tmp, baseBin); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	if err := buildClusterOnce(ctx, here, tmp, oursBin); err != nil {
		return fmt.Errorf("baseline: %w", err)
	}
	fmt.Printf("Against %s (clustering synthetic posts, each run its own process, runs alternating; median of %d)\n", ref, runs)
	fmt.Printf("%-14s %22s %22s  %s\n", "posts", "ours wall / cpu", "baseline wall / cpu", "ours ÷ baseline (cpu, wall)")
	var ours, base []speedRow
	for _, n := range sizes {
		var o, b []speedRow
		for range runs {
			rb, err := runClusterOnce(ctx, baseBin, n)
			if err != nil {
				return fmt.Errorf("baseline: %w", err)
			}
			ro, err := runClusterOnce(ctx, oursBin, n)
			if err != nil {
				return fmt.Errorf("baseline: %w", err)
			}
			b, o = append(b, rb), append(o, ro)
		}
		mo, mb := medianRow(o), medianRow(b)
		ours, base = append(ours, mo), append(base, mb)
		fmt.Printf("%-14d %22s %22s  %.2f× (%.2f×)\n", n, mo.wall.Round(time.Millisecond).String()+" / "+mo.cpu.Round(time.Millisecond).String(),
			mb.wall.Round(time.Millisecond).String()+" / "+mb.cpu.Round(time.Millisecond).String(),
			float64(mo.cpu)/float64(mb.cpu), float64(mo.wall)/float64(mb.wall))
	}
	var doubling []string
	for i := 1; i < len(sizes); i++ {
		doubling = append(doubling, fmt.Sprintf("%d→%d: ours %.2f×, baseline %.2f×", sizes[i-1], sizes[i],
			float64(ours[i].cpu)/float64(ours[i-1].cpu), float64(base[i].cpu)/float64(base[i-1].cpu)))
	}
	fmt.Printf("per doubling (cpu) %s; goals ≤ 1.15× the baseline at 10k, ≤ 2.2× per doubling\n\n", strings.Join(doubling, "; "))
	return nil
}

// medianRow is the row of the median CPU time (wall time its own median).
func medianRow(rs []speedRow) speedRow {
	w := make([]time.Duration, len(rs))
	c := make([]time.Duration, len(rs))
	for i, r := range rs {
		w[i], c[i] = r.wall, r.cpu
	}
	sort.Slice(w, func(i, j int) bool { return w[i] < w[j] })
	sort.Slice(c, func(i, j int) bool { return c[i] < c[j] })
	return speedRow{rs[0].n, w[len(w)/2], c[len(c)/2]}
}
