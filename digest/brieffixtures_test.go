package digest_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"briefbot/internal/labelled"
)

// The hand-labelled brief fixtures in testdata/brief were written before the
// renderer was tuned on them. These tests only check that each file parses and
// holds the counts its README promises; what a brief must do with them is for
// the tests that render.

const briefDir = "testdata/brief"

var briefLangs = []string{"ja", "en", "ru"}

// readTSV returns the rows of a tab-separated file after checking its header
// and that every row has one field per column.
func readTSV(t *testing.T, name string, header ...string) [][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(briefDir, name))
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if got := strings.Split(lines[0], "\t"); !slices.Equal(got, header) {
		t.Fatalf("%s: header %q, want %q", name, got, header)
	}
	var rows [][]string
	for i, line := range lines[1:] {
		f := strings.Split(line, "\t")
		if len(f) != len(header) {
			t.Fatalf("%s:%d: %d fields, want %d", name, i+2, len(f), len(header))
		}
		for j, v := range f {
			if strings.TrimSpace(v) != v || (v == "" && header[j] != "note") {
				t.Fatalf("%s:%d: field %s is empty or padded: %q", name, i+2, header[j], v)
			}
		}
		if !slices.Contains(briefLangs, f[0]) {
			t.Fatalf("%s:%d: lang %q", name, i+2, f[0])
		}
		rows = append(rows, f)
	}
	return rows
}

func TestBriefParaphraseFixture(t *testing.T) {
	rows := readTSV(t, "paraphrase.tsv", "lang", "label", "a", "b", "note")
	count := map[string]int{}
	pairs := map[string]bool{}
	for i, r := range rows {
		lang, label, a, b := r[0], r[1], r[2], r[3]
		if label != "same" && label != "different" {
			t.Errorf("row %d: label %q", i+2, label)
		}
		if a == b || pairs[a+"\t"+b] {
			t.Errorf("row %d: a pair of identical or repeated sentences", i+2)
		}
		pairs[a+"\t"+b] = true
		count[label]++
		count[lang+" "+label]++
	}
	for _, label := range []string{"same", "different"} {
		if count[label] < 45 {
			t.Errorf("%d %s pairs, want ≥ 45", count[label], label)
		}
		for _, lang := range briefLangs {
			if n := count[lang+" "+label]; n < 15 {
				t.Errorf("%d %s %s pairs, want ≥ 15 (about a third)", n, lang, label)
			}
		}
	}
	required := [][2]string{
		{"侵攻目的を放棄することはない", "紛争の根本原因を除去する目標は取り下げない"},
		{"не стали говорить о приостановке поставок", "не говорили о прекращении поставок оружия"},
	}
	for _, want := range required {
		if !slices.ContainsFunc(rows, func(r []string) bool {
			return r[1] == "same" && strings.Contains(r[2], want[0]) && strings.Contains(r[3], want[1])
		}) {
			t.Errorf("no same pair for %q / %q", want[0], want[1])
		}
	}
}

// opinionItem is one line of opinion/items.jsonl.
type opinionItem struct {
	ID    string `json:"id"`
	Lang  string `json:"lang"`
	Label string `json:"label"`
	Title string `json:"title"`
	Text  string `json:"text"`
	Note  string `json:"note"`
}

