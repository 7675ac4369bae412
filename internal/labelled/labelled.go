// Package labelled reads the hand-labelled sets that clustering is measured
// on — the seed post cut into entries (digest/testdata/seed-entries.tsv)
// and the multi-outlet event fixture (digest/testdata/events) — and counts
// how a clustering treats their pairs. It also replays items in batches
// with the stories stored in between, as the pipeline does. The digest's
// tests and cmd/digestbench read the same sets through it, and the digest's
// tests and cmd/briefcheck read the brief fixtures' expect.json (Expect).
package labelled

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"briefbot"
)

// Post is one labelled post.
type Post struct {
	briefbot.Post
	Label string // posts with one label report one event
	// Half is 0 for the tuning half, 1 for the held-out half, and -1 where
	// the halves are cut by pair (the seed: its pairs in line order).
	Half int
}

// SeedTime is when the seed entries are dated from: 2025-06-05 00:00 JST.
var SeedTime = time.Date(2025, 6, 4, 15, 0, 0, 0, time.UTC)

// SeedEntries cuts the seed post's text into the entries tsv lists (rows
// of line range, label, URL, title; "#" comments), one post each, seven
// minutes apart from SeedTime, fetched two minutes after.
func SeedEntries(seed, tsv string) ([]Post, error) {
	lines := strings.Split(strings.ReplaceAll(seed, "\r\n", "\n"), "\n")
	var out []Post
	for n, row := range strings.Split(tsv, "\n") {
		if row == "" || strings.HasPrefix(row, "#") {
			continue
		}
		cols := strings.Split(row, "\t")
		if len(cols) != 4 {
			return nil, fmt.Errorf("seed entries line %d: %d columns, want 4", n+1, len(cols))
		}
		a, b, _ := strings.Cut(cols[0], "-")
		first, err1 := strconv.Atoi(a)
		last, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || first < 1 || last > len(lines) || first > last {
			return nil, fmt.Errorf("seed entries line %d: bad range %q", n+1, cols[0])
		}
		title := cols[3]
		if title == "-" {
			title = ""
		}
		u, err := url.Parse(cols[2])
		if err != nil {
			return nil, fmt.Errorf("seed entries line %d: %w", n+1, err)
		}
		at := SeedTime.Add(time.Duration(len(out)) * 7 * time.Minute)
		out = append(out, Post{Label: cols[1], Half: -1, Post: briefbot.Post{
			ID: int64(len(out) + 1), FeedName: u.Hostname(), Key: cols[2], URL: cols[2], Title: title,
			Text: strings.Join(lines[first-1:last], "\n"), Language: "ja",
			Published: at, FetchedAt: at.Add(2 * time.Minute),
		}})
	}
	return out, nil
}

// Events reads the event fixture's reports.jsonl: one post a report, its
// feed named for its outlet (one feed an outlet), fetched three minutes
// after publication; odd events are the tuning half.
func Events(jsonl string) ([]Post, error) {
	var out []Post
	sc := bufio.NewScanner(strings.NewReader(jsonl))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var r struct {
			ID, Event, Lang, Outlet, URL, Title, Text string
			Published                                 time.Time
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("reports line %d: %w", len(out)+1, err)
		}
		num, err := strconv.Atoi(strings.TrimPrefix(r.Event, "e"))
		if err != nil {
			return nil, fmt.Errorf("reports line %d: event %q", len(out)+1, r.Event)
		}
		feed := r.Outlet
		if feed == "" {
			feed = "templates"
		}
		out = append(out, Post{Label: r.Event, Half: 1 - num%2, Post: briefbot.Post{
			ID: int64(len(out) + 1), FeedName: feed, Key: r.ID, URL: r.URL, Title: r.Title, Text: r.Text,
			Language: r.Lang, Published: r.Published, FetchedAt: r.Published.Add(3 * time.Minute),
		}})
	}
	return out, sc.Err()
}

// Set is labelled posts split into items.
type Set struct {
	Items  []briefbot.Item
	Labels []string // per item: its post's label
	Halves []int    // per item: its post's half
}

// Split splits every post with split (the digest's Split, with what the
// pipeline sets on items).
func Split(posts []Post, split func(briefbot.Post) []briefbot.Item) Set {
	var s Set
	for _, p := range posts {
		for _, it := range split(p.Post) {
			s.Items = append(s.Items, it)
			s.Labels = append(s.Labels, p.Label)
			s.Halves = append(s.Halves, p.Half)
		}
	}
	return s
}

// itemKey identifies an item across stories.
type itemKey struct {
	post  int64
	index int
}

// Partition maps each item of the set to the index of its story in
// stories, -1 for an item in none.
func (s Set) Partition(stories []*briefbot.Story) []int {
	at := map[itemKey]int{}
	for si, st := range stories {
		for _, it := range st.Items {
			at[itemKey{it.PostID, it.Index}] = si
		}
	}
	out := make([]int, len(s.Items))
	for i, it := range s.Items {
		si, ok := at[itemKey{it.PostID, it.Index}]
		if !ok {
			si = -1
		}
		out[i] = si
	}
	return out
}

