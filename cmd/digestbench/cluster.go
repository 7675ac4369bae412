package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"briefbot"
	"briefbot/digest"
	"briefbot/internal/labelled"
	"briefbot/internal/synth"
)

// window is the pipeline's default: items further apart never join.
const window = 36 * time.Hour

// splitItems splits a post as the pipeline does (the feed's topic, the
// commentary rule).
func splitItems(p briefbot.Post) []briefbot.Item {
	items := digest.Split(p)
	for i := range items {
		items[i].Topics = []string{"world"}
		items[i].Opinion, items[i].OpinionReason = digest.Opinion(items[i])
		items[i].Deliver = !items[i].Opinion
	}
	return items
}

func clusterOnce(open []*briefbot.Story, items []briefbot.Item) ([]*briefbot.Story, []int64) {
	res := digest.Cluster(open, items, digest.ClusterOptions{Window: window})
	var absorbed []int64
	for _, m := range res.Merges {
		absorbed = append(absorbed, m.From)
	}
	return res.Stories, absorbed
}

// labelledSets are the sets clustering is measured on: the seed entries
// (needs ../shared), the event fixture, and synthetic samples.
func labelledSets(shared, testdata string) ([]namedSet, error) {
	var sets []namedSet
	seed, err := os.ReadFile(filepath.Join(shared, "seed", "source-post.txt"))
	if err != nil {
		return nil, fmt.Errorf("read seed: %w", err)
	}
	tsv, err := os.ReadFile(filepath.Join(testdata, "seed-entries.tsv"))
	if err != nil {
		return nil, fmt.Errorf("read seed entries: %w", err)
	}
	entries, err := labelled.SeedEntries(string(seed), string(tsv))
	if err != nil {
		return nil, err
	}
	sets = append(sets, namedSet{"seed entries", labelled.Split(entries, splitItems)})
	jsonl, err := os.ReadFile(filepath.Join(testdata, "events", "reports.jsonl"))
	if err != nil {
		return nil, fmt.Errorf("read event fixture: %w", err)
	}
	events, err := labelled.Events(string(jsonl))
	if err != nil {
		return nil, err
	}
	sets = append(sets, namedSet{"event fixture", labelled.Split(events, splitItems)})
	return sets, nil
}

type namedSet struct {
	name string
	set  labelled.Set
}

// synthSet is n synthetic posts made with seed, labelled by event, all in
// the half seed-1 (seed 1 tunes, seed 2 is held out).
func synthSet(n int, seed uint64) labelled.Set {
	posts, labels := synth.Posts(n, 7*24*time.Hour, seed)
	lp := make([]labelled.Post, len(posts))
	for i, p := range posts {
		lp[i] = labelled.Post{Post: p, Label: fmt.Sprint(labels[i]), Half: int(seed - 1)}
	}
	return labelled.Split(lp, digest.Split)
}

// threeBatchings reports whether the set clustered all at once, one feed
// at a time and one item at a time (stories stored between) gives one
// partition.
func threeBatchings(s labelled.Set) bool {
	all := s.Partition(digest.Cluster(nil, s.Items, digest.ClusterOptions{Window: window}).Stories)
	byFeed := s.Partition(labelled.Batched(s.Items, labelled.ByFeed(s.Items), window, clusterOnce))
	oneByOne := s.Partition(labelled.Batched(s.Items, labelled.OneByOne(s.Items), window, clusterOnce))
	return labelled.SamePartition(all, byFeed) && labelled.SamePartition(all, oneByOne)
}

// clusterQuality prints, per labelled set and half, the pairs joined and
// merged, stories per event and the three-batching check.
func clusterQuality(shared, testdata string, synthN int) error {
	sets, err := labelledSets(shared, testdata)
	if err != nil {
		return err
	}
	fmt.Println("Clustering: pairs of one event joined, pairs of two events merged; tuned on the first half")
	fmt.Printf("%-22s %-9s %-16s %-18s %-17s %s\n", "set", "half", "joined", "merged", "stories/event", "3 batchings identical")
	for _, ns := range sets {
		part := ns.set.Partition(digest.Cluster(nil, ns.set.Items, digest.ClusterOptions{Window: window}).Stories)
		same := yesNo(threeBatchings(ns.set))
		for h, c := range ns.set.Count(part) {
			fmt.Printf("%-22s %-9s %-16s %-18s %-17s %s\n", ns.name, halfName(h), ratio(c.Joined, c.Same), ratio(c.Merged, c.Diff),
				fmt.Sprintf("%.2f (%d/%d)", float64(c.Stories)/float64(max(c.Events, 1)), c.Stories, c.Events), same)
		}
	}
	for _, seed := range []uint64{1, 2} {
		s := synthSet(synthN, seed)
		stories := digest.Cluster(nil, s.Items, digest.ClusterOptions{Window: window}).Stories
		c := s.Count(s.Partition(stories))[seed-1]
		sample := synthSet(400, seed)
		fmt.Printf("%-22s %-9s %-16s %-18s %-17s %s (on %d posts)\n", fmt.Sprintf("synthetic %d, seed %d", synthN, seed), halfName(int(seed-1)),
			ratio(c.Joined, c.Same), ratio(c.Merged, c.Diff),
			fmt.Sprintf("%.3f (%d/%d)", float64(c.Stories)/float64(c.Events), c.Stories, c.Events), yesNo(threeBatchings(sample)), 400)
		fmt.Printf("%-22s over-split %.1f%% (stories for events − 1), purity %.3f\n", "", 100*(float64(len(stories))/float64(c.Events)-1), purityOf(s, stories))
	}
	fmt.Println("targets: seed ≥ 18 of 19 together, none of 110 apart merged; events held-out ≥ 60% joined, ≤ 0.5% merged;")
	fmt.Println("synthetic ≤ 5% over-split at purity ≥ 0.99. The seed's halves are its pairs in line order.")
	fmt.Println()
	return nil
}

// purityOf is the share of items whose story's majority event is their own.
func purityOf(s labelled.Set, stories []*briefbot.Story) float64 {
	part := s.Partition(stories)
	count := map[[2]string]int{}
	best := map[int]int{}
	for i, si := range part {
		k := [2]string{fmt.Sprint(si), s.Labels[i]}
		count[k]++
		best[si] = max(best[si], count[k])
	}
	good := 0
	for _, n := range best {
		good += n
	}
	return float64(good) / float64(max(len(part), 1))
}

func halfName(h int) string {
	if h == 0 {
		return "tuning"
	}
	return "held out"
}

func ratio(a, b int) string {
	return fmt.Sprintf("%d/%d (%.1f%%)", a, b, 100*float64(a)/float64(max(b, 1)))
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