func TestBriefOpinionFixture(t *testing.T) {
	f, err := os.Open(filepath.Join(briefDir, "opinion", "items.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	ids := map[string]bool{}
	count := map[string]int{}
	for n := 1; sc.Scan(); n++ {
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		var it opinionItem
		if err := dec.Decode(&it); err != nil {
			t.Fatalf("line %d: %v", n, err)
		}
		switch {
		case it.ID == "" || ids[it.ID]:
			t.Errorf("line %d: id %q empty or repeated", n, it.ID)
		case !slices.Contains(briefLangs, it.Lang):
			t.Errorf("%s: lang %q", it.ID, it.Lang)
		case it.Label != "opinion" && it.Label != "news":
			t.Errorf("%s: label %q", it.ID, it.Label)
		case it.Title == "" || strings.Count(it.Text, "\n") < 2 || it.Note == "":
			t.Errorf("%s: needs a title, a note and a text of three lines or more", it.ID)
		}
		ids[it.ID] = true
		count[it.Lang+" "+it.Label]++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for _, lang := range briefLangs {
		for _, label := range []string{"opinion", "news"} {
			if n := count[lang+" "+label]; n < 12 {
				t.Errorf("%d %s %s items, want ≥ 12", n, lang, label)
			}
		}
	}
}

func TestBriefSentenceFixture(t *testing.T) {
	rows := readTSV(t, "sentences.tsv", "lang", "text", "sentences", "rule")
	noSpace := func(s string) string {
		return strings.Map(func(r rune) rune {
			if unicode.IsSpace(r) {
				return -1
			}
			return r
		}, s)
	}
	count := map[string]int{}
	for i, r := range rows {
		text := strings.ReplaceAll(r[1], `\n`, "\n")
		sents := strings.Split(r[2], " ||| ")
		if slices.Contains(sents, "") {
			t.Errorf("row %d: an empty sentence", i+2)
		}
		// The expected split must neither drop nor change a character of the
		// text, only cut it (whitespace aside).
		if got, want := noSpace(strings.Join(sents, "")), noSpace(text); got != want {
			t.Errorf("row %d: sentences do not rebuild the text:\n%q\n%q", i+2, got, want)
		}
		count[r[0]]++
	}
	for lang, min := range map[string]int{"en": 50, "ru": 45, "ja": 20} {
		if count[lang] < min {
			t.Errorf("%d %s cases, want ≥ %d", count[lang], lang, min)
		}
	}
}

// parseFlags reads "-" or space-separated flag emoji (two regional
// indicators each).
func parseFlags(s string) ([]string, error) {
	if s == "-" {
		return nil, nil
	}
	var out []string
	for _, f := range strings.Split(s, " ") {
		rs := []rune(f)
		if len(rs) != 2 || rs[0] < 0x1F1E6 || rs[0] > 0x1F1FF || rs[1] < 0x1F1E6 || rs[1] > 0x1F1FF {
			return nil, fmt.Errorf("not a flag: %q", f)
		}
		out = append(out, f)
	}
	return out, nil
}

func TestBriefFlagsFixture(t *testing.T) {
	rows := readTSV(t, "flags.tsv", "lang", "headline", "lead", "flags", "optional", "note")
	count := map[string]int{}
	for i, r := range rows {
		req, err1 := parseFlags(r[3])
		opt, err2 := parseFlags(r[4])
		if err1 != nil || err2 != nil {
			t.Errorf("row %d: %v %v", i+2, err1, err2)
		}
		for _, f := range req {
			if slices.Contains(opt, f) {
				t.Errorf("row %d: %s both required and optional", i+2, f)
			}
		}
		count[r[0]]++
	}
	for _, lang := range briefLangs {
		if count[lang] < 10 {
			t.Errorf("%d %s rows, want ≥ 10", count[lang], lang)
		}
	}
	for _, want := range []string{"米中西部", "官房長官", "США"} {
		if !slices.ContainsFunc(rows, func(r []string) bool { return strings.Contains(r[1]+r[2], want) }) {
			t.Errorf("no row names %q", want)
		}
	}
}

// feedDoc holds what the fixtures' Atom and RSS 2.0 feeds have in common.
type feedDoc struct {
	Title   string `xml:"title"`
	Channel struct {
		Title string `xml:"title"`
		Items []struct {
			Link string `xml:"link"`
		} `xml:"item"`
	} `xml:"channel"`
	Entries []struct {
		Link struct {
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Author  string `xml:"author>name"`
		Content string `xml:"content"`
	} `xml:"entry"`
}

func TestBriefExpectFixture(t *testing.T) {
	exp, err := labelled.ReadExpect(filepath.Join(briefDir, "expect.json"))
	if err != nil {
		t.Fatal(err)
	}
	if exp.Version != 1 || len(exp.Events) == 0 || len(exp.Repeats) == 0 {
		t.Fatalf("version %d, %d events, %d repeats", exp.Version, len(exp.Events), len(exp.Repeats))
	}
	for id, ev := range exp.Events {
		for _, f := range slices.Concat(ev.Flags, ev.FlagsOptional) {
			if _, err := parseFlags(f); err != nil || ev.About == "" {
				t.Errorf("event %s: %v", id, err)
			}
		}
	}
	files := map[string]bool{}
	for _, fx := range exp.Fixtures {
		files[fx.File] = true
		t.Run(fx.File, func(t *testing.T) { checkBriefFixture(t, exp, fx) })
	}
	for _, want := range []string{"feeds/hatena-aggregator.xml", "feeds/wire.xml", "feeds/wire-ru.xml", "feeds/wire-ja.xml", "feeds/channel.xml", "feeds/hatena-aggregator-2.xml", "feeds/wire-ja-2.xml"} {
		if !files[want] {
			t.Errorf("no expectations for %s", want)
		}
	}
	var all strings.Builder
	for f := range files {
		raw, err := os.ReadFile(filepath.Join(briefDir, f))
		if err != nil {
			t.Fatal(err)
		}
		all.WriteString(html.UnescapeString(html.UnescapeString(string(raw))))
	}
	for _, r := range exp.Repeats {
		if !strings.Contains(all.String(), r.A) || !strings.Contains(all.String(), r.B) {
			t.Errorf("repeat %q / %q is not in the feeds", r.A, r.B)
		}
	}
}

func checkBriefFixture(t *testing.T, exp *labelled.Expect, fx labelled.ExpectFixture) {
	raw, err := os.ReadFile(filepath.Join(briefDir, fx.File))
	if err != nil {
		t.Fatal(err)
	}
	var doc feedDoc
	if err := xml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	// Content is HTML inside XML: unescape twice to search the reader's text.
	text := html.UnescapeString(html.UnescapeString(string(raw)))
	if fx.HeadlineForbidden == nil || !slices.Contains(briefLangs, fx.Lang) {
		t.Errorf("fixture needs a lang and headline_forbidden")
	}
	var links []string
	switch fx.Format {
	case "atom":
		if doc.Title != fx.FeedTitle || len(doc.Entries) == 0 {
			t.Fatalf("feed %q with %d entries, want %q with entries", doc.Title, len(doc.Entries), fx.FeedTitle)
		}
		for _, e := range doc.Entries {
			if e.Author != fx.Author || e.Content == "" {
				t.Errorf("entry %s: author %q, want the blogger %q, and content", e.Link.Href, e.Author, fx.Author)
			}
			links = append(links, e.Link.Href)
		}
	case "rss":
		if doc.Channel.Title != fx.FeedTitle || len(doc.Channel.Items) != len(fx.Items) {
			t.Fatalf("channel %q with %d items, want %q with one per expectation (%d)",
				doc.Channel.Title, len(doc.Channel.Items), fx.FeedTitle, len(fx.Items))
		}
		for _, it := range doc.Channel.Items {
			links = append(links, it.Link)
		}
	default:
		t.Fatalf("format %q", fx.Format)
	}
	shapes := map[string]bool{}
	sources := map[string]bool{}
	opinions := 0
	for _, it := range fx.Items {
		where := fmt.Sprintf("%s (%s)", it.URL, fx.File)
		shapes[it.Shape] = true
		sources[it.URL] = true
		if it.Opinion {
			opinions++
		}
		if !strings.Contains(text, it.URL) {
			t.Errorf("%s: URL not in the feed", where)
		}
		if fx.Format == "rss" && !slices.Contains(links, it.URL) {
			t.Errorf("%s: not an item link", where)
		}
		if fx.Format == "atom" && !slices.Contains(links, it.Entry) {
			t.Errorf("%s: entry %q is not an entry link", where, it.Entry)
		}
		if it.Opinion != (it.Event == "") {
			t.Errorf("%s: an opinion item has no event, a news item has one", where)
		}
		if _, ok := exp.Events[it.Event]; it.Event != "" && !ok {
			t.Errorf("%s: unknown event %q", where, it.Event)
		}
		for _, j := range it.MayJoin {
			if _, ok := exp.Events[j]; !ok {
				t.Errorf("%s: unknown may_join event %q", where, j)
			}
		}
		for _, lang := range briefLangs {
			if it.Outlet[lang] == "" {
				t.Errorf("%s: no %s outlet name", where, lang)
			}
		}
		if len(it.Outlet) != 3 || !slices.Contains(briefLangs, it.Lang) {
			t.Errorf("%s: outlet must name ja, en and ru; lang %q", where, it.Lang)
		}
		if !slices.Contains([]string{"", "settled", "speculative", "truncated"}, it.TitleStatus) {
			t.Errorf("%s: title_status %q", where, it.TitleStatus)
		}
		for _, q := range it.Quotes {
			if n := utf8.RuneCountInString(q.Quote); n == 0 || n > 10 || q.Text != "" || !strings.Contains(text, q.Quote) {
				t.Errorf("%s: quote %q must be the first ≤ 10 characters of a quotation in the feed", where, q.Quote)
			}
			checkSpeaker(t, where, it.Lang, q)
		}
		for _, c := range it.Claims {
			if c.Text == "" || c.Quote != "" || !strings.Contains(text, c.Text) {
				t.Errorf("%s: claim %q not in the feed", where, c.Text)
			}
			checkSpeaker(t, where, it.Lang, c)
		}
		for _, s := range it.NotFacts {
			if !strings.Contains(text, s) {
				t.Errorf("%s: not_facts %q not in the feed", where, s)
			}
		}
	}
	if fx.Kind == "hatena-aggregator" {
		if len(sources) < 8 || opinions == 0 {
			t.Errorf("%d sources and %d opinion blocks, want ≥ 8 and ≥ 1", len(sources), opinions)
		}
		for _, s := range []string{"blockquote-cite", "blockquote-cite-bare", "link-card", "link-paragraph"} {
			if !shapes[s] {
				t.Errorf("no block of shape %s", s)
			}
		}
	}
}

// checkSpeaker wants a speaker named as the item's language names them, and
// the key a brief line in each language must hold to name that speaker.
func checkSpeaker(t *testing.T, where, lang string, s labelled.ExpectSpeech) {
	t.Helper()
	if len(s.SpeakerKeys) != 3 || !strings.Contains(s.Speaker, s.SpeakerKeys[lang]) {
		t.Errorf("%s: %q: speaker %q must hold its %s key; keys in ja, en and ru", where, s.Quote+s.Text, s.Speaker, lang)
	}
	for _, lang := range briefLangs {
		if s.SpeakerKeys[lang] == "" {
			t.Errorf("%s: %q has no %s speaker key", where, s.Quote+s.Text, lang)
		}
	}
}
