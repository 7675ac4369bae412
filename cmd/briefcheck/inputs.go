package main

import (
	"bufio"
	"bytes"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"briefbot"
	"briefbot/config"
	"briefbot/feed"
	"briefbot/internal/labelled"
	"briefbot/internal/tgtext"
	"briefbot/internal/urlid"
	"briefbot/scheduler"
)

// run is one call of the system under test: the briefs scheduler.Preview
// made from some posts, and the reports those posts hold.
type run struct {
	briefs []scheduler.PreviewBrief
	units  []*unit
}

// input is one set of posts the checker reads briefs of.
type input struct {
	name string
	runs []run
	// ownNames are the names and hosts of the feeds and aggregators
	// themselves: never a source's name.
	ownNames []string
	// forbidden are strings no headline of this input may hold.
	forbidden []string
	events    map[string]labelled.ExpectEvent
	repeats   []labelled.ExpectRepeat
	flagRows  []flagRow // the flags input: one run per row
	// off lists the columns that do not apply (no labels, no outlets).
	off map[column]bool
}

// paths locates the inputs: the repository and the shared folder.
type paths struct {
	repo, shared string
}

func (p paths) brief(rel ...string) string {
	return filepath.Join(append([]string{p.repo, "digest", "testdata", "brief"}, rel...)...)
}

var world = []briefbot.Topic{{Name: "world", Title: "国際", Hashtag: "国際"}}

// preview runs the system under test as `briefbot preview` does.
func preview(posts []briefbot.Post, f briefbot.Feed, topics []briefbot.Topic, loc *time.Location) []scheduler.PreviewBrief {
	if len(f.Topics) == 0 {
		f.Topics = []string{topics[0].Name}
	}
	return previewAll(posts, f, scheduler.PipelineOptions{Topics: topics, Location: loc})
}

// previewAll is `briefbot preview` as the chats see it: every story in its
// own language, and again in each other language it has reports in (a
// story told in Japanese and English reaches a Japanese chat and an English
// one, each brief from the reports in its language: both are judged, and a
// report is in no brief only when no chat gets it). The push cap of one
// fetch (fetch.max_new_stories) is lifted: an input is a set of reports,
// not one fetch, and the flood guard holding a story back says nothing of
// its brief.
func previewAll(posts []briefbot.Post, f briefbot.Feed, opts scheduler.PipelineOptions) []scheduler.PreviewBrief {
	opts.MaxNewStories = noPushCap
	base := scheduler.Preview(posts, f, opts, "")
	out := append([]scheduler.PreviewBrief(nil), base...)
	for _, lang := range []string{briefbot.LangJA, briefbot.LangEN, briefbot.LangRU} {
		for k, b := range scheduler.Preview(posts, f, opts, lang) {
			if k < len(base) && b.Language == lang && base[k].Language != lang {
				out = append(out, b)
			}
		}
	}
	return out
}

// noPushCap is a push cap no input reaches.
const noPushCap = 1 << 20

// parseFile parses a feed file as the fetcher would, dating it at now.
func parseFile(path, lang string, now time.Time) ([]briefbot.Post, string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, "", fmt.Errorf("read feed: %w", err)
	}
	res, err := feed.Parse(bytes.NewReader(b), "", now, lang)
	if err != nil {
		return nil, "", fmt.Errorf("parse %s: %w", path, err)
	}
	return res.Posts, res.Title, nil
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Hostname()
}

// sampleInput is the bundled sample as `briefbot preview -config
// config.example.yaml examples/sample-feed.xml` briefs it. The sample
// holds reports only: every block is labelled news.
func sampleInput(p paths) (*input, error) {
	cfg, err := config.Load(filepath.Join(p.repo, "config.example.yaml"), config.Options{CheckSchedule: scheduler.ValidateSchedule})
	if err != nil {
		return nil, fmt.Errorf("load example config: %w", err)
	}
	var f briefbot.Feed
	for _, cf := range cfg.Feeds {
		if cf.Name == "sample" {
			f = cfg.DomainFeed(cf)
		}
	}
	if f.Name == "" {
		return nil, fmt.Errorf("config.example.yaml has no feed named sample")
	}
	posts, title, err := parseFile(filepath.Join(p.repo, "examples", "sample-feed.xml"), f.Language, time.Date(2026, 11, 21, 0, 0, 0, 0, time.UTC))
	if err != nil {
		return nil, err
	}
	in := &input{name: "sample", ownNames: []string{title, f.Name, "briefbot"}}
	var r run
	for i := range posts {
		posts[i].ID = int64(i + 1)
		in.ownNames = append(in.ownNames, hostOf(posts[i].URL))
		r.units = append(r.units, unitsOfPost(posts[i], "", "news")...)
	}
	loc := cfg.Location
	if loc == nil {
		// as `briefbot preview` does: the #tag's date in the configured zone, else UTC
		loc, _ = time.LoadLocation(cfg.Timezone)
	}
	r.briefs = previewAll(posts, f, scheduler.PipelineOptions{Topics: cfg.DomainTopics(), Location: loc, Window: cfg.Digest.Window.D()})
	in.runs = []run{r}
	return in, nil
}