// Counts are a clustering's pairs in one half.
type Counts struct {
	Same, Joined int // pairs of one event; of them, in one story
	Diff, Merged int // pairs of two events; of them, in one story
	Events       int // labels with an item in the half
	Stories      int // (label, story) pairs: the stories its events are told in
}

// Count counts pairs by half. A pair counts in a half when both of its
// items are in it; where halves are cut by pair (-1), the pairs are taken
// in item order and the first half of the same-event pairs, and of the
// different-event ones, is the tuning half.
func (s Set) Count(part []int) [2]Counts {
	var out [2]Counts
	type pair struct{ i, j int }
	var same, diff []pair
	for i := range s.Items {
		for j := i + 1; j < len(s.Items); j++ {
			if s.Labels[i] == s.Labels[j] {
				same = append(same, pair{i, j})
			} else {
				diff = append(diff, pair{i, j})
			}
		}
	}
	half := func(k, n int, p pair) int {
		switch {
		case s.Halves[p.i] < 0:
			if k < (n+1)/2 {
				return 0
			}
			return 1
		case s.Halves[p.i] != s.Halves[p.j]:
			return -1
		}
		return s.Halves[p.i]
	}
	for k, p := range same {
		if h := half(k, len(same), p); h >= 0 {
			out[h].Same++
			if part[p.i] >= 0 && part[p.i] == part[p.j] {
				out[h].Joined++
			}
		}
	}
	for k, p := range diff {
		if h := half(k, len(diff), p); h >= 0 {
			out[h].Diff++
			if part[p.i] >= 0 && part[p.i] == part[p.j] {
				out[h].Merged++
			}
		}
	}
	for h := range out {
		events := map[string]bool{}
		told := map[string]bool{}
		for i, l := range s.Labels {
			if s.Halves[i] == h || s.Halves[i] < 0 {
				events[l] = true
				told[fmt.Sprintf("%s\x00%d", l, part[i])] = true
			}
		}
		out[h].Events, out[h].Stories = len(events), len(told)
	}
	return out
}

// ClusterFunc clusters new items with the open stories, as digest.Cluster
// does, and returns the stories it changed or created and the IDs of the
// open stories it absorbed.
type ClusterFunc func(open []*briefbot.Story, items []briefbot.Item) (changed []*briefbot.Story, absorbed []int64)

// Batched clusters items batch by batch with the stories stored in
// between, as the pipeline does: every story keeps an ID once made (from
// 1), the stories a batch changed or made are stored, the ones it absorbed
// are dropped, and each batch sees as open the stored stories that have an
// item within window of one of its own. It returns the stored stories,
// oldest first.
func Batched(items []briefbot.Item, batches [][]int, window time.Duration, cluster ClusterFunc) []*briefbot.Story {
	stored := map[int64]*briefbot.Story{}
	next := int64(1)
	for _, b := range batches {
		if len(b) == 0 {
			continue
		}
		lo, hi := itemTime(items[b[0]]), itemTime(items[b[0]])
		for _, i := range b {
			t := itemTime(items[i])
			lo, hi = minTime(lo, t), maxTime(hi, t)
		}
		var open []*briefbot.Story
		for _, s := range stored {
			for _, it := range s.Items {
				if t := itemTime(it); !t.Before(lo.Add(-window)) && !t.After(hi.Add(window)) {
					open = append(open, s)
					break
				}
			}
		}
		sort.Slice(open, func(i, j int) bool { return open[i].ID < open[j].ID })
		batch := make([]briefbot.Item, len(b))
		for k, i := range b {
			batch[k] = items[i]
		}
		changed, absorbed := cluster(open, batch)
		for _, id := range absorbed {
			delete(stored, id)
		}
		for _, s := range changed {
			if s.ID == 0 {
				s.ID = next
				next++
			}
			stored[s.ID] = s
		}
	}
	out := make([]*briefbot.Story, 0, len(stored))
	for _, s := range stored {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func itemTime(it briefbot.Item) time.Time {
	if !it.Published.IsZero() {
		return it.Published
	}
	return it.FetchedAt
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// ByFeed is one batch a feed, feeds in name order, items in set order.
func ByFeed(items []briefbot.Item) [][]int {
	byFeed := map[string][]int{}
	var feeds []string
	for i, it := range items {
		if _, ok := byFeed[it.FeedName]; !ok {
			feeds = append(feeds, it.FeedName)
		}
		byFeed[it.FeedName] = append(byFeed[it.FeedName], i)
	}
	slices.Sort(feeds)
	out := make([][]int, len(feeds))
	for k, f := range feeds {
		out[k] = byFeed[f]
	}
	return out
}

// OneByOne is one batch an item, in set order.
func OneByOne(items []briefbot.Item) [][]int {
	out := make([][]int, len(items))
	for i := range items {
		out[i] = []int{i}
	}
	return out
}

// SamePartition reports whether two partitions of one set group its items
// alike, whatever the stories' numbers.
func SamePartition(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	ab, ba := map[int]int{}, map[int]int{}
	for i := range a {
		if x, ok := ab[a[i]]; ok && x != b[i] {
			return false
		}
		if y, ok := ba[b[i]]; ok && y != a[i] {
			return false
		}
		ab[a[i]], ba[b[i]] = b[i], a[i]
	}
	return true
}
