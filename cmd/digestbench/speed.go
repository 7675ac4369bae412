package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"syscall"
	"time"

	"briefbot"
	"briefbot/digest"
	"briefbot/internal/synth"
	"briefbot/internal/tgtext"
)

// median runs f n times and returns the median wall time and the median
// CPU time of the process: the machine is shared, so wall time alone
// measures the neighbours too.
func median(n int, f func()) (time.Duration, time.Duration) {
	ds := make([]time.Duration, n)
	cs := make([]time.Duration, n)
	for i := range ds {
		c0 := cpuTime()
		start := time.Now()
		f()
		ds[i] = time.Since(start)
		cs[i] = cpuTime() - c0
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	sort.Slice(cs, func(i, j int) bool { return cs[i] < cs[j] })
	return ds[n/2], cs[n/2]
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// seedPost is the seed as one aggregator entry: Text as given, HTML as <p>
// paragraphs.
func seedPost(shared string) (briefbot.Post, error) {
	b, err := os.ReadFile(filepath.Join(shared, "seed", "source-post.txt"))
	if err != nil {
		return briefbot.Post{}, fmt.Errorf("read seed: %w", err)
	}
	text := string(b)
	var sb strings.Builder
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			sb.WriteString("<p>" + strings.ReplaceAll(tgtext.Escape(p), "\n", "<br>") + "</p>\n")
		}
	}
	at := time.Date(2025, 6, 4, 15, 0, 0, 0, time.UTC)
	return briefbot.Post{ID: 1, FeedName: "d1021", URL: "https://d1021.hatenadiary.jp/entry/2025/06/05/000000",
		Title: "ロシア", Text: text, HTML: sb.String(), Language: "auto", Published: at, FetchedAt: at}, nil
}

func speed(shared string, maxN int) error {
	p, err := seedPost(shared)
	if err != nil {
		return err
	}
	var nStories, nItems int
	seedTime, seedCPU := median(21, func() {
		items := digest.Split(p)
		for i := range items {
			items[i].Topics = []string{"world"}
		}
		stories := digest.Cluster(nil, items, digest.ClusterOptions{}).Stories
		for _, s := range stories {
			digest.Render(s, digest.RenderOptions{})
		}
		nStories, nItems = len(stories), len(items)
	})
	fmt.Println("Speed (median)")
	fmt.Printf("%-44s %10s %10s  %s\n", "case", "wall", "cpu", "notes")
	fmt.Printf("%-44s %10s %10s  %d items → %d briefs; goal ≤ 50ms\n", "seed post → briefs (Split+Cluster+Render)",
		seedTime.Round(100*time.Microsecond), seedCPU.Round(100*time.Microsecond), nItems, nStories)
	var t10 time.Duration
	for _, n := range []int{maxN / 2, maxN} {
		posts, labels := synth.Posts(n, 7*24*time.Hour, 1)
		var items []briefbot.Item
		for _, p := range posts {
			items = append(items, digest.Split(p)...)
		}
		var stories []*briefbot.Story
		d, c := median(5, func() { stories = digest.Cluster(nil, items, digest.ClusterOptions{Window: 36 * time.Hour}).Stories })
		pur := purity(stories, labels)
		note := "goal ≤ 2s at 10k"
		if n == maxN/2 {
			t10 = d
		} else {
			note = fmt.Sprintf("%.2f× the smaller case (wall); goal ≤ 2.2×", float64(d)/float64(t10))
		}
		fmt.Printf("%-44s %10s %10s  %d stories for %d events, purity %.3f; %s\n",
			fmt.Sprintf("cluster %d synthetic posts over 7 days", n), d.Round(time.Millisecond), c.Round(time.Millisecond), len(stories), distinct(labels), pur, note)
	}
	return templated(60000)
}

// speedRow is one clustering speed row: posts, median wall and CPU time.
type speedRow struct {
	n         int
	wall, cpu time.Duration
}

// templated clusters one feed of n templated items that differ only in an
// ordinal and a ward, the flood a broken or hostile feed sends: the cost
// must stay bounded and the items apart. It runs in a child process of its
// own (floodEnv), so that the peak RSS printed is the flood's alone.
func templated(n int) error {
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), fmt.Sprintf("%s=%d", floodEnv, n))
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("flood: %w: %s", err, out)
	}
	fmt.Print(string(out))
	return nil
}

// floodEnv names the variable that makes digestbench run the flood alone.
const floodEnv = "DIGESTBENCH_FLOOD"

// runFlood is the child's side of templated.
func runFlood(n int) {
	at := time.Date(2025, 7, 11, 0, 0, 0, 0, time.UTC)
	items := make([]briefbot.Item, n)
	for i := range items {
		t := at.Add(time.Duration(i) * time.Second)
		items[i] = briefbot.Item{PostID: int64(i + 1), FeedName: "flood", Language: "ja",
			Title: fmt.Sprintf("%d番目の出来事が起きた", i), Text: fmt.Sprintf("%d番目の出来事が起きた。場所は%d区である。", i, i),
			Published: t, FetchedAt: t}
	}
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start, c0 := time.Now(), cpuTime()
	res := digest.Cluster(nil, items, digest.ClusterOptions{Window: 36 * time.Hour})
	d, c := time.Since(start), cpuTime()-c0
	runtime.ReadMemStats(&after)
	fmt.Printf("%-44s %10s %10s  %d stories for %d events; %d MB allocated (%d mallocs), peak RSS %s (the items included)\n",
		fmt.Sprintf("cluster %d templated items, one feed", n), d.Round(time.Millisecond), c.Round(time.Millisecond),
		len(res.Stories), n, (after.TotalAlloc-before.TotalAlloc)>>20, after.Mallocs-before.Mallocs, peakRSS())
}

// peakRSS is the process's peak resident set (VmHWM), or "?".
func peakRSS() string {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return "?"
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return "?"
}

// purity is the share of items whose story's majority event is their own.
func purity(stories []*briefbot.Story, labels []int) float64 {
	good, total := 0, 0
	for _, s := range stories {
		count := map[int]int{}
		best := 0
		for _, it := range s.Items {
			l := labels[it.PostID-1]
			count[l]++
			best = max(best, count[l])
		}
		good += best
		total += len(s.Items)
	}
	return float64(good) / float64(max(total, 1))
}

func distinct(labels []int) int {
	m := map[int]bool{}
	for _, l := range labels {
		m[l] = true
	}
	return len(m)
}
