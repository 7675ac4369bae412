package digest_test

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"briefbot"
	"briefbot/digest"
	"briefbot/feed"
	"briefbot/internal/labelled"
)

// fixtureTime is when the fixture feeds are read: the day after the call.
var fixtureTime = time.Date(2026, 3, 13, 12, 0, 0, 0, time.UTC)

var fixtureFeeds = []struct{ file, lang string }{
	{"hatena-aggregator.xml", "ja"},
	{"wire.xml", "en"},
	{"wire-ru.xml", "ru"},
	{"wire-ja.xml", "ja"},
	{"channel.xml", "ja"},
	{"wire-en-monday.xml", "en"},
	{"wire-ru-monday.xml", "ru"},
	{"hatena-aggregator-2.xml", "ja"},
	{"wire-ja-2.xml", "ja"},
}

// pipelineItems runs a feed file through the pipeline's pure steps as the
// scheduler does: parse, split, topic, commentary held back.
func pipelineItems(t testing.TB, path, lang string, firstID int64, now time.Time) []briefbot.Item {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := feed.Parse(bytes.NewReader(raw), "", now, lang)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var items []briefbot.Item
	for i, p := range res.Posts {
		p.ID = firstID + int64(i)
		p.FeedName = res.Title
		for _, it := range digest.Split(p) {
			it.PostID = p.ID
			it.FeedName = p.FeedName
			it.Topics = []string{"world"}
			if it.FetchedAt.IsZero() {
				it.FetchedAt = p.FetchedAt
			}
			if it.Published.IsZero() || it.Published.After(it.FetchedAt) {
				it.Published = it.FetchedAt
			}
			if it.Language == "" {
				it.Language = p.Language
			}
			it.Opinion, it.OpinionReason = digest.Opinion(it) // as the scheduler sets them
			it.Deliver = !it.Opinion
			items = append(items, it)
		}
	}
	return items
}

// fixtureStories clusters the items of all the fixture feeds together.
func fixtureStories(t testing.TB) []*briefbot.Story {
	var items []briefbot.Item
	for i, f := range fixtureFeeds {
		items = append(items, pipelineItems(t, filepath.Join("testdata", "brief", "feeds", f.file), f.lang, int64(100*(i+1)), fixtureTime)...)
	}
	return digest.Cluster(nil, items, digest.ClusterOptions{}).Stories
}

var fixtureOpt = digest.RenderOptions{Location: time.UTC, Hashtags: map[string]string{"world": "国際"}}

// The hand-labelled fixture feeds, parsed and clustered together, make
// the briefs of testdata/golden/fixtures.html; run with -update after
// reading the diff as a reader would.
func TestGoldenFixtures(t *testing.T) {
	doc, briefs := digest.RenderAllForTest(fixtureStories(t), fixtureOpt)
	for _, b := range briefs {
		digest.CheckStyleForTest(t, b, 0)
	}
	digest.CheckGoldenForTest(t, "fixtures.html", doc)
}

// briefLine is one line of a brief as a reader sees it.
type briefLine struct {
	mark string // "headline", "lead", "🔸", "🗨️", "ℹ️", "📰", "#"
	text string // unescaped, tags removed
}

var tagRe = regexp.MustCompile(`<[^>]*>`)

// readBrief splits a brief's HTML into its lines.
func readBrief(b briefbot.Brief) []briefLine {
	var out []briefLine
	for i, l := range strings.Split(b.HTML, "\n") {
		t := html.UnescapeString(tagRe.ReplaceAllString(l, ""))
		switch {
		case t == "":
		case i == 0:
			out = append(out, briefLine{"headline", strings.Trim(t, "【】")})
		case strings.HasPrefix(t, "🔸"), strings.HasPrefix(t, "🗨️"), strings.HasPrefix(t, "ℹ️"), strings.HasPrefix(t, "📰"), strings.HasPrefix(t, "#"):
			for _, m := range []string{"🔸", "🗨️", "ℹ️", "📰", "#"} {
				if strings.HasPrefix(t, m) {
					out = append(out, briefLine{m, strings.TrimSpace(strings.TrimPrefix(t, m))})
					break
				}
			}
		default:
			out = append(out, briefLine{"lead", t})
		}
	}
	return out
}

