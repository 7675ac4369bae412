package digest

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"briefbot"
	"briefbot/internal/synth"
)

type labelledSet struct {
	items []briefbot.Item
	label []string // per item
	half  []int    // per item: 0 tuning, 1 held out, -1 none (seed: by pair)
	name  []string
}

func eventSet(t testing.TB) labelledSet {
	f, err := os.Open(filepath.Join("testdata", "events", "reports.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var ls labelledSet
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for n := 1; sc.Scan(); n++ {
		var r struct {
			ID, Event, Lang, Outlet, URL, Title, Text string
			Published                                 time.Time
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		var html strings.Builder
		for _, p := range strings.Split(r.Text, "\n\n") {
			html.WriteString("<p>" + p + "</p>")
		}
		p := briefbot.Post{ID: int64(n), FeedName: r.Outlet, URL: r.URL, Title: r.Title, Text: r.Text, Language: r.Lang,
			Published: r.Published, FetchedAt: r.Published.Add(3 * time.Minute)}
		for _, it := range Split(p) {
			it.Topics = []string{"world"}
			ls.items = append(ls.items, it)
			ls.label = append(ls.label, r.Event)
			num, _ := strconv.Atoi(r.Event[1:])
			ls.half = append(ls.half, 1-num%2)
			ls.name = append(ls.name, r.ID)
		}
	}
	return ls
}

func synthSet(n int, seed uint64) labelledSet {
	posts, labels := synth.Posts(n, 7*24*time.Hour, seed)
	var ls labelledSet
	for i, p := range posts {
		for _, it := range Split(p) {
			ls.items = append(ls.items, it)
			ls.label = append(ls.label, fmt.Sprint(labels[i]))
			ls.half = append(ls.half, int(seed-1))
			ls.name = append(ls.name, fmt.Sprintf("s%d", i))
		}
	}
	return ls
}

func seedSet(t testing.TB) labelledSet {
	var ls labelledSet
	for _, e := range seedEntries(t) {
		for _, it := range itemsOf(e.post) {
			ls.items = append(ls.items, it)
			ls.label = append(ls.label, e.label)
			ls.half = append(ls.half, -1)
			ls.name = append(ls.name, fmt.Sprintf("L%d", e.first))
		}
	}
	return ls
}

type pairStats struct{ same, joined, diff, merged int }

func (ls labelledSet) pairs(stories []*briefbot.Story) [2]pairStats {
	storyOf := map[[2]int64]int{}
	for si, s := range stories {
		for _, it := range s.Items {
			storyOf[[2]int64{it.PostID, int64(it.Index)}] = si
		}
	}
	st := func(i int) int { return storyOf[[2]int64{ls.items[i].PostID, int64(ls.items[i].Index)}] }
	var out [2]pairStats
	type pr struct{ i, j int }
	var same, diff []pr
	for i := range ls.items {
		for j := i + 1; j < len(ls.items); j++ {
			if ls.label[i] == ls.label[j] {
				same = append(same, pr{i, j})
			} else {
				diff = append(diff, pr{i, j})
			}
		}
	}
	halfOf := func(k, n int, p pr) int {
		if ls.half[p.i] >= 0 {
			if ls.half[p.i] != ls.half[p.j] {
				return -1
			}
			return ls.half[p.i]
		}
		if k < (n+1)/2 {
			return 0
		}
		return 1
	}
	for k, p := range same {
		h := halfOf(k, len(same), p)
		if h < 0 {
			continue
		}
		out[h].same++
		if st(p.i) == st(p.j) {
			out[h].joined++
		}
	}
	for k, p := range diff {
		h := halfOf(k, len(diff), p)
		if h < 0 {
			continue
		}
		out[h].diff++
		if st(p.i) == st(p.j) {
			out[h].merged++
		}
	}
	return out
}

func TestClusterEvalDump(t *testing.T) {
	if os.Getenv("EVAL") == "" {
		t.Skip("EVAL unset")
	}
	for _, set := range []struct {
		name string
		ls   labelledSet
	}{{"seed", seedSet(t)}, {"events", eventSet(t)}, {"synth1", synthSet(2000, 1)}, {"synth2", synthSet(2000, 2)}} {
		ls := set.ls
		res := Cluster(nil, ls.items, ClusterOptions{})
		ps := ls.pairs(res.Stories)
		if strings.HasPrefix(set.name, "synth") {
			evs := map[string]bool{}
			for _, l := range ls.label {
				evs[l] = true
			}
			fmt.Printf("%s: %d stories for %d events\n", set.name, len(res.Stories), len(evs))
		}
		for h := 0; h < 2; h++ {
			fmt.Printf("%s half %d: joined %d/%d merged %d/%d\n", set.name, h, ps[h].joined, ps[h].same, ps[h].merged, ps[h].diff)
		}
		if os.Getenv("EVAL") != "pairs" || set.name == "synth1" && os.Getenv("EVALTSV") == "" {
			continue
		}
		feats := make([]itemFeat, len(ls.items))
		for i, it := range ls.items {
			feats[i] = featuresOf(it)
		}
		type row struct {
			s    float64
			line string
		}
		var missed, wrong []row
		for i := range ls.items {
			for j := i + 1; j < len(ls.items); j++ {
				if ls.half[i] > 0 || ls.half[j] > 0 {
					continue
				}
				ev := evidenceOf(&feats[i], &feats[j], true)
				conf := feats[i].id.conflicts(&feats[j].id)
				s := ev.score()
				line := fmt.Sprintf("%.2f conf=%v %s~%s near=%.2f cos=%.2f/%.2f ents=%.1f/%.1f names=%d figs=%.1f day=%v q=%v act=%v", s, conf, ls.name[i], ls.name[j], ev.near, ev.cos, ev.cosH, ev.ents, ev.headEnts, ev.names, ev.figs, ev.sameDay, ev.quote, ev.actors)
				if ls.label[i] == ls.label[j] {
					if true {
						missed = append(missed, row{s, line})
					}
				} else if !conf && s >= ev.threshold()-1 {
					wrong = append(wrong, row{s, line})
				}
			}
		}
		if out := os.Getenv("EVALTSV"); out != "" {
			fh, _ := os.OpenFile(out, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
			for i := range ls.items {
				for j := i + 1; j < len(ls.items); j++ {
					h := ls.half[i]
					if h < 0 {
						h = 0
					}
					if ls.half[i] != ls.half[j] {
						continue
					}
					if set.name == "synth1" && (intersects(feats[i].keys, feats[j].keys) == false || feats[i].at.Sub(feats[j].at).Abs() > 36*time.Hour) {
						continue
					}
					ev := evidenceOf(&feats[i], &feats[j], true)
					conf := feats[i].id.conflicts(&feats[j].id)
					b := func(x bool) int {
						if x {
							return 1
						}
						return 0
					}
					same := b(ls.label[i] == ls.label[j])
					fmt.Fprintf(fh, "%s\t%d\t%d\t%d\t%d\t%s\t%s\t%.3f\t%.3f\t%.3f\t%.2f\t%.2f\t%d\t%.2f\t%d\t%d\t%d\t%.2f\n",
						set.name, h, same, b(ev.sameLang), b(conf), ls.name[i], ls.name[j], ev.near, ev.cos, ev.cosH, ev.ents, ev.headEnts, ev.names, ev.figs, b(ev.quote), b(ev.sameDay), b(ev.actors), ev.cover)
				}
			}
			fh.Close()
		}
		sort.Slice(missed, func(i, j int) bool { return missed[i].s > missed[j].s })
		sort.Slice(wrong, func(i, j int) bool { return wrong[i].s > wrong[j].s })
		fmt.Println("-- missed same-event pairs")
		for _, r := range missed {
			fmt.Println(r.line)
		}
		fmt.Println("-- different-event pairs near or above the threshold")
		for _, r := range wrong {
			fmt.Println(r.line)
		}
	}
}