// fixturePosts parses the fixture feeds: posts numbered across them,
// each fixture's reports with their labels attached by link.
func fixturePosts(p paths, e *labelled.Expect) (posts []briefbot.Post, units [][]*unit, own []string, err error) {
	now := time.Date(2026, 3, 14, 3, 0, 0, 0, time.UTC)
	for _, fx := range e.Fixtures {
		ps, title, err := parseFile(p.brief(fx.File), fx.Lang, now)
		if err != nil {
			return nil, nil, nil, err
		}
		own = append(own, title, fx.FeedTitle, fx.Author)
		byURL := map[string]*labelled.ExpectItem{}
		for i := range fx.Items {
			byURL[urlid.Key(fx.Items[i].URL)] = &fx.Items[i]
		}
		for _, post := range ps {
			post.ID = int64(len(posts) + 1)
			posts = append(posts, post)
			if fx.Kind == "hatena-aggregator" {
				own = append(own, hostOf(post.URL))
			}
			var us []*unit
			for _, u := range unitsOfPost(post, fx.Lang, "") {
				if it := byURL[u.url]; it != nil {
					u.exp, u.lang, u.status = it, it.Lang, it.TitleStatus
					if it.Title != "" {
						u.title = it.Title
					}
					u.label = "news"
					if it.Opinion {
						u.label = "opinion"
					}
				}
				us = append(us, u)
			}
			units = append(units, us)
		}
	}
	return posts, units, own, nil
}

// fixturesInput is the fixture feeds read together, as the daemon
// reads them within one window: reports of one event must join.
func fixturesInput(p paths) (*input, error) {
	e, err := labelled.ReadExpect(p.brief("expect.json"))
	if err != nil {
		return nil, err
	}
	posts, units, own, err := fixturePosts(p, e)
	if err != nil {
		return nil, err
	}
	in := &input{name: "fixtures", ownNames: append(own, "fixtures"), events: e.Events, repeats: e.Repeats}
	for _, fx := range e.Fixtures {
		in.forbidden = append(in.forbidden, fx.HeadlineForbidden...)
	}
	var r run
	for _, us := range units {
		r.units = append(r.units, us...)
	}
	r.briefs = preview(posts, briefbot.Feed{Name: "fixtures", Language: briefbot.LangAuto}, world, time.UTC)
	in.runs = []run{r}
	return in, nil
}

// itemsInput feeds every labelled item through Preview on its own: the
// team's opinion/news items, and each post of the fixture feeds (an
// aggregator entry with all its blocks). Items carry no outlet, so the
// source columns do not apply.
func itemsInput(p paths) (*input, error) {
	items, err := loadOpinionItems(p.brief("opinion", "items.jsonl"))
	if err != nil {
		return nil, err
	}
	at := time.Date(2026, 3, 13, 12, 0, 0, 0, time.UTC)
	in := &input{name: "items", ownNames: []string{"items"}, off: map[column]bool{colSrcHost: true, colSrcFeed: true, colSrcWrong: true, colFlags: true}}
	for i, it := range items {
		post := textPost(int64(i+1), "https://opinion.example/"+it.ID, it.Title, it.Text, it.Lang, at)
		in.runs = append(in.runs, run{
			units:  []*unit{newUnit(it.ID, post.URL, it.Lang, it.Title, post.Text, it.Label)},
			briefs: preview([]briefbot.Post{post}, briefbot.Feed{Name: "items", Language: it.Lang}, world, time.UTC),
		})
	}
	e, err := labelled.ReadExpect(p.brief("expect.json"))
	if err != nil {
		return nil, err
	}
	posts, units, _, err := fixturePosts(p, e)
	if err != nil {
		return nil, err
	}
	for i, post := range posts {
		in.runs = append(in.runs, run{
			units:  units[i],
			briefs: preview([]briefbot.Post{post}, briefbot.Feed{Name: "items", Language: post.Language}, world, time.UTC),
		})
	}
	return in, nil
}

