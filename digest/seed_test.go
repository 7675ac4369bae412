package digest

import (
	"bufio"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"briefbot"
	"briefbot/internal/sharedtest"
	"briefbot/internal/tgtext"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

var (
	jst       = time.FixedZone("JST", 9*3600)
	seedTime  = time.Date(2025, 6, 4, 15, 0, 0, 0, time.UTC) // 2025-06-05 00:00 JST
	renderOpt = RenderOptions{Location: jst, Hashtags: map[string]string{"world": "ロシア"}}
)

func seedLines(t testing.TB) []string {
	t.Helper()
	b, err := os.ReadFile(sharedtest.Path(t, "seed/source-post.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
}

// seedAggregated is the seed as the one Hatena entry it is: text as given,
// HTML as <p> paragraphs.
func seedAggregated(t testing.TB) briefbot.Post {
	lines := seedLines(t)
	text := strings.Join(lines, "\n")
	var sb strings.Builder
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			sb.WriteString("<p>" + strings.ReplaceAll(tgtext.Escape(p), "\n", "<br>") + "</p>\n")
		}
	}
	return briefbot.Post{
		ID: 1, FeedName: "d1021", Key: "seed", URL: "https://d1021.hatenadiary.jp/entry/2025/06/05/000000",
		Title: "ロシア", Text: text, HTML: sb.String(), Language: "auto",
		Published: seedTime, FetchedAt: seedTime.Add(5 * time.Minute),
	}
}

// seedEntry is one hand-labelled entry of testdata/seed-entries.tsv.
type seedEntry struct {
	first, last int
	label       string
	post        briefbot.Post
}

func seedEntries(t testing.TB) []seedEntry {
	t.Helper()
	lines := seedLines(t)
	f, err := os.Open(filepath.Join("testdata", "seed-entries.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []seedEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		row := sc.Text()
		if row == "" || strings.HasPrefix(row, "#") {
			continue
		}
		cols := strings.Split(row, "\t")
		if len(cols) != 4 {
			t.Fatalf("bad row %q", row)
		}
		a, b, _ := strings.Cut(cols[0], "-")
		first, err1 := strconv.Atoi(a)
		last, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || first < 1 || last > len(lines) || first > last {
			t.Fatalf("bad range %q", cols[0])
		}
		title := cols[3]
		if title == "-" {
			title = ""
		}
		u, _ := url.Parse(cols[2])
		n := len(out)
		at := seedTime.Add(time.Duration(n) * 7 * time.Minute)
		out = append(out, seedEntry{first, last, cols[1], briefbot.Post{
			ID: int64(n + 1), FeedName: u.Hostname(), Key: cols[2], URL: cols[2], Title: title,
			Text: strings.Join(lines[first-1:last], "\n"), Language: "ja",
			Published: at, FetchedAt: at.Add(2 * time.Minute),
		}})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func itemsOf(posts ...briefbot.Post) []briefbot.Item {
	var items []briefbot.Item
	for _, p := range posts {
		for _, it := range Split(p) {
			it.Topics = []string{"world"}
			it.Opinion, it.OpinionReason = Opinion(it) // as the scheduler sets them
			it.Deliver = !it.Opinion
			items = append(items, it)
		}
	}
	return items
}

// renderAll renders stories into one golden document, each brief preceded
// by a comment naming the items it was made from.
func renderAll(stories []*briefbot.Story) (string, []briefbot.Brief) {
	return renderAllWith(stories, renderOpt)
}

func renderAllWith(stories []*briefbot.Story, opt RenderOptions) (string, []briefbot.Brief) {
	var sb strings.Builder
	var briefs []briefbot.Brief
	for i, s := range stories {
		var from []string
		for _, it := range s.Items {
			from = append(from, fmt.Sprintf("%d.%d %s", it.PostID, it.Index, it.Outlet))
		}
		b := Render(s, opt)
		briefs = append(briefs, b)
		note := ""
		if !s.Deliverable() {
			note = " (commentary: stored and searchable, never pushed)"
		}
		fmt.Fprintf(&sb, "<!-- story %d: %s%s -->\n%s\n\n", i+1, strings.Join(from, ", "), note, b.HTML)
	}
	return sb.String(), briefs
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create)", err)
	}
	// Briefs are compared as Telegram shows them: how an entity is spelled
	// (&#39; or ', &quot; or ") is the escaping policy's business.
	if w, g := tgtext.Unescape(string(want)), tgtext.Unescape(got); w != g {
		t.Errorf("%s differs from the golden file; run with -update after reading the diff:\n%s", name, firstDiff(w, g))
	} else if string(want) != got {
		t.Logf("%s differs from the golden file in the spelling of entities only", name)
	}
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := 0; i < len(al) || i < len(bl); i++ {
		var x, y string
		if i < len(al) {
			x = al[i]
		}
		if i < len(bl) {
			y = bl[i]
		}
		if x != y {
			return fmt.Sprintf("line %d:\nwant %q\n got %q", i+1, x, y)
		}
	}
	return ""
}

func TestGoldenSeedAggregated(t *testing.T) {
	stories := Cluster(nil, itemsOf(seedAggregated(t)), ClusterOptions{}).Stories
	doc, briefs := renderAll(stories)
	for _, b := range briefs {
		checkStyle(t, b, 0)
	}
	checkGolden(t, "seed-aggregated.html", doc)
}

func TestGoldenSeedEntries(t *testing.T) {
	var posts []briefbot.Post
	for _, e := range seedEntries(t) {
		posts = append(posts, e.post)
	}
	stories := Cluster(nil, itemsOf(posts...), ClusterOptions{}).Stories
	doc, briefs := renderAll(stories)
	for _, b := range briefs {
		checkStyle(t, b, 0)
	}
	checkGolden(t, "seed-entries.html", doc)
}
