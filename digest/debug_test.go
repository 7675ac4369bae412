package digest

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"briefbot"
)

func TestDebugSplit(t *testing.T) {
	if os.Getenv("DEBUG") == "" {
		t.Skip()
	}
	b, _ := os.ReadFile("/work/shared/seed/source-post.txt")
	items := Split(briefbot.Post{URL: "https://d1021.hatenadiary.jp/entry/2025/06/05/000000", Text: string(b), Language: "auto"})
	for _, it := range items {
		first := strings.SplitN(it.Text, "\n", 2)[0]
		if utf8.RuneCountInString(first) > 50 {
			first = string([]rune(first)[:50])
		}
		fmt.Printf("%2d %-8s %-14s T=%q | %s\n", it.Index, it.Language, it.Outlet, it.Title, first)
	}
}

func TestDebugCluster(t *testing.T) {
	if os.Getenv("DEBUG") == "" {
		t.Skip()
	}
	b, _ := os.ReadFile("/work/shared/seed/source-post.txt")
	items := Split(briefbot.Post{URL: "https://d1021.hatenadiary.jp/entry/2025/06/05/000000", Text: string(b), Language: "auto"})
	st := Cluster(nil, items, ClusterOptions{})
	for i, s := range st {
		var ids []string
		for _, it := range s.Items {
			first := []rune(strings.SplitN(it.Title+"|"+it.Text, "\n", 2)[0])
			if len(first) > 40 {
				first = first[:40]
			}
			ids = append(ids, fmt.Sprintf("%d:%s", it.Index, string(first)))
		}
		fmt.Printf("story %d:\n  %s\n", i, strings.Join(ids, "\n  "))
	}
}

func TestDebugRender(t *testing.T) {
	if os.Getenv("DEBUG") == "" {
		t.Skip()
	}
	b, _ := os.ReadFile("/work/shared/seed/source-post.txt")
	items := Split(briefbot.Post{URL: "https://d1021.hatenadiary.jp/entry/2025/06/05/000000", Text: string(b), Language: "auto"})
	for i := range items {
		items[i].Topics = []string{"world"}
	}
	st := Cluster(nil, items, ClusterOptions{})
	for _, s := range st {
		br := Render(s, RenderOptions{Hashtags: map[string]string{"world": "ロシア"}})
		fmt.Println(br.HTML)
		fmt.Println("-----", VisibleLen(br.HTML))
	}
}

func TestDebugPairs(t *testing.T) {
	if os.Getenv("DEBUG") == "" {
		t.Skip()
	}
	es := seedEntries(t)
	var posts []briefbot.Post
	for _, e := range es {
		posts = append(posts, e.post)
	}
	items := itemsOf(posts...)
	df := map[string]int{}
	var ts [][]string
	for _, it := range items {
		x := terms(leadOf(it), "ja")
		ts = append(ts, x)
		seen := map[string]bool{}
		for _, w := range x {
			if !seen[w] {
				seen[w] = true
				df[w]++
			}
		}
	}
	n := float64(len(items))
	vecs := make([]vec, len(items))
	for i, x := range ts {
		v := vec{}
		for _, w := range x {
			v[w]++
		}
		s := 0.0
		for w, tf := range v {
			v[w] = (1 + math.Log(tf)) * (math.Log((n+1)/float64(df[w]+1)) + 1)
			s += v[w] * v[w]
		}
		for w := range v {
			v[w] /= math.Sqrt(s)
		}
		vecs[i] = v
	}
	label := func(it briefbot.Item) string { return es[it.PostID-1].label }
	for i := range items {
		for j := i + 1; j < len(items); j++ {
			c := vecs[i].dot(vecs[j])
			ni, nj := names(leadOf(items[i]), "ja"), names(leadOf(items[j]), "ja")
			sh := 0
			for k := range ni {
				if nj[k] {
					sh++
				}
			}
			same := label(items[i]) == label(items[j])
			if same || c > 0.15 {
				fmt.Printf("%v %.2f names=%d/%d/%d %s(%d) %s(%d)\n", same, c, sh, len(ni), len(nj), label(items[i]), items[i].PostID, label(items[j]), items[j].PostID)
			}
		}
	}
}

func TestDebugLabels(t *testing.T) {
	if os.Getenv("DEBUG") == "" {
		t.Skip()
	}
	es := seedEntries(t)
	var posts []briefbot.Post
	for _, e := range es {
		posts = append(posts, e.post)
	}
	st := Cluster(nil, itemsOf(posts...), ClusterOptions{})
	for _, s := range st {
		var ls []string
		for _, it := range s.Items {
			ls = append(ls, fmt.Sprintf("%s(%d)", es[it.PostID-1].label, it.PostID))
		}
		fmt.Println(strings.Join(ls, " "))
	}
}
