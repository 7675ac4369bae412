package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"briefbot"
	"briefbot/digest"
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

// synthetic makes n posts about n/4 events spread over span: each event has
// its own rare names and topic words, its reports share them plus common
// words; some reports are near-copies of another.
func synthetic(n int, span time.Duration, seed uint64) ([]briefbot.Post, []int) {
	r := rand.New(rand.NewPCG(seed, 2))
	word := func() string {
		const cons, vows = "bcdfghjklmnprstvz", "aeiou"
		var sb strings.Builder
		for k := 0; k < 2+r.IntN(3); k++ {
			sb.WriteByte(cons[r.IntN(len(cons))])
			sb.WriteByte(vows[r.IntN(len(vows))])
		}
		return sb.String()
	}
	common := make([]string, 400)
	for i := range common {
		common[i] = word()
	}
	events := max(n/4, 1)
	type event struct {
		at    time.Time
		names []string
		words []string
	}
	start := time.Date(2025, 6, 1, 0, 0, 0, 0, time.UTC)
	evs := make([]event, events)
	for i := range evs {
		e := event{at: start.Add(time.Duration(r.Int64N(int64(span))))}
		for k := 0; k < 3; k++ {
			w := word()
			e.names = append(e.names, strings.ToUpper(w[:1])+w[1:])
		}
		for k := 0; k < 6; k++ {
			e.words = append(e.words, word())
		}
		evs[i] = e
	}
	sentence := func(e event) string {
		var ws []string
		ws = append(ws, e.names[r.IntN(len(e.names))])
		for k := 0; k < 10; k++ {
			if r.IntN(3) == 0 {
				ws = append(ws, e.words[r.IntN(len(e.words))])
			} else {
				ws = append(ws, common[r.IntN(len(common))])
			}
		}
		ws = append(ws, e.names[r.IntN(len(e.names))])
		return strings.Join(ws, " ") + "."
	}
	posts := make([]briefbot.Post, n)
	labels := make([]int, n)
	for i := range posts {
		ei := r.IntN(events)
		e := evs[ei]
		var text []string
		if i > 0 && r.IntN(5) == 0 && labels[i-1] == ei {
			text = []string{posts[i-1].Text, sentence(e)} // a near-copy
		} else {
			for k := 0; k < 5; k++ {
				text = append(text, sentence(e))
			}
		}
		at := e.at.Add(time.Duration(r.Int64N(int64(12 * time.Hour))))
		posts[i] = briefbot.Post{ID: int64(i + 1), FeedName: fmt.Sprintf("feed%d", i%20),
			URL: fmt.Sprintf("https://example.com/%d", i), Title: sentence(e), Text: strings.Join(text, "\n\n"),
			Language: "en", Published: at, FetchedAt: at}
		labels[i] = ei
	}
	return posts, labels
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
		posts, labels := synthetic(n, 7*24*time.Hour, 1)
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
	return nil
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
