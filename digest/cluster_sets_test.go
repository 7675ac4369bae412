package digest

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"briefbot"
	"briefbot/internal/labelled"
	"briefbot/internal/sharedtest"
	"briefbot/internal/synth"
)

// The labelled sets clustering is measured on (cmd/digestbench prints the
// same figures): the seed entries, the multi-outlet event fixture and
// synthetic posts.

func splitForSets(p briefbot.Post) []briefbot.Item { return itemsOf(p) }

func seedLabelled(t testing.TB) labelled.Set {
	t.Helper()
	seed, err := os.ReadFile(sharedtest.Path(t, "seed/source-post.txt"))
	if err != nil {
		t.Fatal(err)
	}
	tsv, err := os.ReadFile(filepath.Join("testdata", "seed-entries.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	posts, err := labelled.SeedEntries(string(seed), string(tsv))
	if err != nil {
		t.Fatal(err)
	}
	return labelled.Split(posts, splitForSets)
}

func eventsLabelled(t testing.TB) labelled.Set {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "events", "reports.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	posts, err := labelled.Events(string(b))
	if err != nil {
		t.Fatal(err)
	}
	return labelled.Split(posts, splitForSets)
}

func synthLabelled(n int, seed uint64) labelled.Set {
	posts, labels := synth.Posts(n, 7*24*time.Hour, seed)
	lp := make([]labelled.Post, len(posts))
	for i, p := range posts {
		lp[i] = labelled.Post{Post: p, Label: fmt.Sprint(labels[i]), Half: int(seed - 1)}
	}
	return labelled.Split(lp, Split)
}

// subset keeps the items whose label is one of labels.
func subset(s labelled.Set, labels ...string) labelled.Set {
	var out labelled.Set
	for i, it := range s.Items {
		if slices.Contains(labels, s.Labels[i]) {
			out.Items = append(out.Items, it)
			out.Labels = append(out.Labels, s.Labels[i])
			out.Halves = append(out.Halves, s.Halves[i])
		}
	}
	return out
}

// storiesOf clusters a set at once and returns the partition.
func storiesOf(s labelled.Set) []int {
	return s.Partition(Cluster(nil, s.Items, ClusterOptions{}).Stories)
}

func distinctStories(part []int) int {
	m := map[int]bool{}
	for _, p := range part {
		m[p] = true
	}
	return len(m)
}

// TestClusterLabelledSets keeps the measured figures from sliding: the
// floors are the figures at the time of writing, rounded down.
func TestClusterLabelledSets(t *testing.T) {
	seed := seedLabelled(t).Count(storiesOf(seedLabelled(t)))
	events := eventsLabelled(t)
	ev := events.Count(storiesOf(events))
	// The seed: all 23 of its same-event pairs joined, none of the others
	// merged.
	if joined, same := seed[0].Joined+seed[1].Joined, seed[0].Same+seed[1].Same; joined < same || seed[0].Merged+seed[1].Merged > 0 {
		t.Errorf("seed entries: %d/%d joined, %d merged (halves %+v)", joined, same, seed[0].Merged+seed[1].Merged, seed)
	}
	for h, c := range ev {
		if c.Joined*100 < 60*c.Same || c.Merged*1000 > 5*c.Diff {
			t.Errorf("event fixture, half %d: %d/%d joined (want ≥ 60%%), %d/%d merged (want ≤ 0.5%%)", h, c.Joined, c.Same, c.Merged, c.Diff)
		}
	}
	s := synthLabelled(2000, 1)
	part := storiesOf(s)
	c := s.Count(part)[0]
	if over := float64(distinctStories(part))/float64(c.Events) - 1; over > 0.07 || c.Merged > 0 {
		t.Errorf("synthetic: %d stories for %d events (%.1f%% over), %d pairs merged", distinctStories(part), c.Events, 100*over, c.Merged)
	}
}

// TestClusterBulletins: templated items and bulletins that differ in an
// ordinal, a place, a magnitude or a currency are as many events; two
// outlets' bulletins of one quake are one.
func TestClusterBulletins(t *testing.T) {
	events := eventsLabelled(t)
	tests := []struct {
		name   string
		labels []string
		want   int
	}{
		{"templated items 0–2", []string{"e55", "e57", "e59"}, 3},
		{"templated items 3–5", []string{"e56", "e58", "e60"}, 3},
		{"six bulletins of five events", []string{"e61", "e63", "e65", "e67", "e69"}, 5},
		{"six bulletins of five events, held out", []string{"e62", "e64", "e66", "e68", "e70"}, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := subset(events, tt.labels...)
			part := storiesOf(s)
			if got := distinctStories(part); got != tt.want {
				t.Errorf("%d stories, want %d", got, tt.want)
			}
			if c := s.Count(part); c[0].Merged+c[1].Merged > 0 {
				t.Errorf("different events merged: %+v", c)
			}
		})
	}
}

// TestClusterAcrossLanguages: Japanese, English and Russian reports of one
// event join when their names, figures and day agree.
func TestClusterAcrossLanguages(t *testing.T) {
	events := eventsLabelled(t)
	for _, label := range []string{"e13", "e33", "e01"} {
		s := subset(events, label)
		langs := map[string]bool{}
		for _, it := range s.Items {
			langs[it.Language] = true
		}
		if len(langs) < 2 {
			t.Fatalf("%s: one language", label)
		}
		if got := distinctStories(storiesOf(s)); got != 1 {
			t.Errorf("%s (%d languages): %d stories, want 1", label, len(langs), got)
		}
	}
}

// TestClusterTwoCalls: the same two leaders' calls on 8 and 9 July, all
// reports within the window, stay two stories.
func TestClusterTwoCalls(t *testing.T) {
	s := subset(eventsLabelled(t), "e01", "e03")
	part := storiesOf(s)
	for i := range s.Items {
		for j := range s.Items {
			if s.Labels[i] != s.Labels[j] && part[i] == part[j] {
				t.Errorf("%s (%s) and %s (%s) share a story", s.Items[i].URL, s.Labels[i], s.Items[j].URL, s.Labels[j])
			}
		}
	}
}

func clusterFunc(open []*briefbot.Story, items []briefbot.Item) ([]*briefbot.Story, []int64) {
	res := Cluster(open, items, ClusterOptions{})
	var absorbed []int64
	for _, m := range res.Merges {
		absorbed = append(absorbed, m.From)
	}
	return res.Stories, absorbed
}

// TestClusterThreeBatchings: all at once, one feed at a time and one item
// at a time with the stories stored in between give the same stories.
func TestClusterThreeBatchings(t *testing.T) {
	for _, tt := range []struct {
		name string
		set  func(testing.TB) labelled.Set
	}{
		{"seed entries", seedLabelled},
		{"event fixture", eventsLabelled},
		{"synthetic", func(testing.TB) labelled.Set { return synthLabelled(120, 1) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.set(t)
			all := storiesOf(s)
			for name, batches := range map[string][][]int{"one feed at a time": labelled.ByFeed(s.Items), "one item at a time": labelled.OneByOne(s.Items)} {
				got := s.Partition(labelled.Batched(s.Items, batches, briefbot.DefaultWindow, clusterFunc))
				if !labelled.SamePartition(all, got) {
					t.Errorf("%s: other stories than all at once (%d against %d)", name, distinctStories(got), distinctStories(all))
				}
			}
		})
	}
}

// TestClusterMerge: a new report that passes the join test with two open
// stories merges them into the older, which keeps every item.
func TestClusterMerge(t *testing.T) {
	at := time.Date(2025, 7, 8, 16, 0, 0, 0, time.UTC)
	en := item(1, "en", "Trump says 75-minute call with Putin brought no breakthrough on Ukraine",
		"U.S. President Donald Trump said on Tuesday he had spoken with Russian President Vladimir Putin for 75 minutes but saw no breakthrough on Ukraine. The two leaders also discussed Iran, Kremlin aide Yuri Ushakov said.", at)
	ru := item(2, "ru", "Путин заявил Трампу, что Россия готова к третьему раунду переговоров",
		"Президент России Владимир Путин 8 июля в телефонном разговоре с Дональдом Трампом, который продолжался 75 минут, подтвердил готовность к переговорам в Стамбуле, сообщил помощник президента Юрий Ушаков.", at.Add(time.Hour))
	ja := item(3, "ja", "トランプ大統領 プーチン大統領と75分間電話会談",
		"アメリカのトランプ大統領は8日、ロシアのプーチン大統領と75分間、電話で会談しました。ロシア大統領府のウシャコフ補佐官によりますと、両首脳はイスタンブールでの協議やイランの問題について意見を交わしました。", at.Add(2*time.Hour))
	// Stored apart: English and Russian alone need more than they share.
	older := &briefbot.Story{ID: 3, Language: "ru", Items: []briefbot.Item{ru}, FirstPublished: ru.Published, FirstSeen: ru.FetchedAt, LastSeen: ru.FetchedAt}
	newer := &briefbot.Story{ID: 7, Language: "en", Items: []briefbot.Item{en}, FirstPublished: en.Published, FirstSeen: en.FetchedAt, LastSeen: en.FetchedAt}
	res := Cluster([]*briefbot.Story{newer, older}, []briefbot.Item{ja}, ClusterOptions{})
	if len(res.Merges) != 1 || res.Merges[0] != (Merge{Into: 3, From: 7}) {
		t.Fatalf("merges = %+v, want [{3 7}]", res.Merges)
	}
	if len(res.Stories) != 1 || res.Stories[0] != older {
		t.Fatalf("stories = %d, want the older one alone", len(res.Stories))
	}
	var got []int64
	for _, it := range older.Items {
		got = append(got, it.PostID)
	}
	if slices.Sort(got); !slices.Equal(got, []int64{1, 2, 3}) {
		t.Errorf("survivor holds %v, want items 1, 2, 3", got)
	}
	if !older.FirstPublished.Equal(at) || older.Language != "en" {
		t.Errorf("survivor dated %v, language %q; want %v and \"en\", the earliest item's language on a three-way tie", older.FirstPublished, older.Language, at)
	}
}

// FuzzClusterOrder: the same items in any order give the same stories.
func FuzzClusterOrder(f *testing.F) {
	f.Add(uint64(1))
	f.Add(uint64(42))
	s := subset(eventsLabelled(f), "e01", "e03", "e13", "e15", "e55", "e57", "e59", "e61", "e63", "e65")
	want := storyKeys(Cluster(nil, s.Items, ClusterOptions{}).Stories)
	f.Fuzz(func(t *testing.T, seed uint64) {
		items := slices.Clone(s.Items)
		rand.New(rand.NewPCG(seed, 7)).Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
		if got := storyKeys(Cluster(nil, items, ClusterOptions{}).Stories); strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("shuffled with %d: %v, want %v", seed, got, want)
		}
	})
}