// The labels of expect.json, read as a reader would read the briefs: the
// rules of a headline, no filler as a fact, every quotation with its
// speaker, every party's claim with its verb of saying, no repeated fact.
func TestBriefFixtureExpectations(t *testing.T) {
	exp, err := labelled.ReadExpect(filepath.Join("testdata", "brief", "expect.json"))
	if err != nil {
		t.Fatal(err)
	}
	byURL := map[string]labelled.ExpectItem{}
	forbidden := map[string][]string{}
	for _, fx := range exp.Fixtures {
		for _, it := range fx.Items {
			byURL[it.URL] = it
			forbidden[it.URL] = append(forbidden[it.URL], fx.HeadlineForbidden...)
			forbidden[it.URL] = append(forbidden[it.URL], it.HeadlineForbidden...)
		}
	}
	stories := fixtureStories(t)
	for si, s := range stories {
		b := digest.Render(s, fixtureOpt)
		lines := readBrief(b)
		where := fmt.Sprintf("story %d %q", si+1, b.Headline)
		checkHeadline(t, where, b, lines)
		var labels []labelled.ExpectItem
		for _, it := range s.Items {
			if l, ok := byURL[it.URL]; ok {
				labels = append(labels, l)
				for _, f := range forbidden[it.URL] {
					if strings.Contains(b.Headline, f) {
						t.Errorf("%s: headline holds %q", where, f)
					}
				}
			}
		}
		for _, l := range labels {
			for _, nf := range l.NotFacts {
				for _, bl := range lines {
					if bl.mark != "📰" && bl.mark != "#" && bl.mark != "🗨️" && strings.Contains(bl.text, nf) {
						t.Errorf("%s: %s line holds filler %q", where, bl.mark, nf)
					}
				}
			}
			for _, q := range l.Quotes {
				for k, bl := range lines {
					if bl.mark == "🗨️" && strings.Contains(bl.text, q.Quote) {
						key := q.SpeakerKeys[b.Language]
						if !strings.Contains(bl.text, key) && (k == 0 || !strings.Contains(lines[k-1].text, key)) {
							t.Errorf("%s: 🗨️ %q does not name %s", where, bl.text, q.Speaker)
						}
					}
				}
			}
			for _, c := range l.Claims {
				for _, bl := range lines {
					if (bl.mark == "🔸" || bl.mark == "lead") && strings.Contains(bl.text, c.Text) &&
						!strings.Contains(bl.text, c.SpeakerKeys[b.Language]) && !digest.SaysForTest(bl.text, b.Language) {
						t.Errorf("%s: claim %q shown without its speaker or a verb of saying: %q", where, c.Text, bl.text)
					}
				}
			}
		}
		for _, r := range exp.Repeats {
			a := slices.ContainsFunc(lines, func(bl briefLine) bool { return strings.Contains(bl.text, r.A) })
			bb := slices.ContainsFunc(lines, func(bl briefLine) bool { return strings.Contains(bl.text, r.B) })
			if a && bb {
				t.Errorf("%s: shows both %q and %q", where, r.A, r.B)
			}
		}
	}
}

// checkHeadline holds a headline to the house rules: no emoji or bidi
// control, no outlet alone, 12–40 visible characters in Japanese and 20–100
// in English and Russian, and not the lead sentence again.
func checkHeadline(t *testing.T, where string, b briefbot.Brief, lines []briefLine) {
	t.Helper()
	h := b.Headline
	for _, r := range h {
		if r >= 0x1F000 || r == 0xFE0F || r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r >= 0x2600 && r <= 0x27BF {
			t.Errorf("%s: headline holds %U", where, r)
		}
	}
	n := utf8.RuneCountInString(h)
	lo, hi := 20, 100
	if b.Language == "ja" {
		lo, hi = 12, 40
	}
	if n < lo || n > hi {
		t.Errorf("%s: headline of %d characters, want %d–%d", where, n, lo, hi)
	}
	for _, bl := range lines {
		if bl.mark == "lead" && strings.Trim(bl.text, "。.") == h {
			t.Errorf("%s: the lead is the headline again", where)
		}
	}
}