// textPost is a post made of a title and paragraphs (one per line of text),
// as a feed entry with <p> paragraphs arrives.
func textPost(id int64, link, title, text, lang string, at time.Time) briefbot.Post {
	var paras []string
	var sb strings.Builder
	for l := range strings.SplitSeq(text, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			paras = append(paras, l)
			sb.WriteString("<p>" + tgtext.Escape(l) + "</p>\n")
		}
	}
	return briefbot.Post{ID: id, FeedName: "checker", Key: link, URL: link, Title: title,
		Text: strings.Join(paras, "\n\n"), HTML: sb.String(), Language: lang, Published: at, FetchedAt: at.Add(time.Minute)}
}

// flagsInput renders each row of flags.tsv as a one-item story whose
// title is the headline and whose text is the lead; the flags are what
// precedes the lead in the brief.
func flagsInput(p paths) (*input, error) {
	rows, err := loadFlagRows(p.brief("flags.tsv"))
	if err != nil {
		return nil, err
	}
	at := time.Date(2026, 3, 13, 12, 0, 0, 0, time.UTC)
	in := &input{name: "flags", flagRows: rows, off: map[column]bool{}}
	for c := range numColumns {
		in.off[c] = c != colFlags
	}
	for i, row := range rows {
		post := textPost(int64(i+1), "https://flags.example/"+strconv.Itoa(i+1), row.headline, row.lead, row.lang, at)
		in.runs = append(in.runs, run{briefs: preview([]briefbot.Post{post}, briefbot.Feed{Name: "flags", Language: row.lang}, world, time.UTC)})
	}
	return in, nil
}

// seedTime is the seed's day: 2025-06-05 00:00 in Tokyo.
var seedTime = time.Date(2025, 6, 4, 15, 0, 0, 0, time.UTC)

// seedEntry is one entry cut from the seed: its lines, link and label.
type seedEntry struct {
	first, last int
	label, url  string
	title       string
	opinion     bool
}

// seedEntries reads the seed's lines, the team's cut of the seed
// (digest/testdata) and the checker's own list of the seed's opinion posts
// (testdata/seed-opinion.tsv), in line order.
func seedEntries(p paths) (lines []string, out []seedEntry, err error) {
	if lines, err = seedLines(p); err != nil {
		return nil, nil, err
	}
	for _, f := range []struct {
		path    string
		opinion bool
	}{{filepath.Join(p.repo, "digest", "testdata", "seed-entries.tsv"), false},
		{filepath.Join(p.repo, "cmd", "briefcheck", "testdata", "seed-opinion.tsv"), true}} {
		es, err := readSeedTSV(f.path, len(lines))
		if err != nil {
			return nil, nil, err
		}
		for i := range es {
			es[i].opinion = f.opinion
		}
		out = append(out, es...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].first < out[j].first })
	return lines, out, nil
}

// readSeedTSV reads rows of first-last, label, URL, title ("-" for none).
func readSeedTSV(path string, n int) ([]seedEntry, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open seed entries: %w", err)
	}
	defer f.Close()
	var out []seedEntry
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		row := sc.Text()
		if row == "" || strings.HasPrefix(row, "#") {
			continue
		}
		c := strings.Split(row, "\t")
		if len(c) != 4 {
			return nil, fmt.Errorf("%s: bad row %q", path, row)
		}
		a, b, _ := strings.Cut(c[0], "-")
		first, err1 := strconv.Atoi(a)
		last, err2 := strconv.Atoi(b)
		if err1 != nil || err2 != nil || first < 1 || last > n || first > last {
			return nil, fmt.Errorf("%s: bad range %q", path, c[0])
		}
		title := c[3]
		if title == "-" {
			title = ""
		}
		out = append(out, seedEntry{first: first, last: last, label: c[1], url: c[2], title: title})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read seed entries: %w", err)
	}
	return out, nil
}

func seedLines(p paths) ([]string, error) {
	b, err := os.ReadFile(filepath.Join(p.shared, "seed", "source-post.txt"))
	if err != nil {
		return nil, fmt.Errorf("read seed: %w", err)
	}
	return strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n"), nil
}

func (e seedEntry) unit(lines []string, withURL bool) *unit {
	label := "news"
	if e.opinion {
		label = "opinion"
	}
	link := ""
	if withURL {
		link = e.url
	}
	return newUnit(fmt.Sprintf("seed %d-%d %s", e.first, e.last, e.label), link, "ja", e.title,
		strings.Join(lines[e.first-1:e.last], "\n"), label)
}

// seedEntriesInput is the seed as one post per entry, as the digest's seed
// tests build it, plus the seed's opinion posts as entries of their own.
func seedEntriesInput(p paths) (*input, error) {
	lines, entries, err := seedEntries(p)
	if err != nil {
		return nil, err
	}
	in := &input{name: "seed-entries", ownNames: []string{"seed", "d1021", "d1021.hatenadiary.jp"}}
	var r run
	var posts []briefbot.Post
	for i, e := range entries {
		at := seedTime.Add(time.Duration(i) * 7 * time.Minute)
		text := strings.Join(lines[e.first-1:e.last], "\n")
		posts = append(posts, briefbot.Post{ID: int64(i + 1), FeedName: hostOf(e.url), Key: e.url, URL: e.url,
			Title: e.title, Text: text, Language: "ja", Published: at, FetchedAt: at.Add(2 * time.Minute)})
		r.units = append(r.units, e.unit(lines, true))
	}
	r.briefs = preview(posts, briefbot.Feed{Name: "seed", Language: "ja"}, seedTopics, tokyo())
	in.runs = []run{r}
	return in, nil
}

var seedTopics = []briefbot.Topic{{Name: "world", Title: "ロシア", Hashtag: "ロシア"}}

func tokyo() *time.Location { return time.FixedZone("JST", 9*3600) }

// seedPostInput is the seed as the one Hatena entry it is (text as given,
// HTML as <p> paragraphs). Its entries have no links in it: briefs are
// traced to them by their lines' text.
func seedPostInput(p paths) (*input, error) {
	lines, entries, err := seedEntries(p)
	if err != nil {
		return nil, err
	}
	text := strings.Join(lines, "\n")
	var sb strings.Builder
	for para := range strings.SplitSeq(text, "\n\n") {
		if para = strings.TrimSpace(para); para != "" {
			sb.WriteString("<p>" + strings.ReplaceAll(tgtext.Escape(para), "\n", "<br>") + "</p>\n")
		}
	}
	post := briefbot.Post{ID: 1, FeedName: "d1021", Key: "seed", URL: "https://d1021.hatenadiary.jp/entry/2025/06/05/000000",
		Title: "ロシア", Text: text, HTML: sb.String(), Language: "auto", Published: seedTime, FetchedAt: seedTime.Add(5 * time.Minute)}
	in := &input{name: "seed-post", ownNames: []string{"d1021", "d1021.hatenadiary.jp", "d1021.hatenadiary.com", "d1021.hatenablog.com", "ロシア"}}
	var r run
	for _, e := range entries {
		r.units = append(r.units, e.unit(lines, false))
	}
	r.briefs = preview([]briefbot.Post{post}, briefbot.Feed{Name: "d1021", Language: briefbot.LangAuto}, seedTopics, tokyo())
	in.runs = []run{r}
	return in, nil
}

// bbcInput is BBC-100 as English feed entries: the title, then a paragraph
// per sentence line, under a link of the BBC's shape.
func bbcInput(p paths) (*input, error) {
	dir := filepath.Join(p.shared, "data", "bbc-summary-100", "article")
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil || len(files) == 0 {
		return nil, fmt.Errorf("no BBC articles under %s", dir)
	}
	sort.Strings(files)
	at := time.Date(2026, 3, 13, 0, 0, 0, 0, time.UTC)
	in := &input{name: "bbc-100", ownNames: []string{"bbc-100"}}
	var r run
	var posts []briefbot.Post
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("read BBC article: %w", err)
		}
		title, body, _ := strings.Cut(strings.ReplaceAll(string(b), "\r", ""), "\n")
		rel, _ := filepath.Rel(dir, f)
		link := "https://www.bbc.co.uk/news/" + strings.TrimSuffix(strings.ReplaceAll(rel, string(filepath.Separator), "-"), ".txt")
		post := textPost(int64(i+1), link, strings.TrimSpace(title), body, "en", at.Add(time.Duration(i)*time.Minute))
		posts = append(posts, post)
		r.units = append(r.units, newUnit(rel, link, "en", post.Title, body, "news"))
	}
	r.briefs = preview(posts, briefbot.Feed{Name: "bbc-100", Language: "en"}, world, time.UTC)
	in.runs = []run{r}
	return in, nil
}
